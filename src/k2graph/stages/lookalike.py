"""Names that look alike on screen but are different text: invisible characters, and letters of
another script that stand in for Latin ones ("menaquinone-7" with a Cyrillic ie for its "e").

Two entities whose names look the same would split one thing's claims in two without anyone
seeing it, so the lexicon refuses them (`normalize`). `skeleton` maps a name to how it looks:
compatibility-normalized, case-folded, invisible characters dropped, and the common look-alike
letters of the Cyrillic and Greek scripts replaced by the Latin letters they imitate (a short
table after the confusables data of Unicode Technical Standard #39; not the whole of it).
"""

from __future__ import annotations

import unicodedata

from k2graph.problems import HIDDEN_CHARACTERS

# Characters that take no space on screen: those no curated text may hold, and the non-joiner,
# joiner, soft hyphen and combining grapheme joiner, which a name has no use for either.
INVISIBLE = frozenset(HIDDEN_CHARACTERS + "\u200c\u200d\u00ad\u034f")

# Look-alike letters (written as escapes: they are the very characters a reader cannot tell
# from the Latin ones) and the Latin letters they imitate, position by position.
_CYRILLIC = (
    "\u0430\u0432\u0435\u0451\u043a\u043c\u043d\u043e\u0440\u0441\u0442\u0443"
    "\u0445\u0455\u0456\u0457\u0458\u0501\u04bb\u04cf\u051b\u051d\u04af"
)
_CYRILLIC_AS = "abeekmhopctyxsiijdhlqwy"
_GREEK = (
    "\u03bf\u03bd\u03c1\u03b9\u03ba\u03c4\u03c7\u03c5\u03b5\u03b7\u03bc\u03c9\u03b1\u03b2\u03b3"
)
_GREEK_AS = "ovpiktxuenuwaby"
_LOOKALIKES = str.maketrans(_CYRILLIC + _GREEK, _CYRILLIC_AS + _GREEK_AS)


def invisible_in(name: str) -> str | None:
    """The first invisible character of `name`, or None."""
    return next((char for char in name if char in INVISIBLE), None)


def skeleton(name: str) -> str:
    """How `name` looks: names with the same skeleton are hard to tell apart on screen."""
    visible = "".join(char for char in name if char not in INVISIBLE)
    return unicodedata.normalize("NFKC", visible).casefold().translate(_LOOKALIKES)
