"""Hostile and recording servers on 127.0.0.1 for the security tests.

`recording_server` answers every request with an injected SPARQL result and records its path (a
request reaching it means a query got out). `raw_server` reads each request and hands it, with
the connection, to a script of raw bytes: trickled one byte at a time, cut off, endless, or
whatever a test needs.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

INJECTED_ROW = b'{"x": {"type": "literal", "value": "INJECTED"}}'
INJECTED = b'{"head": {"vars": ["x"]}, "results": {"bindings": [' + INJECTED_ROW + b"]}}"


class _Recording(http.server.BaseHTTPRequestHandler):
    hits: list[str]
    body: bytes

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = self.body
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def recording_server(body: bytes = INJECTED) -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server answering every request with `body` as SPARQL JSON results (an
    injected row by default): (base URL, paths requested)."""
    hits: list[str] = []
    handler = type("Handler", (_Recording,), {"hits": hits, "body": body})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


Script = Callable[[socket.socket, bytes], None]  # the connection, and the request read


@contextmanager
def raw_server(script: Script) -> Iterator[str]:
    """A loopback TCP server that reads the request, then runs `script` on the connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def serve(connection: socket.socket) -> None:
        with connection:
            connection.settimeout(5)
            with contextlib.suppress(OSError):  # the client gave up: what these tests want
                script(connection, _read_request(connection))

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=serve, args=(connection,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _read_request(connection: socket.socket) -> bytes:
    """Read the head and the body (by Content-Length) of one request; return them."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def trickle(payload: bytes, every: float = 0.5) -> Script:
    """Send `payload` one byte at a time, a byte every `every` seconds."""

    def script(connection: socket.socket, request: bytes) -> None:
        for byte in payload:
            connection.sendall(bytes([byte]))
            time.sleep(every)

    return script


def endless(head: bytes, chunk: bytes = b"x" * 65536, seconds: float = 30) -> Script:
    """Send `head`, then `chunk` again and again for up to `seconds`."""

    def script(connection: socket.socket, request: bytes) -> None:
        connection.sendall(head)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            connection.sendall(chunk)

    return script


def send_then_close(payload: bytes, requests: list[bytes] | None = None) -> Script:
    """Send `payload` and close; record each request in `requests` when given."""

    def script(connection: socket.socket, request: bytes) -> None:
        if requests is not None:
            requests.append(request)
        connection.sendall(payload)

    return script
