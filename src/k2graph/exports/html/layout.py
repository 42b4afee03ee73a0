"""Fixed node positions for the graph page, computed at build time so the browser simulates nothing.

Every source is a hub with its own claims on a sunflower spiral around it (strongest and most
corroborated nearest the hub); claims stated by several sources form their own clusters between
them; the clusters sit on a circle and the entities on an outer ring, each near the claims that
mention it. The placement is pure arithmetic, so it costs O(n) and is the same on every build. Small
graphs are then relaxed by a few seeded force-directed steps so they read better.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence

from k2graph.exports.html.ids import claim_node, entity_node, source_node
from k2graph.model import KnowledgeGraph

Point = tuple[float, float]

LAYOUT_SEED = 20240611
SPACING = 48.0  # distance scale between neighbouring claims in a cluster
HUB_OFFSET = 6  # sunflower steps left empty around a source hub
CLUSTER_GAP = 90.0
ENTITY_MARGIN = 220.0
ENTITY_SPACING = 46.0
ENTITY_STAGGER = 40.0
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
SMALL_GRAPH = 60  # at most this many nodes: relax with the force-directed steps
RELAX_STEPS = 80


def positions(graph: KnowledgeGraph) -> dict[str, tuple[int, int]]:
    """Every node's position in page pixels, keyed by node id, rounded to whole pixels."""
    clusters = _clusters(graph)
    pos, outer = _place_clusters(clusters)
    pos.update(_entity_ring(graph, pos, outer))
    if len(pos) <= SMALL_GRAPH:
        pos = _relax(pos, list(_links(graph)))
    return {node: (round(x), round(y)) for node, (x, y) in sorted(pos.items())}


def _clusters(graph: KnowledgeGraph) -> list[tuple[str | None, list[str]]]:
    """(hub, claims) per group of sources: one per source (its hub), one per shared set."""
    sources: dict[str, set[str]] = defaultdict(set)
    for att in graph.attestations:
        sources[att.claim_id].add(att.source_id)
    groups: dict[tuple[str, ...], list[str]] = {(s.id,): [] for s in graph.sources}
    rank = {}
    for claim in graph.claims:
        groups.setdefault(tuple(sorted(sources[claim.id])), []).append(claim.id)
        strength = claim.strength
        rank[claim.id] = (-len(strength.origins), -strength.score) if strength else (0, 0.0)
    out: list[tuple[str | None, list[str]]] = []
    known = {s.id for s in graph.sources}
    for key in sorted(groups):
        hub = source_node(key[0]) if len(key) == 1 and key[0] in known else None
        claims = sorted(groups[key], key=lambda c: (rank[c], c))
        out.append((hub, [claim_node(c) for c in claims]))
    return out


def _radius(count: int, hub: bool) -> float:
    return SPACING * math.sqrt(count + (HUB_OFFSET if hub else 0) + 1)


def _place_clusters(
    clusters: Sequence[tuple[str | None, list[str]]],
) -> tuple[dict[str, Point], float]:
    """Clusters around a circle, each taking an arc as wide as itself; return the outer radius."""
    radii = [_radius(len(claims), hub is not None) for hub, claims in clusters]
    circumference = sum(2 * r + CLUSTER_GAP for r in radii)
    ring = circumference / (2 * math.pi) if len(clusters) > 1 else 0.0
    pos: dict[str, Point] = {}
    travelled = 0.0
    for (hub, claims), r in zip(clusters, radii, strict=True):
        angle = -math.pi / 2 + 2 * math.pi * (travelled + r + CLUSTER_GAP / 2) / circumference
        travelled += 2 * r + CLUSTER_GAP
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        if hub is not None:
            pos[hub] = (cx, cy)
        offset = HUB_OFFSET if hub is not None else 0
        for k, node in enumerate(claims):
            step = k + offset + (0.5 if hub is None else 1)
            dist, theta = SPACING * math.sqrt(step), step * GOLDEN_ANGLE
            pos[node] = (cx + dist * math.cos(theta), cy + dist * math.sin(theta))
    return pos, ring + max(radii, default=0.0)


def _entity_ring(graph: KnowledgeGraph, pos: dict[str, Point], outer: float) -> dict[str, Point]:
    """Entities evenly spaced on a ring, in the angular order of the claims that mention them."""
    mentions: dict[str, list[Point]] = defaultdict(list)
    for claim in graph.claims:
        for entity in {claim.subject, claim.object} - {None}:
            mentions[str(entity)].append(pos[claim_node(claim.id)])

    def bearing(entity_id: str) -> float:
        points = mentions.get(entity_id)
        if not points:
            return 2 * math.pi
        x = sum(p[0] for p in points) / len(points)
        y = sum(p[1] for p in points) / len(points)
        return (math.atan2(y, x) + math.pi / 2) % (2 * math.pi)

    order = sorted((e.id for e in graph.entities), key=lambda e: (bearing(e), e))
    ring = max(outer + ENTITY_MARGIN, len(order) * ENTITY_SPACING / (2 * math.pi))
    out: dict[str, Point] = {}
    for i, entity_id in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / len(order)
        r = ring + ENTITY_STAGGER * (i % 2)
        out[entity_node(entity_id)] = (r * math.cos(angle), r * math.sin(angle))
    return out


def _links(graph: KnowledgeGraph) -> Iterable[tuple[str, str]]:
    for att in graph.attestations:
        yield claim_node(att.claim_id), source_node(att.source_id)
    for claim in graph.claims:
        for entity in (claim.subject, claim.object):
            if entity is not None:
                yield claim_node(claim.id), entity_node(entity)


def _relax(start: dict[str, Point], links: list[tuple[str, str]]) -> dict[str, Point]:
    """Seeded Fruchterman-Reingold steps from the structured start (pure Python: exact floats)."""
    rng = random.Random(LAYOUT_SEED)
    ids = sorted(start)
    pos = {n: [start[n][0] + rng.uniform(-1, 1), start[n][1] + rng.uniform(-1, 1)] for n in ids}
    k, heat = 2 * SPACING, 2 * SPACING
    for _ in range(RELAX_STEPS):
        move = {n: [0.0, 0.0] for n in ids}
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d2 = max(dx * dx + dy * dy, 0.01)
                push = k * k / d2
                move[a][0] += dx * push
                move[a][1] += dy * push
                move[b][0] -= dx * push
                move[b][1] -= dy * push
        for a, b in links:
            if a in pos and b in pos and a != b:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                pull = math.sqrt(dx * dx + dy * dy) / k
                move[a][0] -= dx * pull
                move[a][1] -= dy * pull
                move[b][0] += dx * pull
                move[b][1] += dy * pull
        for n in ids:
            length = math.sqrt(move[n][0] ** 2 + move[n][1] ** 2) or 1.0
            step = min(length, heat) / length
            pos[n][0] += move[n][0] * step
            pos[n][1] += move[n][1] * step
        heat *= 0.95
    return {n: (p[0], p[1]) for n, p in pos.items()}
