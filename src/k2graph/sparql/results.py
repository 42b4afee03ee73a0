"""Write an `Answer` as a table, W3C SPARQL 1.1 Query Results JSON, CSV or TSV.

JSON: https://www.w3.org/TR/sparql11-results-json/ ; CSV and TSV:
https://www.w3.org/TR/sparql11-results-csv-tsv/ . CONSTRUCT and DESCRIBE answers are written as
rows of ?subject ?predicate ?object; an ASK answer as `true` / `false` in CSV, TSV and table.
"""

from __future__ import annotations

import csv
import io
import json

from k2graph.problems import SURROGATE, printable
from k2graph.sparql.answer import Answer, Term
from k2graph.sparql.prefixes import PREFIXES

FORMATS = ("table", "json", "csv", "tsv")
_TABLE_CELL = 100  # characters; longer cells are cut in the table only


def render(answer: Answer, fmt: str) -> str:
    """The whole answer in `fmt`, ending with a newline."""
    if fmt == "json":
        return _json(answer)
    if answer.boolean is not None:
        return "true\n" if answer.boolean else "false\n"
    if fmt == "csv":
        return _csv(answer)
    if fmt == "tsv":
        return _tsv(answer)
    return _table(answer)


def _json(answer: Answer) -> str:
    if answer.boolean is not None:
        document: dict[str, object] = {"head": {}, "boolean": answer.boolean}
    else:
        document = {
            "head": {"vars": answer.variables},
            "results": {"bindings": answer.rows},
        }
    # A lone surrogate (rdflib reads one from an escape in the data) cannot be written as UTF-8:
    # inside a JSON string it is written as the escape it came from.
    text = json.dumps(document, indent=2, ensure_ascii=False)
    return SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def _csv(answer: Answer) -> str:
    # The CSV format loses types: IRIs and literals are written as their bare value.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(answer.variables)
    for row in answer.rows:
        writer.writerow([_csv_value(row.get(v)) for v in answer.variables])
    return out.getvalue()


def _csv_value(term: Term | None) -> str:
    return printable(_csv_text(term))


def _csv_text(term: Term | None) -> str:
    if term is None:
        return ""
    return "_:" + term["value"] if term["type"] == "bnode" else term["value"]


def _tsv(answer: Answer) -> str:
    lines = ["\t".join(f"?{v}" for v in answer.variables)]
    for row in answer.rows:
        lines.append("\t".join(_tsv_value(row.get(v)) for v in answer.variables))
    return "\n".join(lines) + "\n"


def _tsv_value(term: Term | None) -> str:
    return printable(_tsv_text(term))


def _tsv_text(term: Term | None) -> str:
    """A term in SPARQL syntax, as the TSV format requires; unbound is empty."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return f"<{term['value']}>"
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    if term["type"] == "triple":
        return term["value"]
    text = '"' + _escape(term["value"]) + '"'
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{text}^^<{term['datatype']}>"
    return text


def _escape(value: str) -> str:
    # Tabs and line breaks must not leak into TSV as field or row separators.
    for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r")):
        value = value.replace(raw, escaped)
    return value


def _table(answer: Answer) -> str:
    if not answer.rows:
        return "(no rows)\n"
    cells = [[_table_value(row.get(v)) for v in answer.variables] for row in answer.rows]
    widths = [max(len(v), *(len(r[i]) for r in cells)) for i, v in enumerate(answer.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(answer.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _table_value(term: Term | None) -> str:
    """A short, readable cell: prefixed names for known namespaces, literals unquoted."""
    if term is None:
        return ""
    value = term["value"]
    if term["type"] == "uri":
        value = _compact(value)
    elif term["type"] == "bnode":
        value = "_:" + value
    elif "xml:lang" in term:
        value = f"{value}@{term['xml:lang']}"
    value = printable(" ".join(value.split()))  # one row per line, whatever the literal holds
    return value if len(value) <= _TABLE_CELL else value[: _TABLE_CELL - 1] + "…"


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda p: -len(p[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"
