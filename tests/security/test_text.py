"""Items 6, 8 and 14: text and numbers that would act on a terminal, pass for another name, or
turn into infinity.

Control characters and bidirectional overrides are refused in curated text (however the YAML or
JSON spells them) and in documents, with the file, the line and a fix; what comes from elsewhere
(a SPARQL literal, an endpoint's message) is printed with such characters escaped. Names that
look alike, or hold an invisible character, are refused; names in other scripts get slugs that
cannot meet. Numbers must be finite, and the hint for a quote that is not found never fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from factory import CLAIMS, DOCUMENT, ENTITIES, SOURCE, make_corpus

from k2graph.cli import main
from k2graph.identifiers import slugify
from security.hostile import raw_server, send_then_close

ESC = "\x1b"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def check(sources: Path) -> Result:
    return run("check", "--sources", str(sources), "--no-exports")


def refused(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert ESC not in result.output
    assert "\u202e" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


def source_yaml(document: str = DOCUMENT) -> str:
    import hashlib

    return SOURCE.format(sha=hashlib.sha256(document.encode()).hexdigest())


# --- 6: curated text and documents ----------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "what"),
    [
        ('"\\e]0;owned\\a A tiny page"', "U+001B (ESCAPE) at character 1"),
        ('"erase \\x1b[2K line"', "U+001B (ESCAPE) at character 7"),
        ('"clipboard \\e]52;c;ZWNobw==\\a"', "U+001B (ESCAPE)"),
        ('"a NUL \\0 byte"', "U+0000"),
        ('"right \\u202e to left"', "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ('"a C1 \\x9b control"', "U+009B"),
    ],
    ids=["window title", "erase line", "OSC 52 clipboard", "NUL", "RTL override", "CSI"],
)
def test_control_characters_in_curated_text_are_refused(
    title: str, what: str, tmp_path: Path
) -> None:
    source = source_yaml().replace("title: A tiny page", f"title: {title}")
    sources = make_corpus(tmp_path, source=source)
    refused(check(sources), "tiny/source.yaml:1:", f"holds the control character {what}")


def test_control_characters_written_as_json_escapes_are_refused(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path)
    path = sources / "tiny" / "claims.yaml"
    records = {
        "records": [
            {
                "key": "x",
                "claim": {"subject": "MK-7\u001b[2K", "predicate": "activates", "object": "MGP"},
            }
        ]
    }
    path.write_text(json.dumps(records), encoding="utf-8")
    refused(check(sources), "tiny/claims.yaml:1:", "U+001B (ESCAPE)")


def test_a_control_character_in_a_document_is_refused(tmp_path: Path) -> None:
    document = DOCUMENT.replace("MK-7 has", f"MK-7 {ESC}[8m has")
    sources = make_corpus(tmp_path, document=document, source=source_yaml(document))
    refused(check(sources), "tiny/document.txt:3:", "U+001B (ESCAPE) at column 6")


def test_the_built_graph_never_holds_a_control_character(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--sources", str(make_corpus(tmp_path)), "--out", str(out)).exit_code == 0
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        assert ESC not in text, path.name
        assert "\x00" not in text, path.name


# --- 6: names -------------------------------------------------------------------------------


def entities_with(extra: str) -> str:
    return ENTITIES + extra


def test_a_name_in_look_alike_letters_is_refused(tmp_path: Path) -> None:
    # "menaquinone-7" with a Cyrillic ie (U+0435) for its first "e".
    fake = "m\u0435naquinone-7"
    extra = f"  - name: {fake}\n    type: chemical\n"
    refused(
        check(make_corpus(tmp_path, entities=entities_with(extra))),
        "looks the same as 'menaquinone-7'",
    )


def test_a_synonym_with_an_invisible_character_is_refused(tmp_path: Path) -> None:
    extra = '  - name: warfarin\n    type: chemical\n    synonyms: ["Couma\\u200bdin"]\n'
    refused(
        check(make_corpus(tmp_path, entities=entities_with(extra))),
        "U+200B (ZERO WIDTH SPACE)",
    )


def test_names_in_other_scripts_get_slugs_that_cannot_meet(tmp_path: Path) -> None:
    names = ["\u30d3\u30bf\u30df\u30f3", "\u30ef\u30eb\u30d5\u30a1\u30ea\u30f3", "\u03b2-carotene"]
    slugs = {slugify(name) for name in names}
    assert len(slugs) == 3, slugs
    assert slugify("\u03b2-carotene") != slugify("carotene")
    assert slugify("matrix Gla protein") == "matrix-gla-protein"  # ASCII names keep their slug
    extra = "".join(f"  - name: {name}\n    type: chemical\n" for name in names)
    extra += "  - name: carotene\n    type: chemical\n"
    result = check(make_corpus(tmp_path, entities=entities_with(extra)))
    assert "same identifier" not in result.output


# --- 6: what comes from elsewhere is printed escaped -----------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv"])
def test_a_literal_with_escapes_from_the_data_is_printed_escaped(fmt: str, tmp_path: Path) -> None:
    data = tmp_path / "hostile.nq"
    literal = ox.Literal(f"{ESC}]0;owned\x07 title \u202e")
    quad = ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), literal)
    ox.serialize([quad], str(data), format=ox.RdfFormat.N_QUADS)
    result = run("sparql", "SELECT ?o WHERE { ?s ?p ?o }", "--data", str(data), "--format", fmt)
    assert result.exit_code == 0, result.output
    for raw in (ESC, "\x07", "\u202e"):
        assert raw not in result.stdout
    assert "\\x1b]0;owned\\x07 title \\u202e" in result.stdout


def test_an_endpoint_message_with_escapes_is_printed_escaped() -> None:
    body = f"{ESC}[2J{ESC}]0;owned\x07 bad query".encode()
    answer = b"HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    with raw_server(send_then_close(answer)) as base:
        result = run("sparql", "ASK {}", "--endpoint", f"{base}/q")
    refused(result, "\\x1b[2J\\x1b]0;owned\\x07 bad query")


# --- 14: finite numbers ---------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["1e400", "-1e400"])
def test_a_quantity_too_large_to_represent_is_refused(spelling: str, tmp_path: Path) -> None:
    claims = CLAIMS.replace("value: 72,", f"value: {spelling},")
    refused(check(make_corpus(tmp_path, claims=claims)), "too large to represent")


def test_a_quantity_too_large_in_json_is_refused(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path)
    records = {
        "records": [
            {
                "key": "half-life",
                "claim": {
                    "subject": "MK-7",
                    "predicate": "has_half_life",
                    "quantity": {"value": 1e308, "unit": "hours"},
                },
            }
        ]
    }
    text = json.dumps(records).replace("1e+308", "1e400")
    (sources / "tiny" / "claims.yaml").write_text(text, encoding="utf-8")
    refused(check(sources), "too large to represent")


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf"])
def test_evidence_weights_must_be_finite(weight: str, tmp_path: Path) -> None:
    weights = tmp_path / "weights.toml"
    weights.write_text(f"[modality]\nasserted = {weight}\n", encoding="utf-8")
    sources = make_corpus(tmp_path)
    for command in ("check", "build"):
        result = run(command, "--sources", str(sources), "--out", str(tmp_path / "out"),
                     "--evidence-config", str(weights))  # fmt: skip
        refused(result, "modality.asserted", "expected a finite number")
    assert not (tmp_path / "out").exists()


# --- 8: no traceback ------------------------------------------------------------------------


def test_a_quote_with_extra_words_before_the_document_start_gets_a_hint(tmp_path: Path) -> None:
    claims = CLAIMS.replace(
        'quote: \'Vitamin K2 "activates" MGP',
        'quote: \'Some extra words first: Vitamin K2 "activates" MGP',
    )
    refused(check(make_corpus(tmp_path, claims=claims)), "quote not found")


def test_a_deeply_nested_evidence_config_is_one_line(tmp_path: Path) -> None:
    weights = tmp_path / "weights.toml"
    weights.write_text("a = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    refused(
        run("check", "--sources", str(make_corpus(tmp_path)), "--evidence-config", str(weights)),
        "nested too deeply",
    )


# --- the independent attack's findings ------------------------------------------------------


@pytest.mark.parametrize("form", ["yaml", "json"])
def test_a_number_with_thousands_of_digits_is_one_line(form: str, tmp_path: Path) -> None:
    digits = "9" * 5000
    sources = make_corpus(tmp_path, claims=CLAIMS.replace("value: 72,", f"value: {digits},"))
    if form == "json":
        records = {"records": [{"key": "x", "claim": {"quantity": {"value": 1}}}]}
        text = json.dumps(records).replace('"value": 1', f'"value": {digits}')
        (sources / "tiny" / "claims.yaml").write_text(text, encoding="utf-8")
    refused(check(sources), "a number written with 5,000 characters")


def test_a_look_alike_of_a_name_of_the_same_entity_is_refused(tmp_path: Path) -> None:
    # "MK7" with a Cyrillic ka (U+041A) for its "K", beside the real "MK7".
    entities = ENTITIES.replace("synonyms: [MK-7, MK7,", "synonyms: [MK-7, MK7, M\u041a7,")
    refused(check(make_corpus(tmp_path, entities=entities)), "looks the same as 'MK7'")


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("name: unknown", 'name: "Alice\\u2060"', "U+2060 (WORD JOINER)"),
        ("name: unknown", 'name: "\\u200bAlice"', "U+200B (ZERO WIDTH SPACE)"),
        ("description: the page's author", 'description: "an \\u061c author"', "U+061C"),
    ],
    ids=["word joiner", "zero-width space", "Arabic letter mark"],
)
def test_hidden_and_bidi_characters_in_any_curated_text_are_refused(
    old: str, new: str, what: str, tmp_path: Path
) -> None:
    source = source_yaml().replace(old, new, 1)
    refused(check(make_corpus(tmp_path, source=source)), what)
