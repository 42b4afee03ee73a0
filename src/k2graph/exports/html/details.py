"""What the side panel, the search box and the filters know about each node, as plain data.

Every string here is document text or metadata; the page only ever puts it into text nodes. A
conflict's sides are expanded by `conflicts.views`, as in `k2graph conflicts`.
"""

from __future__ import annotations

from typing import Any

from k2graph.conflicts.views import conflict_views
from k2graph.exports.html.ids import claim_node, entity_node, source_node
from k2graph.model import (
    Attestation,
    Claim,
    Entity,
    KnowledgeGraph,
    Source,
    Speaker,
    Strength,
    by_source,
)
from k2graph.stages.quantities import describe

Detail = dict[str, Any]


def node_details(graph: KnowledgeGraph) -> dict[str, Detail]:
    """Side-panel content and filter attributes of every node, by node id."""
    names = {e.id: e for e in graph.entities}
    speakers = {s.id: s for s in graph.speakers}
    works = {w.id: w.title for w in graph.works}
    titles = {s.id: s.title for s in graph.sources}
    by_claim: dict[str, list[Attestation]] = {c.id: [] for c in graph.claims}
    for att in graph.attestations:
        by_claim[att.claim_id].append(att)
    conflicts: dict[str, list[str]] = {}
    for conflict in graph.conflicts:
        for claim_id in {conflict.a.claim_id, conflict.b.claim_id}:
            conflicts.setdefault(claim_id, []).append(conflict.id)
    out: dict[str, Detail] = {}
    for claim in graph.claims:
        attestations = [
            _attestation(a, speakers[a.speaker_id], titles[a.source_id], works)
            for a in by_claim[claim.id]
        ]
        out[claim_node(claim.id)] = _claim(claim, names, attestations, conflicts.get(claim.id, []))
    grouped = by_source(graph.attestations)
    for source in graph.sources:
        mine = sorted({claim_node(a.claim_id) for a in grouped.get(source.id, [])})
        out[source_node(source.id)] = _source(source, mine)
    mentions: dict[str, list[str]] = {}
    for claim in graph.claims:
        for entity_id in {claim.subject, claim.object} - {None}:
            mentions.setdefault(str(entity_id), []).append(claim_node(claim.id))
    for entity in graph.entities:
        out[entity_node(entity.id)] = _entity(entity, mentions.get(entity.id, []))
    return out


def conflict_details(graph: KnowledgeGraph) -> dict[str, Detail]:
    """Each conflict, strongest first (the dictionary keeps that order), with both sides."""
    out: dict[str, Detail] = {}
    for view in conflict_views(graph):
        sides = {
            name: {
                "claim": claim_node(view[name]["claim_id"]),
                "text": view[name]["claim"],
                "score": view[name]["score"],
                "label": view[name]["label"],
                "sources": [source_node(s) for s in view[name]["sources"]],
            }
            for name in ("a", "b")
        }
        keep = ("kind", "severity", "explanation", "favours", "favours_why", "detected_by")
        out[view["id"]] = {**{k: view[k] for k in keep}, **sides}
    return out


def _entity_terms(entity_id: str | None, names: dict[str, Entity]) -> list[str]:
    entity = names.get(entity_id or "")
    return [entity.name, *entity.synonyms] if entity else []


def _ref(entity_id: str | None, names: dict[str, Entity]) -> list[str] | None:
    if entity_id is None:
        return None
    entity = names.get(entity_id)
    return [entity_node(entity_id), entity.name] if entity else [entity_node(entity_id), entity_id]


def _claim(
    claim: Claim, names: dict[str, Entity], attestations: list[Detail], conflicts: list[str]
) -> Detail:
    strength = claim.strength
    qualifiers = claim.qualifiers.model_dump(exclude_none=True)
    for key in ("dose", "duration"):
        quantity = getattr(claim.qualifiers, key)
        if quantity is not None:
            qualifiers[key] = describe(quantity)
    terms = [*_entity_terms(claim.subject, names), *_entity_terms(claim.object, names)]
    return {
        "type": "claim",
        "text": claim.text,
        "subject": _ref(claim.subject, names),
        "predicate": claim.predicate,
        "object": _ref(claim.object, names),
        "negated": claim.negated,
        "quantity": describe(claim.quantity) if claim.quantity else None,
        "qualifiers": sorted([k.replace("_", " "), str(v)] for k, v in qualifiers.items()),
        "label": strength.label.value if strength else "unscored",
        "score": strength.score if strength else None,
        "origins": list(strength.origins) if strength else [],
        "attestations": attestations,
        "conflicts": conflicts,
        "sources": sorted({a["source"] for a in attestations}),
        "search": "\n".join([claim.text, *terms]),
    }


def _attestation(att: Attestation, speaker: Speaker, title: str, works: dict[str, str]) -> Detail:
    # The speaker as `k2graph conflicts` shows one: its name, or its local id when unnamed.
    who = speaker.name if speaker.name != "unknown" else speaker.id.split("--", 1)[-1]
    return {
        "source": source_node(att.source_id),
        "source_title": title,
        "speaker": f"{who} ({speaker.kind.value.replace('_', ' ')})",
        "speaker_description": speaker.description,
        "modality": att.modality.value,
        "basis": att.basis.value.replace("_", " "),
        "work": works.get(att.basis_work_id or ""),
        "line": att.line,
        "prefix": att.quote.prefix,
        "exact": att.quote.exact,
        "suffix": att.quote.suffix,
        "note": att.note,
        "strength": _strength(att.strength),
    }


def _strength(strength: Strength | None) -> Detail | None:
    if strength is None:
        return None
    factors = [[f.name.replace("_", " "), f.detail, f.contribution] for f in strength.factors]
    return {"score": strength.score, "label": strength.label.value, "factors": factors}


def _source(source: Source, claims: list[str]) -> Detail:
    interest = source.commercial_interest
    meta = [
        ["kind", source.kind.value.replace("_", " ")],
        ["publication status", source.publication_status.value],
        ["peer reviewed", str(source.peer_reviewed).lower()],
        ["commercial interest", f"{interest.status.value.replace('_', ' ')}: {interest.detail}"],
        ["site", source.site],
        ["publisher", source.publisher],
        ["author", source.author],
        ["date", source.date + (f" ({source.date_note})" if source.date_note else "")],
        ["URL", source.url],
        ["file", source.original_filename],
        ["characters", str(source.characters)],
    ]
    if source.coverage:
        cov = source.coverage
        meta.append(
            ["sentences", f"{cov.sentences} ({cov.curated} curated, {cov.skipped} skipped)"]
        )
    return {
        "type": "source",
        "title": source.title,
        "meta": meta,
        "claims": claims,
        "search": "\n".join([source.title, source.id]),
    }


def _entity(entity: Entity, claims: list[str]) -> Detail:
    xrefs = [f"{x.curie}{'' if x.verified else ' (unverified)'}" for x in entity.xrefs]
    return {
        "type": "entity",
        "name": entity.name,
        "entity_type": entity.type.value,
        "synonyms": list(entity.synonyms),
        "xrefs": xrefs,
        "description": entity.description,
        "claims": claims,
        "search": "\n".join([entity.name, *entity.synonyms]),
    }
