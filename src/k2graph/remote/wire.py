"""One HTTP/1.1 exchange on a socket, under a total deadline and a size cap, read to its end.

Written on the standard library's sockets rather than `urllib`, because every limit must hold
whatever the server does: the deadline covers connecting, sending, the headers and the whole
body (a server that trickles a byte a second is stopped at the deadline, not after a timeout per
read); the size cap stops an endless body; and an answer is complete only when its framing says
so (`Content-Length` bytes, the last chunk, or the close of a body that is delimited by it). An
answer cut off before the end of its headers or its body is an error, never a success.
"""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass, field

MAX_HEAD = 64 * 1024  # bytes of status line and headers
_CHUNK = 64 * 1024


class WireError(Exception):
    """No complete answer: `reason` is one line; `retryable` when sending again may succeed."""

    def __init__(self, reason: str, retryable: bool = True, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable
        self.timed_out = timed_out


@dataclass(frozen=True)
class Exchange:
    """Where to send what: the request head and body, and the limits."""

    host: str
    port: int
    tls: bool
    head: bytes
    body: bytes
    timeout: float  # seconds for all of it
    max_bytes: int  # of the answer, head included


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


def exchange(request: Exchange) -> Answer:
    """Send the request and read the whole answer; `WireError` when there is none in time."""
    deadline = time.monotonic() + request.timeout
    try:
        with _connect(request, deadline) as sock:
            _send(sock, request.head + request.body, deadline)
            return _Reader(sock, deadline, request).answer()
    except TimeoutError:
        raise WireError(
            f"no complete answer within {request.timeout:g} s", timed_out=True
        ) from None
    except ssl.SSLError as err:
        raise WireError(f"TLS failed: {err.reason or err}", retryable=False) from None
    except OSError as err:
        raise WireError(err.strerror or " ".join(str(err).split()) or type(err).__name__) from None


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _connect(request: Exchange, deadline: float) -> socket.socket:
    sock = socket.create_connection((request.host, request.port), timeout=_left(deadline))
    if not request.tls:
        return sock
    context = ssl.create_default_context()
    sock.settimeout(_left(deadline))
    return context.wrap_socket(sock, server_hostname=request.host)


def _send(sock: socket.socket, data: bytes, deadline: float) -> None:
    view = memoryview(data)
    while view:
        sock.settimeout(_left(deadline))
        sent = sock.send(view[:_CHUNK])
        view = view[sent:]


class _Reader:
    """Reads one answer, chunk by chunk, each read given only what is left of the deadline."""

    def __init__(self, sock: socket.socket, deadline: float, request: Exchange) -> None:
        self.sock, self.deadline, self.request = sock, deadline, request
        self.buffer = bytearray()  # received, not yet consumed
        self.received = 0
        self.closed = False

    def _more(self) -> bool:
        """Read what arrives next into the buffer; False at the end of the stream."""
        if self.closed:
            return False
        self.sock.settimeout(_left(self.deadline))
        data = self.sock.recv(_CHUNK)
        if not data:
            self.closed = True
            return False
        self.received += len(data)
        if self.received > self.request.max_bytes:
            raise WireError(
                f"the answer is larger than {self.request.max_bytes // (1024 * 1024):,} MB,"
                " the most this command reads",
                retryable=False,
            )
        self.buffer += data
        return True

    def answer(self) -> Answer:
        while True:
            status, headers = self._head()
            if not 100 <= status < 200:  # an interim answer (100 Continue) is skipped
                break
        if status in (204, 304):
            return Answer(status, headers)
        return Answer(status, headers, self._body(headers))

    def _head(self) -> tuple[int, dict[str, str]]:
        while b"\r\n\r\n" not in self.buffer:
            if len(self.buffer) > MAX_HEAD:
                raise WireError(f"the answer's headers are longer than {MAX_HEAD:,} bytes")
            if not self._more():
                raise WireError(
                    "the answer was cut off before the end of its headers"
                    if self.buffer
                    else "the server closed the connection without answering"
                )
        end = self.buffer.index(b"\r\n\r\n")
        head = bytes(self.buffer[:end])
        del self.buffer[: end + 4]
        status_line, *lines = head.decode("iso-8859-1").split("\r\n")
        parts = status_line.split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
            raise WireError(f"the answer is not HTTP: {status_line[:80]!r}", retryable=False)
        headers: dict[str, str] = {}
        for line in lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return int(parts[1]), headers

    def _body(self, headers: dict[str, str]) -> bytes:
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return self._chunked()
        length = headers.get("content-length")
        if length is None:
            while self._more():  # delimited by the close of the connection
                pass
            return bytes(self.buffer)
        if not length.isdigit():
            raise WireError(f"the answer has a bad Content-Length: {length[:40]!r}")
        return self._exactly(int(length), "the answer")

    def _exactly(self, size: int, what: str) -> bytes:
        while len(self.buffer) < size:
            if not self._more():
                raise WireError(f"{what} was cut off after {len(self.buffer):,} of {size:,} bytes")
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def _line(self) -> bytes:
        while b"\r\n" not in self.buffer:
            if not self._more():
                raise WireError("the answer was cut off inside its chunked body")
        end = self.buffer.index(b"\r\n")
        line = bytes(self.buffer[:end])
        del self.buffer[: end + 2]
        return line

    def _chunked(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size_text = self._line().split(b";", 1)[0].strip()
            if not size_text or size_text.strip(b"0123456789abcdefABCDEF"):
                raise WireError(f"the answer has a bad chunk size: {size_text[:20]!r}")
            size = int(size_text, 16)
            if size == 0:
                while self._line():  # trailer fields, up to the empty line
                    pass
                return b"".join(parts)
            parts.append(self._exactly(size, "a chunk of the answer"))
            self._exactly(2, "a chunk of the answer")  # the CRLF after the chunk
