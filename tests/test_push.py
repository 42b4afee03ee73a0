"""`k2graph push` and `k2graph sparql --endpoint`, against a real Oxigraph server over HTTP.

The committed export (the seed corpus) is pushed in several batches, counted over HTTP, queried
with every named query and compared with local Oxigraph (which tests/test_rdf.py compares with
rdflib); failures are driven with an unreachable port, the real server's wrong path, and a stub
server answering 400, 503 or slowly.
Outside CI these tests skip, saying why, when there is no `oxigraph` executable; with CI=true
they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import EXPORTS, ROOT
from store_support import Reply, free_port, missing_oxigraph, oxigraph_server, stub_server

from k2graph.cli import main
from k2graph.problems import display_path
from k2graph.remote import push
from k2graph.sparql import engines, guard, named
from k2graph.sparql.answer import Row
from k2graph.sparql.engines import oxigraph_term

NQ = EXPORTS / "k2graph.nq"
GRAPH = "https://example.org/graph/k2graph"
ENTITY = "https://w3id.org/k2graph/id/entity/matrix-gla-protein"
SOURCE = "https://w3id.org/k2graph/id/source/renovare-k2-7-large-impact"
ALL_QUADS = "GRAPH ?g { ?s ?p ?o }"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def distinct_quads() -> set[ox.Quad]:
    return set(ox.parse(path=NQ, format=ox.RdfFormat.N_QUADS))


def count(base: str, where: str) -> int:
    """COUNT(*) of `where`, asked over HTTP through `k2graph sparql --endpoint`."""
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"
    result = run("sparql", query, "--endpoint", f"{base}/query", "--format", "json")
    assert result.exit_code == 0, result.output
    return int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])


def remote_rows(base: str, *args: str) -> tuple[list[str], list[Row]]:
    options = ["--endpoint", f"{base}/query", "--format", "json", "--limit", "100000"]
    result = run("sparql", *args, *options)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    return document["head"]["vars"], document["results"]["bindings"]


def ordered(rows: list[Row]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


@pytest.fixture(scope="module")
def oxigraph_available() -> None:
    why = missing_oxigraph()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the push tests must run in CI: {why}")
        pytest.skip(why)


@pytest.fixture(scope="module")
def loaded(
    oxigraph_available: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Result]]:
    """A server holding the committed export, pushed in 8 batches; its URL and the push result."""
    with oxigraph_server(tmp_path_factory.mktemp("loaded")) as base:
        result = run(
            "push", "--endpoint", f"{base}/store", "--exports", str(EXPORTS), "--batch-size", "5000"
        )
        yield base, result


@pytest.fixture
def empty_store(oxigraph_available: None, tmp_path: Path) -> Iterator[str]:
    with oxigraph_server(tmp_path) as base:
        yield base


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(push, "BACKOFF", 0.01)


# --- pushing the export -----------------------------------------------------------------------


def test_push_sends_every_quad_in_batches(loaded: tuple[str, Result]) -> None:
    base, result = loaded
    assert result.exit_code == 0, result.output
    progress = result.stderr.splitlines()
    assert len(progress) == 8
    assert progress[0].startswith("batch 1 (lines 1-5,000): 5,000 quads sent, ")
    assert progress[0].endswith(f"% of {display_path(NQ)}")
    assert progress[-1].startswith("batch 8 (lines 35,001-39,853): 39,853 quads sent, 100%")
    assert result.stdout.startswith("pushed 39,853 quads in 8 batches (")
    assert result.stdout.endswith(f" s) to {base}/store\n")
    assert count(base, ALL_QUADS) == len(distinct_quads()) == 39_853


def test_a_second_push_changes_nothing(loaded: tuple[str, Result]) -> None:
    base, _ = loaded
    again = run("push", "--endpoint", f"{base}/store", "--exports", str(EXPORTS))
    assert again.exit_code == 0, again.output
    assert "in 1 batch (" in again.stdout
    assert count(base, ALL_QUADS) == len(distinct_quads())


def test_graph_puts_every_triple_into_that_one_graph(empty_store: str) -> None:
    result = run(
        "push",
        *("--endpoint", f"{empty_store}/store", "--exports", str(EXPORTS)),
        *("--graph", GRAPH, "--batch-size", "10000"),
    )
    assert result.exit_code == 0, result.output
    triples = {quad.triple for quad in distinct_quads()}
    assert len(triples) < 39_853  # a claim's triples repeat in each of its attestations' graphs
    assert count(empty_store, f"GRAPH <{GRAPH}> {{ ?s ?p ?o }}") == len(triples)
    assert count(empty_store, ALL_QUADS) == len(triples)  # and in no other graph


def test_update_method_loads_the_same_quads(empty_store: str) -> None:
    result = run(
        "push",
        *("--endpoint", f"{empty_store}/update", "--exports", str(EXPORTS)),
        *("--method", "update", "--batch-size", "10000"),
    )
    assert result.exit_code == 0, result.output
    assert "in 4 batches" in result.stdout
    assert count(empty_store, ALL_QUADS) == len(distinct_quads())


HOSTILE = (
    'it did "nothing" for me } honestly',
    "a backslash \\ and \\u0022, which is no quote",
    "two\nlines\tand a tab . > }",
    "ünïcödé 🧪 \u0000 \u007f",
)


def hostile_quads() -> list[ox.Quad]:
    """Literals that must be escaped for SPARQL, in three graphs and the default graph."""
    subject, predicate = ox.NamedNode("https://example.org/s#x"), ox.NamedNode("http://p/o%20p")
    objects = [ox.Literal(text) for text in HOSTILE]
    objects += [
        ox.Literal(HOSTILE[0], language="en"),
        ox.Literal("0.1", datatype=ox.NamedNode(XSD_DECIMAL)),
    ]
    graphs = [ox.NamedNode(f"https://example.org/g{i % 3}") for i in range(len(objects))]
    graphs[-1] = ox.DefaultGraph()
    return [ox.Quad(subject, predicate, o, g) for o, g in zip(objects, graphs, strict=True)]


@pytest.mark.parametrize(
    ("method", "path", "graph"),
    [
        ("update", "update", None),
        ("update", "update", GRAPH),
        ("gsp", "store", GRAPH),
        ("gsp", "store", None),
    ],
)
def test_hostile_literals_arrive_intact(
    empty_store: str, tmp_path: Path, method: str, path: str, graph: str | None
) -> None:
    quads = hostile_quads()
    ox.serialize(quads, tmp_path / "k2graph.nq", format=ox.RdfFormat.N_QUADS)
    options = ["--exports", str(tmp_path), "--method", method, "--batch-size", "2"]
    options += ["--graph", graph] if graph else []
    result = run("push", "--endpoint", f"{empty_store}/{path}", *options)
    assert result.exit_code == 0, result.output
    named = [q for q in quads if graph or not isinstance(q.graph_name, ox.DefaultGraph)]
    expected = [
        {"g": oxigraph_term(ox.NamedNode(graph) if graph else q.graph_name), **spo(q)}
        for q in named
    ]
    _, stored = remote_rows(empty_store, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert ordered(stored) == ordered(expected)
    _, union = remote_rows(empty_store, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert ordered(union) == sorted(set(ordered([spo(q) for q in quads])))


def spo(quad: ox.Quad) -> Row:
    return dict(
        zip("spo", map(oxigraph_term, (quad.subject, quad.predicate, quad.object)), strict=True)
    )


def test_readme_shows_a_real_push_and_count(empty_store: str, in_tmp: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Loading into a triple store", 1)[1].split("```console\n", 1)[1]
    block = block.split("```", 1)[0].replace("http://127.0.0.1:7878", empty_store)
    (in_tmp / "exports").mkdir()
    shutil.copy(NQ, in_tmp / "exports")  # the README runs in a clone: exports/ is relative
    commands = [line for line in block.splitlines() if line.startswith("$ .venv/bin/k2graph ")]
    assert len(commands) == 2
    shown = block.split(commands[0] + "\n", 1)[1].split(commands[1] + "\n")
    pushed = run(*shlex.split(commands[0])[2:])
    assert pushed.exit_code == 0, pushed.output
    timed = re.sub(r"\(\d+\.\d s\)", "(1.2 s)", pushed.stderr + pushed.stdout)
    assert timed == shown[0]
    counted = run(*shlex.split(commands[1])[2:])
    assert counted.stdout == shown[1]


# --- the named queries over HTTP --------------------------------------------------------------


@pytest.mark.parametrize("name", named.names())
def test_named_query_over_http_matches_the_local_engines(
    loaded: tuple[str, Result], corpus_oxigraph: ox.Store, name: str
) -> None:
    # The same rows as local Oxigraph; tests/test_rdf.py shows local Oxigraph and rdflib agree on
    # every named query, so the server agrees with both.
    base, _ = loaded
    variables, remote = remote_rows(base, "--named", name)
    local = engines.query_oxigraph(corpus_oxigraph, guard.check(named.text(name)), {}, 10**6)
    assert remote, f"{name} found nothing over HTTP"
    assert variables == local.variables
    assert ordered(remote) == ordered(local.rows)


@pytest.mark.parametrize(
    ("name", "variable", "iri"),
    [("claims-about-entity", "entity", ENTITY), ("claims-by-source", "source", SOURCE)],
)
def test_bind_over_http_matches_the_local_engine(
    loaded: tuple[str, Result],
    corpus_oxigraph: ox.Store,
    name: str,
    variable: str,
    iri: str,
) -> None:
    base, _ = loaded
    _, remote = remote_rows(base, "--named", name, "--bind", f"{variable}=<{iri}>")
    term = {"type": "uri", "value": iri}
    on_oxigraph = engines.query_oxigraph(
        corpus_oxigraph, guard.check(named.text(name)), {variable: term}, 10**6
    )
    assert remote
    assert {row[variable]["value"] for row in remote} == {iri}
    assert ordered(remote) == ordered(on_oxigraph.rows)


@pytest.mark.parametrize(
    "value",
    [
        'x" } } SELECT * WHERE { ?s ?p ?o } #',
        'x\\" } } SELECT * WHERE { ?s ?p ?o } #',
        "x\\u0022 } } SELECT * WHERE { ?s ?p ?o } #",
        "x\n} SELECT * WHERE { ?s ?p ?o } #",
    ],
)
def test_a_bound_value_cannot_inject_into_the_remote_query(
    loaded: tuple[str, Result], value: str
) -> None:
    base, _ = loaded
    _, remote = remote_rows(base, "--named", "claims-by-source", "--bind", f"source={value}")
    assert remote == []


def test_prefixes_ask_and_construct_work_over_http(loaded: tuple[str, Result]) -> None:
    base, _ = loaded
    endpoint = ("--endpoint", f"{base}/query")
    asked = run("sparql", "ASK { ?s a k2:Source }", *endpoint)
    assert asked.stdout == "true\n"
    built = run("sparql", "CONSTRUCT WHERE { ?s a k2:Source }", *endpoint, "--limit", "2")
    assert built.exit_code == 0, built.output
    assert built.stdout.splitlines()[0].split() == ["subject", "predicate", "object"]
    assert "k2:Source" in built.stdout
    assert "showing 2 of at least 3 rows" in built.stderr


# --- failures ---------------------------------------------------------------------------------


def assert_one_line_failure(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    last = result.stderr.splitlines()[-1]
    for fragment in fragments:
        assert fragment in last, last
    return last


def test_an_unreachable_store_is_retried_then_named(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    result = run(
        "push", "--endpoint", url, "--exports", str(EXPORTS), "--retries", "1", "--timeout", "2"
    )
    assert "batch 1: " in result.stderr
    assert "retrying in 1 s (retry 1 of 1)" in result.stderr
    assert_one_line_failure(
        result,
        f"cannot reach {url} after 2 attempts",
        "lines 1-39,853",
        "check that the store is running",
        "nothing was loaded",
        "re-running is safe",
    )


def test_a_wrong_path_on_the_real_store_is_explained(empty_store: str) -> None:
    url = f"{empty_store}/nope"
    result = run("push", "--endpoint", url, "--exports", str(EXPORTS), "--retries", "3")
    line = assert_one_line_failure(
        result, f"{url} answered HTTP 404 Not Found", "Graph Store endpoint"
    )
    assert "retrying" not in result.stderr
    assert "after" not in line  # a 4xx is never sent again


def test_400_is_not_retried_and_the_server_says_why(fast_retries: None) -> None:
    with stub_server(then=Reply(400, b"Parser error at line 3: bad IRI")) as stub:
        result = run("push", "--endpoint", f"{stub.url}/store", "--exports", str(EXPORTS))
    assert len(stub.requests) == 1
    assert stub.requests[0][:2] == ("/store", "application/n-quads")
    assert_one_line_failure(
        result,
        f'{stub.url}/store answered HTTP 400 Bad Request: "Parser error at line 3: bad IRI"',
        "push failed on batch 1 (",
        "--method update",
    )


def test_503_is_retried_until_the_retries_run_out(fast_retries: None) -> None:
    with stub_server(then=Reply(503, b"overloaded")) as stub:
        result = run("push", "--endpoint", stub.url, "--exports", str(EXPORTS), "--retries", "2")
    assert len(stub.requests) == 3
    assert result.stderr.count("retrying in") == 2
    assert_one_line_failure(result, "HTTP 503 Service Unavailable", "after 3 attempts", "log")


def test_a_batch_that_failed_once_is_sent_again(fast_retries: None) -> None:
    with stub_server(Reply(503), Reply(429), then=Reply(204)) as stub:
        result = run(
            "push", "--endpoint", stub.url, "--exports", str(EXPORTS), "--batch-size", "20000"
        )
    assert result.exit_code == 0, result.output
    assert len(stub.requests) == 4  # batch 1 three times, batch 2 once
    assert stub.requests[0][2] == stub.requests[2][2]
    assert "pushed 39,853 quads in 2 batches" in result.stdout


def test_a_late_failure_says_what_stays_loaded() -> None:
    with stub_server(Reply(204), Reply(204), then=Reply(413, b"too big")) as stub:
        result = run(
            "push", "--endpoint", stub.url, "--exports", str(EXPORTS), "--batch-size", "10000"
        )
    assert_one_line_failure(
        result,
        f"batch 3 ({display_path(NQ)} lines 20,001-30,000)",
        "HTTP 413",
        "--batch-size",
        "batches 1-2 (20,000 quads) are loaded and stay loaded",
    )


def test_a_slow_store_times_out(fast_retries: None) -> None:
    with stub_server(then=Reply(204, delay=1.5)) as stub:
        result = run(
            "push",
            "--endpoint",
            stub.url,
            "--exports",
            str(EXPORTS),
            "--timeout",
            "0.3",
            "--retries",
            "1",
        )
    assert_one_line_failure(
        result, "no complete answer within 0.3 s", "after 2 attempts", "--timeout"
    )


def test_a_redirect_is_reported_not_followed() -> None:
    moved = Reply(308, headers={"Location": "http://elsewhere.example/store"})
    with stub_server(then=moved) as stub:
        result = run("push", "--endpoint", stub.url, "--exports", str(EXPORTS))
    assert len(stub.requests) == 1
    assert_one_line_failure(result, "HTTP 308", "redirected to http://elsewhere.example/store")


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://127.0.0.1/store", "is not an http:// or https:// URL with a host"),
        ("localhost:7878/store", "is not an http:// or https:// URL with a host"),
        ("http:///store", "is not an http:// or https:// URL with a host"),
        ("http://127.0.0.1:port/store", "is not a valid URL"),
        ("http://127.0.0.1/my store", "holds a space"),
    ],
)
def test_a_bad_endpoint_url_is_refused_before_anything_is_sent(url: str, message: str) -> None:
    pushed = run("push", "--endpoint", url, "--exports", str(EXPORTS))
    assert_one_line_failure(pushed, f"--endpoint {url!r}", message)
    queried = run("sparql", "ASK {}", "--endpoint", url)
    assert_one_line_failure(queried, f"--endpoint {url!r}", message)


@pytest.mark.parametrize("iri", ["not an iri", "graph/relative", "https://example.org/a b", "<x>"])
def test_a_bad_graph_iri_is_refused(iri: str) -> None:
    with stub_server(then=Reply(204)) as stub:
        result = run("push", "--endpoint", stub.url, "--exports", str(EXPORTS), "--graph", iri)
    assert stub.requests == []
    assert_one_line_failure(result, f"--graph {iri!r} is not an absolute IRI")


def test_a_graph_iri_in_angle_brackets_is_accepted() -> None:
    with stub_server(then=Reply(204)) as stub:
        result = run(
            "push", "--endpoint", stub.url, "--exports", str(EXPORTS), "--graph", f"<{GRAPH}>"
        )
    assert result.exit_code == 0, result.output
    assert stub.requests[0][0] == "/?graph=https%3A%2F%2Fexample.org%2Fgraph%2Fk2graph"
    assert stub.requests[0][1] == "application/n-triples"


def test_missing_exports_are_a_clear_error(tmp_path: Path) -> None:
    result = run(
        "push", "--endpoint", "http://127.0.0.1:1/store", "--exports", str(tmp_path / "none")
    )
    assert_one_line_failure(result, "k2graph.nq not found: run `k2graph build`", "--exports")


def test_exports_that_are_not_a_file_are_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "k2graph.nq").mkdir()
    result = run("push", "--endpoint", "http://127.0.0.1:1/store", "--exports", str(tmp_path))
    assert_one_line_failure(result, "k2graph.nq is not a file")


def test_an_empty_export_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "k2graph.nq").write_text("\n# nothing\n", encoding="utf-8")
    result = run("push", "--endpoint", "http://127.0.0.1:1/store", "--exports", str(tmp_path))
    assert_one_line_failure(result, "k2graph.nq holds no quads")


@pytest.mark.parametrize("method", ["update", "gsp"])
def test_a_broken_line_is_named_when_it_must_be_parsed(tmp_path: Path, method: str) -> None:
    lines = NQ.read_text(encoding="utf-8").splitlines(keepends=True)[:5]
    lines[3] = "<not an iri> <http://b> <http://c> <http://g> .\n"
    (tmp_path / "k2graph.nq").write_text("".join(lines), encoding="utf-8")
    with stub_server(then=Reply(204)) as stub:
        result = run(
            "push",
            "--endpoint",
            stub.url,
            "--exports",
            str(tmp_path),
            "--method",
            method,
            "--graph",
            GRAPH,
        )
    assert stub.requests == []
    assert_one_line_failure(result, "k2graph.nq:4: not valid N-Quads (", "k2graph build")


@pytest.mark.parametrize(
    "option",
    [["--batch-size", "0"], ["--retries", "-1"], ["--timeout", "0"], ["--method", "put"]],
)
def test_bad_option_values_are_refused(option: list[str]) -> None:
    result = run("push", "--endpoint", "http://127.0.0.1:1/store", *option)
    assert result.exit_code == 2
    assert "Invalid value" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_the_endpoint_is_required() -> None:
    result = run("push")
    assert result.exit_code == 2
    assert "Missing option '--endpoint'" in result.stderr


# --- sparql --endpoint failures ---------------------------------------------------------------


def test_sparql_endpoint_unreachable_is_one_line() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    result = run("sparql", "ASK {}", "--endpoint", url, "--timeout", "2")
    assert_one_line_failure(result, f"cannot reach {url}", "--endpoint is its SPARQL query URL")


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(500, b"boom"), 'answered HTTP 500 Internal Server Error: "boom"'),
        (Reply(400, b"Parse error"), 'answered HTTP 400 Bad Request: "Parse error"'),
        (Reply(200, b"<html>hello</html>", "text/html"), "did not answer in SPARQL JSON results"),
        (Reply(200, b"{}", "application/json"), "did not answer in SPARQL JSON results"),
    ],
)
def test_sparql_endpoint_failures_are_one_line(reply: Reply, message: str) -> None:
    with stub_server(then=reply) as stub:
        result = run("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", stub.url)
    assert len(stub.requests) == 1
    assert stub.requests[0][1] == "application/sparql-query"
    assert_one_line_failure(result, stub.url, message)


def test_sparql_endpoint_that_answers_a_construct_with_no_rdf() -> None:
    with stub_server(then=Reply(200, b"<html/>", "text/html")) as stub:
        result = run("sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "--endpoint", stub.url)
    assert_one_line_failure(result, "answered a CONSTRUCT query with text/html, not an RDF syntax")


def test_sparql_endpoint_that_answers_a_construct_with_broken_rdf() -> None:
    with stub_server(then=Reply(200, b"<a> <b>", "application/n-triples")) as stub:
        result = run("sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "--endpoint", stub.url)
    assert_one_line_failure(result, f"{stub.url} answered unreadable N-Triples")


def test_sparql_endpoint_timeout_is_one_line() -> None:
    with stub_server(then=Reply(200, b"{}", delay=1.5)) as stub:
        result = run("sparql", "ASK {}", "--endpoint", stub.url, "--timeout", "0.3")
    assert_one_line_failure(result, f"no answer from {stub.url} within 0.3 s (--timeout)")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:1/data> WHERE { ?s ?p ?o }",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
    ],
)
def test_the_guard_refuses_before_anything_reaches_the_endpoint(query: str) -> None:
    with stub_server(then=Reply(200, b"{}")) as stub:
        result = run("sparql", query, "--endpoint", stub.url)
    assert stub.requests == []
    assert_one_line_failure(result, "refused")


def test_bind_with_a_trailing_values_clause_is_refused() -> None:
    query = "SELECT ?x WHERE { ?x ?p ?o } VALUES ?x { <http://a> }"
    with stub_server(then=Reply(200, b"{}")) as stub:
        result = run("sparql", query, "--endpoint", stub.url, "--bind", "x=y")
    assert stub.requests == []
    assert_one_line_failure(result, "--bind cannot be used with --endpoint")


def test_the_remote_query_carries_the_prefixes_and_the_bound_values() -> None:
    empty = b'{"head": {"vars": ["claim"]}, "results": {"bindings": []}}'
    with stub_server(then=Reply(200, empty, "application/sparql-results+json")) as stub:
        result = run(
            "sparql",
            "SELECT ?claim ?text WHERE { ?claim rdfs:label ?text } # a comment",
            *("--endpoint", stub.url, "--bind", 'text=say "hi"\\', "--bind", "claim=k2:Claim"),
        )
    assert result.exit_code == 0, result.output
    sent = stub.requests[0][2].decode("utf-8")
    assert "PREFIX k2: <https://w3id.org/k2graph/vocab#>\n" in sent
    values = '(<https://w3id.org/k2graph/vocab#Claim> "say \\"hi\\"\\\\")'
    assert sent.endswith(f"# a comment\nVALUES (?claim ?text) {{ {values} }}\n")
