"""The one error `k2graph sparql` reports: a single line for the user, never a traceback."""

from __future__ import annotations


class SparqlError(Exception):
    """Something the user can fix; `str(err)` is the one line to print."""


class QueryRefused(SparqlError):
    """The query asks for something this read-only, offline command never does."""


class QueryTimeout(SparqlError):
    """The query ran past `--timeout` and its process was killed."""


class QueryTooLarge(SparqlError):
    """The query needed more memory than `--max-memory` and its process was stopped."""
