"""One HTTP POST to a SPARQL store, the URL checks before it, and the URL as messages show it.

Shared by `k2graph push` (Graph Store Protocol, SPARQL Update) and `k2graph sparql --endpoint`
(SPARQL Protocol), and meant for anything else of ours that talks to a store. The exchange itself
(`wire`) has one deadline for all of it and a cap on the answer's size. Credentials may be given
in the URL (`https://user:password@host/…`, sent as HTTP Basic authentication); every message
shows the URL with the password replaced by `***`. Every failure is an `EndpointError` carrying
the HTTP status (None when no answer came), the server's message cut to one short printable line,
and whether sending the same request again may succeed (no answer, a timeout, a cut-off answer,
5xx or 429) or cannot (any other 4xx, or a 3xx, which is reported rather than followed).
"""

from __future__ import annotations

import base64
import http.client
import re
import urllib.parse
from dataclasses import dataclass
from importlib.metadata import version

from k2graph.problems import printable
from k2graph.remote.wire import Exchange, WireError, exchange

MESSAGE_CHARS = 300  # of the server's answer, quoted in an error
MAX_ANSWER = 256 * 1024 * 1024  # bytes: the largest answer read (a query's results)


class BadUrl(ValueError):
    """An endpoint URL that is not an absolute http(s) URL; `str(err)` is the one line."""


class EndpointError(Exception):
    """A request that failed: `status` is None when no HTTP answer came at all."""

    def __init__(
        self,
        url: str,
        status: int | None,
        reason: str,
        retryable: bool,
        timed_out: bool = False,
    ) -> None:
        super().__init__(reason)
        self.url = url  # as messages show it (`redact`)
        self.status = status
        self.reason = reason
        self.retryable = retryable
        self.timed_out = timed_out

    def describe(self) -> str:
        """`HTTP 400 Bad Request: "…"`, or the network failure, in one line."""
        if self.status is None:
            return self.reason
        phrase = http.client.responses.get(self.status, "")
        head = f"HTTP {self.status} {phrase}".rstrip()
        return f"{head}: {self.reason}" if self.reason else head


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str  # the media type alone, lower case, e.g. "application/n-triples"
    body: bytes


def check_url(url: str, example: str) -> str:
    """`url` when it is an absolute http(s) URL with a host; `BadUrl` (naming `example`) if not."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError as err:
        raise BadUrl(f"--endpoint {redact(url)!r} is not a valid URL: {err}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadUrl(
            f"--endpoint {redact(url)!r} is not an http:// or https:// URL with a host,"
            f" e.g. {example}"
        )
    if any(c.isspace() or not c.isprintable() for c in url):
        raise BadUrl(
            f"--endpoint {printable(redact(url))!r} holds a space or a control character:"
            " percent-encode it (%20)"
        )
    return url


def redact(url: str) -> str:
    """`url` as messages show it: whatever stands before an `@` in its authority (a password, or
    a user name that may be a token) replaced by `***`; a password kept as `user:***`. Done on
    the text itself, so even a URL too malformed to parse shows no secret."""
    return _USERINFO.sub(_hide, url)


_USERINFO = re.compile(r"^(?P<scheme>[^:/?#]*:)?//(?P<info>[^/?#]*)@")


def _hide(found: re.Match[str]) -> str:
    user, colon, _ = found.group("info").rpartition("@")[2].partition(":")
    shown = f"{user}:***" if colon else "***"
    return f"{found.group('scheme') or ''}//{shown}@"


def post(
    url: str,
    body: bytes,
    content_type: str,
    accept: str,
    timeout: float,
    max_bytes: int = MAX_ANSWER,
) -> Response:
    """POST `body` to `url` and read the whole answer within `timeout` seconds in all; the answer
    when its status is 2xx, `EndpointError` otherwise."""
    parts = urllib.parse.urlsplit(url)
    shown = redact(url)
    headers = {
        "Host": parts.netloc.rpartition("@")[2],
        "Content-Type": content_type,
        "Content-Length": str(len(body)),
        "Accept": accept,
        "User-Agent": f"k2graph/{version('k2graph')}",
        "Connection": "close",
    }
    if parts.username is not None:
        pair = (
            f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
        )
        headers["Authorization"] = "Basic " + base64.b64encode(pair.encode("utf-8")).decode()
    target = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    head = f"POST {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = Exchange(
        host=parts.hostname or "",
        port=parts.port or (443 if parts.scheme == "https" else 80),
        tls=parts.scheme == "https",
        head=(head + "\r\n").encode("utf-8"),
        body=body,
        timeout=timeout,
        max_bytes=max_bytes,
    )
    try:
        answer = exchange(request)
    except WireError as err:
        reason = printable(err.reason)
        raise EndpointError(shown, None, reason, err.retryable, err.timed_out) from None
    media = answer.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if 200 <= answer.status < 300:
        return Response(answer.status, media, answer.body)
    raise _http_error(shown, answer.status, answer.headers, answer.body)


def _http_error(url: str, status: int, headers: dict[str, str], body: bytes) -> EndpointError:
    message = " ".join(printable(body.decode("utf-8", errors="replace")).split())
    if 300 <= status < 400:
        location = printable(redact(headers.get("location", "?")))
        message = f"redirected to {location}: give that URL instead"
    elif len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 1] + "…"
    retryable = status >= 500 or status == 429  # too many requests: later may do
    return EndpointError(url, status, f'"{message}"' if message else "", retryable)
