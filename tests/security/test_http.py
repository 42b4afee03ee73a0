"""Items 4, 12 and 13 (and the endpoint half of 8): what a hostile server can do to `push` and
`sparql --endpoint`, each driven against a real socket server on 127.0.0.1.

A server that trickles its answer is stopped at the deadline, not after a timeout per read; an
endless answer is cut at the size cap, with memory staying bounded; an answer cut off before its
end is a failure; credentials in the URL are sent as HTTP Basic and never printed; a JSON answer
nested 200,000 deep is one line of error.
"""

from __future__ import annotations

import base64
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner, Result
from conftest import EXPORTS, ROOT

from k2graph.cli import main
from k2graph.remote import http
from security.hostile import endless, raw_server, send_then_close, trickle

OK_JSON = b'{"head": {"vars": []}, "results": {"bindings": []}}'


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def one_line_failure(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    last = result.stderr.strip().splitlines()[-1]
    for fragment in fragments:
        assert fragment in last, last
    return last


def http_answer(body: bytes, status: str = "200 OK", kind: str = "application/json") -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


def push(base: str, *extra: str) -> Result:
    return run(
        "push", "--endpoint", f"{base}/store", "--exports", str(EXPORTS),
        "--batch-size", "100000", "--retries", "0", *extra,
    )  # fmt: skip


# --- 4: a total deadline ---------------------------------------------------------------------


def test_a_trickled_answer_stops_the_query_at_the_deadline() -> None:
    with raw_server(trickle(http_answer(OK_JSON), every=0.2)) as base:
        start = time.monotonic()
        result = run("sparql", "ASK {}", "--endpoint", f"{base}/query", "--timeout", "1.5")
        took = time.monotonic() - start
    one_line_failure(result, "within 1.5 s (--timeout)")
    assert took < 4, took


def test_a_trickled_answer_stops_the_push_at_the_deadline() -> None:
    with raw_server(trickle(http_answer(b"", status="204 No Content"), every=0.2)) as base:
        start = time.monotonic()
        result = push(base, "--timeout", "1.5")
        took = time.monotonic() - start
    one_line_failure(result, "no complete answer within 1.5 s")
    assert took < 4, took


# --- 4: a size cap ---------------------------------------------------------------------------

ENDLESS = b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n\r\n"


def test_an_endless_answer_is_cut_at_the_cap_with_memory_bounded() -> None:
    # In a process of its own, to measure its memory: the cap is 256 MB.
    with raw_server(endless(ENDLESS, seconds=20)) as base:
        code = (
            "import resource, sys\n"
            "from click.testing import CliRunner\n"
            "from k2graph.cli import main\n"
            f"result = CliRunner().invoke(main, ['sparql', 'ASK {{}}', '--endpoint', '{base}/q'])\n"
            "print(result.exit_code, result.stderr.strip().splitlines()[-1])\n"
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
        )
        start = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT
        )
        took = time.monotonic() - start
    status_line, peak_mb = done.stdout.strip().splitlines()
    assert status_line.startswith("1 "), done.stdout + done.stderr
    assert "larger than 256 MB" in status_line
    assert int(peak_mb) < 700, peak_mb  # the cap, plus the interpreter and its libraries
    assert took < 20, took


def test_an_endless_answer_to_a_push_is_cut_at_a_megabyte() -> None:
    with raw_server(endless(ENDLESS, seconds=20)) as base:
        one_line_failure(push(base), "larger than 1 MB")


# --- 13: a cut-off answer is not a success ---------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (b"HTTP/1.1 204 No Content\r\n", "cut off before the end of its headers"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", "cut off after 5 of 50 bytes"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabc", "cut off"),
        (b"", "closed the connection without answering"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nabc", "bad chunk size"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "bad Content-Length"),
        (b"SSH-2.0-OpenSSH\r\n\r\n", "not HTTP"),
    ],
    ids=[
        "status line only",
        "short body",
        "unfinished chunks",
        "nothing",
        "negative chunk size",
        "negative length",
        "not HTTP",
    ],
)
def test_a_cut_off_answer_fails_the_push(answer: bytes, words: str) -> None:
    with raw_server(send_then_close(answer)) as base:
        result = push(base)
    last = one_line_failure(result, words)
    assert "pushed" not in result.stdout, last


def test_a_complete_answer_delimited_by_the_close_is_a_success() -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n" + OK_JSON
    with raw_server(send_then_close(answer)) as base:
        result = run("sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{base}/q")
    assert result.exit_code == 0, result.output


# --- 12: credentials are sent, never printed ------------------------------------------------


def test_credentials_in_the_url_are_sent_as_basic_auth() -> None:
    requests: list[bytes] = []
    with raw_server(send_then_close(http_answer(OK_JSON), requests)) as base:
        url = base.replace("http://", "http://ann:s3cret%21@") + "/query"
        result = run("sparql", "ASK {}", "--endpoint", url)
    assert result.exit_code == 0, result.output
    [request] = requests
    request_line, *headers = request.split(b"\r\n\r\n")[0].split(b"\r\n")
    token = base64.b64encode(b"ann:s3cret!").decode()
    assert f"Authorization: Basic {token}".encode() in headers
    assert b"s3cret" not in request_line
    assert f"Host: {base.removeprefix('http://')}".encode() in headers


@pytest.mark.parametrize(
    "command",
    [
        ["sparql", "ASK {}", "--endpoint", "http://ann:s3cret%21@127.0.0.1:9/query"],
        ["push", "--endpoint", "http://ann:s3cret%21@127.0.0.1:9/store", "--retries", "0"],
        ["sparql", "ASK {}", "--endpoint", "ftp://ann:s3cret@127.0.0.1/query"],
    ],
    ids=["query, unreachable", "push, unreachable", "not http"],
)
def test_credentials_are_never_printed(command: list[str]) -> None:
    result = run(*command, *(["--exports", str(EXPORTS)] if command[0] == "push" else []))
    assert result.exit_code == 1
    assert "s3cret" not in result.output
    assert "ann:***@" in result.output, result.output


# --- 8: an answer nested too deeply -----------------------------------------------------------


def test_a_deeply_nested_json_answer_is_one_line() -> None:
    body = b'{"head": {"vars": []}, "results": {"bindings": ' + b"[" * 200_000 + b"]" * 200_000
    body += b"}}"
    with raw_server(send_then_close(http_answer(body))) as base:
        result = run("sparql", "SELECT * WHERE { ?s ?p ?o }", "--endpoint", f"{base}/q")
    one_line_failure(result, "nested too deeply")


def test_the_size_cap_is_read_at_call_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "MAX_ANSWER", 1024 * 1024)
    with raw_server(endless(ENDLESS, seconds=20)) as base:
        one_line_failure(run("sparql", "ASK {}", "--endpoint", f"{base}/q"), "larger than 1 MB")


# --- 4: a large answer is read under --max-memory --------------------------------------------


def test_a_large_answer_that_would_fill_the_memory_is_read_under_the_limit() -> None:
    # 60 MB of empty bindings: a few GB once parsed, so it is read in the query worker.
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [' + b"{}," * 20_000_000
    body += b"{}]}}"
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    with raw_server(send_then_close(answer)) as base:
        start = time.monotonic()
        result = run("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", f"{base}/q",
                     "--max-memory", "400", "--timeout", "60")  # fmt: skip
        took = time.monotonic() - start
    one_line_failure(result, "needed more than 400 MB of memory (--max-memory)")
    assert took < 40, took


def test_a_large_valid_answer_is_read_and_cut_at_the_limit() -> None:
    row = b'{"s": {"type": "uri", "value": "http://example.org/a-long-enough-iri"}},'
    body = b'{"head": {"vars": ["s"]}, "results": {"bindings": [' + row * 150_000
    body = body[:-1] + b"]}}"
    assert len(body) > http.MAX_ANSWER // 32  # over the size read in this process
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    with raw_server(send_then_close(answer)) as base:
        result = run("sparql", "SELECT ?s WHERE { ?s ?p ?o }", "--endpoint", f"{base}/q",
                     "--format", "csv", "--limit", "5")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["s"] + ["http://example.org/a-long-enough-iri"] * 5
    assert "showing 5 of at least 6 rows" in result.stderr


@pytest.mark.parametrize(
    "url",
    ["http://ann:s3cret@[::1/query", "http://s3cretToken@127.0.0.1:9/query"],
    ids=["malformed", "user name only"],
)
def test_no_form_of_url_prints_its_secret(url: str) -> None:
    result = run("sparql", "ASK {}", "--endpoint", url)
    assert result.exit_code == 1
    assert "s3cret" not in result.output
    assert "***@" in result.output, result.output
