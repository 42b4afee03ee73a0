"""Stage 4b, inference links: tie each own-inference attestation to what it was inferred from.

A record whose speaker reasons beyond the data ("elasticity improved, *therefore* calcification
was reversed") has `basis: own_inference` and may name, in `inferred_from`, the keys of records in
the same file that it reasons from. This stage resolves those keys to attestation identifiers and
refuses links that point nowhere, point at the record itself, go round in a circle, or sit on a
record whose basis is not an inference.
"""

from __future__ import annotations

from collections.abc import Sequence

from k2graph.corpus.load import LoadedSource
from k2graph.model import Attestation
from k2graph.problems import Problem
from k2graph.stages.assemble import Assembled
from k2graph.vocabulary import Basis


def link_inferences(
    sources: Sequence[LoadedSource], assembled: Assembled
) -> tuple[dict[str, Attestation], list[Problem]]:
    """The attestations with `inferred_from` filled in, and a problem for every bad link."""
    attestations = dict(assembled.attestations)
    problems: list[Problem] = []
    for source in sources:
        for index, located in enumerate(source.records):
            keys = located.value.attestation.inferred_from
            attestation = assembled.by_record.get((source.id, index))
            if not keys or attestation is None:
                continue
            field = "attestation.inferred_from"
            if located.value.attestation.basis is not Basis.OWN_INFERENCE:
                problems.append(
                    located.problem(
                        "`inferred_from` is only allowed with basis: own_inference",
                        field=field,
                        fix="set basis: own_inference, or remove inferred_from",
                    )
                )
                continue
            linked: list[str] = []
            for position, key in enumerate(keys):
                target = assembled.by_key.get((source.id, key))
                if target is None:
                    if source.id not in assembled.incomplete:
                        known = sorted(k for s, k in assembled.by_key if s == source.id)
                        problems.append(
                            located.problem(
                                f"no record with key '{key}' in this file",
                                field=f"{field}.{position}",
                                fix=f"use a key of this file: {', '.join(known) or '(none)'}",
                            )
                        )
                elif target.id == attestation.id:
                    problems.append(
                        located.problem(
                            "a record cannot be inferred from itself",
                            field=f"{field}.{position}",
                            fix="name the records the inference starts from",
                        )
                    )
                else:
                    linked.append(target.id)
            attestations[attestation.id] = attestation.model_copy(
                update={"inferred_from": tuple(sorted(set(linked)))}
            )
    problems += _cycles(attestations, sources, assembled)
    return attestations, problems


def _cycles(
    attestations: dict[str, Attestation],
    sources: Sequence[LoadedSource],
    assembled: Assembled,
) -> list[Problem]:
    """A problem for each record whose chain of `inferred_from` links leads back to itself."""
    problems: list[Problem] = []
    for source in sources:
        for index, located in enumerate(source.records):
            start = assembled.by_record.get((source.id, index))
            if start is None or not attestations[start.id].inferred_from:
                continue
            seen: set[str] = set()
            frontier = list(attestations[start.id].inferred_from)
            while frontier:
                current = frontier.pop()
                if current == start.id:
                    problems.append(
                        located.problem(
                            "circular inference: this record is, through other records, "
                            "inferred from itself",
                            field="attestation.inferred_from",
                            fix="an inference must start from records that are not inferred "
                            "from it",
                        )
                    )
                    break
                if current not in seen:
                    seen.add(current)
                    frontier.extend(attestations[current].inferred_from)
    return problems
