"""Result rows as text: a terminal table, stable JSON, CSV or Markdown (`--format`).

JSON is `{"format", "filters", "count", <rows>}` with sorted keys; CSV has a header row and the
row model's fields in declaration order, lists joined with "; ". Both are documented in
docs/api.md. Tables wrap long cells to fit the given width (80 when not on a terminal).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from k2graph.problems import printable
from k2graph.rows import ClaimRow, ConflictRow, Row, Rows, SourceRow

FORMATS = ("table", "json", "csv", "markdown")
WIDTH = 80

Cell = Callable[[Any], str]


def _strength(score: float | None, label: str | None) -> str:
    return f"{score:.2f} {label}" if score is not None else "unscored"


def _evidence(row: ClaimRow) -> str:
    lines = [_strength(row.score, row.label), ", ".join(b.replace("_", " ") for b in row.bases)]
    if row.conflicts:
        lines.append(f"{len(row.conflicts)} conflict{'s' if len(row.conflicts) > 1 else ''}")
    return "\n".join(lines)


def _said_by(row: ClaimRow) -> str:
    """Speakers grouped under their source: `source-id` then ` · speaker` lines."""
    lines: list[str] = []
    for speaker in row.speakers:
        source, _, local = speaker.partition("--")
        if source not in lines:
            lines.append(source)
        lines.append(f" · {local}")
    return "\n".join(lines)


COLUMNS: dict[type[Row], tuple[tuple[str, Cell], ...]] = {
    ClaimRow: (
        ("claim", lambda r: f"{r.text}\n{r.id}"),
        ("said by", _said_by),
        ("evidence", _evidence),
    ),
    SourceRow: (
        ("source", lambda r: f"{r.id}\n{r.title}"),
        ("kind", lambda r: r.kind.replace("_", " ")),
        ("status", lambda r: r.publication_status),
        ("commercial", lambda r: r.commercial_interest.replace("_", " ")),
        ("atts", lambda r: str(r.attestations)),
        ("mean", lambda r: "" if r.mean_strength is None else f"{r.mean_strength:.3f}"),
    ),
    ConflictRow: (
        ("conflict", lambda r: f"{r.severity} {r.kind.replace('_', ' ')}\n{r.id}"),
        ("side a", lambda r: f"{r.a_claim}\n({'; '.join(r.a_sources)})"),
        ("side b", lambda r: f"{r.b_claim}\n({'; '.join(r.b_sources)})"),
        ("favours", lambda r: r.favours or "neither"),
    ),
}
_NUMERIC = {"atts", "mean"}
# Short words wrap early, so the identifiers and titles keep the room.
_MAX_WIDTH = {"kind": 10, "status": 11, "commercial": 10}


def render(
    rows: Rows[Any],
    fmt: str,
    filters: dict[str, Any] | None = None,
    width: int = WIDTH,
    color: bool = False,
) -> str:
    """`rows` in `fmt` (one of FORMATS), ending with a newline."""
    if fmt == "json":
        return render_json(rows, filters or {})
    if fmt == "csv":
        return render_csv(rows)
    if fmt == "markdown":
        return render_markdown(rows)
    return render_table(rows, width, color)


def render_json(rows: Rows[Any], filters: dict[str, Any]) -> str:
    plural = rows.row_type.plural
    document = {
        "format": f"k2graph-{plural}/1",
        "filters": filters,
        "count": len(rows),
        plural: rows.to_dicts(),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_csv(rows: Rows[Any]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=rows.columns(), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _csv_value(v) for k, v in row.to_row().items()})
    return out.getvalue()


def _csv_value(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return printable(value)
    return "" if value is None else value


def render_markdown(rows: Rows[Any]) -> str:
    if not rows:
        return _nothing(rows)
    columns = COLUMNS[rows.row_type]
    lines = [
        "| " + " | ".join(name for name, _ in columns) + " |",
        "|" + "|".join("---:" if name in _NUMERIC else "---" for name, _ in columns) + "|",
    ]
    for row in rows:
        cells = (_markdown_cell(cell(row)) for _, cell in columns)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _markdown_cell(text: str) -> str:
    return printable(text.replace("|", "\\|").replace("\n", "<br>"))


def render_table(rows: Rows[Any], width: int = WIDTH, color: bool = False) -> str:
    if not rows:
        return _nothing(rows)
    columns = COLUMNS[rows.row_type]
    table = Table(show_lines=True, expand=False, box=box.SQUARE, padding=(0, 1))
    for name, _ in columns:
        table.add_column(
            name,
            overflow="fold",
            justify="right" if name in _NUMERIC else "left",
            no_wrap=name in _NUMERIC,
            max_width=_MAX_WIDTH.get(name),
        )
    for row in rows:
        table.add_row(*(Text(printable(cell(row))) for _, cell in columns))
    return to_text(table, width, color)


def to_text(renderable: Any, width: int, color: bool) -> str:
    """What rich prints for `renderable` at `width` columns, in colour only when asked."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
        emoji=False,
    )
    console.print(renderable)
    # rich pads indented text to the full width; trailing spaces only get in a diff's way.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))


def _nothing(rows: Sequence[Row] | Rows[Any]) -> str:
    plural = rows.row_type.plural if isinstance(rows, Rows) else "rows"
    return f"No {plural} match.\n"
