"""Every kind of bad input gets one clear line per problem, exit status 1, and no traceback.

Each case breaks the tiny corpus in one way, runs `k2graph check` and `k2graph build` as a user
would, and checks the message names the file, the line or record, the field and a fix — and that
the build wrote nothing.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from factory import CLAIMS, DOCUMENT, ENTITIES, SKIPPED, SOURCE, make_corpus

from k2graph.cli import main
from k2graph.exports.registry import EXPORTS


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def check_and_build(sources: Path, out: Path) -> tuple[Result, Result]:
    checked = run("check", "--sources", str(sources), "--out", str(out))
    built = run("build", "--sources", str(sources), "--out", str(out))
    return checked, built


def assert_refused(sources: Path, tmp_path: Path, *fragments: str) -> str:
    out = tmp_path / "out"
    checked, built = check_and_build(sources, out)
    for result in (checked, built):
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        for fragment in fragments:
            assert fragment in result.stderr, result.stderr
    assert not out.exists() or not any(out.iterdir())
    return checked.stderr


def claims_with(old: str, new: str) -> str:
    assert old in CLAIMS
    return CLAIMS.replace(old, new, 1)


CASES = {
    "yaml syntax": (
        {"claims": CLAIMS + "  - [unclosed\n"},
        ["tiny/claims.yaml:", "YAML syntax error", "fix: correct the YAML"],
    ),
    "unknown field": (
        {"claims": claims_with("      modality: asserted", "      modalty: asserted")},
        [
            "claims.yaml:7: record 1: field 'attestation.modalty': unknown field",
            "did you mean 'modality'?",
        ],
    ),
    "missing field": (
        {"claims": claims_with("      basis: none\n", "")},
        ["record 1: field 'attestation.basis': required field is missing", "add 'basis'"],
    ),
    "anchor and alias": (
        {"claims": claims_with("speaker: author", "speaker: &who author")},
        ["claims.yaml:6:", "anchor '&who' is not allowed"],
    ),
    "duplicate key": (
        {"claims": claims_with("      basis: none\n", "      basis: none\n      basis: none\n")},
        ["claims.yaml:9:", "duplicate key 'basis' (first at line 8)"],
    ),
    "yaml 1.1 no": (
        {"claims": claims_with("speaker: author", "speaker: no")},
        ["claims.yaml:6:", "unquoted 'no' is read as a boolean", 'write "no" in quotes'],
    ),
    "yaml 1.1 octal": (
        {"claims": claims_with("speaker: author", "speaker: 012")},
        ["unquoted '012' is a number with a leading zero"],
    ),
    "yaml 1.1 sexagesimal": (
        {"claims": claims_with("speaker: author", "speaker: 12:30:00")},
        ["unquoted '12:30:00' is a sexagesimal number"],
    ),
    "number where text is expected": (
        {"claims": claims_with("speaker: author", "speaker: 12")},
        [
            "field 'attestation.speaker': expected text, got the number 12",
            "put the value in quotes",
        ],
    ),
    "deep nesting": (
        {"claims": "records: " + "[" * 5000},
        ["tiny/claims.yaml:1:", "nesting deeper than 32 levels"],
    ),
    "unknown entity": (
        {"claims": claims_with("object: MGP", "object: MGB")},
        ["field 'claim.object': unknown entity 'MGB'", "did you mean 'MGP'?"],
    ),
    "unknown predicate": (
        {"claims": claims_with("predicate: activates", "predicate: activate")},
        ["field 'claim.predicate': unknown predicate 'activate'", "did you mean activates"],
    ),
    "unknown speaker": (
        {"claims": claims_with("speaker: author", "speaker: editor")},
        ["field 'attestation.speaker': unknown speaker 'editor'", "author, reader"],
    ),
    "unknown source": (
        {
            "conflicts": "conflicts:\n  - {kind: degree, a: tinny/activates, b: tiny/dose,"
            " rationale: x}\n"
        },
        ["conflicts.yaml:2: conflict 1: field 'a': unknown source 'tinny'", "did you mean 'tiny'?"],
    ),
    "unknown record key": (
        {
            "conflicts": "conflicts:\n  - {kind: degree, a: tiny/activate, b: tiny/dose,"
            " rationale: x}\n"
        },
        ["no record with key 'activate' in source 'tiny'", "did you mean 'activates'?"],
    ),
    "quote not found": (
        {
            "claims": claims_with(
                "MK-7 has a half-life of ~72 hours.", "MK-7 has a half life of ~72 hours."
            )
        },
        [
            "record 2: field 'attestation.quote': quote not found; nearest match at line 3",
            "quote has ' ', document has '-'",
            "copy the exact words",
        ],
    ),
    "ambiguous quote": (
        {"claims": claims_with("occurrence: 2, ", "")},
        [
            "record 3: field 'attestation.quote': quote is ambiguous: it occurs 2 times "
            "(1: line 4, 2: line 4)",
            "add `occurrence: N`",
        ],
    ),
    "invalid utf-8": (
        {"document": DOCUMENT.encode("utf-8")[:20] + b"\xff\xfe" + b"rest"},
        ["tiny/document.txt: not valid UTF-8: byte 0xff at byte offset 20"],
    ),
    "duplicate record": (
        {
            "claims": CLAIMS
            + CLAIMS.split("records:\n", 1)[1]
            .split("  - key: half-life")[0]
            .replace("  - key: activates\n", "  - \n")
        },
        ["record 5: duplicate record: the same claim, speaker and quote as record 1"],
    ),
    "bad quantity": (
        {"claims": claims_with("{value: 72, unit: hours,", "{value: 72, unit: blorps,")},
        ["field 'claim.quantity': unknown unit 'blorps'"],
    ),
    "object where a quantity belongs": (
        {
            "claims": claims_with(
                "quantity: {value: 72, unit: hours, approximate: true}", "object: MGP"
            )
        },
        ["record 2: field 'claim': predicate 'has_half_life' takes a `quantity`, not an `object`"],
    ),
    "cited work missing": (
        {"claims": claims_with("basis_work: a-trial", "basis_work: b-trial")},
        [
            "field 'attestation.basis_work': basis cited_work needs a `basis_work` from "
            "source.yaml, got 'b-trial'",
            "use one of: a-trial",
        ],
    ),
    "reused record key": (
        {"claims": claims_with("  - key: half-life", "  - key: activates")},
        ["record 2: field 'key': key 'activates' is used by another record in this file"],
    ),
    "conflict with itself": (
        {"conflicts": "conflicts:\n  - {kind: degree, a: tiny/dose, b: tiny/dose, rationale: x}\n"},
        ["conflict 1: field 'b': both sides name the same attestation"],
    ),
    "sentence neither curated nor skipped": (
        {"skipped": None},
        [
            'tiny/document.txt:4: sentence neither curated nor skipped: "Take 180 µg daily."',
            "or a skip with its reason to skipped.yaml",
        ],
    ),
    "skip quote not found": (
        {"skipped": SKIPPED.replace("Take 180 µg daily.", "Take 181 µg daily.")},
        ["tiny/skipped.yaml:2: skip 1: field 'quote': quote not found; nearest match at line 4"],
    ),
    "skip reason unknown": (
        {"skipped": SKIPPED.replace("reason: other", "reason: boring")},
        ["tiny/skipped.yaml:4: skip 1: field 'reason': 'boring' is not allowed", "'navigation'"],
    ),
    "skip reason other without a note": (
        {"skipped": SKIPPED.split("    note:")[0]},
        ["tiny/skipped.yaml:", "skip 1:", "reason `other` needs a `note`"],
    ),
    "inference from an unknown key": (
        {
            "claims": claims_with(
                "basis: own_experience}",
                "basis: own_inference,\n                  inferred_from: [half-lives]}",
            )
        },
        [
            "record 4: field 'attestation.inferred_from.0': no record with key 'half-lives'",
            "use a key of this file: activates, dose, half-life, no-reversal",
        ],
    ),
    "inference from itself": (
        {
            "claims": claims_with(
                "basis: own_experience}",
                "basis: own_inference,\n                  inferred_from: [no-reversal]}",
            )
        },
        ["record 4: field 'attestation.inferred_from.0': a record cannot be inferred from itself"],
    ),
    "inference link without an inference": (
        {
            "claims": claims_with(
                "basis: own_experience}", "basis: none,\n                  inferred_from: [dose]}"
            )
        },
        ["field 'attestation.inferred_from': `inferred_from` is only allowed with basis: own"],
    ),
    "broader names no entity": (
        {
            "entities": ENTITIES.replace(
                "    synonyms: [MGP]\n", "    synonyms: [MGP]\n    broader: [proteins]\n"
            )
        },
        [
            "entities.yaml:",
            "entity 2: field 'broader.0': broader 'proteins' is not a known entity name",
        ],
    ),
    "broader in a circle": (
        {
            "entities": ENTITIES.replace(
                "    synonyms: [MK-7, MK7, vitamin K2]\n",
                "    synonyms: [MK-7, MK7, vitamin K2]\n    broader: [MGP]\n",
            ).replace("    synonyms: [MGP]\n", "    synonyms: [MGP]\n    broader: [MK-7]\n")
        },
        ["circular `broader` links"],
    ),
    "entity name clash": (
        {"entities": ENTITIES + "  - name: MGP protein\n    type: protein\n    synonyms: [mgp]\n"},
        ["entities.yaml", "name 'mgp' already belongs to entity 'matrix Gla protein'"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_refused_clearly(case: str, tmp_path: Path) -> None:
    overrides, fragments = CASES[case]
    sources = make_corpus(tmp_path, **overrides)  # type: ignore[arg-type]
    assert_refused(sources, tmp_path, *fragments)


def test_document_changed_since_its_recorded_sha256(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path)
    (sources / "tiny" / "document.txt").write_text(DOCUMENT + "edited\n", encoding="utf-8")
    stderr = assert_refused(sources, tmp_path, "tiny/source.yaml:3:", "field 'sha256'")
    assert "document.txt changed since its recorded SHA-256" in stderr
    assert "set sha256 to " in stderr


def test_speaker_naming_an_unknown_work(tmp_path: Path) -> None:
    source = SOURCE.replace("description: the last line", "description: x\n    work: z-trial")
    sources = make_corpus(tmp_path)
    folder = sources / "tiny"
    sha = hashlib.sha256((folder / "document.txt").read_bytes()).hexdigest()
    (folder / "source.yaml").write_text(source.format(sha=sha), encoding="utf-8")
    assert_refused(
        sources,
        tmp_path,
        "field 'speakers.1.work': speaker 'reader' names work 'z-trial', which is not in `works`",
    )


def test_empty_sources_folder(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    assert_refused(sources, tmp_path, "no sources found", "add one folder per document")


def test_missing_sources_folder(tmp_path: Path) -> None:
    assert_refused(tmp_path / "nowhere", tmp_path, "sources folder not found", "--sources")


def test_unknown_enum_value_lists_the_allowed_ones(tmp_path: Path) -> None:
    sha = "0" * 64
    source = SOURCE.format(sha=sha).replace("kind: blog_post", "kind: blog")
    sources = make_corpus(tmp_path, source=source)
    assert_refused(
        sources, tmp_path, "field 'kind': 'blog' is not allowed; expected", "'blog_post'"
    )


def test_check_lists_every_problem_not_only_the_first(tmp_path: Path) -> None:
    claims = claims_with("predicate: activates", "predicate: activate")
    claims = claims.replace("speaker: reader", "speaker: nobody")
    claims = claims.replace("MK-7 has a half-life", "MK-7 has a halflife")
    sources = make_corpus(tmp_path, claims=claims)
    stderr = assert_refused(sources, tmp_path, "3 problems found.")
    lines = [line for line in stderr.splitlines() if "tiny/claims.yaml" in line]
    assert len(lines) == 3
    assert [line.split(": ")[1] for line in lines] == ["record 1", "record 2", "record 4"]


def test_a_failed_build_keeps_the_previous_exports(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path)
    out = tmp_path / "out"
    assert run("build", "--sources", str(sources), "--out", str(out)).exit_code == 0
    names = sorted(EXPORTS)
    before = {name: (out / name).read_bytes() for name in names}
    (sources / "tiny" / "claims.yaml").write_text("records: [", encoding="utf-8")
    assert run("build", "--sources", str(sources), "--out", str(out)).exit_code == 1
    assert {name: (out / name).read_bytes() for name in names} == before
    assert sorted(p.name for p in out.iterdir()) == [".k2graph-build.lock", *names]
