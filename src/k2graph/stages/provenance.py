"""Sources, the works they cite and the speakers inside them, with global identifiers.

A speaker or work is named by a slug local to its source (`author`, `comment-3`); its global
identifier is `<source-id>--<slug>`. This module checks that speakers point at works and relays
that exist in the same source.
"""

from __future__ import annotations

from dataclasses import dataclass

from k2graph.corpus.load import LoadedSource
from k2graph.corpus.records import SourceFile
from k2graph.corpus.validation import Located
from k2graph.identifiers import scoped_id
from k2graph.model import Source, Speaker, Work
from k2graph.problems import Problem


@dataclass(frozen=True)
class SourceParts:
    source: Source
    works: dict[str, Work]  # by local slug
    speakers: dict[str, Speaker]  # by local slug


def source_parts(loaded: LoadedSource) -> tuple[SourceParts, list[Problem]]:
    """The canonical source, works and speakers of one loaded source folder."""
    meta = loaded.meta
    record = meta.value
    problems: list[Problem] = []
    source = Source.model_validate(
        {
            **record.model_dump(exclude={"works", "speakers"}),
            "id": loaded.id,
            "characters": len(loaded.text),
        }
    )
    works: dict[str, Work] = {}
    for index, work in enumerate(record.works):
        if work.id in works:
            problems.append(_duplicate(meta, "works", index, work.id))
            continue
        works[work.id] = Work(
            id=scoped_id(loaded.id, work.id),
            source_id=loaded.id,
            **work.model_dump(exclude={"id"}),
        )
    speakers = _speakers(loaded.id, meta, works, problems)
    return SourceParts(source, works, speakers), problems


def _speakers(
    source_id: str, meta: Located[SourceFile], works: dict[str, Work], problems: list[Problem]
) -> dict[str, Speaker]:
    """Speakers by local slug; each must name works and relays that exist in the source."""
    speakers: dict[str, Speaker] = {}
    local_ids = {s.id for s in meta.value.speakers}
    for index, speaker in enumerate(meta.value.speakers):
        if speaker.id in speakers:
            problems.append(_duplicate(meta, "speakers", index, speaker.id))
            continue
        if speaker.work is not None and speaker.work not in works:
            problems.append(
                meta.problem(
                    f"speaker '{speaker.id}' names work '{speaker.work}', which is not in `works`",
                    field=f"speakers.{index}.work",
                    fix=f"add the work, or use one of: {', '.join(sorted(works)) or '(none)'}",
                )
            )
        if speaker.relayed_by is not None and speaker.relayed_by not in local_ids:
            problems.append(
                meta.problem(
                    f"speaker '{speaker.id}' is relayed by unknown speaker '{speaker.relayed_by}'",
                    field=f"speakers.{index}.relayed_by",
                    fix=f"use one of: {', '.join(sorted(local_ids))}",
                )
            )
        speakers[speaker.id] = Speaker(
            id=scoped_id(source_id, speaker.id),
            source_id=source_id,
            kind=speaker.kind,
            name=speaker.name,
            description=speaker.description,
            work_id=scoped_id(source_id, speaker.work) if speaker.work in works else None,
            relayed_by_id=(
                scoped_id(source_id, speaker.relayed_by)
                if speaker.relayed_by in local_ids
                else None
            ),
        )
    return speakers


def _duplicate(meta: Located[SourceFile], section: str, index: int, slug: str) -> Problem:
    return meta.problem(
        f"'{slug}' appears twice in `{section}`",
        field=f"{section}.{index}.id",
        fix="give each entry its own id",
    )
