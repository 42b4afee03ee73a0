"""Reading files of the sources folder: inside it only, within size limits, documents checked.

A symbolic link is followed only when its target is inside the sources folder too (a link to any
other file would put that file's text into every export). Files have size limits far above any
real document or curation, so a runaway file is refused with its size instead of filling the
memory. A document must be UTF-8, match its recorded SHA-256, and hold no control character (but
tab and line breaks) and no bidirectional override.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from k2graph.corpus.records import SourceFile
from k2graph.corpus.validation import Located
from k2graph.problems import Problem, display_path, unsafe_character

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024  # a document of several thousand pages
MAX_RECORDS_BYTES = 64 * 1024 * 1024  # one YAML (or JSON) file of curated records


def outside(path: Path, root: Path) -> bool:
    """A path whose real location (links followed) is not inside `root`."""
    return not path.resolve().is_relative_to(root.resolve())


def link_problem(path: Path, root: Path) -> Problem:
    return Problem(
        file=display_path(path),
        message=f"is a symbolic link to {path.resolve()}, outside the sources folder"
        f" {display_path(root)}",
        fix="copy the file (or folder) into the sources folder instead of linking to it",
    )


def read_limited(path: Path, limit: int, problems: list[Problem], root: Path) -> bytes | None:
    """The file's bytes, or None (with a problem) when it is a link out of `root`, larger than
    `limit`, or unreadable."""
    shown = display_path(path)
    if outside(path, root):
        problems.append(link_problem(path, root))
        return None
    try:
        size = path.stat().st_size
        if size > limit:
            problems.append(
                Problem(
                    file=shown,
                    message=f"is {size / 1e6:,.1f} MB, over the limit of {limit / 1e6:,.0f} MB"
                    " for this kind of file",
                    fix="split the document into several sources, or the records into the"
                    " sources they belong to",
                )
            )
            return None
        return path.read_bytes()
    except OSError as err:
        problems.append(
            Problem(file=shown, message=f"cannot be read: {err.strerror or err}", fix=None)
        )
        return None


def read_document(
    path: Path, meta: Located[SourceFile] | None, problems: list[Problem], root: Path
) -> str | None:
    raw = read_limited(path, MAX_DOCUMENT_BYTES, problems, root)
    if raw is None:
        return None
    shown = display_path(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(
            Problem(
                file=shown,
                message=f"not valid UTF-8: byte 0x{raw[err.start]:02x} at byte offset {err.start}",
                fix="restore the document as collected, saved as UTF-8",
            )
        )
        return None
    found = unsafe_character(text)
    if found is not None:
        index, char = found
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(
            Problem(
                file=shown,
                line=line,
                message=f"holds the control character {char} at column {column}",
                fix="remove it from the document (and record the new sha256): such a character"
                " changes how the text shows on a screen, or hides part of it",
            )
        )
        return None
    actual = hashlib.sha256(raw).hexdigest()
    if meta is not None and meta.value.sha256 != actual:
        problems.append(
            meta.problem(
                f"{shown} changed since its recorded SHA-256 "
                f"(recorded {meta.value.sha256[:12]}…, now {actual[:12]}…)",
                field="sha256",
                fix=f"restore the original document, or if the change is intended set "
                f"sha256 to {actual} and re-check every quote",
            )
        )
        return None
    return text
