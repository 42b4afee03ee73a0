"""The claims of a generated corpus: N distinct propositions, a few percent of them in conflict.

Each claim is a subject, one of several dozen predicates, an entity object or a quantity, an
optional negation and qualifiers, stored as rows of one flat array of ints (a million claims
take about 44 MB).

Conflicts are *planted*, never accidental. Every claim has one or more conflict keys: two claims
share a key whenever k2graph's detection rules (src/k2graph/conflicts/rules/) could pair them —
same subject, antonym-folded predicate, object and qualifiers for polarity and antonyms; the
`broader` families of subject and object for degrees; the subject family for single-valued
predicates; subject, predicate and non-population qualifiers for numbers. A random claim is kept
only if none of its keys is taken, so random claims never conflict; a planted pair shares a key on
purpose (negation, an antonym, another degree, a disagreeing amount, a second route, or a
permission against a caution for a population).
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect as _bisect
from dataclasses import dataclass
from itertools import accumulate as _accumulate
from typing import NamedTuple

from gen_lexicon import Lexicon
from gen_predicates import AGENTS, CHEM, DRUGS, INDEX, NAMES, SAME, SPECS, WEIGHTS
from gen_quantities import CATALOGS, DOSES, DURATIONS, disagree

from k2graph.predicates import PREDICATES

PLANT_SHARE = 0.015  # planted conflicting pairs per claim: about 3 % of claims in a conflict
# How planted conflicts are made, and how often: the kind a curator would give each.
PLANT_KINDS: dict[str, tuple[str, float]] = {
    "polarity": ("contradiction", 0.28),
    "antonym": ("contradiction", 0.25),
    "degree": ("degree", 0.15),
    "numeric": ("numeric", 0.2),
    "scope": ("scope", 0.06),
    "exclusive": ("exclusive_values", 0.06),
}
_ANTONYM_BASES = ("activates", "prevents", "increases", "reduces_risk_of", "associated_with")
_DEGREES = ("reverses", "halts", "slows", "no_effect_on")
_POLAR = tuple(
    name
    for name, (_, objects, _, negated, _) in SPECS.items()
    if negated
    and objects[0] != "quantity"
    and PREDICATES[name].degree is None
    and not PREDICATES[name].single_valued
    and name not in ("safe_for", "recommended_for", "caution_with", "contraindicated_with")
)


class Claim(NamedTuple):
    """One proposition; -1 means "none" for every optional field."""

    subject: int
    predicate: int  # index into NAMES
    object: int = -1
    amount: int = -1  # index into the predicate's catalog
    negated: int = 0  # 1 for "does not ..."
    population: int = -1
    form: int = -1
    outcome: int = -1
    comparator: int = -1
    dose: int = -1  # index into DOSES
    duration: int = -1  # index into DURATIONS


_WIDTH = len(Claim._fields)


class ClaimTable:
    """Claims in one flat array of ints (a row of 11 per claim); `firm` marks claims whose
    attestations must not be hedged."""

    def __init__(self) -> None:
        self.rows = array("i")
        self.firm = bytearray()

    def __len__(self) -> int:
        return len(self.firm)

    def add(self, claim: Claim, firm: bool = False) -> int:
        self.rows.extend(claim)
        self.firm.append(firm)
        return len(self.firm) - 1

    def get(self, index: int) -> Claim:
        start = index * _WIDTH
        return Claim._make(self.rows[start : start + _WIDTH])

    def predicate(self, index: int) -> int:
        return self.rows[index * _WIDTH + 1]


_QUANTITY_PREDICATES = [name for name in NAMES if SPECS[name][1][0] == "quantity"]
# For each catalog entry, the entries that certainly disagree with it.
_RIVALS = {
    kind: [[i for i, a in enumerate(amounts) if disagree(a, b)] for b in amounts]
    for kind, amounts in CATALOGS.items()
}


@dataclass(frozen=True)
class Plant:
    """Two claims made to conflict; `kind` is the conflicts.yaml kind a curator would give."""

    how: str
    kind: str
    a: int
    b: int


def predicate_name(claim: Claim) -> str:
    return NAMES[claim.predicate]


def catalog(claim: Claim) -> str | None:
    objects = SPECS[NAMES[claim.predicate]][1]
    return objects[1] if objects[0] == "quantity" else None


def _group(name: str) -> int:
    opposite = PREDICATES[name].opposite
    return min(INDEX[name], INDEX.get(opposite, INDEX[name])) if opposite else INDEX[name]


_GROUP = [_group(name) for name in NAMES]


def _pack(*fields: int) -> int:
    """A key for a tuple of ints: its hash, which Python computes the same way in every run
    (only str and bytes hashes are salted). Two different tuples with one hash would only make
    a random draw be drawn again."""
    return hash(fields)


def conflict_keys(claim: Claim, lex: Lexicon) -> list[int]:
    """Keys shared by exactly the claims a detection rule could pair with this one (or more)."""
    c, name = claim, NAMES[claim.predicate]
    quals = (c.form, c.outcome, c.comparator, c.dose, c.duration)
    if c.amount >= 0:
        return [_pack(1, c.subject, c.predicate, *quals)]
    generic = _pack(2, c.subject, _GROUP[c.predicate], c.object, c.population, *quals)
    meaning = PREDICATES[name]
    if meaning.degree is not None:
        family = _pack(3, lex.family[c.subject], lex.family[c.object])
        return [family, generic] if meaning.opposite else [family]
    if meaning.single_valued:
        keys = [_pack(4, c.predicate, lex.family[c.subject]), generic]
        return [*keys, _pack(5, c.object)] if name == "is_active_form_of" else keys
    return [generic]


class ClaimMaker:
    """Draws random claims and planted conflicts, keeping every conflict key unique."""

    def __init__(self, rng: random.Random, lex: Lexicon) -> None:
        self.rng = rng
        self.lex = lex
        self.table = ClaimTable()
        self.used: set[int] = set()
        self.general = lex.index("general population")
        self.children: dict[int, list[int]] = {}
        for i, entity in enumerate(lex.entities):
            if entity.broader is not None:
                self.children.setdefault(entity.broader, []).append(i)
        self._cum = list(_accumulate(WEIGHTS))

    # --- random claims ----------------------------------------------------------------------
    def random_claim(self) -> int:
        """Add one random claim that conflicts with nothing; return its index."""
        rng = self.rng
        for _ in range(1000):
            predicate = _bisect(self._cum, rng.random() * self._cum[-1])
            claim = self.sample(predicate)
            if claim is not None and self._take([claim]):
                return self.table.add(claim)
        raise RuntimeError("the lexicon is too small for this many claims")

    def sample(self, predicate: int, negated: int | None = None) -> Claim | None:
        """A random claim with this predicate (None when the draw is unusable)."""
        rng, lex = self.rng, self.lex
        name = NAMES[predicate]
        subjects, objects, _, negative, _ = SPECS[name]
        subject = lex.pick(rng, subjects)
        subject_type = lex.entities[subject].type
        obj = amount = -1
        if objects[0] == "quantity":
            amount = rng.randrange(len(CATALOGS[objects[1]]))
        else:
            obj = lex.pick(rng, (subject_type,) if objects == SAME else objects)
            if obj == subject or (obj == self.general and name in ("safe_for", "recommended_for")):
                return None
        if negated is None:
            negated = int(bool(negative) and rng.random() < 0.05)
        population = -1
        if (
            name == "safe_at" or rng.random() < 0.18
        ):  # safe_at without a population is a scope plant
            population = lex.pick(rng, ("population",))
        form = outcome = comparator = dose = duration = -1
        if subject_type == "chemical" and rng.random() < 0.05:
            form = lex.pick(rng, CHEM)
        if rng.random() < 0.06:
            outcome = lex.pick(rng, ("measurement",))
        if subject_type in AGENTS and rng.random() < 0.05:
            comparator = lex.pick(rng, AGENTS)
        if subject_type in DRUGS and objects[1:] != ("dose",) and rng.random() < 0.1:
            dose = rng.randrange(len(DOSES))
        if rng.random() < 0.07:
            duration = rng.randrange(len(DURATIONS))
        if subject in (form, comparator) or (obj >= 0 and obj in (outcome, comparator)):
            return None
        return Claim(
            subject,
            predicate,
            obj,
            amount,
            negated,
            population,
            form,
            outcome,
            comparator,
            dose,
            duration,
        )

    def _take(self, claims: list[Claim], extra: tuple[int, ...] = ()) -> bool:
        keys = {key for claim in claims for key in conflict_keys(claim, self.lex)}
        keys.update(extra)
        if not self.used.isdisjoint(keys):
            return False
        self.used.update(keys)
        return True

    # --- planted conflicts ------------------------------------------------------------------
    def plant(self, how: str) -> Plant | None:
        """Add a pair of claims that conflict in the way `how` names (None after many misses)."""
        build = getattr(self, f"_plant_{how}")
        for _ in range(200):
            made: tuple[Claim, Claim, tuple[int, ...]] | None = build()
            if made is None:
                continue
            a, b, extra = made
            if self._take([a, b], extra):
                firm = how == "scope"  # the permission must be stated firmly to count
                return Plant(how, PLANT_KINDS[how][0], self.table.add(a, firm), self.table.add(b))
        return None

    def _plant_polarity(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        claim = self.sample(INDEX[self.rng.choice(_POLAR)], negated=0)
        return None if claim is None else (claim, claim._replace(negated=1), ())

    def _plant_antonym(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        name = self.rng.choice(_ANTONYM_BASES)
        claim = self.sample(INDEX[name], negated=0)
        opposite = PREDICATES[name].opposite
        assert opposite is not None
        return None if claim is None else (claim, claim._replace(predicate=INDEX[opposite]), ())

    def _plant_degree(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        first, second = self.rng.sample(_DEGREES, 2)
        claim = self.sample(INDEX[first], negated=0)
        if claim is None or self.lex.entities[claim.object].type != "condition":
            return None
        return claim, claim._replace(predicate=INDEX[second]), ()

    def _plant_numeric(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        name = self.rng.choice(_QUANTITY_PREDICATES)
        claim = self.sample(INDEX[name], negated=0)
        if claim is None:
            return None
        rivals = _RIVALS[SPECS[name][1][1]][claim.amount]
        return claim, claim._replace(amount=self.rng.choice(rivals)), ()

    def _plant_exclusive(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        claim = self.sample(INDEX["transported_via"], negated=0)
        if claim is None:
            return None
        other = self.lex.pick(self.rng, ("anatomy",))
        if self.lex.family[other] == self.lex.family[claim.object]:
            return None
        return claim, claim._replace(object=other), ()

    def _plant_scope(self) -> tuple[Claim, Claim, tuple[int, ...]] | None:
        """`S is safe for the general population` (or recommended for it, or safe at an amount
        with no population) against `S, or a kind of S, calls for caution in population P`."""
        rng, lex = self.rng, self.lex
        subject = lex.pick(rng, DRUGS)
        population = lex.pick(rng, ("population",))
        if population == self.general:
            return None
        how = rng.choice(("safe_for", "recommended_for", "safe_at"))
        if how == "safe_at":
            rivals = [i for i, a in enumerate(CATALOGS["dose"]) if a.low is None]
            permission = Claim(subject, INDEX[how], amount=rng.choice(rivals))
        else:
            permission = Claim(subject, INDEX[how], self.general)
        speaker_subject = rng.choice([subject, *self.children.get(subject, [])])
        caution = Claim(
            speaker_subject, INDEX[rng.choice(("caution_with", "contraindicated_with"))], population
        )
        return permission, caution, (_pack(6, lex.family[subject]),)


def plant_count(claims: int) -> int:
    """How many conflicting pairs to plant among `claims` claims."""
    return 0 if claims < 10 else max(1, int(claims * PLANT_SHARE + 0.5))


def make_claims(rng: random.Random, claims: int, lex: Lexicon) -> tuple[ClaimTable, list[Plant]]:
    """`claims` distinct claims: the planted pairs first, then random claims."""
    maker = ClaimMaker(rng, lex)
    hows = list(PLANT_KINDS)
    cum = list(_accumulate(share for _, share in PLANT_KINDS.values()))
    plants = []
    for _ in range(plant_count(claims)):
        # Scope and exclusive-value plants need a subject family of their own; when the lexicon
        # has none left, a contradiction is planted instead.
        plant = maker.plant(hows[_bisect(cum, rng.random() * cum[-1])]) or maker.plant("polarity")
        if plant is not None:
            plants.append(plant)
    while len(maker.table) < claims:
        maker.random_claim()
    return maker.table, plants
