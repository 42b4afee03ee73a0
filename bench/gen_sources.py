"""Who a generated source is: its kind, metadata, the works it cites and the speakers inside it.

The mix imitates the seed corpus: blogs with reader comments, articles and reviews that quote
the studies they cite, vendor and marketing pages with an advertisement voice, news pages that
quote people, and conference reports that relay an unpublished presentation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from gen_lexicon import Lexicon
from gen_text import CONGRESSES, FIRST_NAMES, SURNAMES, TITLE_WORDS
from yaml_emit import Node

# kind: (identifier prefix, title word, share of sources)
KINDS: dict[str, tuple[str, str, float]] = {
    "peer_reviewed_article": ("study", TITLE_WORDS[0], 0.12),
    "review_article": ("review", TITLE_WORDS[1], 0.08),
    "clinical_reference": ("reference", TITLE_WORDS[2], 0.05),
    "news_vendor_page": ("news", TITLE_WORDS[3], 0.1),
    "marketing_page": ("shop", TITLE_WORDS[4], 0.1),
    "blog_post": ("blog", TITLE_WORDS[5], 0.35),
    "conference_presentation_report": ("conference", TITLE_WORDS[6], 0.05),
    "other": ("page", TITLE_WORDS[7], 0.15),
}
# design: (words in a sentence, share among cited works)
DESIGNS: dict[str, tuple[str, float]] = {
    "meta_analysis": ("meta-analysis", 0.06),
    "systematic_review": ("systematic review", 0.05),
    "narrative_review": ("review", 0.08),
    "rct": ("randomized trial", 0.18),
    "cohort": ("cohort study", 0.16),
    "case_control": ("case-control study", 0.07),
    "case_series": ("case series", 0.04),
    "in_vitro": ("laboratory study", 0.1),
    "animal": ("animal study", 0.1),
    "mechanism": ("mechanistic study", 0.05),
    "expert_opinion": ("expert opinion", 0.05),
    "anecdote": ("case report", 0.02),
    "unknown": ("study", 0.04),
}
WORK_STATUSES = (
    ("published", 0.76),
    ("preprint", 0.06),
    ("unpublished", 0.08),
    ("preliminary", 0.04),
    ("retracted", 0.02),
    ("unknown", 0.04),
)
# (works: low, high), share of works quoted by their own speaker, comments: (low, high)
_SHAPE: dict[str, tuple[tuple[int, int], float, tuple[int, int]]] = {
    "peer_reviewed_article": ((2, 8), 0.5, (0, 0)),
    "review_article": ((3, 10), 0.6, (0, 0)),
    "clinical_reference": ((1, 4), 0.3, (0, 0)),
    "news_vendor_page": ((0, 2), 0.5, (0, 3)),
    "marketing_page": ((0, 1), 0.0, (0, 0)),
    "blog_post": ((0, 3), 0.3, (0, 8)),
    "conference_presentation_report": ((1, 3), 0.3, (0, 2)),
    "other": ((0, 2), 0.2, (0, 2)),
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def weighted(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


@dataclass
class Work:
    id: str
    fields: list[tuple[str, Node]]
    status: str
    cite: str  # "Berg and colleagues (2015)"
    label: str  # "the 2015 cohort study by Berg and colleagues"
    url: str | None


@dataclass
class Speaker:
    id: str
    kind: str
    fields: list[tuple[str, Node]]
    who: str = ""  # how sentences name them
    work: Work | None = None
    number: int = 0  # comment number


@dataclass
class SourceMeta:
    id: str
    kind: str
    title: str
    dateline: str | None
    fields: list[tuple[str, Node]]  # source.yaml fields after sha256, before cited_urls
    works: list[Work] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)


def describe_source(rng: random.Random, lex: Lexicon, number: int) -> SourceMeta:
    """Kind, title, metadata, works and speakers of source `number`."""
    kind = weighted(rng, tuple((k, share) for k, (_, _, share) in KINDS.items()))
    prefix, title_word, _ = KINDS[kind]
    topic = lex.entities[lex.pick(rng, ("chemical", "food", "drug"))].name
    theme = lex.entities[lex.pick(rng, ("condition", "process", "measurement"))].name
    slug = "-".join("".join(c if c.isalnum() else " " for c in topic.lower()).split())
    source_id = f"{prefix}-{slug}-{number}"
    title = f"{title_word}: {topic} and {theme}"
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" if rng.random() < 0.7 else None
    date = None
    if rng.random() < 0.75:
        date = f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(2005, 2024)}"
    status, peer = _status(rng, kind)
    commercial, detail = _commercial(rng, kind, topic)
    site = f"{rng.choice(SURNAMES)} {rng.choice(('Health', 'Nutrition', 'Wellness'))}"
    fields: list[tuple[str, Node]] = [
        ("kind", kind),
        ("publication_status", status),
        ("peer_reviewed", peer),
        ("commercial_interest", [("status", commercial), ("detail", detail)]),
        ("site", site if rng.random() < 0.6 else "unknown"),
        ("publisher", "unknown"),
        ("author", author or "unknown"),
        ("url", f"https://example.org/{source_id}" if rng.random() < 0.8 else "unknown"),
        ("date", date or "unknown"),
        ("language", "en"),
    ]
    dateline = None
    if date is not None:
        dateline = f"Posted on {date} by {author}" if author else f"Published {date}"
    meta = SourceMeta(source_id, kind, title, dateline, fields)
    meta.works = _works(rng, lex, meta, topic)
    meta.speakers = _speakers(rng, meta, author)
    return meta


def _status(rng: random.Random, kind: str) -> tuple[str, str | bool]:
    if kind == "peer_reviewed_article":
        status = weighted(rng, (("published", 0.85), ("preprint", 0.1), ("retracted", 0.05)))
        return status, status != "preprint"
    if kind in ("review_article", "clinical_reference"):
        return "published", kind == "review_article"
    if kind == "conference_presentation_report":
        return rng.choice(("preliminary", "unpublished")), False
    if kind in ("blog_post", "marketing_page", "news_vendor_page"):
        return rng.choice(("published", "published", "unknown")), False
    return "unknown", "unknown"


def _commercial(rng: random.Random, kind: str, topic: str) -> tuple[str, str]:
    if kind == "marketing_page":
        return "sells_product", f"The page sells {topic} capsules."
    if kind == "news_vendor_page" and rng.random() < 0.5:
        return "affiliated", "The news page belongs to a supplement maker."
    if rng.random() < 0.8:
        return "none_shown", "No product is sold or advertised."
    return "unknown", "The page does not say who funds it."


def _works(rng: random.Random, lex: Lexicon, meta: SourceMeta, topic: str) -> list[Work]:
    (low, high), _, _ = _SHAPE[meta.kind]
    count = rng.randint(low, high)
    if meta.kind == "conference_presentation_report":
        count = max(count, 1)
    works = []
    for i in range(1, count + 1):
        surname = rng.choice(SURNAMES)
        year: int | str = rng.randint(1990, 2024) if rng.random() < 0.9 else "unknown"
        design = weighted(rng, tuple((d, share) for d, (_, share) in DESIGNS.items()))
        status = weighted(rng, WORK_STATUSES)
        if meta.kind == "conference_presentation_report" and i == 1:
            design, status = (
                rng.choice(("rct", "unknown")),
                rng.choice(("unpublished", "preliminary")),
            )
        outcome = lex.entities[lex.pick(rng, ("condition", "measurement", "process"))].name
        url = f"https://example.org/works/{meta.id}/{i}" if rng.random() < 0.6 else None
        fields: list[tuple[str, Node]] = [
            ("id", f"{surname.lower()}-{year}-{i}"),
            ("title", f"Effects of {topic} on {outcome}: a {DESIGNS[design][0]}"),
            ("year", year),
            ("url", url or "unknown"),
            ("design", design),
            ("publication_status", status),
        ]
        if rng.random() < 0.5:
            fields.append(("venue", f"Journal of {rng.choice(SURNAMES)} Research"))
        if status in ("unpublished", "preliminary"):
            fields.append(("note", "The document says the results are not yet published."))
        when = "undated" if year == "unknown" else str(year)
        cite = f"{surname} and colleagues ({when})"
        label = f"the {when} {DESIGNS[design][0]} by {surname} and colleagues"
        works.append(Work(str(fields[0][1]), fields, status, cite, label, url))
    return works


def _speakers(rng: random.Random, meta: SourceMeta, author: str | None) -> list[Speaker]:
    described = "The author of the page, in the body of the text."
    speakers = [Speaker("author", "author", _speaker_fields("author", "author", author, described))]
    _, quoted, (c_low, c_high) = _SHAPE[meta.kind]
    for work in meta.works:
        presentation = work.status in ("unpublished", "preliminary") and rng.random() < 0.7
        if presentation:
            kind, sid = "reported_presentation", f"presentation-{work.id}"
            who = f"the {rng.randint(2005, 2024)} {rng.choice(CONGRESSES)}"
        elif rng.random() < quoted:
            kind, sid, who = "quoted_work", f"quoted-{work.id}", work.label
        else:
            continue
        text = f"The words of {work.label}, as the author relays them."
        fields = _speaker_fields(sid, kind, None, text)
        fields += [("work", work.id), ("relayed_by", "author")]
        speakers.append(Speaker(sid, kind, fields, who, work))
    if meta.kind == "news_vendor_page" and rng.random() < 0.7:
        name = f"Professor {rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        fields = _speaker_fields("expert", "quoted_person", name, "An expert the page quotes.")
        speakers.append(
            Speaker("expert", "quoted_person", [*fields, ("relayed_by", "author")], name)
        )
    if meta.kind == "marketing_page":
        text = "The shop's own product text."
        speakers.append(
            Speaker(
                "advertisement",
                "advertisement",
                _speaker_fields("advertisement", "advertisement", None, text),
            )
        )
    if rng.random() < 0.08:
        text = "Sources the author mentions without naming them."
        fields = _speaker_fields("unnamed-sources", "unnamed_sources", None, text)
        speakers.append(Speaker("unnamed-sources", "unnamed_sources", fields))
    for k in range(1, rng.randint(c_low, c_high) + 1):
        handle = f"{rng.choice(FIRST_NAMES).lower()}{rng.randint(1, 99)}"
        fields = _speaker_fields(f"comment-{k}", "reader_comment", handle, f"Reader comment {k}.")
        speakers.append(Speaker(f"comment-{k}", "reader_comment", fields, handle, None, k))
    return speakers


def _speaker_fields(sid: str, kind: str, name: str | None, text: str) -> list[tuple[str, Node]]:
    return [("id", sid), ("kind", kind), ("name", name or "unknown"), ("description", text)]
