"""The interactive graph page (`exports/k2graph.html`): one offline, self-contained HTML file.

`layout` places the nodes, `network` builds the vis-network records with pyvis, `details` the
side-panel data, `data` puts them together, and `page` fills the template (`page.html`, `page.js`,
`page.css`). `browser` opens the built page for `k2graph view`.
"""

from __future__ import annotations

from k2graph.exports.html.page import HTML_NAME, render_html

__all__ = ["HTML_NAME", "render_html"]
