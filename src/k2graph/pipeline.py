"""The stage order, in one place: load → anchor → normalize → assemble → link inferences →
sentence coverage → curated conflicts → score evidence → detect → merge conflicts → graph.

Each stage is a function from typed input to typed output plus the problems it found. Stages keep
going past problems so that one run reports all of them; the graph is returned only when there
are none.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from k2graph.conflicts.curated import curated_conflicts
from k2graph.conflicts.merge import merge_conflicts
from k2graph.conflicts.rules import Context, run_rules
from k2graph.corpus.load import load_corpus
from k2graph.evidence.config import EvidenceConfig, default_config
from k2graph.evidence.score import score
from k2graph.model import DEFAULT_BASE, KnowledgeGraph
from k2graph.problems import CorpusError, Problem
from k2graph.stages.anchor import Folds, anchor_sources
from k2graph.stages.assemble import assemble
from k2graph.stages.coverage import anchor_skips, check_coverage
from k2graph.stages.gcpause import paused_gc
from k2graph.stages.inference import link_inferences
from k2graph.stages.normalize import build_lexicon
from k2graph.stages.provenance import SourceParts, source_parts

T = TypeVar("T")


Stage = Callable[[str], AbstractContextManager[object]]


def run(
    sources_dir: Path,
    evidence: EvidenceConfig | None = None,
    base_iri: str = DEFAULT_BASE,
    stage: Stage = lambda _: nullcontext(),
) -> tuple[KnowledgeGraph, list[Problem]]:
    """Run every stage; the graph holds what was sound, the list says what was not.

    `stage(name)` wraps each stage (the benchmark times them with it): load, anchor, normalize,
    assemble, coverage, score, detect, merge, graph."""
    with paused_gc():
        return _run(sources_dir, evidence or default_config(), base_iri, stage)


def _run(
    sources_dir: Path, config: EvidenceConfig, base_iri: str, stage: Stage
) -> tuple[KnowledgeGraph, list[Problem]]:
    with stage("load"):
        corpus, problems = load_corpus(sources_dir)
    with stage("anchor"):
        folds: Folds = {}
        anchors, found = anchor_sources(corpus.sources, folds)
        problems += found
        skips, found = anchor_skips(corpus.sources, folds)
        problems += found
        del folds  # the folded copies are not needed past this stage
    with stage("normalize"):
        lexicon, found = build_lexicon(corpus.entities)
        problems += found
    with stage("assemble"):
        parts: dict[str, SourceParts] = {}
        for source in corpus.sources:
            parts[source.id], found = source_parts(source)
            problems += found
        assembled, found = assemble(corpus.sources, anchors, parts, lexicon)
        problems += found
        attestations, found = link_inferences(corpus.sources, assembled)
        problems += found
    with stage("coverage"):
        coverage, found = check_coverage(corpus.sources, anchors, skips)
        problems += found
    with stage("assemble"):
        unchecked = corpus.unreadable | assembled.incomplete
        curated, found = curated_conflicts(
            corpus.conflicts, assembled.by_key, set(parts), unchecked
        )
        problems += found
        sources = {p.source.id: p.source for p in parts.values()}
        works = {w.id: w for p in parts.values() for w in p.works.values()}
        speakers = {s.id: s for p in parts.values() for s in p.speakers.values()}
    with stage("score"):
        claims, attestations = score(
            config, assembled.claims, attestations, sources, speakers, works
        )
    with stage("detect"):
        context = Context(claims, attestations, lexicon.entities, works, sources)
        found_conflicts = run_rules(context)
    with stage("merge"):
        conflicts = merge_conflicts(curated, found_conflicts, claims, attestations, config)
    with stage("graph"):
        graph = KnowledgeGraph(
            evidence_config=config.origin,
            base_iri=base_iri,
            sources=tuple(
                sources[k].model_copy(update={"coverage": coverage.get(k)}) for k in sorted(sources)
            ),
            works=_ordered(works),
            speakers=_ordered(speakers),
            entities=_ordered(lexicon.entities),
            claims=_ordered(claims),
            attestations=_ordered(attestations),
            conflicts=_ordered(conflicts),
        )
    return graph, problems


def _ordered(items: Mapping[str, T]) -> tuple[T, ...]:
    return tuple(items[k] for k in sorted(items))


def build_graph(
    sources_dir: Path, evidence: EvidenceConfig | None = None, base_iri: str = DEFAULT_BASE
) -> KnowledgeGraph:
    """The knowledge graph of `sources_dir`; raise `CorpusError` listing every problem."""
    graph, problems = run(sources_dir, evidence, base_iri)
    if problems:
        raise CorpusError(problems)
    return graph
