"""Problems found in the corpus, and the error that carries them out of a failed build.

Every stage reports what is wrong as `Problem` values instead of raising at the first one, so that
`k2graph check` can list every problem in one run. A problem renders as one line naming the file,
the line and record, the field, what is wrong and how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict


class Problem(BaseModel):
    """One thing wrong with the input, located as precisely as the input allows."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    message: str
    line: int | None = None
    record: str | None = None
    field: str | None = None
    fix: str | None = None

    def render(self) -> str:
        """One line: `file:line: record N: field 'x': what is wrong; fix: how`."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.record:
            parts.append(self.record)
        if self.field:
            parts.append(f"field '{self.field}'")
        text = ": ".join(parts) + ": " + self.message
        if self.fix:
            text += f" — fix: {self.fix}"
        # One problem, one line: a quote with a line break must not split the report; and no
        # character from a file may act on the terminal that shows it.
        return printable(" ".join(text.split()))

    def sort_key(self) -> tuple[str, int, str]:
        return (self.file, self.line or 0, self.render())


class CorpusError(Exception):
    """The corpus cannot be built; `problems` says every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems), key=Problem.sort_key))
        super().__init__("\n".join(p.render() for p in self.problems))


# What may not reach a terminal as it is: C0 controls but tab and line feed (ESC starts the
# sequences that move the cursor, retitle the window or write the clipboard), DEL, C1 controls
# (U+009B is a one-character ESC [), the bidirectional controls that reorder what follows, and
# lone surrogates, which cannot even be written.
UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
# Half of a surrogate pair, alone: no character, and not writable as UTF-8.
SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` safe to print: each unprintable character written as a visible escape (`\\x1b`,
    `\\u202e`), everything else as it is."""
    return UNPRINTABLE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# What curated text and documents may not hold at all: every character above that is not
# whitespace, and every bidirectional formatting character (marks, embeddings, overrides and
# isolates), which reorder what a screen shows.
UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


# Characters with no use in curated text but to hide something: zero-width space, word joiner,
# byte order mark, Mongolian vowel separator. Names refuse more (`stages.lookalike`): the
# joiners and the soft hyphen, which scripts and typesetting need in running text.
HIDDEN_CHARACTERS = "\u200b\u2060\ufeff\u180e"
HIDDEN_TEXT = re.compile(f"[{HIDDEN_CHARACTERS}]")


def unsafe_character(text: str) -> tuple[int, str] | None:
    """The first character curated text may not hold, with its index; None when there is none."""
    found = UNSAFE_TEXT.search(text)
    if found is None:
        return None
    return found.start(), describe_character(found.group())


def describe_character(char: str) -> str:
    """`U+001B (ESCAPE)`: a character named for a message."""
    import unicodedata

    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


_CONTROL_NAMES = {"\x1b": "ESCAPE", "\x00": "NUL", "\x07": "BELL", "\x08": "BACKSPACE"}


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
