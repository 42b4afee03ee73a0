"""Run a request in a fresh worker process and kill it when the time limit passes.

A runaway query (a cartesian product, a catastrophic regular expression) then costs only the
child: the calling process stays responsive and can run the next query at once.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from k2graph.sparql.answer import Answer
from k2graph.sparql.errors import QueryTimeout, QueryTooLarge, SparqlError

# The folder holding the `k2graph` package, so the child imports this very copy of it.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])  # …/src/k2graph/sparql/runner.py


def run_in_child(request: dict[str, Any], timeout: float, limit: float | None = None) -> Answer:
    """The worker's answer to `request`, or `QueryTimeout` after `timeout` seconds (what is left
    of the `--timeout` given as `limit`, which the message names)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_PACKAGE_ROOT, env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        # subprocess.run kills the child and reaps it when the timeout expires.
        done = subprocess.run(
            [sys.executable, "-m", "k2graph.sparql.worker"],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise QueryTimeout(
            f"query stopped after {limit or timeout:g} s (--timeout): "
            "narrow the query or give it more time with --timeout"
        ) from None
    return _reply(done, request.get("max_memory"))


def _reply(done: subprocess.CompletedProcess[str], max_memory: int | None) -> Answer:
    try:
        reply = json.loads(done.stdout)
    except json.JSONDecodeError:
        if max_memory is not None and _out_of_memory(done):
            raise QueryTooLarge(out_of_memory(max_memory)) from None
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise SparqlError(f"query worker failed: {lines[-1]}") from None
    if reply.get("out_of_memory") and max_memory is not None:
        raise QueryTooLarge(out_of_memory(max_memory))
    if "error" in reply:
        raise SparqlError(reply["error"])
    return Answer.from_dict(reply["answer"])


def out_of_memory(max_memory: int) -> str:
    return (
        f"query stopped: it needed more than {max_memory:,} MB of memory (--max-memory):"
        " narrow it (an ORDER BY or GROUP BY over every combination must hold them all, LIMIT"
        " or not), or allow more with --max-memory"
    )


def _out_of_memory(done: subprocess.CompletedProcess[str]) -> bool:
    """A child that died of its memory limit: Rust aborts (SIGABRT) when an allocation fails,
    Python raises MemoryError, and the kernel may kill it outright."""
    return done.returncode in (-signal.SIGABRT, -signal.SIGKILL) or "memory" in done.stderr
