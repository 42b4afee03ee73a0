"""The READMEs show what is real: the set-up commands CI runs, the corpus as it is built."""

from __future__ import annotations

import re
from pathlib import Path

from k2graph.model import KnowledgeGraph

ROOT = Path(__file__).resolve().parent.parent


def setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_exactly_two_set_up_commands() -> None:
    commands = setup_commands()
    assert len(commands) == 2
    assert "k2graph build" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_both_readme_commands_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in setup_commands():
        assert command in ci


def test_readme_shows_the_real_summary_of_the_corpus() -> None:
    from k2graph.pipeline import build_graph
    from k2graph.workflow.build import summary

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = summary(build_graph(ROOT / "sources"))
    assert f"$ .venv/bin/k2graph build\n{line}\n" in readme
    assert f"$ .venv/bin/k2graph check\nok: {line}\n" in readme


def test_worked_example_in_sources_readme_matches_the_export() -> None:
    import json

    guide = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    shown = json.loads(guide.split("```json\n", 1)[1].split("```", 1)[0])
    graph = json.loads((ROOT / "exports" / "k2graph.json").read_text(encoding="utf-8"))
    [actual] = [a for a in graph["attestations"] if a["id"] == shown["id"]]
    assert {key: actual[key] for key in shown} == shown


def counts_table(graph: KnowledgeGraph) -> str:
    """The per-source curation counts as sources/README.md shows them."""
    rows = [
        "| source | sentences | curated | skipped | attestations | claims | speakers |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for source in graph.sources:
        assert source.coverage is not None
        attestations = [a for a in graph.attestations if a.source_id == source.id]
        claims = {a.claim_id for a in attestations}
        speakers = {a.speaker_id for a in attestations}
        cov = source.coverage
        rows.append(
            f"| `{source.id}` | {cov.sentences} | {cov.curated} | {cov.skipped} | "
            f"{len(attestations)} | {len(claims)} | {len(speakers)} |"
        )
    return "\n".join(rows) + "\n"


def test_sources_readme_shows_the_real_curation_counts() -> None:
    from k2graph.pipeline import build_graph

    guide = (ROOT / "sources" / "README.md").read_text(encoding="utf-8")
    start, end = "<!-- counts:start -->\n", "<!-- counts:end -->"
    assert start in guide
    shown = guide.split(start, 1)[1].split(end, 1)[0]
    assert shown == counts_table(build_graph(ROOT / "sources")), (
        "sources/README.md's per-source counts are stale"
    )


def test_readme_shows_the_real_conflicts_table() -> None:
    from click.testing import CliRunner

    from k2graph.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/k2graph conflicts --min-severity high\n", 1)[1]
    shown = shown.split("```", 1)[0]
    result = CliRunner().invoke(
        main, ["conflicts", "--sources", str(ROOT / "sources"), "--min-severity", "high"]
    )
    assert shown == result.stdout


def test_evidence_docs_worked_example_matches_the_export() -> None:
    import json

    page = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    shown = json.loads(page.split("```json\n", 1)[1].split("```", 1)[0])
    graph = json.loads((ROOT / "exports" / "k2graph.json").read_text(encoding="utf-8"))
    [actual] = [a for a in graph["attestations"] if a["key"] == shown["key"]]
    assert shown["score"] == actual["strength"]["score"]
    assert shown["label"] == actual["strength"]["label"]
    assert shown["factors"] == actual["strength"]["factors"]


def test_conflicts_docs_example_is_the_real_output() -> None:
    from click.testing import CliRunner

    from k2graph.cli import main

    page = (ROOT / "docs" / "conflicts.md").read_text(encoding="utf-8")
    command = "$ k2graph conflicts --source renovare-k2-7-large-impact --kind exclusive_values"
    shown = page.split(command + " --format markdown\n", 1)[1].split("```", 1)[0]
    args = [*command.split()[2:], "--format", "markdown", "--sources", str(ROOT / "sources")]
    assert shown == CliRunner().invoke(main, args).stdout


def test_readme_shows_the_real_sparql_output() -> None:
    from click.testing import CliRunner

    from k2graph.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/k2graph sparql --named sources-by-strength\n", 1)[1]
    shown = shown.split("```", 1)[0]
    data = str(ROOT / "exports" / "k2graph.nq")
    result = CliRunner().invoke(main, ["sparql", "--named", "sources-by-strength", "--data", data])
    assert shown == result.stdout


def test_rdf_docs_show_the_real_named_query_outputs() -> None:
    import shlex

    from click.testing import CliRunner

    from k2graph.cli import main

    page = (ROOT / "docs" / "rdf.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0] for b in page.split("```console\n")[1:]]
    shown = [b for b in blocks if b.startswith("$ k2graph sparql --named")]
    assert len(shown) == 6
    data = str(ROOT / "exports" / "k2graph.nq")
    for block in shown:
        command, output = block.split("\n", 1)
        args = [*shlex.split(command)[2:], "--data", data]
        assert CliRunner().invoke(main, args).stdout == output, command


def test_readme_shows_the_real_build_output() -> None:
    from k2graph.exports.registry import EXPORTS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ .venv/bin/k2graph build\n", 1)[1].split("```", 1)[0]
    lines = shown.splitlines()
    written = sorted(line.split()[-1] for line in lines[1:])
    assert written == sorted(f"exports/{name}" for name in EXPORTS)
    assert all(line.split()[0] in ("unchanged", "wrote") for line in lines[1:])
