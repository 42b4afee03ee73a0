"""Renderings of conflict views: JSON (stable), Markdown (for reading), and a terminal table.

Renderers take the views of `conflicts.views` and return text; they never read the graph again.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from k2graph.conflicts.views import FORMAT

View = dict[str, Any]


def render_json(views: Sequence[View], filters: dict[str, str | None], config: str) -> str:
    document = {
        "format": FORMAT,
        "evidence_config": config,
        "filters": filters,
        "count": len(views),
        "conflicts": list(views),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _score(side: View) -> str:
    label = f" {side['label']}" if side["label"] else ""
    score = side["score"]
    return f"{score:.2f}{label}" if score is not None else "unscored"


def render_markdown(views: Sequence[View], heading_level: int = 2) -> str:
    """Each conflict as a section: the explanation, both sides with their quotes, the verdict."""
    if not views:
        return "No conflicts match.\n"
    hashes = "#" * heading_level
    out: list[str] = []
    for number, view in enumerate(views, 1):
        out.append(
            f"{hashes} {number}. {view['kind'].replace('_', ' ')} — {view['severity']} severity\n"
        )
        out.append(f"{view['explanation']}\n")
        for name in ("a", "b"):
            side = view[name]
            out.append(f"- **Side {name}**: {side['claim']} — strength {_score(side)}")
            for att in side["attestations"]:
                strength = att["strength"]
                score = f"{strength['score']:.2f}" if strength else "?"
                out.append(
                    f"  - `{att['source_id']}` line {att['line']}, {att['speaker']}, "
                    f'{att["modality"]}, {att["basis"]} ({score}): "{att["quote"]}"'
                )
        verdict = f"side {view['favours']}" if view["favours"] else "neither side"
        out.append(f"\n**The evidence favours {verdict}**: {view['favours_why']}.\n")
        out.append(f"Found by: {', '.join(view['detected_by'])}.\n")
    return "\n".join(out)


def render_table(views: Sequence[View], width: int = 120) -> str:
    if not views:
        return "No conflicts match.\n"
    table = Table(show_lines=True)
    for column in ("severity", "kind", "side a", "side b", "favours", "found by"):
        table.add_column(column, overflow="fold")
    for view in views:
        sides = [
            escape(f"{view[n]['claim']}\n({', '.join(view[n]['sources'])}; {_score(view[n])})")
            for n in ("a", "b")
        ]
        table.add_row(
            view["severity"],
            view["kind"],
            *sides,
            view["favours"] or "neither",
            ", ".join(view["detected_by"]),
        )
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, force_terminal=False).print(table)
    return buffer.getvalue()
