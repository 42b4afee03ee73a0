"""The child process that runs one query: `python -m k2graph.sparql.worker`.

Neither engine can be interrupted from Python once a query runs, so the query runs here and the
parent kills this process when `--timeout` passes. Reads one JSON request on standard input,
writes one JSON reply on standard output: {"answer": …} or {"error": "one line"}.

Before anything runs, this process closes itself to the network (an audit hook refusing socket
and urllib use) and turns off rdflib's FROM loading: a second wall behind `guard`, which the
worker also applies again to the text it receives. It also limits its own address space to the
request's `max_memory` megabytes, so a query that would fill the machine's memory stops instead.
"""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any

NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"}
)


def block_network() -> None:
    """Refuse every Python-level network call in this process from now on (cannot be undone)."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event in NETWORK_EVENTS:
            raise PermissionError(f"network access is disabled in the query worker ({event})")

    sys.addaudithook(hook)


def limit_memory(megabytes: int | None) -> None:
    """Cap this process's address space (cannot be raised again by the query)."""
    if megabytes is None:
        return
    try:
        import resource
    except ImportError:  # pragma: no cover - not on this platform: the time limit still holds
        return

    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def handle(request: dict[str, Any]) -> dict[str, Any]:
    """Check and run one request; every failure becomes a one-line error."""
    import rdflib.plugins.sparql

    from k2graph.sparql import engines, guard
    from k2graph.sparql.errors import SparqlError

    rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False
    if "results" in request:  # an endpoint's answer to read, too large for the parent
        return _read_results(request)
    try:
        checked = guard.check(request["query"])
        answer = engines.execute(
            request["engine"],
            Path(request["data"]),
            checked,
            request["bindings"],
            int(request["limit"]),
            Path(request["store"]) if request.get("store") else None,
        )
    except SparqlError as err:
        return {"error": str(err)}
    except MemoryError:
        return {"out_of_memory": True}
    except Exception as err:  # an engine's own error (bad regex, type error …): report it
        return {"error": f"{request['engine']} failed: {' '.join(str(err).split())}"}
    return {"answer": answer.to_dict()}


def _read_results(request: dict[str, Any]) -> dict[str, Any]:
    from k2graph.sparql.json_results import UnreadableResults, read_results

    try:
        answer = read_results(Path(request["results"]).read_bytes(), int(request["limit"]))
    except UnreadableResults as err:
        return {"error": f"the endpoint did not answer in SPARQL JSON results ({err})"}
    except MemoryError:
        return {"out_of_memory": True}
    return {"answer": answer.to_dict()}


def main() -> None:
    # rdflib warns about its own internals (Dataset.default_context); not the user's concern.
    warnings.simplefilter("ignore", DeprecationWarning)
    block_network()
    request = json.loads(sys.stdin.read())
    limit_memory(request.get("max_memory"))
    json.dump(handle(request), sys.stdout)


if __name__ == "__main__":
    main()
