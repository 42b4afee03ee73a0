"""Batch work without the cyclic garbage collector.

A build creates millions of small objects that live until it ends. CPython's collector scans
the whole young-to-old object graph again and again while they pile up, which made a 20,000-claim
build three times slower than without it. Reference counting still frees everything that is not
in a cycle; the collector runs once when the batch is over.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with the cyclic collector off (nested uses are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
