"""The Python API (`k2graph.load`), docs/api.md's examples and the README's three questions."""

from __future__ import annotations

import doctest
import importlib
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SOURCES

import k2graph
from k2graph.api import K2Graph
from k2graph.cli import main
from k2graph.rows import ClaimRow, Rows
from k2graph.sparql.errors import QueryRefused, SparqlError


@pytest.fixture(scope="module")
def kg() -> K2Graph:
    return k2graph.load(SOURCES)


def test_docs_api_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(
        str(ROOT / "docs" / "api.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 10
    assert result.failed == 0


def test_readme_python_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False)
    assert result.attempted >= 5
    assert result.failed == 0


QUESTIONS = (
    "claims --source renovare --limit 2",
    "claims --entity MK-7 --predicate reverses",
    "claims --entity warfarin --single-source --label low --label 'very low'",
)


@pytest.mark.parametrize("command", QUESTIONS)
def test_readme_shows_the_real_answers(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = readme.split(f"$ .venv/bin/k2graph {command}\n", 1)[1].split("```", 1)[0]
    result = CliRunner().invoke(main, [*shlex.split(command), "--sources", str(SOURCES)])
    assert result.exit_code == 0
    assert shown == result.stdout


def test_the_api_and_the_command_agree(kg: K2Graph) -> None:
    import json

    result = CliRunner().invoke(
        main,
        [
            "claims",
            "--entity",
            "MK-7",
            "--speaker",
            "author",
            "--format",
            "json",
            "--sources",
            str(SOURCES),
        ],
    )
    shown = json.loads(result.stdout)["claims"]
    assert shown == kg.claims(entity="MK-7", speaker="author").to_dicts()


def test_rows_are_frozen_models(kg: K2Graph) -> None:
    rows = kg.claims(limit=1)
    assert isinstance(rows, Rows)
    [row] = rows
    assert isinstance(row, ClaimRow)
    with pytest.raises(ValueError, match="frozen"):
        row.text = "changed"  # type: ignore[misc]
    assert set(row.to_row()) == set(row.to_dict())


def test_bad_choices_are_refused(kg: K2Graph) -> None:
    with pytest.raises(ValueError, match="unknown sort 'size' — use one of: strength, sources, id"):
        kg.claims(sort="size")
    with pytest.raises(ValueError, match="unknown label 'weak'"):
        kg.claims(label="weak")
    with pytest.raises(ValueError, match="unknown speaker 'robot'"):
        kg.claims(speaker="robot")


def test_sources_and_conflicts(kg: K2Graph) -> None:
    assert [s.id for s in kg.sources()] == sorted(s.id for s in kg.graph.sources)
    every = kg.conflicts()
    assert len(every) == len(kg.graph.conflicts)
    renovare = kg.conflicts(source="renovare")
    assert renovare
    assert all("renovare-k2-7-large-impact" in (*c.a_sources, *c.b_sources) for c in renovare)
    assert {c.kind for c in kg.conflicts(kind="scope")} == {"scope"}


def test_networkx_view(kg: K2Graph) -> None:
    net = kg.to_networkx()
    types = {data["type"] for _, data in net.nodes(data=True)}
    assert types == {"source", "claim", "entity"}
    attests = [e for e in net.edges(keys=True, data=True) if e[3]["type"] == "attests"]
    assert len(attests) == len(kg.graph.attestations)
    conflicts = [e for e in net.edges(keys=True, data=True) if e[3]["type"] == "conflict"]
    assert {e[2] for e in conflicts} == {c.id for c in kg.graph.conflicts}
    assert net.has_edge("entity:menaquinone-7", "entity:vitamin-k2", key="broader")


def test_rdf_view(kg: K2Graph) -> None:
    dataset = kg.to_rdf()
    assert len(dataset) > 0
    assert len(list(dataset.graphs())) > len(kg.graph.attestations)


def test_sparql_runs_and_refuses_what_the_command_refuses(kg: K2Graph) -> None:
    result = kg.sparql("SELECT ?s WHERE { ?s a k2:Source } ORDER BY ?s", limit=2)
    assert result.variables == ("s",)
    assert len(result.rows) == 2
    assert result.truncated
    assert kg.sparql("ASK { ?s a k2:Claim }").boolean is True
    for refused in (
        "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/data> WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
    ):
        with pytest.raises(QueryRefused):
            kg.sparql(refused)
    with pytest.raises(SparqlError, match="syntax error"):
        kg.sparql("SELEKT")


def test_dataframes_with_pandas(kg: K2Graph) -> None:
    pytest.importorskip("pandas")
    frame = kg.claims(entity="warfarin").to_dataframe()
    assert list(frame.columns) == list(ClaimRow.model_fields)
    assert len(frame) == len(kg.claims(entity="warfarin"))
    assert list(kg.sparql("SELECT ?s WHERE { ?s a k2:Source }").to_dataframe().columns) == ["s"]
    empty = kg.claims(text="no such words anywhere").to_dataframe()
    assert empty.empty
    assert list(empty.columns) == list(ClaimRow.model_fields)


def test_dataframes_without_pandas_say_which_extra(
    kg: K2Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.import_module

    def no_pandas(name: str, package: str | None = None) -> object:
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", no_pandas)
    with pytest.raises(ImportError, match=r"k2graph\[pandas\]"):
        kg.sources().to_dataframe()


def test_load_reports_problems(tmp_path: Path) -> None:
    from k2graph.problems import CorpusError

    with pytest.raises(CorpusError):
        k2graph.load(tmp_path / "none")
