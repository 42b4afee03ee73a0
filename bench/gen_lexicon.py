"""The entity lexicon of a generated corpus: typed names, synonyms and `broader` links.

The lexicon grows with the square root of the claim count. It starts with a few dozen real names
from the vitamin K field (so small corpora read naturally) and continues with pronounceable
invented ones (`karovine`, `dulesin kinase`, `tamorosis`) of the same types. Every name is
lower-case except gene symbols and abbreviations, so that no entity name can start or end a
sentence in a way that would blur the sentence rules (see gen_text.py).

`broader` links form a forest of depth at most two; `family` maps an entity to the root of its
tree, which is how the claim generator keeps accidental conflicts out (two entities are
"related" for the conflict rules only if they share a family).
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from dataclasses import dataclass, field

from yaml_emit import quote

# The entity types, and the share of invented entities of each.
TYPE_SHARES: dict[str, float] = {
    "chemical": 0.18,
    "protein": 0.11,
    "gene": 0.05,
    "condition": 0.15,
    "process": 0.08,
    "anatomy": 0.07,
    "food": 0.07,
    "organism": 0.04,
    "population": 0.06,
    "measurement": 0.07,
    "property": 0.03,
    "drug": 0.05,
    "intervention": 0.03,
    "other": 0.01,
}

# (name, type, synonyms, broader): the seed of every lexicon. `general population` and `adults`
# are the populations the conflict rules treat as "everyone".
SEED_ENTITIES: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    ("vitamin K2", "chemical", ("K2",), None),
    ("menaquinone-7", "chemical", ("MK-7", "MK7"), "vitamin K2"),
    ("menaquinone-4", "chemical", ("MK-4", "menatetrenone"), "vitamin K2"),
    ("phylloquinone", "chemical", ("vitamin K1",), None),
    ("vitamin D3", "chemical", ("cholecalciferol",), None),
    ("calcium", "chemical", (), None),
    ("magnesium", "chemical", (), None),
    ("retinol", "chemical", (), None),
    ("matrix gla protein", "protein", ("MGP",), None),
    ("osteocalcin", "protein", ("bone gla protein",), None),
    ("gamma-glutamyl carboxylase", "protein", ("GGCX",), None),
    ("GDF15", "gene", (), None),
    ("VKORC1", "gene", (), None),
    ("vascular calcification", "condition", (), None),
    ("arterial calcification", "condition", (), "vascular calcification"),
    ("osteoporosis", "condition", (), None),
    ("coronary heart disease", "condition", ("CHD",), None),
    ("chronic kidney disease", "condition", ("CKD",), None),
    ("bone fractures", "condition", (), None),
    ("blood coagulation", "process", ("clotting",), None),
    ("bone mineralization", "process", (), None),
    ("gamma-carboxylation", "process", ("carboxylation",), None),
    ("liver", "anatomy", (), None),
    ("lymphatic system", "anatomy", (), None),
    ("portal vein", "anatomy", (), None),
    ("arterial wall", "anatomy", (), None),
    ("small intestine", "anatomy", (), None),
    ("natto", "food", ("fermented soybeans",), None),
    ("hard cheese", "food", (), None),
    ("egg yolk", "food", (), None),
    ("Bacillus subtilis", "organism", (), None),
    ("gut bacteria", "organism", (), None),
    ("general population", "population", (), None),
    ("adults", "population", (), None),
    ("children", "population", (), None),
    ("older adults", "population", ("elderly people",), "adults"),
    ("postmenopausal women", "population", (), "adults"),
    ("pregnant women", "population", (), "adults"),
    ("patients on dialysis", "population", ("dialysis patients",), None),
    ("bone mineral density", "measurement", ("BMD",), None),
    ("pulse wave velocity", "measurement", ("PWV",), None),
    ("arterial stiffness", "measurement", (), None),
    ("fat solubility", "property", (), None),
    ("light sensitivity", "property", (), None),
    ("warfarin", "drug", ("coumadin",), None),
    ("acenocoumarol", "drug", (), None),
    ("bisphosphonates", "drug", (), None),
    ("calcium supplementation", "intervention", (), None),
    ("exercise training", "intervention", (), None),
    ("sunlight", "other", (), None),
)

# How invented names of each type are formed from a pseudo-word `{w}`.
_PATTERNS: dict[str, tuple[str, ...]] = {
    "chemical": ("{w}ine", "{w}ol", "{w}ate", "{w}oside"),
    "protein": ("{w} protein", "{w}ase", "{w}in kinase", "{w} receptor"),
    "gene": ("{W}{n}",),
    "condition": ("{w} syndrome", "{w}osis", "{w} disease", "{w}itis"),
    "process": ("{w} signalling", "{w}ation", "{w} turnover"),
    "anatomy": ("{w} gland", "{w} duct", "{w} tissue"),
    "food": ("fermented {w}", "{w} cheese", "{w} greens"),
    "organism": ("{w}bacter", "{w}coccus"),
    "population": ("{w} workers", "adults with {w} syndrome", "{w} athletes"),
    "measurement": ("{w} index", "serum {w} level", "{w} score"),
    "property": ("{w} stability", "{w} solubility"),
    "drug": ("{w}mab", "{w}pril", "{w}statin"),
    "intervention": ("{w} therapy", "{w} training"),
    "other": ("{w} exposure",),
}
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "tr", "pl", "")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "eo")
BROADER_SHARE = 0.3
ZIPF_ENTITIES = 0.9


@dataclass(slots=True)
class Entity:
    name: str
    type: str
    synonyms: tuple[str, ...] = ()
    broader: int | None = None  # index of the broader entity


@dataclass
class Lexicon:
    entities: list[Entity]
    family: list[int]  # the root of each entity's `broader` tree
    by_type: dict[str, list[int]] = field(default_factory=dict)
    # Each entity's name, then its synonyms, each with its quoted YAML form.
    forms: list[tuple[tuple[str, str], ...]] = field(default_factory=list)
    _cum: dict[str, list[float]] = field(default_factory=dict)

    def index(self, name: str) -> int:
        for i, entity in enumerate(self.entities):
            if entity.name == name:
                return i
        raise KeyError(name)

    def pick(self, rng: random.Random, types: tuple[str, ...]) -> int:
        """An entity of one of `types`, popular ones (low rank) far more often (Zipf)."""
        kind = types[0] if len(types) == 1 else types[int(rng.random() * len(types))]
        cum = self._cum[kind]
        return self.by_type[kind][bisect.bisect(cum, rng.random() * cum[-1])]

    def mention(self, rng: random.Random, entity: int) -> tuple[str, str]:
        """How a text names the entity — its name, or now and then a synonym — and that
        name as a quoted YAML string."""
        forms = self.forms[entity]
        if len(forms) > 1 and rng.random() < 0.35:
            return forms[1 + int(rng.random() * (len(forms) - 1))]
        return forms[0]


def entity_count(claims: int) -> int:
    """About 4·√N + 50 entities for N claims (never fewer than the seed list)."""
    return max(len(SEED_ENTITIES), int(4 * math.sqrt(claims)) + 50)


def build_lexicon(rng: random.Random, claims: int, forbidden: frozenset[str]) -> Lexicon:
    """The seed entities plus invented ones up to `entity_count(claims)`.

    `forbidden` holds the words that start sentences (gen_text.py); no name may contain one.
    """
    entities = [Entity(n, t, syn) for n, t, syn, _ in SEED_ENTITIES]
    names = {n: i for i, (n, *_rest) in enumerate(SEED_ENTITIES)}
    for i, (_, _, _, broader) in enumerate(SEED_ENTITIES):
        if broader is not None:
            entities[i].broader = names[broader]
    taken = {key.casefold() for e in entities for key in (e.name, *e.synonyms)}
    slugs = {_slug(e.name) for e in entities}
    total = entity_count(claims)
    kinds = list(TYPE_SHARES)
    cum = list(itertools.accumulate(TYPE_SHARES.values()))
    while len(entities) < total:
        kind = kinds[bisect.bisect(cum, rng.random() * cum[-1])]
        name = _invent(rng, kind)
        if name.casefold() in taken or _slug(name) in slugs or forbidden & set(name.split()):
            continue
        taken.add(name.casefold())
        slugs.add(_slug(name))
        entity = Entity(name, kind)
        abbreviation = _abbreviation(rng, name)
        if rng.random() < 0.25 and abbreviation.casefold() not in taken:
            taken.add(abbreviation.casefold())
            entity.synonyms = (abbreviation,)
        entities.append(entity)
    _link_broader(rng, entities)
    return _index(entities)


def _invent(rng: random.Random, kind: str) -> str:
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
    pattern = rng.choice(_PATTERNS[kind])
    return pattern.format(w=word, W=word[:4].upper(), n=rng.randint(1, 19))


def _abbreviation(rng: random.Random, name: str) -> str:
    words = name.replace("-", " ").split()
    if len(words) > 1:
        return "".join(w[0] for w in words).upper() + str(rng.randint(2, 9))
    return f"{name[:3].upper()}-{rng.randint(2, 99)}"


def _slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


def _link_broader(rng: random.Random, entities: list[Entity]) -> None:
    """Give about 30 % of the invented entities a broader entity of their type (depth ≤ 2)."""
    roots: dict[str, list[int]] = {}
    for i, entity in enumerate(entities):
        if i < len(SEED_ENTITIES):
            if entity.broader is None:
                roots.setdefault(entity.type, []).append(i)
            continue
        candidates = roots.get(entity.type, [])
        if candidates and rng.random() < BROADER_SHARE:
            entity.broader = rng.choice(candidates)
        else:
            roots.setdefault(entity.type, []).append(i)


def _index(entities: list[Entity]) -> Lexicon:
    family = []
    for i in range(len(entities)):
        root = i
        while (parent := entities[root].broader) is not None:
            root = parent
        family.append(root)
    lexicon = Lexicon(entities, family)
    lexicon.forms = [tuple((n, quote(n)) for n in (e.name, *e.synonyms)) for e in entities]
    for i, entity in enumerate(entities):
        lexicon.by_type.setdefault(entity.type, []).append(i)
    for kind, members in lexicon.by_type.items():
        weights = (1.0 / (rank + 1) ** ZIPF_ENTITIES for rank in range(len(members)))
        lexicon._cum[kind] = list(itertools.accumulate(weights))
    return lexicon
