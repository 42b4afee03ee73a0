"""Stage 4, assemble: turn anchored records into claims and attestations.

Records that state the same proposition — same subject, predicate, object or normalized quantity,
negation and qualifiers — become one claim, whichever source or speaker states them. Each record
becomes one attestation. Identifiers hash the canonical content, so neither file order nor record
order changes them.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from k2graph.corpus.load import LoadedSource
from k2graph.corpus.records import AttestationPart, ClaimPart, ClaimRecord, QuantityRecord
from k2graph.corpus.validation import Located
from k2graph.identifiers import content_id
from k2graph.model import (
    Attestation,
    Claim,
    Qualifiers,
    Quantity,
    TextPositionSelector,
    TextQuoteSelector,
)
from k2graph.predicates import PREDICATES, ObjectKind, Predicate
from k2graph.problems import Problem
from k2graph.stages.anchor import Anchor
from k2graph.stages.normalize import Lexicon
from k2graph.stages.provenance import SourceParts
from k2graph.stages.quantities import QuantityError, describe, normalize
from k2graph.vocabulary import Basis

_ENTITY_QUALIFIERS = ("population", "form", "outcome_measure", "comparator")


@dataclass(frozen=True)
class Assembled:
    claims: dict[str, Claim]
    attestations: dict[str, Attestation]
    by_key: dict[tuple[str, str], Attestation]  # (source id, record key) -> attestation
    by_record: dict[tuple[str, int], Attestation]  # (source id, record index) -> attestation
    # Sources with a record that did not assemble: a key missing from `by_key` may exist there.
    incomplete: frozenset[str]


class _Collector:
    """Accumulates problems about one record, so each record reports all of its own."""

    def __init__(self, located: Located[ClaimRecord]) -> None:
        self.located = located
        self.problems: list[Problem] = []

    def add(self, message: str, field: str, fix: str) -> None:
        self.problems.append(self.located.problem(message, field=field, fix=fix))


def assemble(
    sources: Sequence[LoadedSource],
    anchors: Mapping[tuple[str, int], Anchor],
    parts: Mapping[str, SourceParts],
    lexicon: Lexicon,
) -> tuple[Assembled, list[Problem]]:
    """Claims and attestations of every record that resolves; problems for those that do not."""
    claims: dict[str, Claim] = {}
    attestations: dict[str, Attestation] = {}
    origin: dict[str, Located[ClaimRecord]] = {}
    by_key: dict[tuple[str, str], Attestation] = {}
    by_record: dict[tuple[str, int], Attestation] = {}
    problems: list[Problem] = []
    incomplete = {source.id for source in sources if not source.complete}
    for source in sources:
        for index, located in enumerate(source.records):
            report = _Collector(located)
            claim = _claim(located.value.claim, lexicon, report)
            said = _said(located, parts[source.id], report)
            anchor = anchors.get((source.id, index))
            problems.extend(report.problems)
            if claim is None or said is None or anchor is None:
                incomplete.add(source.id)
                continue
            attestation = _attestation(claim, source.id, said, anchor, located.value.key)
            if attestation.id in attestations:
                first = origin[attestation.id]
                problems.append(
                    located.problem(
                        f"duplicate record: the same claim, speaker and quote as {first.label} "
                        f"(line {first.doc.line_of(first.path)})",
                        fix="delete one of the two records",
                    )
                )
                continue
            key = located.value.key
            if key is not None and (source.id, key) in by_key:
                problems.append(
                    located.problem(
                        f"key '{key}' is used by another record in this file",
                        field="key",
                        fix="give each record its own key",
                    )
                )
                continue
            claims[claim.id] = claim
            attestations[attestation.id] = attestation
            origin[attestation.id] = located
            by_record[(source.id, index)] = attestation
            if key is not None:
                by_key[(source.id, key)] = attestation
    return Assembled(claims, attestations, by_key, by_record, frozenset(incomplete)), problems


def _entity(name: str, field: str, lexicon: Lexicon, report: _Collector) -> str | None:
    entity_id = lexicon.resolve(name)
    if entity_id is None:
        close = lexicon.suggest(name)
        hint = f"did you mean {', '.join(repr(c) for c in close)}? " if close else ""
        report.add(
            f"unknown entity '{name}'",
            field,
            f"{hint}use a name or synonym from sources/entities.yaml, or add the entity there",
        )
    return entity_id


def _quantity(record: QuantityRecord, field: str, report: _Collector) -> Quantity | None:
    try:
        return normalize(record)
    except QuantityError as err:
        report.add(str(err), field, "see the quantity format in sources/README.md")
        return None


def _claim(part: ClaimPart, lexicon: Lexicon, report: _Collector) -> Claim | None:
    before = len(report.problems)
    predicate = PREDICATES.get(part.predicate)
    if predicate is None:
        close = difflib.get_close_matches(part.predicate, list(PREDICATES), n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        report.add(
            f"unknown predicate '{part.predicate}'",
            "claim.predicate",
            f"{hint}the vocabulary is in src/k2graph/predicates.py",
        )
    subject = _entity(part.subject, "claim.subject", lexicon, report)
    obj = _entity(part.object, "claim.object", lexicon, report) if part.object else None
    quantity = _quantity(part.quantity, "claim.quantity", report) if part.quantity else None
    if predicate is not None:
        _check_object_kind(predicate, part, report)
    qualifiers: dict[str, str | Quantity | None] = {}
    for name in _ENTITY_QUALIFIERS:
        value = getattr(part.qualifiers, name)
        if value is not None:
            qualifiers[name] = _entity(value, f"claim.qualifiers.{name}", lexicon, report)
    for name in ("dose", "duration"):
        value = getattr(part.qualifiers, name)
        if value is not None:
            qualifiers[name] = _quantity(value, f"claim.qualifiers.{name}", report)
    if len(report.problems) > before or subject is None or predicate is None:
        return None
    quals = Qualifiers.model_validate(qualifiers)
    canonical = {
        "subject": subject,
        "predicate": predicate.name,
        "object": obj,
        "quantity": quantity.model_dump(mode="json") if quantity else None,
        "negated": part.negated,
        "qualifiers": quals.model_dump(mode="json"),
    }
    return Claim(
        id=content_id("claim", canonical),
        subject=subject,
        predicate=predicate.name,
        object=obj,
        quantity=quantity,
        negated=part.negated,
        qualifiers=quals,
        text=claim_text(subject, predicate.name, obj, quantity, part.negated, quals, lexicon),
    )


def _check_object_kind(predicate: Predicate, part: ClaimPart, report: _Collector) -> None:
    """A quantity predicate takes a `quantity` only; every other one an entity `object` only."""
    if predicate.object_kind is ObjectKind.QUANTITY:
        if part.quantity is None or part.object is not None:
            report.add(
                f"predicate '{predicate.name}' takes a `quantity`, not an `object`",
                "claim",
                "give `quantity:` with value or low/high and unit, and no `object`",
            )
    elif part.object is None or part.quantity is not None:
        report.add(
            f"predicate '{predicate.name}' takes an entity `object`, not a `quantity`",
            "claim",
            "give `object:` with an entity name, and no `quantity`",
        )


def claim_text(
    subject: str,
    predicate: str,
    obj: str | None,
    quantity: Quantity | None,
    negated: bool,
    qualifiers: Qualifiers,
    lexicon: Lexicon,
) -> str:
    """A readable sentence: `menaquinone-7 activates matrix Gla protein (population: …)`."""

    def shown(value: str | Quantity | None) -> str:
        if isinstance(value, Quantity):
            return describe(value)
        return lexicon.entities[value].name if value else "?"

    target = shown(quantity if quantity is not None else obj)
    verb = ("NOT " if negated else "") + predicate.replace("_", " ")
    text = f"{shown(subject)} {verb} {target}"
    extras = [
        f"{field.replace('_', ' ')}: {shown(value)}"
        for field, value in qualifiers
        if value is not None
    ]
    return f"{text} ({'; '.join(extras)})" if extras else text


@dataclass(frozen=True)
class _Said:
    """Who says it and how, before the quote is anchored."""

    speaker_id: str
    part: AttestationPart
    basis_work_id: str | None


def _said(located: Located[ClaimRecord], parts: SourceParts, report: _Collector) -> _Said | None:
    part = located.value.attestation
    before = len(report.problems)
    speaker = parts.speakers.get(part.speaker)
    if speaker is None:
        report.add(
            f"unknown speaker '{part.speaker}'",
            "attestation.speaker",
            f"use a speaker id from source.yaml: {', '.join(sorted(parts.speakers))}",
        )
    work = None
    if part.basis is Basis.CITED_WORK:
        work = parts.works.get(part.basis_work or "")
        if work is None:
            report.add(
                f"basis cited_work needs a `basis_work` from source.yaml, got {part.basis_work!r}",
                "attestation.basis_work",
                f"use one of: {', '.join(sorted(parts.works)) or '(add a work to source.yaml)'}",
            )
    elif part.basis_work is not None:
        report.add(
            "`basis_work` is only allowed with basis: cited_work",
            "attestation.basis_work",
            "set basis: cited_work, or remove basis_work",
        )
    if len(report.problems) > before or speaker is None:
        return None
    return _Said(speaker.id, part, work.id if work else None)


def _attestation(
    claim: Claim, source_id: str, said: _Said, anchor: Anchor, key: str | None
) -> Attestation:
    identity = {
        "claim": claim.id,
        "source": source_id,
        "speaker": said.speaker_id,
        "start": anchor.start,
        "end": anchor.end,
    }
    return Attestation(
        id=content_id("att", identity),
        claim_id=claim.id,
        source_id=source_id,
        speaker_id=said.speaker_id,
        key=key,
        quote=TextQuoteSelector(exact=anchor.exact, prefix=anchor.prefix, suffix=anchor.suffix),
        position=TextPositionSelector(start=anchor.start, end=anchor.end),
        line=anchor.line,
        modality=said.part.modality,
        basis=said.part.basis,
        basis_work_id=said.basis_work_id,
        note=said.part.note,
    )
