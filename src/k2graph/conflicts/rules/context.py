"""What the detection rules look at: the claims, their attestations, and the lexicon's hierarchy.

Rules are pure functions from a `Context` to `Finding`s. The context answers the questions every
rule asks — are two entities the same or one a kind of the other, do two claims share their
qualifiers, what does a claim rest on — so each rule stays a few lines of logic.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Literal

from k2graph.model import Attestation, Claim, Entity, Quantity, Source, Work
from k2graph.stages.normalize import ancestors
from k2graph.stages.quantities import describe
from k2graph.vocabulary import Basis, ConflictKind, PublicationStatus

EntityField = Literal["subject", "object"]
UNPUBLISHED = frozenset({PublicationStatus.UNPUBLISHED, PublicationStatus.PRELIMINARY})


@dataclass(frozen=True)
class Finding:
    """A rule's finding: two claims that cannot both hold as stated, and why, in one sentence."""

    rule: str
    kind: ConflictKind
    a: str  # claim id
    b: str  # claim id
    explanation: str
    # The attestations each side is about, when not all of the claim's (by claim id).
    only: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class Context:
    claims: Mapping[str, Claim]
    attestations: Mapping[str, Attestation]
    entities: Mapping[str, Entity]
    works: Mapping[str, Work]
    sources: Mapping[str, Source]
    # Relative tolerance for numeric comparisons (0.15 = values within 15% agree).
    tolerance: float = 0.15
    _by_claim: dict[str, tuple[Attestation, ...]] = field(default_factory=dict, repr=False)
    _ancestors: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _findings: dict[str, list[Finding]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        grouped: dict[str, list[Attestation]] = {}
        for attestation in self.attestations.values():
            grouped.setdefault(attestation.claim_id, []).append(attestation)
        self._by_claim.update({k: tuple(sorted(v, key=lambda a: a.id)) for k, v in grouped.items()})

    # --- entities -------------------------------------------------------------------------
    def ancestors(self, entity_id: str) -> frozenset[str]:
        found = self._ancestors.get(entity_id)
        if found is None:
            found = self._ancestors[entity_id] = ancestors(self.entities, entity_id)
        return found

    def related(self, a: str | None, b: str | None) -> bool:
        """The same entity, or one a kind (or part) of the other."""
        if a is None or b is None:
            return a == b
        return a == b or a in self.ancestors(b) or b in self.ancestors(a)

    def name(self, entity_id: str | None) -> str:
        return self.entities[entity_id].name if entity_id else "?"

    def findings(self, rule: Callable[[Context], list[Finding]]) -> list[Finding]:
        """A rule's findings, computed once per context (a rule may build on another's)."""
        name = rule.__name__
        if name not in self._findings:
            self._findings[name] = rule(self)
        return self._findings[name]

    # --- claims ---------------------------------------------------------------------------
    def of_claim(self, claim_id: str) -> tuple[Attestation, ...]:
        return self._by_claim.get(claim_id, ())

    def pairs(
        self,
        keep: Callable[[Claim], bool] = lambda _: True,
        key: Callable[[Claim], Hashable] = lambda _: None,
        related: tuple[EntityField, ...] = (),
        partner: Callable[[Claim], bool] | None = None,
    ) -> Iterator[tuple[Claim, Claim]]:
        """The candidate pairs a rule examines, in identifier order: unordered pairs of distinct
        claims that pass `keep`, have equal `key`s, and whose entity fields named in `related`
        (`subject`, `object`) are related (equal, or one a kind of the other). With `partner`,
        only pairs of one claim passing `keep` and one passing `partner`.

        Candidates are found through an index on the key and the related fields — never by
        comparing every pair — so the cost grows with the number of candidates, not with the
        square of the corpus. A field is related when one value is among the other's
        `ancestors` (themselves included): for each field, either the probing claim looks up its
        ancestors among the indexed claims' own values, or it looks up its own value among their
        ancestors; every combination of those choices gets its own index.
        """
        left = [c for c in self.claims.values() if keep(c)]
        right = left if partner is None else [c for c in self.claims.values() if partner(c)]
        found: set[tuple[str, str]] = set()
        for modes in product((True, False), repeat=len(related)):
            index: dict[Hashable, list[Claim]] = {}
            for c in right:
                for values in product(
                    *(self._values(c, f, not up) for f, up in zip(related, modes, strict=True))
                ):
                    index.setdefault((key(c), values), []).append(c)
            for c in left:
                for values in product(
                    *(self._values(c, f, up) for f, up in zip(related, modes, strict=True))
                ):
                    for other in index.get((key(c), values), ()):
                        if other.id != c.id:
                            found.add((c.id, other.id) if c.id < other.id else (other.id, c.id))
        return ((self.claims[a], self.claims[b]) for a, b in sorted(found))

    def _values(self, claim: Claim, name: EntityField, up: bool) -> Iterable[str | None]:
        value: str | None = getattr(claim, name)
        if not up or value is None:
            return (value,)
        return self.ancestors(value) | {value}

    def rests_only_on_unpublished(self, claim_id: str, source_id: str | None = None) -> bool:
        """Every attestation of the claim (in `source_id`, if given) rests, directly or through
        the inferences it is drawn from, on unpublished or preliminary work — and on nothing
        else."""
        attestations = self._attested(claim_id, source_id)
        return bool(attestations) and all(self.only_unpublished(a) for a in attestations)

    def has_published_basis(self, claim_id: str, source_id: str | None = None) -> bool:
        """Some attestation of the claim (in `source_id`, if given) cites a published work."""
        return any(
            a.basis is Basis.CITED_WORK
            and a.basis_work_id is not None
            and self.works[a.basis_work_id].publication_status is PublicationStatus.PUBLISHED
            for a in self._attested(claim_id, source_id)
        )

    def _attested(self, claim_id: str, source_id: str | None) -> tuple[Attestation, ...]:
        return tuple(
            a for a in self.of_claim(claim_id) if source_id is None or a.source_id == source_id
        )

    def only_unpublished(self, attestation: Attestation) -> bool:
        """The works the attestation rests on — cited directly, or by the statements it is
        inferred from — are all unpublished or preliminary, and there is at least one. Premises
        that cite nothing add no evidence either way."""
        statuses = self.basis_statuses(attestation, set())
        return bool(statuses) and all(s in UNPUBLISHED for s in statuses)

    def basis_statuses(self, attestation: Attestation, seen: set[str]) -> list[PublicationStatus]:
        """Publication statuses of the works an attestation rests on, through its inferences."""
        if attestation.id in seen:
            return []
        seen.add(attestation.id)
        if attestation.basis is Basis.CITED_WORK and attestation.basis_work_id is not None:
            return [self.works[attestation.basis_work_id].publication_status]
        found: list[PublicationStatus] = []
        if attestation.basis is Basis.OWN_INFERENCE:
            for premise in attestation.inferred_from:
                found += self.basis_statuses(self.attestations[premise], seen)
        return found


def same_qualifiers(a: Claim, b: Claim, ignore: tuple[str, ...] = ()) -> bool:
    """The two claims name the same population, form, outcome, comparator, dose and duration."""
    return all(
        getattr(a.qualifiers, name) == getattr(b.qualifiers, name)
        for name in type(a.qualifiers).model_fields
        if name not in ignore
    )


# Populations a statement with no population is taken to speak about: "take 200 mcg daily"
# addresses adults in general, not children under 12 or laboratory animals.
GENERAL_POPULATIONS = frozenset({"general-population", "adults"})


def compatible_population(a: Claim, b: Claim) -> bool:
    """The claims name the same population, or one names none and the other a general one
    (general population, adults); two different named populations, or no population against a
    specific one (children, animal models), make separate statements."""
    pa, pb = a.qualifiers.population, b.qualifiers.population
    if pa == pb:
        return True
    named = pb if pa is None else pa if pb is None else None
    return named in GENERAL_POPULATIONS


def describe_quantity(quantity: Quantity | None) -> str:
    return describe(quantity) if quantity is not None else "?"
