"""One HTTP POST to a SPARQL store, with the standard library only, and the URL checks before it.

Shared by `k2graph push` (Graph Store Protocol, SPARQL Update) and `k2graph sparql --endpoint`
(SPARQL Protocol). Every failure is an `EndpointError` carrying the HTTP status (None when no
answer came), the server's message cut to one short line, and whether sending the same request
again may succeed (no answer, a timeout, 5xx or 429) or cannot (any other 4xx, or a 3xx).
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from importlib.metadata import version

MESSAGE_CHARS = 300  # of the server's answer, quoted in an error


class BadUrl(ValueError):
    """An endpoint URL that is not an absolute http(s) URL; `str(err)` is the one line."""


class EndpointError(Exception):
    """A request that failed: `status` is None when no HTTP answer came at all."""

    def __init__(self, url: str, status: int | None, reason: str, retryable: bool) -> None:
        super().__init__(reason)
        self.url = url
        self.status = status
        self.reason = reason
        self.retryable = retryable

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
        raise BadUrl(f"--endpoint {url!r} is not a valid URL: {err}") from None
    if parts.scheme not in ("http", "https") or not host:
        raise BadUrl(
            f"--endpoint {url!r} is not an http:// or https:// URL with a host, e.g. {example}"
        )
    if any(c.isspace() for c in url):
        raise BadUrl(f"--endpoint {url!r} holds a space: percent-encode it (%20)")
    return url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    # urllib would turn a redirected POST into a GET without its body (a push would then
    # download the store); report the redirect instead, so the user gives the final URL.
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def post(url: str, body: bytes, content_type: str, accept: str, timeout: float) -> Response:
    """POST `body` to `url`; the answer when its status is 2xx, `EndpointError` otherwise."""
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": content_type,
            "Accept": accept,
            "User-Agent": f"k2graph/{version('k2graph')}",
        },
    )
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            media = answer.headers.get_content_type()
            return Response(answer.status, media, answer.read())
    except urllib.error.HTTPError as err:
        raise _http_error(url, err) from None
    except TimeoutError:
        raise EndpointError(url, None, f"no answer within {timeout:g} s", True) from None
    except urllib.error.URLError as err:
        raise EndpointError(url, None, _network_reason(err.reason, timeout), True) from None
    except (http.client.HTTPException, OSError) as err:
        raise EndpointError(url, None, _network_reason(err, timeout), True) from None


def _http_error(url: str, err: urllib.error.HTTPError) -> EndpointError:
    try:
        text = err.read().decode("utf-8", errors="replace")
    except (OSError, http.client.HTTPException):
        text = ""
    finally:
        err.close()
    message = " ".join(text.split())
    if 300 <= err.code < 400:
        message = f"redirected to {err.headers.get('Location', '?')}: give that URL instead"
    elif len(message) > MESSAGE_CHARS:
        message = message[: MESSAGE_CHARS - 1] + "…"
    retryable = err.code >= 500 or err.code == 429  # too many requests: later may do
    return EndpointError(url, err.code, f'"{message}"' if message else "", retryable)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__
