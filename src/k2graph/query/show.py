"""`k2graph show ID`: one claim, source, conflict or attestation with everything about it.

A claim shows its strength, every attestation (the quote highlighted in its context, speaker,
modality, basis, evidence factors, provenance chain) and its conflicts with the other side. A
source shows its metadata, speakers, cited works and conflicts; a conflict both sides in full;
an attestation is shown within its claim. Identifiers may be shortened to a unique prefix.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from k2graph import resolve
from k2graph.model import Claim, Conflict, ConflictSide, KnowledgeGraph, Source
from k2graph.query import tables
from k2graph.query.claims import source_rows
from k2graph.query.show_parts import (
    Index,
    attestation,
    heading,
    indent,
    speaker_label,
    work_text,
)


def show(graph: KnowledgeGraph, given: str, width: int = tables.WIDTH, color: bool = False) -> str:
    """The text of `k2graph show`; raise `resolve.NotFound` when `given` names nothing."""
    ident = resolve.record_id(graph, given)
    index = Index(graph, color)
    conflicts = {c.id: c for c in graph.conflicts}
    parts: list[RenderableType]
    if ident in index.sources:
        parts = source_parts(index.sources[ident], index)
    elif ident in conflicts:
        parts = conflict_parts(conflicts[ident], index)
    else:
        claim_id = index.attestations[ident].claim_id if ident in index.attestations else ident
        parts = claim_parts(index.claims[claim_id], index)
    return tables.to_text(Group(*parts), width, color)


def _entity(index: Index, ident: str | None) -> str:
    entity = index.entities.get(ident or "")
    return entity.name if entity is not None else str(ident)


def claim_parts(claim: Claim, index: Index) -> list[RenderableType]:
    atts = [a for a in index.graph.attestations if a.claim_id == claim.id]
    roles = [f"subject: {_entity(index, claim.subject)}", f"predicate: {claim.predicate}"]
    if claim.object:
        roles.append(f"object: {_entity(index, claim.object)}")
    if claim.negated:
        roles.append("negated")
    qualifiers = claim.qualifiers.model_dump(exclude_none=True, mode="json")
    roles += [f"{k.replace('_', ' ')}: {_entity(index, str(v))}" for k, v in qualifiers.items()]
    parts: list[RenderableType] = [
        heading(f"Claim {claim.id}"),
        Text(claim.text),
        indent(Text(" · ".join(roles)), 1),
    ]
    if claim.strength is not None:
        s = claim.strength
        origins = f"{len(s.origins)} independent origin{'s' if len(s.origins) != 1 else ''}"
        parts.append(
            indent(
                Text(
                    f"strength: {s.score:.2f} {s.label.value} — {origins}: "
                    f"{', '.join(s.origins)}; best attestation {s.best_attestation_id}"
                ),
                1,
            )
        )
    parts += ["", heading(f"Attestations ({len(atts)})")]
    for number, att in enumerate(atts, 1):
        parts += [*attestation(att, index, number), ""]
    parts += claim_conflicts(claim, index)
    return parts


def claim_conflicts(claim: Claim, index: Index) -> list[RenderableType]:
    mine = [c for c in index.graph.conflicts if claim.id in (c.a.claim_id, c.b.claim_id)]
    parts: list[RenderableType] = [heading(f"Conflicts ({len(mine)})")]
    if not mine:
        parts.append(indent(Text("none"), 1))
    for conflict in mine:
        here, other = ("a", "b") if conflict.a.claim_id == claim.id else ("b", "a")
        side: ConflictSide = getattr(conflict, other)
        verdict = {here: "this claim", other: "the other side", None: "neither side"}
        parts += [
            indent(
                Text(
                    f"{conflict.id} · {conflict.kind.value.replace('_', ' ')}, "
                    f"{conflict.severity.value} severity — the evidence favours "
                    f"{verdict[conflict.favours]}"
                ),
                1,
            ),
            indent(Text(f"other side: {_side_text(side, index)}"), 2),
            indent(Text(conflict.explanation), 2),
        ]
    return parts


def _side_text(side: ConflictSide, index: Index) -> str:
    claim = index.claims[side.claim_id]
    sources = sorted({index.attestations[a].source_id for a in side.attestation_ids})
    score = f"{side.score:.2f}" if side.score is not None else "unscored"
    return f"{claim.text} [{claim.id}] ({', '.join(sources)}; {score})"


def conflict_parts(conflict: Conflict, index: Index) -> list[RenderableType]:
    parts: list[RenderableType] = [
        heading(f"Conflict {conflict.id}"),
        Text(f"{conflict.kind.value.replace('_', ' ')}, {conflict.severity.value} severity"),
        indent(Text(conflict.explanation), 1),
        indent(Text(f"verdict: {conflict.favours_why}"), 1),
        indent(Text(f"found by: {', '.join(conflict.detected_by)}"), 1),
        *(indent(Text(f"reason — {r}"), 1) for r in conflict.reasons),
    ]
    for name in ("a", "b"):
        side: ConflictSide = getattr(conflict, name)
        parts += ["", heading(f"Side {name}: {_side_text(side, index)}")]
        for number, att_id in enumerate(side.attestation_ids, 1):
            parts += [*attestation(index.attestations[att_id], index, number), ""]
    return parts


def source_parts(source: Source, index: Index) -> list[RenderableType]:
    graph = index.graph
    atts = [a for a in graph.attestations if a.source_id == source.id]
    [row] = [r for r in source_rows(graph) if r.id == source.id]
    cov = source.coverage
    facts = [
        f"kind: {source.kind.value.replace('_', ' ')} · publication status: "
        f"{source.publication_status.value} · peer reviewed: {source.peer_reviewed}",
        f"commercial interest: {source.commercial_interest.status.value.replace('_', ' ')} — "
        f"{source.commercial_interest.detail}",
        f"site: {source.site} · publisher: {source.publisher} · author: {source.author}",
        f"url: {source.url} · date: {source.date}"
        + (f" ({source.date_note})" if source.date_note else ""),
        f"{len(atts)} attestations of {len({a.claim_id for a in atts})} claims; mean evidence "
        f"strength {'unscored' if row.mean_strength is None else f'{row.mean_strength:.3f}'}",
    ]
    if cov is not None:
        facts.append(f"sentences: {cov.sentences} ({cov.curated} curated, {cov.skipped} skipped)")
    speakers = [s for s in graph.speakers if s.source_id == source.id]
    works = [w for w in graph.works if w.source_id == source.id]
    ids = {a.id for a in atts}
    conflicts = [c for c in graph.conflicts if ids & {*c.a.attestation_ids, *c.b.attestation_ids}]
    return [
        heading(f"Source {source.id}"),
        Text(source.title),
        *(indent(Text(f), 1) for f in facts),
        "",
        heading(f"Speakers ({len(speakers)})"),
        *(indent(Text(f"{speaker_label(s)} — {s.description}"), 1) for s in speakers),
        heading(f"Works cited or quoted ({len(works)})"),
        *(indent(Text(f"{w.id.split('--', 1)[-1]}: {work_text(w)}"), 1) for w in works),
        heading(f"Conflicts ({len(conflicts)})"),
        *(
            indent(
                Text(
                    f"{c.id} · {c.kind.value.replace('_', ' ')}, {c.severity.value} "
                    f"severity — {c.explanation}"
                ),
                1,
            )
            for c in conflicts
        ),
        "",
        Text(f"Its claims: k2graph claims --source {source.id}"),
    ]
