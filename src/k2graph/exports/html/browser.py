"""Opening the built page in the user's browser, for `k2graph view`."""

from __future__ import annotations

import webbrowser
from pathlib import Path


def open_page(path: Path) -> bool:
    """Ask the system browser to show `path`; False when there is no browser to ask."""
    try:
        return bool(webbrowser.open(path.resolve().as_uri()))
    except webbrowser.Error:
        return False
