"""The stores the push tests talk to: a real Oxigraph server, and a stub that answers as told.

The Oxigraph server is the `oxigraph` executable of the PyPI package `oxigraph` (a test extra),
found next to the Python running the tests, else on PATH.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def oxigraph_executable() -> Path | None:
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return beside
    found = shutil.which("oxigraph")
    return Path(found) if found else None


def missing_oxigraph() -> str | None:
    """Why the push tests cannot run here, or None when they can."""
    if oxigraph_executable() is None:
        return (
            f"no oxigraph executable next to {sys.executable} or on PATH"
            " (pip install -e '.[test]' installs it)"
        )
    return None


def free_port() -> int:
    """A port nothing listens on (the instant it is returned)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def oxigraph_server(folder: Path) -> Iterator[str]:
    """`oxigraph serve` on a free port with its data in `folder`; yields its base URL.

    Its default graph is the union of the named graphs, as the named queries expect.
    """
    executable = oxigraph_executable()
    assert executable is not None
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(executable),
                "serve",
                "--location",
                str(folder / "db"),
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph exited: {log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2) as answer:
                answer.read()
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"oxigraph did not answer at {base} within 30 s")


@dataclass
class Reply:
    status: int
    body: bytes = b""
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering


@dataclass
class Stub:
    """Answers POSTs with `replies` in turn, then with `then` forever; records each request."""

    replies: list[Reply]
    then: Reply
    requests: list[tuple[str, str, bytes]] = field(default_factory=list)  # path, type, body
    url: str = ""

    def next_reply(self) -> Reply:
        return self.replies.pop(0) if self.replies else self.then


@contextmanager
def stub_server(*replies: Reply, then: Reply) -> Iterator[Stub]:
    stub = Stub(list(replies), then)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stub.requests.append((self.path, self.headers.get("Content-Type", ""), body))
            reply = stub.next_reply()
            time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)
            except OSError:
                pass  # the client gave up waiting (a timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    # A short poll interval: `shutdown` waits for the loop to notice, up to one interval.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
