"""Importing the benchmark scripts (bench/ is not a package) from the tests."""

from __future__ import annotations

import sys
from types import ModuleType

from conftest import ROOT


def bench_module(name: str) -> ModuleType:
    """`bench/<name>.py` as a module; its own imports of sibling scripts resolve while loading."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "bench"))
