"""Item 1: SERVICE hidden behind a carriage return in a comment, on every path a query takes.

rdflib ends a comment at a line feed, Oxigraph at a carriage return too. Each test sends the
attack down one path (the default engine, rdflib, the on-disk store, a real Oxigraph server
behind `--endpoint`, the Python API) with a recording server as the SERVICE target: the query
must be refused, and nothing may reach the recording server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import EXPORTS
from store_support import missing_oxigraph, oxigraph_server

import k2graph
from k2graph.cli import main
from k2graph.sparql.errors import QueryRefused
from security.hostile import recording_server

NQ = str(EXPORTS / "k2graph.nq")


def attacks(target: str) -> dict[str, str]:
    service = f"SERVICE <{target}/x> {{ ?x ?b ?c }}"
    return {
        "carriage return": f"SELECT ?x WHERE {{ # \r {service}\n}}",
        "escaped carriage return": f"SELECT ?x WHERE {{ # \\u000D {service}\n}}",
        "carriage return line feed": f"SELECT ?x WHERE {{ # a comment \r\n{service}\n}}",
    }


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def target() -> Iterator[tuple[str, list[str]]]:
    with recording_server() as served:
        yield served


def assert_refused(result: Result, hits: list[str]) -> None:
    assert result.exit_code == 1, result.output
    assert "SERVICE is refused" in result.stderr, result.stderr
    assert "INJECTED" not in result.output
    assert hits == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("attack", sorted(attacks("http://x")))
def test_local_engines_refuse(engine: str, attack: str, target: tuple[str, list[str]]) -> None:
    base, hits = target
    result = run("sparql", attacks(base)[attack], "--data", NQ, "--engine", engine)
    assert_refused(result, hits)


def test_a_query_file_with_an_escaped_carriage_return_is_refused(
    tmp_path: Path, target: tuple[str, list[str]]
) -> None:
    base, hits = target
    query = tmp_path / "q.rq"
    query.write_text(attacks(base)["escaped carriage return"], encoding="utf-8")
    assert_refused(run("sparql", "--file", str(query), "--data", NQ), hits)


def test_the_store_refuses(tiny: Path, tmp_path: Path, target: tuple[str, list[str]]) -> None:
    base, hits = target
    store, out = tmp_path / "store", tmp_path / "out"
    built = run("build", "--sources", str(tiny), "--out", str(out), "--store", str(store))
    assert built.exit_code == 0, built.output
    result = run(
        "sparql", attacks(base)["carriage return"], "--store", str(store), "--data",
        str(out / "k2graph.nq"),
    )  # fmt: skip
    assert_refused(result, hits)


def test_an_endpoint_is_never_sent_the_attack(
    tmp_path: Path, target: tuple[str, list[str]]
) -> None:
    why = missing_oxigraph()
    assert why is None, why
    base, hits = target
    with oxigraph_server(tmp_path) as server:
        result = run("sparql", attacks(base)["carriage return"], "--endpoint", f"{server}/query")
    assert_refused(result, hits)


def test_the_python_api_refuses(tiny: Path, target: tuple[str, list[str]]) -> None:
    base, hits = target
    graph = k2graph.load(tiny)
    for attack in attacks(base).values():
        with pytest.raises(QueryRefused, match="SERVICE is refused"):
            graph.sparql(attack)
    assert hits == []


def test_an_escape_that_spells_another_escape_is_refused() -> None:
    # \u005C is a backslash: expanded once, this spells \u0053 (S), which an engine expanding
    # the text again would read as the keyword SERVICE.
    query = "SELECT * WHERE { \\u005Cu0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"
    result = run("sparql", query, "--data", NQ)
    assert result.exit_code == 1
    assert "spells the escape" in result.stderr


def test_windows_line_endings_still_run_the_same_query() -> None:
    unix = "SELECT (COUNT(*) AS ?n)\n# count the claims\nWHERE { ?c a k2:Claim }\n"
    answers = [
        run("sparql", text, "--data", NQ, "--format", "csv").stdout
        for text in (unix, unix.replace("\n", "\r\n"), unix.replace("\n", "\r"))
    ]
    assert answers[0].splitlines()[0] == "n"
    assert answers[0] == answers[1] == answers[2]


def test_an_escape_rdflib_alone_would_expand_again_is_refused_everywhere(
    tiny: Path, target: tuple[str, list[str]]
) -> None:
    # \u005C is a backslash, so one expansion leaves \U000A: rdflib's parser expands that again
    # (it takes \U with four digits), which ended the comment early for the guard; Oxigraph does
    # not, and ran the SERVICE inside what the guard read as a string.
    base, hits = target
    query = (
        'SELECT * WHERE {\n# \\u005CU000A BIND("""\n'
        f"SERVICE <{base}/bypass> {{ ?s ?p ?o }}\n"
        '# """ AS ?x)\n}\n'
    )
    with pytest.raises(QueryRefused, match="spells the escape"):
        k2graph.load(tiny).sparql(query)
    for engine in ("oxigraph", "rdflib"):
        result = run("sparql", query, "--data", NQ, "--engine", engine)
        assert result.exit_code == 1
        assert "spells the escape" in result.stderr
    assert hits == []


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_lone_surrogate_in_a_query_is_one_line(engine: str) -> None:
    result = run("sparql", 'SELECT ("\\uD800" AS ?x) {}', "--data", NQ, "--engine", engine)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "half of a surrogate pair" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv"])
def test_a_lone_surrogate_in_the_data_is_printed_as_its_escape(fmt: str, tmp_path: Path) -> None:
    data = tmp_path / "surrogate.nq"
    data.write_text('<http://a> <http://b> "x\\uD800y" .\n', encoding="ascii")
    result = run("sparql", "SELECT ?o WHERE { ?s ?p ?o }", "--data", str(data), "--engine",
                 "rdflib", "--format", fmt)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "x\\ud800y" in result.stdout
