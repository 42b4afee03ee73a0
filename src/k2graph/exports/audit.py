"""The audit: conflicts first (strongest first), a profile of every source, then the claims that
rest on a single weak source — as Markdown for people and JSON for tools.

Both are exports (`exports/audit.md`, `exports/audit.json`), written by `k2graph build` and by
`k2graph audit`. They are derived from the graph alone.
"""

from __future__ import annotations

import json
from statistics import fmean
from typing import Any

from k2graph.conflicts.render import render_markdown
from k2graph.conflicts.rules import Context
from k2graph.conflicts.views import conflict_views
from k2graph.model import KnowledgeGraph, by_source
from k2graph.vocabulary import Basis, GradeLabel

FORMAT = "k2graph-audit/1"
WEAK = (GradeLabel.LOW, GradeLabel.VERY_LOW)


def _context(graph: KnowledgeGraph) -> Context:
    return Context(
        {c.id: c for c in graph.claims},
        {a.id: a for a in graph.attestations},
        {e.id: e for e in graph.entities},
        {w.id: w for w in graph.works},
        {s.id: s for s in graph.sources},
    )


def source_profiles(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    ctx = _context(graph)
    grouped = by_source(graph.attestations)
    profiles = []
    for source in graph.sources:
        mine = grouped.get(source.id, [])
        scores = [a.strength.score for a in mine if a.strength]
        unpublished = sum(1 for a in mine if ctx.only_unpublished(a))
        profiles.append(
            {
                "source_id": source.id,
                "title": source.title,
                "kind": source.kind.value,
                "publication_status": source.publication_status.value,
                "commercial_interest": source.commercial_interest.status.value,
                "commercial_detail": source.commercial_interest.detail,
                "attestations": len(mine),
                "mean_strength": round(fmean(scores), 3) if scores else None,
                "resting_only_on_unpublished": unpublished,
                "inferences_beyond_the_data": sum(
                    1 for a in mine if a.basis is Basis.OWN_INFERENCE
                ),
                "sentences_curated": source.coverage.curated if source.coverage else None,
                "sentences_skipped": source.coverage.skipped if source.coverage else None,
            }
        )
    return profiles


def single_weak_source_claims(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    """Claims stated by one source only whose strength is low or very low."""
    sources: dict[str, set[str]] = {}
    for a in graph.attestations:
        sources.setdefault(a.claim_id, set()).add(a.source_id)
    rows = [
        {
            "claim_id": c.id,
            "claim": c.text,
            "source_id": next(iter(sources[c.id])),
            "score": c.strength.score,
            "label": c.strength.label.value,
        }
        for c in graph.claims
        if c.strength is not None and len(sources[c.id]) == 1 and c.strength.label in WEAK
    ]
    return sorted(rows, key=lambda r: (r["source_id"], -r["score"], r["claim"]))


def render_audit_json(graph: KnowledgeGraph) -> str:
    document = {
        "format": FORMAT,
        "evidence_config": graph.evidence_config,
        "conflicts": conflict_views(graph),
        "sources": source_profiles(graph),
        "single_weak_source_claims": single_weak_source_claims(graph),
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def render_audit_markdown(graph: KnowledgeGraph) -> str:
    views = conflict_views(graph)
    weak = single_weak_source_claims(graph)
    parts = [
        "# k2graph audit\n",
        f"{len(graph.sources)} sources, {len(graph.claims)} claims, "
        f"{len(graph.attestations)} attestations, {len(views)} conflicts. Evidence weights: "
        f"{graph.evidence_config}.\n",
        "Every statement is scored from 0 to 1 from what it rests on (study design, publication "
        "status, how directly it is reported, how firmly it is said, whether the speaker reasons "
        "beyond the data, the source's conflict of interest, and independent corroboration) and "
        "labelled high, moderate, low or very low; `docs/evidence.md` explains the model. A "
        "conflict is two statements that cannot both hold as written.\n",
        "## Conflicts, strongest first\n",
        render_markdown(views, heading_level=3),
        "## Sources\n",
        _profiles_table(source_profiles(graph)),
        "## Claims that rest on a single weak source\n",
        f"{len(weak)} of {len(graph.claims)} claims are stated by one source only and score low "
        "or very low: treat them as unconfirmed.\n",
        *_weak_list(weak),
    ]
    return "\n".join(parts).rstrip("\n") + "\n"


def _profiles_table(profiles: list[dict[str, Any]]) -> str:
    rows = [
        "| source | kind | attestations | mean strength | commercial interest "
        "| resting only on unpublished work | inferences beyond the data |",
        "|---|---|---:|---:|---|---:|---:|",
    ]
    for p in profiles:
        rows.append(
            f"| `{p['source_id']}` | {p['kind'].replace('_', ' ')} | {p['attestations']} | "
            f"{_mean(p['mean_strength'])} | {p['commercial_interest'].replace('_', ' ')} | "
            f"{p['resting_only_on_unpublished']} | {p['inferences_beyond_the_data']} |"
        )
    details = [f"- `{p['source_id']}`: {p['commercial_detail']}" for p in profiles]
    return (
        "\n".join(rows)
        + "\n\nCommercial interest, as each document shows it:\n\n"
        + ("\n".join(details) + "\n")
    )


def _mean(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _weak_list(rows: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    current = None
    for row in rows:
        if row["source_id"] != current:
            current = row["source_id"]
            out.append(f"\n### `{current}`\n")
        out.append(f"- {row['claim']} ({row['score']:.2f}, {row['label']})")
    return out
