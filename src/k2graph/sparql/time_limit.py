"""A time limit on work done in this process (the guard's parse), for `--timeout`.

The query itself runs in a child process that is killed at the limit; checking it happens here,
before any child starts, so it is stopped with an interval timer instead. pyparsing is pure
Python, so the timer's signal interrupts it between two steps. The signal raises an exception
that is not an `Exception`, so no `except Exception` inside a parser can swallow it. Signals are
delivered to the main thread only: elsewhere (a notebook's worker thread, say), and where there
is no interval timer, no limit applies.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from k2graph.sparql.errors import QueryTimeout


class _Expired(BaseException):
    """The interval timer fired while the limited work ran."""


@contextmanager
def time_limit(seconds: float, limit: float) -> Iterator[None]:
    """Run the block for at most `seconds`; `QueryTimeout` naming `limit` (the `--timeout`) when
    it runs longer."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):  # signals reach the main thread only; some platforms have no interval timer
        yield
        return
    armed = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed:  # a signal arriving while the timer is being cancelled changes nothing
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    except _Expired:
        raise QueryTimeout(
            f"query stopped after {limit:g} s (--timeout) while it was being checked:"
            " a query this large or this deeply nested is refused; narrow it"
        ) from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
