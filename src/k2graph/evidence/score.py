"""Stage 5, score: a transparent evidence strength for every attestation and every claim.

An attestation's score is the sum of named factors, clamped to [0, 1] — the design behind the
statement, publication status, directness, modality, inference beyond the data, the source's
conflict of interest and independent corroboration — and every factor is kept with its
contribution, so a reader can see *why*. Weights come from `EvidenceConfig`; docs/evidence.md
walks through an example from the corpus.

Independence: an attestation's *origin* is the work it cites (one paper quoted by three blogs is
one origin; works are matched across sources by URL or title) or, when it cites nothing, its
speaker. A claim's strength is its strongest attestation's, and corroboration counts origins.
"""

from __future__ import annotations

from collections.abc import Mapping

from k2graph.evidence.config import EvidenceConfig
from k2graph.model import Attestation, Claim, ClaimStrength, Factor, Source, Speaker, Strength, Work
from k2graph.vocabulary import Basis, GradeLabel, PublicationStatus, SourceKind, SpeakerKind

CLAIM_RULE = (
    "the score of the claim's strongest attestation; each attestation's corroboration counts "
    "the claim's other independent origins (a cited work once, however many sources quote it)"
)


class Scorer:
    """Scores attestations of one corpus with one configuration."""

    def __init__(
        self,
        config: EvidenceConfig,
        sources: Mapping[str, Source],
        speakers: Mapping[str, Speaker],
        works: Mapping[str, Work],
        attestations: Mapping[str, Attestation],
    ) -> None:
        self.config = config
        self.sources = sources
        self.speakers = speakers
        self.works = works
        self.attestations = attestations
        self.work_keys = {work.id: _work_key(work) for work in works.values()}

    def origin(self, attestation: Attestation) -> str:
        """What an attestation's independence is judged by: its cited work, else its speaker."""
        if attestation.basis is Basis.CITED_WORK and attestation.basis_work_id:
            return self.work_keys[attestation.basis_work_id]
        speaker = self.speakers[attestation.speaker_id]
        if speaker.work_id is not None:  # a quoted paper or reported talk speaks for its work
            return self.work_keys[speaker.work_id]
        return f"speaker:{speaker.id}"

    def strength(self, attestation: Attestation, other_origins: int) -> Strength:
        factors = [
            self._design(attestation),
            self._publication(attestation),
            self._directness(attestation),
            self._modality(attestation),
            *self._inference(attestation),
            self._commercial(attestation),
            self._corroboration(other_origins),
        ]
        total = sum(f.contribution for f in factors)
        score = round(min(1.0, max(0.0, total)), 4)
        return Strength(score=score, label=label(score, self.config), factors=tuple(factors))

    # --- factors -----------------------------------------------------------------------------
    def _design(self, a: Attestation, seen: frozenset[str] = frozenset()) -> Factor:
        weights = self.config.design
        if a.basis is Basis.CITED_WORK and a.basis_work_id:
            work = self.works[a.basis_work_id]
            detail = f"cites {work.title if work.title != 'unknown' else work.id} ({work.design})"
            return Factor(name="design", detail=detail, contribution=weights[work.design.value])
        premises_left = [p for p in a.inferred_from if p not in seen]  # a circle is refused
        if a.basis is Basis.OWN_INFERENCE and premises_left:
            below = seen | {a.id}
            premises = [self._design(self.attestations[p], below) for p in premises_left]
            best = max(premises, key=lambda f: f.contribution)
            detail = f"inferred from a statement that {best.detail}"
            return Factor(name="design", detail=detail, contribution=best.contribution)
        speaker = self.speakers[a.speaker_id]
        if a.basis is Basis.NONE and speaker.work_id is not None:
            work = self.works[speaker.work_id]
            detail = f"words of {work.id} ({work.design})"
            return Factor(name="design", detail=detail, contribution=weights[work.design.value])
        key = {
            Basis.OWN_INFERENCE: "own_inference",
            Basis.OWN_EXPERIENCE: "own_experience",
        }.get(a.basis, "none")
        detail = {
            "own_inference": "the speaker's own inference",
            "own_experience": "the speaker's own experience",
            "none": "nothing cited",
        }[key]
        return Factor(name="design", detail=detail, contribution=weights[key])

    def _publication(self, a: Attestation) -> Factor:
        weights = self.config.publication
        statuses = self._statuses(a, set())
        if statuses:
            worst = min(statuses, key=lambda s: weights[s.value])
            detail = f"rests on {worst.value} work"
            return Factor(name="publication", detail=detail, contribution=weights[worst.value])
        source = self.sources[a.source_id]
        if source.peer_reviewed is True:
            return Factor(name="publication", detail="a peer-reviewed source", contribution=0.0)
        reviewed = (
            "peer review not shown" if source.peer_reviewed == "unknown" else "not peer reviewed"
        )
        return Factor(
            name="publication",
            detail=f"only the page itself ({source.kind.value}, {reviewed})",
            contribution=weights["not_peer_reviewed_page"],
        )

    def _statuses(self, a: Attestation, seen: set[str]) -> list[PublicationStatus]:
        """Publication statuses of the works an attestation rests on, through its inferences."""
        if a.id in seen:
            return []
        seen.add(a.id)
        if a.basis is Basis.CITED_WORK and a.basis_work_id:
            return [self.works[a.basis_work_id].publication_status]
        speaker = self.speakers[a.speaker_id]
        if speaker.work_id is not None:
            return [self.works[speaker.work_id].publication_status]
        found: list[PublicationStatus] = []
        for premise in a.inferred_from:
            found += self._statuses(self.attestations[premise], seen)
        return found

    def _directness(self, a: Attestation) -> Factor:
        speaker = self.speakers[a.speaker_id]
        source = self.sources[a.source_id]
        kind = speaker.kind
        if kind is SpeakerKind.QUOTED_WORK:
            key, detail = "quotation", "a cited paper's words, quoted"
        elif kind is SpeakerKind.REPORTED_PRESENTATION:
            key, detail = "paraphrase", "a talk, retold by the author"
        elif kind is SpeakerKind.AUTHOR and a.basis is Basis.CITED_WORK:
            primary = source.kind is SourceKind.PEER_REVIEWED_ARTICLE
            key = "primary_report" if primary else "paraphrase"
            detail = "the source's own study" if primary else "a cited work, retold by the author"
        elif kind is SpeakerKind.AUTHOR:
            key, detail = "author_statement", "the author's own statement"
        else:
            key, detail = kind.value, kind.value.replace("_", " ")
        return Factor(name="directness", detail=detail, contribution=self.config.directness[key])

    def _modality(self, a: Attestation) -> Factor:
        return Factor(
            name="modality",
            detail=a.modality.value,
            contribution=self.config.modality[a.modality.value],
        )

    def _inference(self, a: Attestation) -> list[Factor]:
        if a.basis is not Basis.OWN_INFERENCE:
            return []
        detail = f"inferred beyond the data ({len(a.inferred_from)} premise(s) named)"
        return [
            Factor(
                name="inference",
                detail=detail,
                contribution=self.config.inference["beyond_the_data"],
            )
        ]

    def _commercial(self, a: Attestation) -> Factor:
        interest = self.sources[a.source_id].commercial_interest
        return Factor(
            name="conflict_of_interest",
            detail=f"{interest.status.value}: {interest.detail}",
            contribution=self.config.commercial_interest[interest.status.value],
        )

    def _corroboration(self, others: int) -> Factor:
        weights = self.config.corroboration
        bonus = min(weights["cap"], others * weights["per_origin"])
        detail = f"{others} other independent origin(s) state the same claim"
        return Factor(name="corroboration", detail=detail, contribution=round(bonus, 4))


def label(score: float, config: EvidenceConfig) -> GradeLabel:
    bounds = config.labels
    if score >= bounds["high"]:
        return GradeLabel.HIGH
    if score >= bounds["moderate"]:
        return GradeLabel.MODERATE
    if score >= bounds["low"]:
        return GradeLabel.LOW
    return GradeLabel.VERY_LOW


def _work_key(work: Work) -> str:
    """Cross-source identity of a work: its URL when known, else its title and year."""
    if work.url != "unknown":
        return "work:" + work.url.rstrip("/").lower()
    if work.title != "unknown":
        return f"work:{' '.join(work.title.casefold().split())}:{work.year}"
    return f"work:{work.id}"


def score(
    config: EvidenceConfig,
    claims: Mapping[str, Claim],
    attestations: Mapping[str, Attestation],
    sources: Mapping[str, Source],
    speakers: Mapping[str, Speaker],
    works: Mapping[str, Work],
) -> tuple[dict[str, Claim], dict[str, Attestation]]:
    """Claims and attestations with their strengths filled in."""
    scorer = Scorer(config, sources, speakers, works, attestations)
    origins: dict[str, set[str]] = {}
    for a in attestations.values():
        origins.setdefault(a.claim_id, set()).add(scorer.origin(a))
    scored: dict[str, Attestation] = {}
    for a in attestations.values():
        others = len(origins[a.claim_id] - {scorer.origin(a)})
        scored[a.id] = a.model_copy(update={"strength": scorer.strength(a, others)})
    members: dict[str, list[Attestation]] = {}
    for a in scored.values():
        members.setdefault(a.claim_id, []).append(a)
    rated: dict[str, Claim] = {}
    for claim_id, claim in claims.items():
        best = max(members[claim_id], key=lambda a: (_score_of(a), a.id))
        strength = ClaimStrength(
            score=_score_of(best),
            label=label(_score_of(best), config),
            origins=tuple(sorted(origins[claim_id])),
            best_attestation_id=best.id,
            rule=CLAIM_RULE,
        )
        rated[claim_id] = claim.model_copy(update={"strength": strength})
    return rated, scored


def _score_of(a: Attestation) -> float:
    return a.strength.score if a.strength else 0.0
