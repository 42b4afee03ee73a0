"""Stage-by-stage benchmark of the build at 1k to 1M claims, with an rdflib-only baseline.

    PYTHONPATH=src:bench python bench/run.py --sizes 1000 10000 100000 1000000 \
        --out bench/results.md --json bench/results.json

For each size, a corpus is generated in the real `sources/` format (`generate.py`, same seed),
then measured in a fresh child process (so each size's peak memory is its own):

* every pipeline stage (load, anchor, normalize, assemble, coverage, score, detect, merge,
  graph), timed through the pipeline's own stage hook;
* every export a build writes except the HTML page: `k2graph.json`, the audit (JSON and
  Markdown), and the four RDF files, streamed in one pass as `k2graph build` writes them;
* the named SPARQL queries on Oxigraph (an in-memory store loaded from the N-Quads) and, where
  it fits (`--rdflib-max`), on rdflib;
* the rdflib-only baseline where it fits (`--baseline-max`): the same graph put into an rdflib
  `Dataset` and serialized by rdflib's own N-Quads, TriG, Turtle and JSON-LD writers, which is
  how the RDF exports were made before the fast path.

Wall time comes from `time.perf_counter`; memory is the process's peak resident set size
(`ru_maxrss`) when the stage ends, so it only grows. A child runs under an address-space limit
(`--memory-limit-gb`): a size that does not fit fails with a MemoryError in the stage that ran
out, and the report says so instead of taking the machine down. `--profile-size N` profiles the
slowest stage at N claims and prints the functions where its time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PIPELINE = (
    "load",
    "anchor",
    "normalize",
    "assemble",
    "coverage",
    "score",
    "detect",
    "merge",
    "graph",
)
EXPORTS = ("export k2graph.json", "export audit (json + md)", "export RDF (nq, trig, ttl, jsonld)")
ALL = 10**12  # no row limit
TARGETS = {100_000: (30.0, 3 * 1024), 1_000_000: (300.0, 16 * 1024)}  # seconds, MB


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Recorder:
    """Times named stages; keeps (name, seconds, peak MB) in order, summing repeated names."""

    def __init__(self) -> None:
        self.stages: dict[str, list[float]] = {}
        self.failed: str | None = None

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        except MemoryError:
            self.failed = name
            raise
        finally:
            spent = time.perf_counter() - start
            before = self.stages.get(name, [0.0, 0.0])
            self.stages[name] = [before[0] + spent, peak_mb()]


# --- one size, in a child process -------------------------------------------------------------


def measure(
    corpus: Path, work: Path, rdflib_max: int, baseline_max: int, claims: int
) -> dict[str, Any]:
    from k2graph.exports import render_json
    from k2graph.audit import render_audit_json, render_audit_markdown
    from k2graph.gcpause import paused_gc
    from k2graph.pipeline import run
    from k2graph.rdf import RDF_FILES, write_rdf

    record = Recorder()
    result: dict[str, Any] = {"claims": claims, "stages": record.stages}
    try:
        graph, problems = run(corpus, stage=record)
        if problems:
            raise SystemExit(f"{corpus}: {len(problems)} problems, first: {problems[0]}")
        result["counts"] = {
            "sources": len(graph.sources),
            "claims": len(graph.claims),
            "attestations": len(graph.attestations),
            "conflicts": len(graph.conflicts),
        }
        out = work / "exports"
        out.mkdir(exist_ok=True)
        with paused_gc():
            with record(EXPORTS[0]):
                (out / "k2graph.json").write_text(render_json(graph), encoding="utf-8")
            with record(EXPORTS[1]):
                (out / "audit.json").write_text(render_audit_json(graph), encoding="utf-8")
                (out / "audit.md").write_text(render_audit_markdown(graph), encoding="utf-8")
            with record(EXPORTS[2]):
                handles = {
                    name: open(out / name, "w", encoding="utf-8", buffering=1 << 20)
                    for name in RDF_FILES
                }
                try:
                    write_rdf(graph, handles)
                finally:
                    for handle in handles.values():
                        handle.close()
        nq = out / "k2graph.nq"
        result["quads"] = sum(1 for _ in nq.open("rb"))
        result["bytes"] = {name: (out / name).stat().st_size for name in sorted(os.listdir(out))}
        result["queries"] = queries(nq, record, with_rdflib=claims <= rdflib_max)
        if claims <= baseline_max:
            result["baseline"] = baseline(graph, record)
    except MemoryError:
        result["failed"] = f"MemoryError in stage '{record.failed}'"
    return result


def queries(nq: Path, record: Recorder, with_rdflib: bool) -> dict[str, dict[str, float]]:
    """Each named query's time on Oxigraph (and rdflib), after loading the N-Quads once."""
    import pyoxigraph as ox

    from k2graph.sparql import engines, guard, named

    times: dict[str, dict[str, float]] = {}
    with record("oxigraph: load N-Quads (in memory)"):
        store = ox.Store()
        store.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    dataset = None
    if with_rdflib:
        with record("rdflib: load N-Quads"):
            dataset = engines.load_rdflib(nq)
    for name in named.names():
        checked = guard.check(named.text(name))
        for engine in ("oxigraph", "rdflib"):
            if engine == "rdflib" and dataset is None:
                continue
            start = time.perf_counter()
            if engine == "oxigraph":
                answer = engines.query_oxigraph(store, checked, {}, ALL)
            else:
                answer = engines.query_rdflib(dataset, checked, {}, ALL)
            spent = time.perf_counter() - start
            times.setdefault(name, {})[engine] = spent
            times[name][f"{engine} rows"] = len(answer.rows)
    return times


def baseline(graph: Any, record: Recorder) -> dict[str, float]:
    """The rdflib-only way: an rdflib Dataset, serialized by rdflib's own writers."""
    from k2graph.rdf import to_dataset

    spent: dict[str, float] = {}
    start = time.perf_counter()
    with record("baseline: rdflib Dataset"):
        dataset = to_dataset(graph, graph.base_iri)
    for fmt in ("nquads", "trig", "turtle", "json-ld"):
        with record(f"baseline: rdflib {fmt}"):
            sink = io.BytesIO()
            dataset.serialize(sink, format=fmt, encoding="utf-8")
    spent["total"] = time.perf_counter() - start
    return spent


def child(args: argparse.Namespace) -> None:
    limit = int(args.memory_limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    work = Path(args.work)
    result = measure(Path(args.corpus), work, args.rdflib_max, args.baseline_max, args.child)
    if args.profile:
        result["profile"] = profile(Path(args.corpus), work, result)
    Path(args.result).write_text(json.dumps(result, indent=1), encoding="utf-8")


def profile(corpus: Path, work: Path, result: dict[str, Any]) -> dict[str, Any]:
    """cProfile of the slowest stage of the build, its top functions by own time."""
    from k2graph.gcpause import paused_gc
    from k2graph.pipeline import run
    from k2graph.rdf import RDF_FILES, write_rdf

    build = {k: v for k, v in result["stages"].items() if k in PIPELINE or k in EXPORTS}
    slowest = max(build, key=lambda k: build[k][0])
    graph, _ = run(corpus)
    profiler = cProfile.Profile()
    if slowest in PIPELINE:
        from k2graph.pipeline import run as rerun

        @contextmanager
        def only(name: str) -> Iterator[None]:
            if name == slowest:
                profiler.enable()
            try:
                yield
            finally:
                profiler.disable()

        rerun(corpus, stage=only)
    else:
        with paused_gc():
            profiler.enable()
            write_rdf(graph, {name: io.StringIO() for name in RDF_FILES})
            profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(12)
    return {"stage": slowest, "top": text.getvalue()}


# --- the parent: generate, measure each size, report -------------------------------------------


def run_size(n: int, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    from generate import generate

    corpus = work / f"corpus-{n}"
    started = time.perf_counter()
    stats = generate(n, corpus, seed=args.seed, force=True, jobs=args.jobs, style=args.style)
    generated = time.perf_counter() - started
    print(
        f"{n:>9,} claims: generated {stats.attestations:,} records in {generated:.1f} s", flush=True
    )
    raw = work / f"result-{n}.json"
    size_work = work / f"work-{n}"
    size_work.mkdir(exist_ok=True)
    command = [
        sys.executable, __file__, "--child", str(n), "--corpus", str(corpus), "--work",
        str(size_work), "--result", str(raw), "--rdflib-max", str(args.rdflib_max),
        "--baseline-max", str(args.baseline_max), "--memory-limit-gb", str(args.memory_limit_gb),
    ]  # fmt: skip
    if n == args.profile_size:
        command.append("--profile")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(HERE)])}
    done = subprocess.run(command, env=env, check=False)
    result: dict[str, Any] = {"claims": n, "stages": {}}
    if raw.is_file():
        result = json.loads(raw.read_text(encoding="utf-8"))
    elif done.returncode != 0:
        result["failed"] = f"the measuring process ended with status {done.returncode}"
    result["generate"] = generated
    result["corpus_bytes"] = stats.bytes
    return result


def total(result: dict[str, Any], names: tuple[str, ...]) -> float | None:
    stages = result.get("stages", {})
    if any(name not in stages for name in names):
        return None
    return sum(stages[name][0] for name in names)


def exponent(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys, strict=True) if y > 0]
    if len(points) < 2:
        return None
    mx = sum(p[0] for p in points) / len(points)
    my = sum(p[1] for p in points) / len(points)
    den = sum((p[0] - mx) ** 2 for p in points)
    return sum((p[0] - mx) * (p[1] - my) for p in points) / den if den else None


def machine() -> str:
    cpus = os.cpu_count()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs ({model or 'model unknown'}), "
        f"{memory:.0f} GiB RAM, Python {platform.python_version()}"
    )


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    sizes = [r["claims"] for r in results]
    lines = [
        "# Build benchmark: 1k to 1M claims",
        "",
        f"Machine: {machine()}. Run: `{' '.join(['bench/run.py', *sys.argv[1:]])}` "
        f"(generator seed {args.seed}, corpus style {args.style}).",
        "",
        "Each cell: wall seconds, then the process's peak resident memory when the stage ended "
        "(it only grows). A dash: not run at that size; FAILED: see below.",
        "",
    ]
    header = "| stage | " + " | ".join(f"{n:,} claims" for n in sizes) + " | exponent |"
    lines += [header, "|---" * (len(sizes) + 2) + "|"]
    names: list[str] = []
    for r in results:
        names += [k for k in r.get("stages", {}) if k not in names]
    for name in names:
        cells = []
        for r in results:
            value = r.get("stages", {}).get(name)
            cells.append(f"{value[0]:.2f} s ({value[1]:,.0f} MB)" if value else "-")
        xs = [r["claims"] for r in results if name in r.get("stages", {})]
        ys = [r["stages"][name][0] for r in results if name in r.get("stages", {})]
        slope = exponent([float(x) for x in xs], ys) if len(xs) > 1 else None
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {'' if slope is None else f'{slope:.2f}'} |"
        )
    build_names = PIPELINE + EXPORTS
    lines += ["", "## Totals and targets", ""]
    lines += [
        "| claims | records | quads | full build (stages + exports, no HTML) | peak memory | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        n = r["claims"]
        build = total(r, build_names)
        peak = max((v[1] for k, v in r.get("stages", {}).items() if k in build_names), default=0)
        target = TARGETS.get(n)
        met = (
            "-"
            if target is None or build is None
            else ("yes" if build <= target[0] and peak <= target[1] else "no")
        )
        goal = "-" if target is None else f"≤ {target[0]:.0f} s, ≤ {target[1] / 1024:.0f} GB"
        shown = (
            "FAILED: " + r["failed"]
            if "failed" in r
            else f"{build:.1f} s"
            if build is not None
            else "-"
        )
        records = r.get("counts", {}).get("attestations")
        lines.append(
            f"| {n:,} | {records if records is None else f'{records:,}'} | {r.get('quads', '-'):,} | {shown} | {peak:,.0f} MB | {goal} | {met} |"
            if isinstance(r.get("quads"), int)
            else f"| {n:,} | {records} | - | {shown} | {peak:,.0f} MB | {goal} | {met} |"
        )
    lines += ["", "## Against the rdflib-only baseline", ""]
    for r in results:
        if "baseline" not in r:
            continue
        ours = r["stages"][EXPORTS[2]][0]
        theirs = r["baseline"]["total"]
        ours_build = total(r, build_names) or 0.0
        base_build = ours_build - ours + theirs
        lines.append(
            f"- {r['claims']:,} claims: RDF exports {ours:.2f} s against rdflib's {theirs:.2f} s "
            f"(**{theirs / ours:.1f}×**); whole build {ours_build:.1f} s against "
            f"{base_build:.1f} s with rdflib's exports ({base_build / ours_build:.1f}×)."
        )
    lines += ["", "## Named SPARQL queries (seconds)", ""]
    for r in results:
        if "queries" not in r:
            continue
        lines.append(f"{r['claims']:,} claims:")
        lines.append("")
        lines.append("| query | oxigraph | rdflib | rows |")
        lines.append("|---|---:|---:|---:|")
        for name, t in sorted(r["queries"].items()):
            rdflib_time = f"{t['rdflib']:.3f}" if "rdflib" in t else "-"
            lines.append(f"| {name} | {t['oxigraph']:.3f} | {rdflib_time} | {t['oxigraph rows']} |")
        lines.append("")
    for r in results:
        if "profile" in r:
            lines += [
                f"## Where the time goes: `{r['profile']['stage']}` at {r['claims']:,} claims",
                "",
                "cProfile, top functions by own time (profiling slows everything down about 2×):",
                "",
                "```",
                r["profile"]["top"].strip(),
                "```",
                "",
            ]
    failed = [r for r in results if "failed" in r]
    if failed:
        lines += ["## Sizes that did not finish", ""]
        lines += [
            f"- {r['claims']:,} claims: {r['failed']} (limit {args.memory_limit_gb} GB of address space)."
            for r in failed
        ]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--style", choices=("yaml", "json"), default="json")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="generator processes")
    parser.add_argument("--work", help="folder for corpora and exports (default: a temporary one)")
    parser.add_argument("--out", help="Markdown report")
    parser.add_argument("--json", help="raw figures")
    parser.add_argument("--rdflib-max", type=int, default=10_000)
    parser.add_argument("--baseline-max", type=int, default=100_000)
    parser.add_argument("--profile-size", type=int, default=100_000)
    parser.add_argument("--memory-limit-gb", type=float, default=20.0)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args)
        return 0
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="k2graph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in args.sizes:
        result = run_size(n, args, work)
        results.append(result)
        build = total(result, PIPELINE + EXPORTS)
        print(
            f"{n:>9,} claims: build {'FAILED' if build is None else f'{build:.1f} s'}", flush=True
        )
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    text = report(results, args)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
