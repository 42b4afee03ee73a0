"""Shared fixtures: the committed corpus, and the tiny synthetic one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from factory import make_corpus

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
