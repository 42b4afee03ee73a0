"""The protections of `k2graph sparql`, each with a test that fails when it is taken away.

Read-only, offline, bounded: updates, SERVICE and FROM are refused by reading the parsed query
(never the raw text) before any engine process starts; runaway queries are killed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from security.hostile import recording_server
from sparql_support import ENGINES, rows, write_nquads

from k2graph.cli import main
from k2graph.sparql import guard, runner
from k2graph.sparql.answer import Answer
from k2graph.sparql.errors import QueryRefused, QueryTimeout, SparqlError
from k2graph.workflow import sparql as api

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_nquads(tmp_path_factory.mktemp("export"))


@pytest.fixture
def engine_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Records every request that reaches an engine process, and still runs it."""
    calls: list[dict[str, Any]] = []
    real: Callable[[dict[str, Any], float], Answer] = runner.run_in_child

    def spy(request: dict[str, Any], timeout: float) -> Answer:
        calls.append(request)
        return real(request, timeout)

    monkeypatch.setattr(runner, "run_in_child", spy)
    return calls


@pytest.fixture
def canary() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server on a random port, answering an empty SPARQL result: (base URL,
    paths requested)."""
    with recording_server(b'{"head": {"vars": []}, "results": {"bindings": []}}') as served:
        yield served


# --- read-only -------------------------------------------------------------------------------

UPDATES = [
    "INSERT DATA { <http://a> <http://b> <http://c> }",
    "DELETE DATA { <http://a> <http://b> <http://c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT { ?s a k2:Claim } WHERE { ?s a k2:Source }",
    "LOAD <http://127.0.0.1:1/data.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <https://w3id.org/k2graph/id/graph/corpus>",
    "CREATE GRAPH <http://a>",
    "PREFIX x: <http://x/> # comment\n\\u0049NSERT DATA { x:a x:b x:c }",
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_before_any_engine_runs(
    update: str, data: Path, engine_calls: list[dict[str, Any]]
) -> None:
    with pytest.raises(QueryRefused, match="update requests are refused"):
        api.run(api.Request(query=update, data=data))
    assert engine_calls == []


@pytest.mark.parametrize(
    "form",
    [
        "SELECT * WHERE { ?s ?p ?o }",
        "ASK {}",
        "DESCRIBE <http://a>",
        "CONSTRUCT WHERE { ?s ?p ?o }",
    ],
)
def test_the_four_query_forms_pass(form: str) -> None:
    assert guard.check(form).form == form.split()[0]


# --- SERVICE, by the parsed algebra ----------------------------------------------------------

SERVICES = {
    "plain": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "lower case": "select * where { service <http://example.org/sparql> { ?s ?p ?o } }",
    "escaped keyword": "SELECT * WHERE { \\u0053ERVIC\\u0045 <http://e.org/> { ?s ?p ?o } }",
    "escaped iri": "SELECT * WHERE { SERVICE <\\u0068ttp://e.org/> { ?s ?p ?o } }",
    "after a comment": "SELECT * WHERE { # a comment }\n SERVICE <http://e.org/> { ?s ?p ?o } }",
    "prefixed endpoint": (
        "PREFIX ep: <http://e.org/>\nSELECT * WHERE { SERVICE ep:sparql { ?s ?p ?o } }"
    ),
    "predeclared prefix": "SELECT * WHERE { SERVICE k2:endpoint { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <http://e.org/> { ?s ?p ?o } }",
    "variable endpoint": "SELECT * WHERE { BIND(<http://e.org/> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "in OPTIONAL": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <http://e.org/> { ?s ?q ?r } } }",
    "in a subquery": (
        "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://e.org/> { ?s ?p ?o } } } }"
    ),
    "in FILTER EXISTS": "ASK { ?s ?p ?o FILTER EXISTS { SERVICE <http://e.org/> { ?s ?p ?o } } }",
    "in MINUS": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <http://e.org/> { ?s ?p ?o } } }",
    "in UNION": "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <http://e.org/> { ?s ?p ?o } } }",
    "in GRAPH": "SELECT * WHERE { GRAPH ?g { SERVICE <http://e.org/> { ?s ?p ?o } } }",
    "in CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://e.org/> { ?s ?p ?o } }",
}


@pytest.mark.parametrize("query", SERVICES.values(), ids=SERVICES.keys())
def test_service_is_refused_however_it_is_written(query: str) -> None:
    with pytest.raises(QueryRefused, match="SERVICE is refused"):
        guard.check(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?x WHERE { BIND("SERVICE <http://e.org/> { }" AS ?x) }',
        "SELECT ?s WHERE { ?s ?p ?o # SERVICE <http://e.org/> { ?s ?p ?o }\n}",
        "SELECT ?s WHERE { ?s <http://e.org/SERVICE> ?o }",
    ],
)
def test_the_word_service_in_a_string_comment_or_iri_is_not_a_service(query: str) -> None:
    # The check reads the parsed query, so it neither misses escapes nor flags mere words.
    assert guard.check(query).form == "SELECT"


# --- FROM / FROM NAMED -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "ASK FROM <file:///etc/passwd> { ?s ?p ?o }",
        "CONSTRUCT { ?s ?p ?o } FROM k2:g WHERE { ?s ?p ?o }",
        "DESCRIBE ?s FROM <\\u0068ttp://e.org/> WHERE { ?s ?p ?o }",
    ],
)
def test_dataset_clauses_are_refused(query: str) -> None:
    with pytest.raises(QueryRefused, match="FROM / FROM NAMED are refused"):
        guard.check(query)


# --- nothing leaves the machine, nothing else is read ----------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_service_and_from_make_no_request_on_either_engine(
    engine: str,
    data: Path,
    canary: tuple[str, list[str]],
    engine_calls: list[dict[str, Any]],
) -> None:
    url, hits = canary
    queries = [
        f"SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ OPTIONAL {{ SERVICE <{url}/nested> {{ ?s ?p ?o }} }} }}",
        f"SELECT * FROM <{url}/graph.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{url}/named.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    ]
    for query in queries:
        with pytest.raises(QueryRefused):
            api.run(api.Request(query=query, engine=engine, data=data))
    assert engine_calls == []
    assert hits == []


def test_the_canary_does_see_an_unguarded_engine(canary: tuple[str, list[str]]) -> None:
    # The control for the test above: Oxigraph, asked directly, does call the endpoint.
    url, hits = canary
    list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}/control> {{ ?s ?p ?o }} }}"))
    assert hits == ["/control"]


def test_from_a_local_file_is_refused_without_reading_it(
    data: Path, tmp_path: Path, engine_calls: list[dict[str, Any]]
) -> None:
    canary_file = tmp_path / "canary.ttl"
    canary_file.write_text("<http://a> <http://b> <http://c> .\n")
    old = time.time() - 3600
    os.utime(canary_file, (old, old))  # an atime in the past: any read would move it
    for engine in ENGINES:
        query = f"SELECT * FROM <{canary_file.as_uri()}> WHERE {{ ?s ?p ?o }}"
        with pytest.raises(QueryRefused):
            api.run(api.Request(query=query, engine=engine, data=data))
    assert engine_calls == []
    assert canary_file.stat().st_atime == old


def test_the_worker_refuses_service_on_its_own(data: Path, canary: tuple[str, list[str]]) -> None:
    # The second wall: a request that skipped the parent's check is checked again in the child.
    url, hits = canary
    for engine in ENGINES:
        request = {
            "query": f"SELECT * WHERE {{ SERVICE <{url}/s> {{ ?s ?p ?o }} }}",
            "engine": engine,
            "data": str(data),
            "bindings": {},
            "limit": 10,
        }
        with pytest.raises(QueryRefused.__base__, match="SERVICE is refused"):  # type: ignore[misc]
            runner.run_in_child(request, 30)
    assert hits == []


def test_the_worker_process_has_no_network(canary: tuple[str, list[str]]) -> None:
    url, hits = canary
    code = (
        "import urllib.request\n"
        "from k2graph.sparql.worker import block_network\n"
        "block_network()\n"
        f"urllib.request.urlopen('{url}/worker', timeout=5)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0
    assert "network access is disabled in the query worker" in done.stderr
    assert hits == []


# --- time limit ------------------------------------------------------------------------------

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?o ?q }"
REGEX = (
    'SELECT ?s WHERE { BIND(CONCAT("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!") AS ?s) '
    'FILTER(REGEX(?s, "(a+)+$")) }'
)


@pytest.mark.parametrize(
    ("engine", "query"),
    [
        ("rdflib", CARTESIAN),
        ("oxigraph", CARTESIAN),
        # Oxigraph's regular expressions run in linear time; Python's backtrack for ever.
        ("rdflib", REGEX),
    ],
    ids=["rdflib-cartesian", "oxigraph-cartesian", "rdflib-regex"],
)
def test_timeout_stops_a_runaway_query_and_the_process_carries_on(
    engine: str, query: str, data: Path
) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query stopped after 1\.5 s \(--timeout\)"):
        api.run(api.Request(query=query, engine=engine, data=data, timeout=1.5))
    assert time.monotonic() - started < 10
    # The same process runs the next query at once.
    assert rows(data, engine, query="SELECT ?c WHERE { ?c a k2:Conflict }") != []


def test_timeout_on_the_command_line_is_one_line_and_status_1(data: Path) -> None:
    result = CliRunner().invoke(main, ["sparql", CARTESIAN, "--data", str(data), "--timeout", "1"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "query stopped after 1 s (--timeout): narrow the query or give it more time with --timeout"
    ]


# --- limit -----------------------------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_results_over_the_limit_are_cut_with_a_note(data: Path, engine: str) -> None:
    query = "SELECT DISTINCT ?s WHERE { ?s ?p ?o } ORDER BY ?s"
    output = api.run(api.Request(query=query, engine=engine, data=data, limit=3, fmt="csv"))
    assert len(output.text.splitlines()) == 4  # header and three rows
    assert output.note == "showing 3 of at least 4 rows; use --limit to see more"


# --- syntax errors ---------------------------------------------------------------------------


def test_a_syntax_error_names_line_and_column() -> None:
    with pytest.raises(SparqlError) as raised:
        guard.check("PREFIX x: <http://x/>\nSELECT ?s\nWHERE { ?s ?p ?o . ?s }")
    message = str(raised.value)
    assert message.startswith("syntax error at line 2, column 1:") or message.startswith(
        "syntax error at line 3"
    )
    assert "\n" not in message
