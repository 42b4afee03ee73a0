"""Evidence strength: factors that add up, weights a user can change, origins counted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from k2graph.cli import main
from k2graph.evidence.config import default_config, load_config
from k2graph.evidence.score import CLAIM_RULE, label, score
from k2graph.model import (
    Attestation,
    Claim,
    CommercialInterest,
    Source,
    Speaker,
    TextPositionSelector,
    TextQuoteSelector,
    Work,
)
from k2graph.pipeline import build_graph
from k2graph.vocabulary import (
    Basis,
    CommercialStatus,
    GradeLabel,
    Modality,
    PublicationStatus,
    SourceKind,
    SpeakerKind,
    StudyDesign,
)


def test_every_attestation_has_factors_that_sum_to_its_score(tiny: Path) -> None:
    graph = build_graph(tiny)
    for attestation in graph.attestations:
        strength = attestation.strength
        assert strength is not None
        names = [f.name for f in strength.factors]
        assert names[:4] == ["design", "publication", "directness", "modality"]
        assert {"conflict_of_interest", "corroboration"} <= set(names)
        total = sum(f.contribution for f in strength.factors)
        assert strength.score == pytest.approx(min(1.0, max(0.0, total)), abs=1e-4)
        assert strength.label is label(strength.score, default_config())


def test_a_claim_takes_its_strongest_attestation(tiny: Path) -> None:
    graph = build_graph(tiny)
    for claim in graph.claims:
        mine = [a for a in graph.attestations if a.claim_id == claim.id]
        assert claim.strength is not None
        assert claim.strength.score == max(a.strength.score for a in mine if a.strength)
        assert claim.strength.rule == CLAIM_RULE


def test_labels_follow_the_thresholds() -> None:
    config = default_config()
    bounds = config.labels
    assert label(bounds["high"], config) is GradeLabel.HIGH
    assert label(bounds["high"] - 0.01, config) is GradeLabel.MODERATE
    assert label(bounds["low"], config) is GradeLabel.LOW
    assert label(bounds["low"] - 0.01, config) is GradeLabel.VERY_LOW


# --- origins: one paper quoted by three blogs counts once -----------------------------------


def _source(sid: str) -> Source:
    return Source(
        id=sid,
        title=sid,
        original_filename=f"{sid}.txt",
        sha256="0" * 64,
        kind=SourceKind.BLOG_POST,
        publication_status=PublicationStatus.PUBLISHED,
        peer_reviewed=False,
        commercial_interest=CommercialInterest(status=CommercialStatus.NONE_SHOWN, detail="-"),
        site="-",
        publisher="-",
        author="-",
        url="unknown",
        date="unknown",
        language="en",
        characters=1,
    )


def _work(wid: str, url: str) -> Work:
    return Work(
        id=wid,
        source_id=wid.split("--")[0],
        title="A trial",
        year=2012,
        url=url,
        design=StudyDesign.RCT,
        publication_status=PublicationStatus.PUBLISHED,
    )


def _attestation(aid: str, source_id: str, work_id: str | None) -> Attestation:
    return Attestation(
        id=aid,
        claim_id="c1",
        source_id=source_id,
        speaker_id=f"{source_id}--author",
        quote=TextQuoteSelector(exact="x", prefix="", suffix=""),
        position=TextPositionSelector(start=0, end=1),
        line=1,
        modality=Modality.ASSERTED,
        basis=Basis.CITED_WORK if work_id else Basis.NONE,
        basis_work_id=work_id,
    )


def _scored(attestations: list[Attestation], works: list[Work]) -> tuple[Claim, list[Attestation]]:
    sources = {a.source_id: _source(a.source_id) for a in attestations}
    speakers = {
        f"{s}--author": Speaker(
            id=f"{s}--author", source_id=s, kind=SpeakerKind.AUTHOR, name="-", description="-"
        )
        for s in sources
    }
    claim = Claim(id="c1", subject="mk-7", predicate="activates", object="mgp", text="t")
    claims, scored = score(
        default_config(),
        {"c1": claim},
        {a.id: a for a in attestations},
        sources,
        speakers,
        {w.id: w for w in works},
    )
    return claims["c1"], [scored[a.id] for a in attestations]


def test_one_paper_quoted_by_three_blogs_counts_once() -> None:
    url = "https://example.org/trial"
    works = [_work(f"blog{i}--trial", url) for i in (1, 2, 3)]
    blogs = [_attestation(f"a{i}", f"blog{i}", f"blog{i}--trial") for i in (1, 2, 3)]
    claim, scored = _scored(blogs, works)
    assert claim.strength is not None
    assert claim.strength.origins == ("work:https://example.org/trial",)
    for attestation in scored:
        assert attestation.strength is not None
        [corroboration] = [f for f in attestation.strength.factors if f.name == "corroboration"]
        assert corroboration.contribution == 0.0


def test_independent_origins_corroborate() -> None:
    works = [_work("blog1--trial", "https://example.org/a"), _work("blog2--other", "unknown")]
    said = [
        _attestation("a1", "blog1", "blog1--trial"),
        _attestation("a2", "blog2", "blog2--other"),
        _attestation("a3", "blog3", None),
    ]
    claim, scored = _scored(said, works)
    assert claim.strength is not None
    assert len(claim.strength.origins) == 3
    per_origin = default_config().corroboration["per_origin"]
    for attestation in scored:
        assert attestation.strength is not None
        [corroboration] = [f for f in attestation.strength.factors if f.name == "corroboration"]
        assert corroboration.contribution == pytest.approx(2 * per_origin)


# --- weights a user can change --------------------------------------------------------------


def test_an_override_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "weights.toml"
    path.write_text("[design]\nnone = 0.9\n", encoding="utf-8")
    config, problems = load_config(path)
    assert problems == []
    assert config.design["none"] == 0.9
    assert config.design["rct"] == default_config().design["rct"]
    assert config.origin == str(path)


def test_build_with_evidence_config_rescores_and_says_so(tiny: Path, tmp_path: Path) -> None:
    path = tmp_path / "weights.toml"
    path.write_text("[modality]\nasserted = 0.5\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", "--sources", str(tiny), "--out", str(out), "--evidence-config", str(path)]
    )
    assert result.exit_code == 0, result.output
    graph = json.loads((out / "k2graph.json").read_text(encoding="utf-8"))
    assert graph["evidence_config"] == str(path)
    default = build_graph(tiny)
    asserted = [a for a in default.attestations if a.modality is Modality.ASSERTED]
    rescored = {a["id"]: a["strength"]["score"] for a in graph["attestations"]}
    assert all(rescored[a.id] > a.strength.score for a in asserted if a.strength)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[desing]\nnone = 0.1\n", "field 'desing': unknown table [desing] — fix: use one of:"),
        ("[design]\nnon = 0.1\n", "field 'design.non': unknown key 'non' in [design]"),
        ('[design]\nnone = "high"\n', "field 'design.none': expected a number, got 'high'"),
        ("[design\n", "not valid TOML"),
    ],
)
def test_bad_weights_are_refused_clearly(
    text: str, expected: str, tiny: Path, tmp_path: Path
) -> None:
    path = tmp_path / "weights.toml"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    for command in ("build", "check", "conflicts", "audit"):
        args = [command, "--sources", str(tiny), "--evidence-config", str(path)]
        if command != "conflicts":
            args += ["--out", str(out)]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 1, (command, result.output)
        assert expected in result.stderr, (command, result.stderr)
        assert "weights.toml" in result.stderr
        assert "Traceback" not in result.output
    assert not out.exists()


def test_a_missing_weights_file_is_refused(tiny: Path, tmp_path: Path) -> None:
    missing = str(tmp_path / "no.toml")
    for command in ("check", "build"):
        result = CliRunner().invoke(
            main,
            [
                command,
                "--sources",
                str(tiny),
                "--out",
                str(tmp_path / "o"),
                "--evidence-config",
                missing,
            ],
        )
        assert result.exit_code == 1
        assert "no.toml: evidence config file not found" in result.stderr
