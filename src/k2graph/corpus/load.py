"""Stage 1, load: read `sources/` into validated records and document texts.

This is the only stage that reads files. It checks what can be checked file by file — YAML, record
shapes, UTF-8, the recorded SHA-256 — and reports every problem it finds instead of stopping at the
first, so the later stages can still check the records that are sound.

Every file is read through `files`, which keeps to the sources folder and to size limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from k2graph.corpus.files import (
    MAX_RECORDS_BYTES,
    link_problem,
    outside,
    read_document,
    read_limited,
)
from k2graph.corpus.records import (
    ClaimRecord,
    ConflictRecord,
    EntityRecord,
    SkipRecord,
    SourceFile,
)
from k2graph.corpus.strict_yaml import YamlDocument, YamlProblem, parse_yaml
from k2graph.corpus.validation import FORMAT_HELP, Located, validate
from k2graph.identifiers import is_slug
from k2graph.problems import Problem, display_path

DOCUMENT = "document.txt"
SOURCE_META = "source.yaml"
CLAIMS = "claims.yaml"
SKIPPED = "skipped.yaml"
ENTITIES = "entities.yaml"
CONFLICTS = "conflicts.yaml"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LoadedSource:
    id: str
    text: str
    meta: Located[SourceFile]
    records: tuple[Located[ClaimRecord], ...]
    # False when some record of claims.yaml could not be read: its key may exist unseen.
    complete: bool
    # Passages deliberately given no record (skipped.yaml; optional).
    skips: tuple[Located[SkipRecord], ...] = ()
    # False when skipped.yaml has a record that could not be read: coverage is then not judged.
    skips_complete: bool = True


@dataclass(frozen=True)
class Corpus:
    """Everything read from a sources folder that passed the per-file checks."""

    sources: tuple[LoadedSource, ...]
    entities: tuple[Located[EntityRecord], ...]
    conflicts: tuple[Located[ConflictRecord], ...]
    # Source folders that exist but could not be loaded.
    unreadable: frozenset[str]


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Read every source folder, the entity lexicon and the curated conflicts under `root`."""
    problems: list[Problem] = []
    shown = display_path(root)
    if not root.is_dir():
        fix = "pass --sources with the folder that holds the source folders"
        return _empty(), [Problem(file=shown, message="sources folder not found", fix=fix)]
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    linked_out = [f for f in folders if outside(f, root)]
    for folder in linked_out:
        problems.append(link_problem(folder, root))
    folders = [f for f in folders if f not in linked_out]
    if not folders:
        problems.append(
            Problem(
                file=shown,
                message="no sources found: the folder has no source folders",
                fix=f"add one folder per document with {DOCUMENT} and {SOURCE_META}",
            )
        )
    sources = []
    unreadable = set()
    for folder in folders:
        source = _load_source(folder, root, problems)
        if source is None:
            unreadable.add(folder.name)
        else:
            sources.append(source)
    entities = _load_list(root / ENTITIES, "entities", EntityRecord, "entity", problems, root)
    conflicts = _load_list(
        root / CONFLICTS, "conflicts", ConflictRecord, "conflict", problems, root, required=False
    )
    corpus = Corpus(tuple(sources), tuple(entities), tuple(conflicts), frozenset(unreadable))
    return corpus, problems


def _empty() -> Corpus:
    return Corpus((), (), (), frozenset())


def _load_source(folder: Path, root: Path, problems: list[Problem]) -> LoadedSource | None:
    shown = display_path(folder)
    if not is_slug(folder.name):
        problems.append(
            Problem(
                file=shown,
                message=f"source folder name '{folder.name}' is not a slug",
                fix="rename it with lower-case letters and digits joined by single hyphens",
            )
        )
        return None
    missing = [name for name in (DOCUMENT, SOURCE_META, CLAIMS) if not (folder / name).is_file()]
    for name in missing:
        fix = "add it with `records: []` if nothing is curated yet" if name == CLAIMS else None
        problems.append(Problem(file=f"{shown}/{name}", message="file is missing", fix=fix))
    if missing:
        return None
    meta = _load_one(folder / SOURCE_META, SourceFile, problems, root)
    text = read_document(folder / DOCUMENT, meta, problems, root)
    before = len(problems)
    records = _load_list(folder / CLAIMS, "records", ClaimRecord, "record", problems, root)
    complete = len(problems) == before
    before = len(problems)
    skips = _load_list(
        folder / SKIPPED, "skipped", SkipRecord, "skip", problems, root, required=False
    )
    if meta is None or text is None:
        return None
    return LoadedSource(
        folder.name, text, meta, tuple(records), complete, tuple(skips), len(problems) == before
    )


def _parse(path: Path, problems: list[Problem], root: Path) -> YamlDocument | None:
    shown = display_path(path)
    raw = read_limited(path, MAX_RECORDS_BYTES, problems, root)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(file=shown, message=f"not valid UTF-8 at byte offset {err.start}"))
        return None
    try:
        return parse_yaml(text)
    except YamlProblem as err:
        problems.append(Problem(file=shown, line=err.line, message=err.message, fix=err.fix))
        return None


def _load_one(path: Path, model: type[M], problems: list[Problem], root: Path) -> Located[M] | None:
    doc = _parse(path, problems, root)
    if doc is None:
        return None
    located, found = validate(
        model, doc.data, file=display_path(path), doc=doc, path=(), label=None
    )
    problems.extend(found)
    return located


def _load_list(
    path: Path,
    key: str,
    model: type[M],
    noun: str,
    problems: list[Problem],
    root: Path,
    *,
    required: bool = True,
) -> list[Located[M]]:
    """Validate `key: [ … ]` record by record, so one bad record hides no other."""
    shown = display_path(path)
    if not path.is_file():
        if required:
            problems.append(Problem(file=shown, message="file is missing", fix=FORMAT_HELP))
        return []
    doc = _parse(path, problems, root)
    if doc is None:
        return []
    items = _top_list(doc.data, key, shown, problems)
    out: list[Located[M]] = []
    for index, item in enumerate(items):
        located, found = validate(
            model, item, file=shown, doc=doc, path=(key, index), label=f"{noun} {index + 1}"
        )
        problems.extend(found)
        if located is not None:
            out.append(located)
    return out


def _top_list(data: Any, key: str, shown: str, problems: list[Problem]) -> list[Any]:
    if not isinstance(data, dict) or set(data) != {key} or not isinstance(data[key], list):
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        problems.append(
            Problem(
                file=shown,
                line=1,
                message=f"expected a mapping with the single key '{key}' holding a list, "
                f"found {found}",
                fix=f"write `{key}:` followed by a list of items ({FORMAT_HELP})",
            )
        )
        return []
    items: list[Any] = data[key]
    return items
