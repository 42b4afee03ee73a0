"""Items 5 and 9: a query cannot take the machine's memory, nor outlast `--timeout` while it is
being checked.

The query's process runs under `--max-memory` as well as `--timeout`: a cartesian product sorted
in full (which once reached 8.9 GB inside the 30 s limit) stops at the memory limit with one line.
The guard's own parse counts against `--timeout` too: a 260 KB flat expression once took 73 s
under `--timeout 1`.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXPORTS, ROOT

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"


def k2graph(*args: str, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run the command in a process of its own, as a user would; with its wall time."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "k2graph", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=timeout,
    )  # fmt: skip
    return done, time.monotonic() - start


def one_line(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    for fragment in fragments:
        assert fragment in done.stderr, done.stderr


def test_a_runaway_sort_stops_at_the_memory_limit() -> None:
    done, took = k2graph(
        "sparql", RUNAWAY, "--data", str(EXPORTS / "k2graph.nq"), "--max-memory", "600",
        "--timeout", "60",
    )  # fmt: skip
    one_line(done, "needed more than 600 MB of memory (--max-memory)")
    assert took < 30, took


def test_the_memory_limit_leaves_an_ordinary_query_alone() -> None:
    done, _ = k2graph(
        "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?c a k2:Claim }", "--data",
        str(EXPORTS / "k2graph.nq"), "--max-memory", "600", "--format", "csv",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "n"


@pytest.fixture(scope="module")
def flat_expression(tmp_path_factory: pytest.TempPathFactory) -> Path:
    query = tmp_path_factory.mktemp("queries") / "flat.rq"
    query.write_text("SELECT * WHERE { FILTER(" + "+".join(["1"] * 130_000) + ") }\n")
    return query


def test_the_check_of_a_huge_expression_stops_at_the_timeout(flat_expression: Path) -> None:
    done, took = k2graph("sparql", "--file", str(flat_expression), "--timeout", "1")
    one_line(done, "query stopped after 1 s (--timeout) while it was being checked")
    assert took < 10, took  # the interpreter's start, then one second


def test_the_check_counts_against_an_endpoint_query_too(flat_expression: Path) -> None:
    done, took = k2graph(
        "sparql", "--file", str(flat_expression), "--timeout", "1", "--endpoint",
        "http://127.0.0.1:9/query",
    )  # fmt: skip
    one_line(done, "while it was being checked")
    assert took < 10, took


def test_a_query_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    query = tmp_path / "huge.rq"
    query.write_text("ASK {}\n" + "#" * 1_000_001)
    done, _ = k2graph("sparql", "--file", str(query))
    one_line(done, "over the limit of 1,000,000")


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_a_query_file_that_never_ends_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    import os

    if kind == "pipe":
        path = tmp_path / "q.rq"
        os.mkfifo(path)  # a reader would wait for a writer forever
    else:
        path = Path("/dev/zero")  # a reader would fill the memory
    done, took = k2graph("sparql", "--timeout", "2", "--file", str(path), timeout=30)
    one_line(done, "not a regular file")
    assert took < 10, took
