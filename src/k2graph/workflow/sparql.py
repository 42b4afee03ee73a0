"""What `k2graph sparql` does, from the parsed options to the text to print.

Order matters for safety: the query is checked (`guard`) and its bindings resolved before the
data file (or the on-disk store) is looked at, any engine process starts or anything is sent to
an `--endpoint`, so a refused query never reaches an engine or a store.

`--timeout` is one deadline for all of it: the check (under `time_limit`), then the engine's
child process or the endpoint's answer, each given what is left. The child also runs under
`--max-memory`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from k2graph.problems import display_path
from k2graph.remote import query as remote
from k2graph.sparql import bindings, guard, named, results, runner, store
from k2graph.sparql.answer import Answer
from k2graph.sparql.errors import SparqlError
from k2graph.sparql.time_limit import time_limit

DEFAULT_DATA = Path("exports/k2graph.nq")
DEFAULT_TIMEOUT = 30.0  # seconds; loading the export and running the query
DEFAULT_LIMIT = 1000  # rows
DEFAULT_MAX_MEMORY = 4096  # megabytes of address space for the query's process


@dataclass(frozen=True)
class Request:
    """The command's options, as given. With `store` (an on-disk store written by `k2graph build
    --store`) the query runs there, on Oxigraph only, and `data` is only compared with the store
    to warn when it is stale."""

    query: str | None = None
    file: Path | None = None
    named: str | None = None
    list_named: bool = False
    binds: Sequence[str] = ()
    fmt: str = "table"
    engine: str = "rdflib"
    timeout: float = DEFAULT_TIMEOUT
    limit: int = DEFAULT_LIMIT
    data: Path = field(default=DEFAULT_DATA)
    endpoint: str | None = None  # a SPARQL 1.1 query endpoint; then `engine` and `data` are unused
    store: Path | None = None  # an on-disk Oxigraph store written by `build --store`
    max_memory: int = DEFAULT_MAX_MEMORY  # megabytes; the query's process stops beyond it


@dataclass(frozen=True)
class Output:
    """`text` for standard output; `note` (e.g. the truncation notice) for standard error."""

    text: str
    note: str | None = None


def run(request: Request) -> Output:
    """Run the request; every failure is a `SparqlError` carrying one line."""
    if request.list_named:
        return Output(named.listing())
    if request.store is not None and request.endpoint is not None:
        raise SparqlError(
            "--store and --endpoint name two different stores: give one of them"
            " (--store for a local Oxigraph folder, --endpoint for a server)"
        )
    if request.store is not None and request.engine != "oxigraph":
        raise SparqlError(
            f"--store is an Oxigraph store: it cannot run on --engine {request.engine}"
            " (drop --engine, or drop --store to query --data)"
        )
    deadline = time.monotonic() + request.timeout
    text = _query_text(request)
    with time_limit(request.timeout, request.timeout):
        checked = guard.check(text)
        bound = bindings.resolve(request.binds, checked)
        if request.endpoint is not None:
            sent = remote.request_text(checked, bound)
    if request.endpoint is not None:
        limits = remote.Limits(_left(deadline), request.timeout, request.max_memory)
        answer = remote.run(request.endpoint, sent, checked.form, request.limit, limits)
        notes: list[str] = []
    else:
        stale = _check_source(request)
        answer = _run_locally(request, checked.text, bound, _left(deadline))
        notes = [stale] if stale else []
    if answer.truncated:
        shown = len(answer.rows)
        notes.append(f"showing {shown} of at least {shown + 1} rows; use --limit to see more")
    return Output(results.render(answer, request.fmt), "\n".join(notes) or None)


def _left(deadline: float) -> float:
    """Seconds until `deadline`, never quite zero (a limit of 0 would mean none at all)."""
    return max(deadline - time.monotonic(), 0.001)


def _run_locally(
    request: Request, text: str, bound: dict[str, bindings.Term], seconds: float
) -> Answer:
    return runner.run_in_child(
        {
            "query": text,
            "engine": request.engine,
            "data": str(request.data.resolve()),
            "store": str(request.store.resolve()) if request.store is not None else None,
            "bindings": bound,
            "limit": request.limit,
            "max_memory": request.max_memory,
        },
        seconds,
        request.timeout,
    )


def _check_source(request: Request) -> str | None:
    """Refuse a missing N-Quads file or store; return the warning when the store is stale."""
    if request.store is not None:
        return store.check_for_query(request.store, request.data)
    if not request.data.is_file():
        raise SparqlError(
            f"{display_path(request.data)} not found: run `k2graph build` to write the exports,"
            " or point --data at an N-Quads file"
        )
    return None


def _query_text(request: Request) -> str:
    """The query from exactly one of QUERY, --file and --named."""
    given = [x is not None for x in (request.query, request.file, request.named)]
    if sum(given) != 1:
        raise SparqlError("give exactly one of QUERY, --file F.rq or --named NAME (see --list)")
    if request.named is not None:
        return named.text(request.named)
    if request.file is not None:
        return _read_query_file(request.file)
    assert request.query is not None
    return request.query


def _read_query_file(path: Path) -> str:
    """A query file's text: a regular file (not a pipe or a device, which could stall or never
    end before any limit applies), of at most `guard.MAX_QUERY_CHARS` characters, in UTF-8."""
    shown = display_path(path)
    try:
        if not path.is_file():
            what = "not found" if not path.exists() else "not a regular file"
            raise SparqlError(f"cannot read {shown}: {what} (give a .rq file)")
        with path.open("rb") as stream:
            raw = stream.read(4 * guard.MAX_QUERY_CHARS + 1)  # UTF-8: at most 4 bytes a character
        if len(raw) > 4 * guard.MAX_QUERY_CHARS:
            raise SparqlError(
                f"cannot read {shown}: it is larger than a query may be"
                f" ({guard.MAX_QUERY_CHARS:,} characters)"
            )
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or str(err)
        raise SparqlError(f"cannot read {shown}: {reason}") from None
