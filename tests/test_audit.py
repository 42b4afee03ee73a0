"""The audit exports and the conflicts command's other formats, on the real corpus and on the
tiny one, driven through the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import EXPORTS, SOURCES

from k2graph.cli import main
from k2graph.pipeline import build_graph

GRAPH = build_graph(SOURCES)


def test_audit_markdown_reads_in_order_conflicts_sources_weak_claims() -> None:
    text = (EXPORTS / "audit.md").read_text(encoding="utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Conflicts, strongest first",
        "## Sources",
        "## Claims that rest on a single weak source",
    ]
    severities = [
        line.rsplit("— ", 1)[1].split()[0]
        for line in text.splitlines()
        if line.startswith("### ") and " severity" in line
    ]
    assert len(severities) == len(GRAPH.conflicts)
    order = {"high": 0, "moderate": 1, "low": 2}
    assert [order[s] for s in severities] == sorted(order[s] for s in severities)
    for source in GRAPH.sources:
        assert f"| `{source.id}` |" in text
    assert "The evidence favours" in text


def test_audit_json_profiles_every_source_with_real_figures() -> None:
    audit = json.loads((EXPORTS / "audit.json").read_text(encoding="utf-8"))
    assert audit["format"] == "k2graph-audit/1"
    profiles = {p["source_id"]: p for p in audit["sources"]}
    assert sorted(profiles) == [s.id for s in GRAPH.sources]
    for source in GRAPH.sources:
        mine = [a for a in GRAPH.attestations if a.source_id == source.id]
        profile = profiles[source.id]
        assert profile["attestations"] == len(mine)
        assert profile["inferences_beyond_the_data"] == sum(
            1 for a in mine if a.basis == "own_inference"
        )
        assert profile["commercial_interest"] == source.commercial_interest.status.value
    know = profiles["knowguff-mk7-reverses-calcification"]
    assert know["resting_only_on_unpublished"] > 0
    assert profiles["vendor-mk7-latest-study"]["commercial_interest"] == "sells_product"


def test_single_weak_source_claims_are_single_source_and_weak() -> None:
    audit = json.loads((EXPORTS / "audit.json").read_text(encoding="utf-8"))
    rows = audit["single_weak_source_claims"]
    assert rows
    sources: dict[str, set[str]] = {}
    for a in GRAPH.attestations:
        sources.setdefault(a.claim_id, set()).add(a.source_id)
    for row in rows:
        assert sources[row["claim_id"]] == {row["source_id"]}
        assert row["label"] in ("low", "very low")
    shared = {c for c, s in sources.items() if len(s) > 1}
    assert not shared & {row["claim_id"] for row in rows}


def test_audit_command_writes_both_files_atomically(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = CliRunner().invoke(main, ["audit", "--sources", str(tiny), "--out", str(out)])
    assert first.exit_code == 0, first.output
    assert "wrote" in first.stdout
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "audit.json",
        "audit.md",
    ]
    again = CliRunner().invoke(main, ["audit", "--sources", str(tiny), "--out", str(out)])
    assert "unchanged" in again.stdout
    assert "wrote" not in again.stdout


def test_conflicts_table_and_markdown_show_both_sides() -> None:
    table = (
        CliRunner()
        .invoke(main, ["conflicts", "--sources", str(SOURCES), "--kind", "degree"])
        .stdout
    )
    assert "severity" in table
    assert "reverses" in table
    assert "slows" in table
    markdown = (
        CliRunner()
        .invoke(
            main,
            ["conflicts", "--sources", str(SOURCES), "--format", "markdown", "--kind", "degree"],
        )
        .stdout
    )
    assert "**Side a**" in markdown
    assert "**Side b**" in markdown
    assert "published human studies" in markdown


def test_an_unknown_source_filter_is_refused(tiny: Path) -> None:
    result = CliRunner().invoke(main, ["conflicts", "--sources", str(tiny), "--source", "nope"])
    assert result.exit_code == 1
    assert "unknown source 'nope'" in result.stderr
    assert "tiny" in result.stderr
