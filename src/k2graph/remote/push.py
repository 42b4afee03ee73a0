"""`k2graph push`: load the N-Quads export into a running SPARQL 1.1 store over HTTP, in batches.

The export is read line by line and sent in batches of whole lines, so memory stays flat however
large the file. Two methods, for two kinds of store (README, "Loading into a triple store"):

- `gsp`, the W3C SPARQL 1.1 Graph Store HTTP Protocol: each batch is POSTed to the store's Graph
  Store endpoint as N-Quads, the graph names travelling with the quads (the dataset extension
  Oxigraph and Jena Fuseki accept); with `--graph IRI`, as N-Triples to `URL?graph=IRI`.
- `update`, SPARQL 1.1 Update: each batch is one `INSERT DATA { GRAPH <g> { … } }` POSTed to the
  store's update endpoint, for stores whose Graph Store endpoint takes no quads.

A batch that got no answer, timed out, or got HTTP 5xx or 429 is sent again after a pause that
doubles each time. That is safe, and so is re-running a failed push: a store holds a set of
quads, so a quad sent twice is stored once. (The export has no blank nodes, which every request
would otherwise turn into new nodes.)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from k2graph.problems import display_path
from k2graph.remote import http as endpoint
from k2graph.remote.batches import Batch, Request, check_graph, read_batches, request_for
from k2graph.remote.batches import PushError as PushError  # raised to the command line

NQUADS = "k2graph.nq"
METHODS = ("gsp", "update")
DEFAULT_BATCH = 50_000  # quads per request, about 11 MB of the export
DEFAULT_RETRIES = 3
DEFAULT_TIMEOUT = 120.0  # seconds to wait for the store's answer to one batch
BACKOFF = 1.0  # seconds before the first retry, doubled before each next one
MAX_BACKOFF = 30.0
ANSWER_BYTES = 1024 * 1024  # a store's answer to a write is a status and a short message

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    """The command's options, as given."""

    endpoint: str
    graph: str | None = None
    exports: Path = Path("exports")
    batch_size: int = DEFAULT_BATCH
    retries: int = DEFAULT_RETRIES
    timeout: float = DEFAULT_TIMEOUT
    method: str = "gsp"


@dataclass(frozen=True)
class Report:
    endpoint: str
    quads: int
    batches: int
    seconds: float

    def summary(self) -> str:
        noun = "batch" if self.batches == 1 else "batches"
        return (
            f"pushed {self.quads:,} quads in {self.batches} {noun} ({self.seconds:.1f} s)"
            f" to {self.endpoint}"
        )


def push(options: Options, progress: Progress) -> Report:
    """Send the whole export, reporting each batch to `progress`; `PushError` on failure."""
    graph = _checked(options)
    path = options.exports / NQUADS
    size = _size(path)
    start, sent, batches = time.monotonic(), 0, 0
    for batch in read_batches(path, options.batch_size):
        request = request_for(batch, options.method, options.endpoint, graph, path)
        _send(request, batch, options, sent, path, progress)
        sent, batches = sent + len(batch.lines), batch.number
        share = f"{100 * batch.read / size:.0f}%" if size else "100%"
        progress(
            f"batch {batch.number} (lines {batch.first_line:,}-{batch.last_line:,}):"
            f" {sent:,} quads sent, {share} of {display_path(path)}"
        )
    if not batches:
        raise PushError(f"{display_path(path)} holds no quads: run `k2graph build` to write it")
    return Report(endpoint.redact(options.endpoint), sent, batches, time.monotonic() - start)


def _checked(options: Options) -> str | None:
    """Every option checked before the file is opened or anything is sent; the bare graph IRI."""
    try:
        endpoint.check_url(options.endpoint, "http://127.0.0.1:7878/store")
    except endpoint.BadUrl as err:
        raise PushError(str(err)) from None
    if options.method not in METHODS:
        raise PushError(f"--method {options.method!r}: use one of {', '.join(METHODS)}")
    if options.batch_size < 1 or options.retries < 0 or options.timeout <= 0:
        raise PushError("--batch-size must be at least 1, --retries at least 0, --timeout above 0")
    return None if options.graph is None else check_graph(options.graph)


def _size(path: Path) -> int:
    try:
        if not path.exists():
            raise PushError(
                f"{display_path(path)} not found: run `k2graph build` to write the exports,"
                f" or point --exports at the folder holding {NQUADS}"
            )
        if not path.is_file():
            raise PushError(
                f"{display_path(path)} is not a file: --exports is the folder holding it"
            )
        return path.stat().st_size
    except OSError as err:
        raise PushError(f"cannot read {display_path(path)}: {err.strerror or err}") from None


def _send(
    request: Request, batch: Batch, options: Options, sent: int, path: Path, progress: Progress
) -> None:
    """POST one batch, retrying what may succeed on a second try, with a doubling pause."""
    for attempt in range(1, options.retries + 2):
        try:
            endpoint.post(
                request.url,
                request.body,
                request.content_type,
                "*/*",
                options.timeout,
                max_bytes=ANSWER_BYTES,
            )
            return
        except endpoint.EndpointError as err:
            if not err.retryable or attempt > options.retries:
                raise PushError(_failure(err, batch, attempt, options, sent, path)) from None
            pause = min(BACKOFF * 2 ** (attempt - 1), MAX_BACKOFF)
            progress(
                f"batch {batch.number}: {err.describe()}; retrying in {pause:g} s"
                f" (retry {attempt} of {options.retries})"
            )
            time.sleep(pause)


def _failure(
    err: endpoint.EndpointError,
    batch: Batch,
    attempts: int,
    options: Options,
    sent: int,
    path: Path,
) -> str:
    """The one line: what failed, where in the file, how to fix it, and what is loaded."""
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    if err.status is None:
        what = f"cannot reach {err.url}{tries}: {err.describe()}"
    else:
        what = f"{err.url} answered {err.describe()}{tries}"
    lines = f"{display_path(path)} lines {batch.first_line:,}-{batch.last_line:,}"
    loaded = (
        f"batches 1-{batch.number - 1} ({sent:,} quads) are loaded and stay loaded"
        if sent
        else "nothing was loaded"
    )
    return (
        f"push failed on batch {batch.number} ({lines}): {what} — fix: {_fix(err, options)};"
        f" {loaded}, and re-running is safe (a store keeps each quad once)"
    )


def _fix(err: endpoint.EndpointError, options: Options) -> str:
    status = err.status
    if status is None:
        if err.timed_out:
            return "give the store more time with --timeout, or send less with --batch-size"
        return "check that the store is running and that --endpoint is its URL"
    if 300 <= status < 400:
        return "give --endpoint the URL it redirects to"
    if status in (401, 403):
        return (
            "the store refused to write: give its credentials in the URL"
            " (http://user:password@host/…, sent as HTTP Basic authentication), or use an"
            " endpoint that takes writes from this machine (not `oxigraph serve-read-only`)"
        )
    if status in (404, 405):
        return (
            "check --endpoint: for --method gsp the store's Graph Store endpoint (Oxigraph"
            " http://HOST:7878/store), for --method update its update endpoint (Oxigraph"
            " http://HOST:7878/update)"
        )
    if status == 413:
        return "send less at a time with a lower --batch-size"
    if err.retryable:
        return (
            "the store kept failing: read its log, then re-run (perhaps with a lower --batch-size)"
        )
    if options.method == "gsp" and options.graph is None:
        return (
            "read the store's message; a store whose Graph Store endpoint takes no N-Quads needs"
            " --graph IRI or --method update"
        )
    return "read the store's message, then correct the endpoint or the store's settings"
