"""Problems found in the corpus, and the error that carries them out of a failed build.

Every stage reports what is wrong as `Problem` values instead of raising at the first one, so that
`k2graph check` can list every problem in one run. A problem renders as one line naming the file,
the line and record, the field, what is wrong and how to fix it.
"""

from __future__ import annotations

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
        # One problem, one line: a quote with a line break must not split the report.
        return " ".join(text.split())

    def sort_key(self) -> tuple[str, int, str]:
        return (self.file, self.line or 0, self.render())


class CorpusError(Exception):
    """The corpus cannot be built; `problems` says every reason."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(set(problems), key=Problem.sort_key))
        super().__init__("\n".join(p.render() for p in self.problems))


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
