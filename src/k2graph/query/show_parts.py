"""The pieces `k2graph show` is made of: a quote in its context, an evidence breakdown, an
attestation with its provenance chain.

Every piece is a list of rich renderables. A quote's exact words are bold and coloured when the
output is in colour and marked »like this« otherwise, so the highlight survives a pipe.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from k2graph.model import Attestation, KnowledgeGraph, Speaker, Strength, Work

MAX_DEPTH = 4  # inference premises followed this deep (the corpus chains are shorter)


class Index:
    """Lookups by identifier over one graph, and whether to colour."""

    def __init__(self, graph: KnowledgeGraph, color: bool) -> None:
        self.graph = graph
        self.color = color
        self.attestations = {a.id: a for a in graph.attestations}
        self.speakers = {s.id: s for s in graph.speakers}
        self.works = {w.id: w for w in graph.works}
        self.sources = {s.id: s for s in graph.sources}
        self.claims = {c.id: c for c in graph.claims}
        self.entities = {e.id: e for e in graph.entities}


def indent(renderable: RenderableType, level: int) -> Padding:
    return Padding(renderable, (0, 0, 0, 2 * level))


def heading(text: str) -> Text:
    return Text(text, style="bold")


def quote_in_context(att: Attestation, color: bool) -> Text:
    """…prefix »exact« suffix… on one (wrapped) line; newlines shown as spaces."""
    text = Text("“…" + att.quote.prefix.replace("\n", " "))
    if color:
        text.append(att.quote.exact.replace("\n", " "), style="bold yellow")
    else:
        text.append("»" + att.quote.exact.replace("\n", " ") + "«")
    text.append(att.quote.suffix.replace("\n", " ") + "…”")
    return text


def strength_text(score: float | None, label: str | None) -> str:
    return f"{score:.2f} {label}" if score is not None else "unscored"


def factors(strength: Strength | None) -> list[RenderableType]:
    """The evidence breakdown: the score, then every factor with its contribution."""
    if strength is None:
        return [Text("evidence: unscored")]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for factor in strength.factors:
        grid.add_row(factor.name, f"{factor.contribution:+.2f}", Text(factor.detail))
    head = f"evidence: {strength.score:.2f} {strength.label.value} (factors, summed from 0):"
    return [Text(head), indent(grid, 1)]


def speaker_label(speaker: Speaker) -> str:
    """`Dr. Know (author)`, or for an unnamed one its local id: `comment-5 (reader comment)`."""
    kind = speaker.kind.value.replace("_", " ")
    name = speaker.name if speaker.name != "unknown" else speaker.id.split("--", 1)[-1]
    return f"{name} ({kind})"


def work_text(work: Work) -> str:
    venue = f"; {work.venue}" if work.venue else ""
    design = work.design.value.replace("_", " ")
    return f"{work.title} ({work.year}; {design}; {work.publication_status.value}{venue})"


def attestation(att: Attestation, index: Index, number: int | None = None) -> list[RenderableType]:
    """Everything about one attestation: where, who, how, the quote, the evidence, the chain."""
    speaker = index.speakers[att.speaker_id]
    mark = f"[{number}] " if number is not None else ""
    out: list[RenderableType] = [
        heading(f"{mark}{att.id} · {att.source_id}, line {att.line}"),
        indent(Text(f"speaker: {speaker_label(speaker)} — {speaker.description}"), 1),
        indent(
            Text(f"modality: {att.modality.value} · basis: {att.basis.value.replace('_', ' ')}"), 1
        ),
        indent(quote_in_context(att, index.color), 1),
    ]
    if att.note:
        out.append(indent(Text(f"note: {att.note}"), 1))
    out += [indent(part, 1) for part in factors(att.strength)]
    out.append(indent(Text("provenance:"), 1))
    out += [indent(Text(line), 2 + depth) for depth, line in chain(att, index, 0, set())]
    return out


def chain(
    att: Attestation, index: Index, depth: int, seen: set[str], parent: str | None = None
) -> list[tuple[int, str]]:
    """The provenance chain as (depth, line): source → speaker (→ who relays it) → the work
    quoted or cited → for an inference, each premise and its own chain."""
    seen.add(att.id)
    source = index.sources[att.source_id]
    speaker = index.speakers[att.speaker_id]
    lines = []
    if source.id != parent:  # a premise in the same source says so once, above it
        kind = source.kind.value.replace("_", " ")
        lines.append((depth, f"in {source.id}: {source.title} ({kind})"))
    relay = index.speakers.get(speaker.relayed_by_id or "")
    said = f"said by {speaker_label(speaker)}"
    lines.append((depth, said + (f", relayed by {speaker_label(relay)}" if relay else "")))
    if speaker.work_id:
        lines.append((depth, f"speaking for the work: {work_text(index.works[speaker.work_id])}"))
    if att.basis_work_id and att.basis_work_id != speaker.work_id:
        lines.append((depth, f"citing: {work_text(index.works[att.basis_work_id])}"))
    for premise_id in att.inferred_from:
        premise = index.attestations[premise_id]
        quote = " ".join(premise.quote.exact.split())
        lines.append((depth, f"inferred from {premise.id}: “{quote}”"))
        if premise.id in seen or depth + 1 >= MAX_DEPTH:
            continue
        lines += chain(premise, index, depth + 1, seen, source.id)
    return lines
