"""Where the browser tests find Chromium, and why they cannot run when they cannot."""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("K2GRAPH_CHROMIUM", "/usr/bin/chromium"))


def missing_browser() -> str | None:
    """Why a browser test cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or set K2GRAPH_CHROMIUM)"
    return None
