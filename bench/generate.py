"""Generate a synthetic corpus in the real `sources/` format, for benchmarks at any size.

    PYTHONPATH=src python bench/generate.py --claims 10000 --out /tmp/corpus-10k [--seed 0]

The output is a sources folder that `k2graph check --sources DIR` accepts with no problem: every
quote occurs in its document (repeats carry `occurrence`), every sentence is curated or skipped,
every name is in entities.yaml, every hash is the document's. Its shape:

* N distinct claims, each attested 1-5 times (60/20/10/6/4 %), mostly by different sources,
  sometimes twice in one source;
* max(5, N/50) sources with long-tailed sizes (log-normal weights: many pages with a handful of
  records, a few with a thousand or more), of eight kinds with their own speakers (authors,
  reader comments, quoted works, reported presentations of unpublished work, quoted people,
  advertisements, unnamed sources) and cited works of every design and publication status;
* about 4·√N + 50 entities of 14 types with synonyms and `broader` links; 65 of the 66
  predicates, qualifiers, negation, quantities, every modality and basis, short inference chains;
* about 3 % of claims in planted conflicts (negation, antonyms, degrees, numbers, scope, exclusive
  values), two thirds of the pairs curated in conflicts.yaml (N/100 records, each with a kind and
  a rationale); random claims never conflict.

Everything is drawn from `random.Random(seed)` (each source from its own generator seeded by it):
the same N and seed give byte-identical files, whatever `--jobs`. Sources are written one at a
time (or one per worker process), so memory stays small: the claims sit in one flat array.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
from array import array
from dataclasses import dataclass
from pathlib import Path

import yaml
from gen_claims import ClaimTable, Plant, make_claims
from gen_document import HEADER, build_source, record_key
from gen_lexicon import Lexicon, build_lexicon
from gen_text import STARTERS, claim_body
from yaml_emit import Node, flow_list, item

MARKER = ".generated"
ATTESTATION_SHARES = (0.6, 0.2, 0.1, 0.06, 0.04)  # 1, 2, 3, 4, 5 attestations per claim
SAME_SOURCE = 0.08  # chance that a further attestation comes from a source already used
CURATED_SHARE = 0.01  # curated conflicts per claim
SIZE_SIGMA, SIZE_CAP = 1.4, 50.0  # log-normal source weights, capped at 50x the median


@dataclass(frozen=True)
class Stats:
    sources: int
    claims: int
    attestations: int
    entities: int
    curated_conflicts: int
    planted_conflicts: int
    skipped: int
    bytes: int


class GenerateError(Exception):
    """The output folder cannot be used; the message is one line."""


def source_count(claims: int) -> int:
    return min(claims, max(5, claims // 50))


def generate(
    claims: int,
    out: Path,
    seed: int = 0,
    force: bool = False,
    jobs: int = 1,
    style: str = "yaml",
) -> Stats:
    """Write a corpus of `claims` distinct claims into `out` (see the module docstring).

    `jobs` > 1 writes sources in that many forked processes; the files are the same. `style`
    "json" writes the `.yaml` files as JSON documents (which are YAML too): the same data, read
    by k2graph's JSON path, as a tool exporting a large corpus would write it.
    """
    if style not in STYLES:
        raise GenerateError(f"--style must be one of {', '.join(STYLES)}, not '{style}'")
    if claims < 1:
        raise GenerateError("--claims must be at least 1")
    _prepare(out, force)
    rng = random.Random(seed)
    lex = build_lexicon(rng, claims, STARTERS)
    table, plants = make_claims(rng, claims, lex)
    per_source, first_source, attestations = _assign(rng, claims, source_count(claims), plants)
    # Each source draws from its own generator, seeded from the main one, so that sources can
    # be written in any order or in parallel and still come out the same.
    seeds = [rng.getrandbits(64) for _ in per_source]
    job = _Job(out, lex, table, per_source, seeds, style)
    written = _write(out / "entities.yaml", _styled(_entities_yaml(lex), style))
    results = _run(job, jobs)
    written += sum(size for _, _, size in results)
    source_ids = [source_id for source_id, _, _ in results]
    curated = plants[: min(len(plants), round(claims * CURATED_SHARE))]
    text = _conflicts_yaml(lex, table, curated, first_source, source_ids)
    written += _write(out / "conflicts.yaml", _styled(text, style))
    _write(out / MARKER, f"bench/generate.py --claims {claims} --seed {seed}\n")
    return Stats(
        len(per_source),
        len(table),
        attestations,
        len(lex.entities),
        len(curated),
        len(plants),
        sum(skipped for _, skipped, _ in results),
        written,
    )


@dataclass(frozen=True)
class _Job:
    out: Path
    lex: Lexicon
    table: ClaimTable
    per_source: list[array[int]]
    seeds: list[int]
    style: str = "yaml"


_JOB: _Job | None = None  # what forked workers inherit


def _run(job: _Job, jobs: int) -> list[tuple[str, int, int]]:
    """Write every source; (source id, skipped sentences, bytes written) in source order."""
    numbers = range(len(job.per_source))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_write_source(job, number) for number in numbers]
    global _JOB
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return list(pool.imap(_forked, numbers, chunksize=8))
    finally:
        _JOB = None


def _forked(number: int) -> tuple[str, int, int]:
    assert _JOB is not None
    return _write_source(_JOB, number)


def _write_source(job: _Job, number: int) -> tuple[str, int, int]:
    rng = random.Random(job.seeds[number])
    built = build_source(rng, job.lex, job.table, number + 1, list(job.per_source[number]))
    folder = job.out / built.source_id
    folder.mkdir()
    written = 0
    written += _write(folder / "document.txt", built.document)
    for name, data in (
        ("source.yaml", built.source_yaml),
        ("claims.yaml", built.claims_yaml),
        ("skipped.yaml", built.skipped_yaml),
    ):
        written += _write(folder / name, _styled(data, job.style))
    return built.source_id, built.skipped, written


def _prepare(out: Path, force: bool) -> None:
    if out.exists() and not out.is_dir():
        raise GenerateError(f"{out} exists and is not a folder")
    if out.is_dir() and any(out.iterdir()):
        if not force:
            raise GenerateError(f"{out} is not empty; choose a new folder or pass --force")
        if not (out / MARKER).is_file():
            raise GenerateError(
                f"{out} was not written by this script (no {MARKER} file); refusing to delete it"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


STYLES = ("yaml", "json")


def _styled(text: str, style: str) -> str:
    """The YAML text as written (`yaml`), or the same data as a JSON document (`json`). The
    emitter quotes every string, so libyaml's reader gives back exactly the data it wrote."""
    if style == "yaml":
        return text
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _write(path: Path, data: str | bytes) -> int:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path.write_bytes(raw)
    return len(raw)


def _assign(
    rng: random.Random, claims: int, sources: int, plants: list[Plant]
) -> tuple[list[array[int]], dict[int, int], int]:
    """Spread each claim's attestations over sources with long-tailed sizes.

    Returns, per source, its attestations as `claim << 3 | copy`; the source of the first
    attestation of every planted claim; and the number of attestations.
    """
    weights = [min(rng.lognormvariate(0.0, SIZE_SIGMA), SIZE_CAP) for _ in range(sources)]
    cum = list(itertools.accumulate(weights))
    total = cum[-1]
    counts = list(itertools.accumulate(ATTESTATION_SHARES))
    order = list(range(sources))
    rng.shuffle(order)  # claim c < sources opens source order[c]: no source is left empty
    planted = {claim for plant in plants for claim in (plant.a, plant.b)}
    per_source = [array("q") for _ in range(sources)]
    first_source: dict[int, int] = {}
    attestations = 0

    def draw() -> int:
        return min(bisect.bisect(cum, rng.random() * total), sources - 1)

    for claim in range(claims):
        k = bisect.bisect(counts, rng.random() * counts[-1]) + 1
        used = [order[claim] if claim < sources else draw()]
        for _ in range(1, min(k, 5)):
            if rng.random() < SAME_SOURCE:
                used.append(rng.choice(used))
                continue
            source = draw()
            for _ in range(8):
                if source not in used:
                    break
                source = draw()
            used.append(source)
        for copy, source in enumerate(used):
            per_source[source].append(claim << 3 | copy)
        attestations += len(used)
        if claim in planted:
            first_source[claim] = used[0]
    return per_source, first_source, attestations


def _entities_yaml(lex: Lexicon) -> str:
    out = [HEADER.rstrip("\n"), "entities:"]
    for entity in lex.entities:
        fields: list[tuple[str, Node]] = [("name", entity.name), ("type", entity.type)]
        if entity.synonyms:
            fields.append(("synonyms", flow_list(entity.synonyms)))
        if entity.broader is not None:
            fields.append(("broader", flow_list([lex.entities[entity.broader].name])))
        item(fields, "  ", out)
    return "\n".join(out) + "\n"


class _Plain(random.Random):
    """A stand-in generator that always picks the canonical name and unit (for rationales)."""

    def random(self) -> float:
        return 0.99


_RATIONALE = {
    "contradiction": "as stated, both cannot hold",
    "degree": "these are different degrees of effect",
    "numeric": "the amounts do not agree",
    "scope": "the first is stated without restriction, the second singles out a population",
    "exclusive_values": "the predicate admits only one value",
}


def _conflicts_yaml(
    lex: Lexicon,
    table: ClaimTable,
    plants: list[Plant],
    first_source: dict[int, int],
    source_ids: list[str],
) -> str:
    if not plants:
        return HEADER + "conflicts: []\n"
    out = [HEADER.rstrip("\n"), "conflicts:"]
    plain = _Plain()
    for plant in plants:
        a, _ = claim_body(plain, lex, table.get(plant.a))
        b, _ = claim_body(plain, lex, table.get(plant.b))
        fields: list[tuple[str, Node]] = [
            ("kind", plant.kind),
            ("a", f"{source_ids[first_source[plant.a]]}/{record_key(table, plant.a, 0)}"),
            ("b", f"{source_ids[first_source[plant.b]]}/{record_key(table, plant.b, 0)}"),
            ("rationale", f"One side says that {a}, the other that {b}; {_RATIONALE[plant.kind]}."),
        ]
        item(fields, "  ", out)
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--claims", type=int, required=True, help="distinct claims (N)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (new or empty)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--style",
        choices=STYLES,
        default="yaml",
        help="yaml: block YAML as curators write it (default); json: the same data as JSON "
        "documents, which are YAML too and load many times faster",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace a corpus this script wrote earlier"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(os.cpu_count() or 1, 8),
        help="processes writing sources (default: the CPU count, at most 8); same output",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        stats = generate(args.claims, args.out, args.seed, args.force, args.jobs, args.style)
    except GenerateError as err:
        print(f"generate.py: {err}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    print(
        f"{stats.sources} sources, {stats.claims} claims, {stats.attestations} attestations, "
        f"{stats.entities} entities, {stats.planted_conflicts} planted conflicts "
        f"({stats.curated_conflicts} curated), {stats.skipped} skipped sentences; "
        f"{stats.bytes / 1e6:.1f} MB in {seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
