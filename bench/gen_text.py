"""Sentences for generated documents, and the claim fields that match them.

Every quote must occur in its document where its record says, and nowhere else unless the record
gives `occurrence`. Two rules make that hold by construction, without searching the documents:

1. Every sentence starts with a *starter* word (`Overall,`, `According`, `Part`, `Thanks` …) that
   never appears anywhere else in any sentence; entity names and the people and venues named in
   sentences never contain one (checked when the lexicon is built).
2. A sentence ending with `.` or `?` holds no other `.`, `?` or `!` (numbers are whole, no
   abbreviations); every other sentence is a whole line.

So a quote can only match at the start of a sentence and must run to that sentence's end: it
matches exactly the sentences equal to it, and the document builder numbers repeats.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from gen_claims import Claim, catalog, predicate_name
from gen_lexicon import Lexicon
from gen_predicates import SPECS
from gen_quantities import CATALOGS, DOSES, DURATIONS, words

# Claim sentence frames by voice; {b} is the claim's body, {who} a cited work or person.
FRAMES: dict[str, tuple[str, ...]] = {
    "asserted": (
        "Overall, {b}.",
        "In short, {b}.",
        "Notably, {b}.",
        "Clearly, {b}.",
        "Importantly, {b}.",
        "Put simply, {b}.",
        "It is well established that {b}.",
        "Remember that {b}.",
        "Keep in mind that {b}.",
        "Indeed, {b}.",
    ),
    "hedged": (
        "It seems that {b}.",
        "Perhaps {b}.",
        "Possibly, {b}.",
        "Evidence suggests that {b}.",
    ),
    "speculative": ("One might speculate that {b}.", "Logically, it would follow that {b}."),
    "reported": ("Studies report that {b}.", "Reports indicate that {b}."),
    "inference": (
        "This implies that {b}.",
        "Therefore, {b}.",
        "Hence, {b}.",
        "It follows that {b}.",
    ),
    "inference_hedged": ("This suggests that {b}.", "Presumably, {b}."),
    "cited": ("Research by {who} shows that {b}.", "Work by {who} found that {b}."),
    "cited_hedged": ("Data from {who} suggest that {b}.",),
    "experience": ("Since I started taking supplements, I have found that {b}.",),
    "quoted_work": ("According to {who}, {b}.", "As {who} reports, {b}."),
    "presentation": ("At {who}, new data were presented showing that {b}.",),
    "quoted_person": ("As {who} put it, {b}.", "Speaking to us, {who} said that {b}."),
    "reader": ("From what I have read, {b}.", "Personally, I believe that {b}."),
    "reader_hedged": ("Personally, I think that {b}.", "Maybe {b}."),
    "advertisement": (
        "Our formula is backed by science because {b}.",
        "Choose quality, because {b}.",
    ),
    "unnamed": ("Some sources claim that {b}.", "Some experts say that {b}."),
}

# Sentences that assert nothing, by skip reason; each family's first word is its own starter.
SKIPS: dict[str, tuple[str, ...]] = {
    "rhetoric": (
        "Let us look at part {n} more closely.",
        "Let us now turn to the evidence on {e}.",
    ),
    "method": (
        "Participants in study {n} were followed for {m} months.",
        "Blood samples were taken every {m} weeks in study {n}.",
    ),
    "question": ("What dose of {e} do you take?", "Has anyone tried {e}?", "Where can I buy {e}?"),
    "anecdote": ("My cousin broke a toe last winter.", "My dog refuses to eat {e}."),
    "advertising": (
        "Buy {e} capsules today for only {m} dollars.",
        "Shop our range of {e} products.",
    ),
    "greeting": (
        "Thanks for reading, and stay healthy.",
        "Thanks for the great post.",
        "Hello everyone.",
    ),
    "navigation": ("Subscribe to our newsletter for weekly updates.", "Leave a comment below."),
    "other": ("Disclaimer: this page does not replace medical advice.",),
}
# Whole-line sentences: titles, dates, headings, comment headers, references.
TITLE_WORDS = ("Study", "Review", "Monograph", "News", "Product", "Blog", "Conference", "Notes")
LINE_STARTERS = ("Posted", "Published", "Part", "Reader", "Comment", "Reference", *TITLE_WORDS)
SURNAMES = ("Berg", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Costa", "Novak", "Haddad", "Weber")
FIRST_NAMES = ("Anna", "Ravi", "Lena", "Tomas", "Yuki", "Maria", "Samir", "Ines", "Olga", "Kofi")
CONGRESSES = ("Nutrition Congress", "Bone Health Summit", "Vascular Biology Meeting")


def _first_words(frames: tuple[str, ...]) -> set[str]:
    return {frame.split()[0].rstrip(",:") for frame in frames}


STARTERS = frozenset(
    {word for frames in (*FRAMES.values(), *SKIPS.values()) for word in _first_words(frames)}
    | set(LINE_STARTERS)
)
# Capitalized words that appear inside sentences must never be starters.
assert not STARTERS & {*SURNAMES, *FIRST_NAMES, *" ".join(CONGRESSES).split(), "Professor", "I"}

_QUALIFIERS = (
    ("population", " in {}"),
    ("form", " when taken as {}"),
    ("outcome", " as measured by {}"),
    ("comparator", " compared with {}"),
)
_RECORD_NAMES = {"outcome": "outcome_measure"}


def claim_body(rng: random.Random, lex: Lexicon, claim: Claim) -> tuple[str, str]:
    """The words of a claim (without frame) and the lines of its `claim:` record, naming
    entities the same way in both (a name or a synonym)."""
    name = predicate_name(claim)
    _, _, affirmative, negative, _ = SPECS[name]
    subject, quoted = lex.mention(rng, claim.subject)
    lines = [f"      subject: {quoted}", f'      predicate: "{name}"']
    kind = catalog(claim)
    if kind is not None:
        said, quantity = words(rng, CATALOGS[kind][claim.amount])
        body = affirmative.format(s=subject, q=said)
        lines.append(f"      quantity: {quantity}")
    else:
        obj, quoted = lex.mention(rng, claim.object)
        body = (negative if claim.negated else affirmative).format(s=subject, o=obj)
        lines.append(f"      object: {quoted}")
    if claim.negated:
        lines.append("      negated: true")
    if max(claim[5:]) < 0:  # no qualifier (most claims)
        return body, "\n".join(lines)
    qualifiers: list[str] = []
    for field, phrase in _QUALIFIERS:
        entity = getattr(claim, field)
        if entity >= 0:
            mention, quoted = lex.mention(rng, entity)
            body += phrase.format(mention)
            qualifiers.append(f"        {_RECORD_NAMES.get(field, field)}: {quoted}")
    if claim.dose >= 0:
        said, quantity = words(rng, DOSES[claim.dose])
        body += f" at a dose of {said}"
        qualifiers.append(f"        dose: {quantity}")
    if claim.duration >= 0:
        said, quantity = words(rng, DURATIONS[claim.duration])
        body += f" over {said}"
        qualifiers.append(f"        duration: {quantity}")
    if qualifiers:
        lines.append("      qualifiers:")
        lines += qualifiers
    return body, "\n".join(lines)


def framed(rng: random.Random, voice: str, body: str, who: str = "") -> str:
    """The body in a sentence frame of the given voice."""
    frames = FRAMES[voice]
    return frames[int(rng.random() * len(frames))].format(b=body, who=who)


def skip_sentence(rng: random.Random, reason: str, number: int, entity: Callable[[], str]) -> str:
    """A sentence that asserts nothing, for skip reason `reason`."""
    frame = rng.choice(SKIPS[reason])
    return frame.format(n=number, m=rng.randint(2, 36), e=entity() if "{e}" in frame else "")
