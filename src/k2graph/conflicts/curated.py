"""Stage 5 (curated half), conflicts: resolve `conflicts.yaml` into conflict records.

Each curated conflict names its two sides as `<source-id>/<record key>`. Sides are put in a
canonical order, so swapping `a` and `b` changes neither the identifier nor the export. Detection
rules (a later stage) add their findings to the same records through `detected_by`.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence

from k2graph.corpus.records import ConflictRecord
from k2graph.corpus.validation import Located
from k2graph.identifiers import content_id
from k2graph.model import Attestation, Conflict, ConflictSide
from k2graph.problems import Problem

CURATED = "curated"


def curated_conflicts(
    records: Sequence[Located[ConflictRecord]],
    by_key: Mapping[tuple[str, str], Attestation],
    source_ids: set[str],
    unchecked: frozenset[str] = frozenset(),
) -> tuple[dict[str, Conflict], list[Problem]]:
    """Conflicts by identifier; a problem for every unresolved side or repeated conflict.

    A side in an `unchecked` source (one whose own files or records have problems, already
    reported) that does not resolve is skipped silently: its key may be in a broken record.
    """
    conflicts: dict[str, Conflict] = {}
    origin: dict[str, str] = {}
    problems: list[Problem] = []
    for located in records:
        record = located.value
        sides = [
            _side(located, field, by_key, source_ids, unchecked, problems) for field in ("a", "b")
        ]
        a, b = sides
        if a is None or b is None:
            continue
        if a.id == b.id:
            problems.append(
                located.problem(
                    "both sides name the same attestation",
                    field="b",
                    fix="a conflict needs two different claims or attestations",
                )
            )
            continue
        ordered = sorted(
            (ConflictSide(claim_id=s.claim_id, attestation_ids=(s.id,)) for s in (a, b)),
            key=lambda side: (side.claim_id, side.attestation_ids),
        )
        conflict_id = content_id(
            "conflict", {"kind": record.kind.value, "sides": [s.model_dump() for s in ordered]}
        )
        if conflict_id in conflicts:
            problems.append(
                located.problem(
                    f"the same conflict is already curated as {origin[conflict_id]}",
                    fix="delete one of the two",
                )
            )
            continue
        conflicts[conflict_id] = Conflict(
            id=conflict_id,
            kind=record.kind,
            a=ordered[0],
            b=ordered[1],
            explanation=record.rationale,
            detected_by=(CURATED,),
        )
        origin[conflict_id] = located.label
    return conflicts, problems


def _side(
    located: Located[ConflictRecord],
    field: str,
    by_key: Mapping[tuple[str, str], Attestation],
    source_ids: set[str],
    unchecked: frozenset[str],
    problems: list[Problem],
) -> Attestation | None:
    ref: str = getattr(located.value, field)
    source_id, _, key = ref.partition("/")
    if not key:
        problems.append(
            located.problem(
                f"'{ref}' is not a reference of the form <source-id>/<record key>",
                field=field,
                fix="write the source folder name, a slash, and the record's `key`",
            )
        )
        return None
    if source_id in unchecked:
        return by_key.get((source_id, key))
    if source_id not in source_ids:
        close = difflib.get_close_matches(source_id, sorted(source_ids), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(
            located.problem(
                f"unknown source '{source_id}'",
                field=field,
                fix=f"{hint}use a folder name under sources/",
            )
        )
        return None
    attestation = by_key.get((source_id, key))
    if attestation is None:
        keys = sorted(k for s, k in by_key if s == source_id)
        close = difflib.get_close_matches(key, keys, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append(
            located.problem(
                f"no record with key '{key}' in source '{source_id}'",
                field=field,
                fix=f"{hint}add `key: {key}` to the record in {source_id}/claims.yaml",
            )
        )
    return attestation
