"""Shared fixtures: the committed corpus, and the tiny synthetic one."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from factory import make_corpus

from k2graph.sparql.answer import Answer

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
EXPORTS = ROOT / "exports"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny synthetic corpus's sources folder."""
    return make_corpus(tmp_path)


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run the test with the temporary folder as working directory."""
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


@pytest.fixture(scope="session")
def corpus_oxigraph() -> ox.Store:
    """The committed N-Quads export loaded once per test process into Oxigraph (as the command
    line's worker loads it)."""
    from k2graph.sparql import engines

    return engines.load_oxigraph(EXPORTS / "k2graph.nq")


@pytest.fixture(scope="session")
def corpus_rdflib() -> rdflib.Dataset:
    """The committed N-Quads export loaded once per test process into rdflib."""
    from k2graph.sparql import engines

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own, on Dataset.parse
        return engines.load_rdflib(EXPORTS / "k2graph.nq")


@pytest.fixture(scope="session")
def corpus_answers(
    corpus_rdflib: rdflib.Dataset, corpus_oxigraph: ox.Store
) -> dict[str, tuple[Answer, Answer]]:
    """Every named query's answer on the committed export, by rdflib and by Oxigraph, computed
    once per test process: rdflib takes seconds over some of them."""
    from k2graph.sparql import engines, guard, named

    answers = {}
    for name in named.names():
        checked = guard.check(named.text(name))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's Dataset.triples
            by_rdflib = engines.query_rdflib(corpus_rdflib, checked, {}, 10**6)
        answers[name] = (by_rdflib, engines.query_oxigraph(corpus_oxigraph, checked, {}, 10**6))
    return answers
