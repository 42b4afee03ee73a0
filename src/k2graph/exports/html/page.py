"""The graph page as one self-contained HTML file: our template, vis-network inlined, data as JSON.

pyvis's own templates are not used: they load Bootstrap and vis-network from CDNs and do not escape
what they insert. Here the only inserted values are constants, package files and the data, which is
embedded as JSON in a non-executable script element with `<`, `>` and `&` escaped, so no document
text can close the element or become markup. A Content-Security-Policy allows exactly the page's own
scripts (by hash) and nothing from anywhere else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib.resources import files
from typing import Any

from k2graph.exports.html.data import page_data
from k2graph.model import KnowledgeGraph

HTML_NAME = "k2graph.html"
TITLE = "k2graph \u2014 who claims what about vitamin K2, and where sources disagree"
SCRIPT_PARTS = ("dom.js", "panel.js", "legend.js", "main.js")
VIS_FOLDER = ("templates", "lib", "vis-9.1.2")
MARKER = re.compile(r"@@([A-Z]+)@@")
# In JSON these characters only occur inside strings, where \uXXXX means the same thing.
JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def render_html(graph: KnowledgeGraph) -> str:
    """The `k2graph.html` export."""
    return render_page(page_data(graph))


def render_page(data: dict[str, Any]) -> str:
    """Fill the page template; every marker is replaced once, and inserted text is not rescanned."""
    vis_js = SOURCE_MAP.sub("", _vis("vis-network.min.js")).rstrip() + "\n"
    script = _script()
    style = _vis("vis-network.css") + "\n" + _own("page.css")
    for name, text in (("vis-network.min.js", vis_js), ("page script", script)):
        _refuse_closing(name, text, "script")
    _refuse_closing("page.css", style, "style")
    values = {
        "TITLE": html.escape(TITLE),
        "CSP": html.escape(content_security_policy([vis_js, script], [style])),
        "STYLE": style,
        "DATA": embed_json(data),
        "VIS": vis_js,
        "SCRIPT": script,
    }
    return MARKER.sub(lambda m: values[m.group(1)], _own("page.html"))


def embed_json(data: Any) -> str:
    """JSON that is safe inside `<script type="application/json">`: no `<`, `>` or `&` at all."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: JSON_ESCAPES[m.group(0)], text)


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """Nothing may load; only these exact inline scripts and styles may run or apply."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(_hash(s) for s in scripts),
            "style-src " + " ".join(_hash(s) for s in styles),
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _refuse_closing(name: str, text: str, element: str) -> None:
    lowered = text.lower()
    if f"</{element}" in lowered or "<!--" in lowered:
        raise ValueError(f"{name} would end its <{element}> element early")


def _script() -> str:
    """The page's script: its parts in order, in one strict-mode function (no globals leak)."""
    parts = "\n".join(_own(name) for name in SCRIPT_PARTS)
    return f'(function () {{\n"use strict";\n{parts}}})();\n'


def _own(name: str) -> str:
    return files("k2graph.exports.html").joinpath(name).read_text(encoding="utf-8")


def _vis(name: str) -> str:
    return files("pyvis").joinpath(*VIS_FOLDER, name).read_text(encoding="utf-8")
