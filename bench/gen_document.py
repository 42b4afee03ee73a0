"""One generated source folder: document.txt and its source.yaml, claims.yaml and skipped.yaml.

The document is laid out like a web page or article: a title line, a dateline, numbered parts
with paragraphs of claim sentences and the odd sentence that asserts nothing, a comment thread
for pages with reader comments, and reference lines. Every sentence is either a record's quote
or a skip; a sentence that occurs more than once gets `occurrence` on each record that quotes it.
"""

from __future__ import annotations

import hashlib
import random
from collections import Counter
from dataclasses import dataclass, field

from gen_claims import ClaimTable
from gen_lexicon import Lexicon
from gen_predicates import NAMES
from gen_sources import SourceMeta, Speaker, describe_source
from gen_text import claim_body, framed, skip_sentence
from yaml_emit import Node, block, flow_list, item, quote

HEADER = "# Synthetic corpus written by bench/generate.py; every value is made up.\n"
INFERENCE_DEPTH = 2  # inferred_from chains have at most this many links


_KEY_PREFIX = [name.replace("_", "-") for name in NAMES]


def record_key(table: ClaimTable, claim: int, copy: int) -> str:
    """The record key of a claim's `copy`-th attestation (unique within any source)."""
    name = _KEY_PREFIX[table.predicate(claim)]
    return f"{name}-{claim}" if copy == 0 else f"{name}-{claim}-{copy + 1}"


@dataclass(slots=True)
class _Said:
    """How a speaker states a claim: modality, basis and the sentence frame."""

    modality: str
    basis: str
    frame: str
    who: str = ""
    work: str | None = None
    premises: tuple[str, ...] = ()
    depth: int = 0


@dataclass(slots=True)
class _Record:
    key: str
    claim: str  # the `claim:` lines
    speaker: str
    said: _Said

    def yaml(self, text: str, occurrence: int) -> str:
        said = self.said
        lines = [
            f'  - key: "{self.key}"\n    claim:\n{self.claim}\n    attestation:',
            f"      quote: {quote(text)}",
        ]
        if occurrence:
            lines.append(f"      occurrence: {occurrence}")
        lines.append(
            f'      speaker: "{self.speaker}"\n      modality: "{said.modality}"\n'
            f'      basis: "{said.basis}"'
        )
        if said.work is not None:
            lines.append(f'      basis_work: "{said.work}"')
        if said.premises:
            lines.append(f"      inferred_from: {flow_list(said.premises)}")
            lines.append('      note: "The speaker reasons from the records it names."')
        return "\n".join(lines)


# Speakers who state things with nothing behind them, and the frame of their sentences.
_RELAYED = {
    "quoted_person": "quoted_person",
    "unnamed_sources": "unnamed",
    "advertisement": "advertisement",
}

# A sentence: its text, and the record that quotes it or the reason it is skipped.
Sentence = tuple[str, _Record | None, str | None]


@dataclass
class _Line:
    """A paragraph (or a heading)."""

    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Built:
    source_id: str
    document: bytes
    source_yaml: str
    claims_yaml: str
    skipped_yaml: str
    records: int
    skipped: int


class _Builder:
    def __init__(
        self, rng: random.Random, lex: Lexicon, table: ClaimTable, meta: SourceMeta
    ) -> None:
        self.rng, self.lex, self.table, self.meta = rng, lex, table, meta
        self.lines: list[_Line] = []
        self.premises: list[tuple[str, int]] = []  # earlier body records: (key, chain depth)
        self.parts = 0

    # --- layout -----------------------------------------------------------------------------
    def skip_line(self, text: str, reason: str) -> None:
        self.lines.append(_Line([(text, None, reason)]))

    def body(self, records: list[tuple[int, int, Speaker]]) -> None:
        rng, position = self.rng, 0
        while position < len(records):
            section = records[position : position + rng.randint(3, 14)]
            position += len(section)
            self.parts += 1
            topic, _ = self.lex.mention(rng, self.table.get(section[0][0]).subject)
            self.skip_line(f"Part {self.parts}: {topic}", "heading")
            at = 0
            while at < len(section):
                paragraph = section[at : at + rng.randint(1, 5)]
                at += len(paragraph)
                line = _Line([self.record(*r) for r in paragraph])
                if rng.random() < 0.12:
                    reason = self.filler_reason()
                    text = skip_sentence(rng, reason, self.parts, self.some_entity)
                    line.sentences.insert(rng.randint(0, len(line.sentences)), (text, None, reason))
                self.lines.append(line)

    def filler_reason(self) -> str:
        kind = self.meta.kind
        if kind == "marketing_page" and self.rng.random() < 0.5:
            return "advertising"
        if kind == "blog_post" and self.rng.random() < 0.3:
            return "anecdote"
        return self.rng.choice(("rhetoric", "method", "rhetoric"))

    def comments(self, by_speaker: dict[str, list[tuple[int, int, Speaker]]]) -> None:
        commenters = [s for s in self.meta.speakers if s.kind == "reader_comment"]
        if not commenters:
            return
        self.skip_line("Reader comments", "navigation")
        rng = self.rng
        for speaker in commenters:
            self.skip_line(f"Comment {speaker.number} by {speaker.who}", "metadata")
            line = _Line([self.record(*r) for r in by_speaker.get(speaker.id, [])])
            if rng.random() < 0.3 or not line.sentences:
                text = skip_sentence(rng, "greeting", 0, self.some_entity)
                line.sentences.insert(0, (text, None, "greeting"))
            if rng.random() < 0.25:
                text = skip_sentence(rng, "question", 0, self.some_entity)
                line.sentences.append((text, None, "question"))
            self.lines.append(line)

    def footer(self) -> None:
        rng = self.rng
        for number, work in enumerate((w for w in self.meta.works if w.url), 1):
            self.skip_line(f"Reference {number}: {work.cite}, {work.url}", "citation")
        tail = _Line()
        for reason, share in (("navigation", 0.5), ("greeting", 0.4), ("other", 0.1)):
            if rng.random() < share:
                text = skip_sentence(rng, reason, 0, self.some_entity)
                tail.sentences.append((text, None, reason))
        if tail.sentences:
            self.lines.append(tail)

    def some_entity(self) -> str:
        return self.lex.mention(self.rng, self.lex.pick(self.rng, ("chemical", "food")))[0]

    # --- records ----------------------------------------------------------------------------
    def record(self, claim: int, copy: int, speaker: Speaker) -> Sentence:
        """A claim sentence in `speaker`'s voice and its record."""
        rng = self.rng
        body, claim_lines = claim_body(rng, self.lex, self.table.get(claim))
        said = self.voice(speaker, bool(self.table.firm[claim]))
        key = record_key(self.table, claim, copy)
        if speaker.kind != "reader_comment":
            self.premises.append((key, said.depth))
        text = framed(rng, said.frame, body, said.who)
        return text, _Record(key, claim_lines, speaker.id, said), None

    def voice(self, speaker: Speaker, firm: bool) -> _Said:
        """Modality, basis and sentence frame for a record by `speaker` (`firm`: not hedged)."""
        rng, kind = self.rng, speaker.kind
        hedge = not firm and rng.random() < 0.25
        if kind in ("quoted_work", "reported_presentation"):
            assert speaker.work is not None
            frame = "quoted_work" if kind == "quoted_work" else "presentation"
            return _Said("reported", "cited_work", frame, speaker.who, speaker.work.id)
        if kind in _RELAYED:
            modality = "asserted" if kind == "advertisement" else "reported"
            return _Said(modality, "none", _RELAYED[kind], speaker.who)
        if kind == "reader_comment":
            if rng.random() < 0.35:
                return _Said("asserted", "own_experience", "experience")
            if hedge:
                return _Said("hedged", "none", "reader_hedged")
            return _Said("asserted", "none", "reader")
        return self.author_voice(firm, hedge)

    def author_voice(self, firm: bool, hedge: bool) -> _Said:
        rng, draw = self.rng, self.rng.random()
        modality = "hedged" if hedge else "asserted"
        if self.meta.works and draw < 0.3:
            work = rng.choice(self.meta.works)
            frame = "cited_hedged" if hedge else "cited"
            return _Said(modality, "cited_work", frame, work.cite, work.id)
        candidates = [p for p in self.premises[-6:] if p[1] < INFERENCE_DEPTH]
        if candidates and draw < 0.45:
            chosen = rng.sample(candidates, min(len(candidates), rng.choice((1, 1, 2))))
            frame = "inference_hedged" if hedge else "inference"
            depth = 1 + max(d for _, d in chosen)
            return _Said(
                modality, "own_inference", frame, premises=tuple(k for k, _ in chosen), depth=depth
            )
        if draw < 0.5 and self.meta.kind == "blog_post":
            return _Said("asserted", "own_experience", "experience")
        if draw < 0.56:
            return _Said("reported", "none", "reported")
        if not firm and draw < 0.62:
            return _Said("speculative", "none", "speculative")
        return _Said(modality, "none", modality)

    # --- files ------------------------------------------------------------------------------
    def finish(self) -> Built:
        meta = self.meta
        counts = Counter(text for line in self.lines for text, _, _ in line.sentences)
        seen: Counter[str] = Counter()
        records: list[str] = []
        skips: list[str] = []
        for line in self.lines:
            for text, record, reason in line.sentences:
                occurrence = 0
                if counts[text] > 1:
                    seen[text] += 1
                    occurrence = seen[text]
                if record is not None:
                    records.append(record.yaml(text, occurrence))
                    continue
                skip = f"  - quote: {quote(text)}"
                if occurrence:
                    skip += f"\n    occurrence: {occurrence}"
                skip += f'\n    reason: "{reason}"'
                if reason == "other":
                    skip += '\n    note: "A disclaimer; it asserts nothing about the topic."'
                skips.append(skip)
        text = "\n\n".join(" ".join(t for t, _, _ in line.sentences) for line in self.lines)
        document = (text + "\n").encode("utf-8")
        source = self.source_yaml(hashlib.sha256(document).hexdigest())
        return Built(
            meta.id,
            document,
            source,
            _listing("records", records),
            _listing("skipped", skips),
            len(records),
            len(skips),
        )

    def source_yaml(self, sha256: str) -> str:
        meta = self.meta
        out = [HEADER.rstrip("\n")]
        head: list[tuple[str, Node]] = [
            ("title", meta.title),
            ("original_filename", f"{meta.id}.txt"),
            ("sha256", sha256),
            *meta.fields,
            ("cited_urls", flow_list(w.url for w in meta.works if w.url)),
        ]
        block(head, "", out)
        for name, entries in (
            ("works", [w.fields for w in meta.works]),
            ("speakers", [s.fields for s in meta.speakers]),
        ):
            out.append(f"{name}:" if entries else f"{name}: []")
            for entry in entries:
                item(entry, "  ", out)
        return "\n".join(out) + "\n"


def _listing(key: str, lines: list[str]) -> str:
    body = f"{key}:\n" + "\n".join(lines) + "\n" if lines else f"{key}: []\n"
    return HEADER + body


def build_source(
    rng: random.Random, lex: Lexicon, table: ClaimTable, number: int, records: list[int]
) -> Built:
    """Source `number` stating the attestations `records` (each `claim << 3 | copy`)."""
    meta = describe_source(rng, lex, number)
    author, others = meta.speakers[0], meta.speakers[1:]
    rng.shuffle(records)
    body: list[tuple[int, int, Speaker]] = []
    comments: dict[str, list[tuple[int, int, Speaker]]] = {}
    for packed in records:
        draw = rng.random()
        speaker = (
            author if not others or draw < 0.6 else others[int((draw - 0.6) / 0.4 * len(others))]
        )
        entry = (packed >> 3, packed & 7, speaker)
        if speaker.kind == "reader_comment":
            comments.setdefault(speaker.id, []).append(entry)
        else:
            body.append(entry)
    builder = _Builder(rng, lex, table, meta)
    builder.skip_line(meta.title, "heading")
    if meta.dateline is not None:
        builder.skip_line(meta.dateline, "metadata")
    builder.body(body)
    builder.comments(comments)
    builder.footer()
    return builder.finish()
