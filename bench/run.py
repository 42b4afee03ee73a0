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
import multiprocessing
import os
import platform
import pstats
import queue
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
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

    def __init__(self, partial: Path | None = None) -> None:
        self.stages: dict[str, list[float]] = {}
        self.failed: str | None = None
        self.partial = partial  # where the figures so far are saved after every stage

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
            if self.partial is not None:
                self.partial.write_text(json.dumps({"stages": self.stages}), encoding="utf-8")


# --- one size, in a child process -------------------------------------------------------------


def measure(
    corpus: Path, work: Path, rdflib_max: int, baseline_max: int, claims: int, query_limit: float
) -> dict[str, Any]:
    from k2graph.exports.audit import render_audit_json, render_audit_markdown
    from k2graph.exports.rdf import RDF_FILES, write_rdf
    from k2graph.exports.registry import render_json
    from k2graph.pipeline import run
    from k2graph.stages.gcpause import paused_gc

    record = Recorder(work / "partial.json")
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
            with record(EXPORTS[2]), ExitStack() as files:
                handles = {
                    name: files.enter_context((out / name).open("w", encoding="utf-8"))
                    for name in RDF_FILES
                }
                write_rdf(graph, handles)
        nq = out / "k2graph.nq"
        result["quads"] = sum(1 for _ in nq.open("rb"))
        result["bytes"] = {name: (out / name).stat().st_size for name in sorted(os.listdir(out))}
        result["bindings"] = bindings(graph)
        result["queries"] = queries(
            nq, record, claims <= rdflib_max, query_limit, result["bindings"]
        )
        if claims <= baseline_max:
            result["baseline"] = baseline(graph, record)
    except MemoryError:
        result["failed"] = f"MemoryError in stage '{record.failed}'"
    return result


def bindings(graph: Any) -> dict[str, dict[str, str]]:
    """Values for the parameterized queries, as a user would bind them: the entity most claims
    are about, and the source with the most attestations."""
    subjects = Counter(c.subject for c in graph.claims)
    sources = Counter(a.source_id for a in graph.attestations)
    base = graph.base_iri
    return {
        "claims-about-entity": {"entity": f"{base}entity/{subjects.most_common(1)[0][0]}"},
        "claims-by-source": {"source": f"{base}source/{sources.most_common(1)[0][0]}"},
    }


def queries(
    nq: Path,
    record: Recorder,
    with_rdflib: bool,
    limit: float,
    bound: dict[str, dict[str, str]],
) -> dict[str, dict[str, float | str]]:
    """Each named query's time on Oxigraph (and rdflib), after loading the N-Quads once per
    engine. Queries run in a forked process; one that takes more than `limit` seconds is stopped
    and reported as such (the process starts again, reloading, for the queries after it)."""
    from k2graph.sparql import named

    times: dict[str, dict[str, float | str]] = {name: {} for name in named.names()}
    for engine in ("oxigraph", "rdflib") if with_rdflib else ("oxigraph",):
        pending = list(named.names())
        while pending:
            pending = _query_batch(nq, engine, pending, times, record, limit, bound)
    return times


def _query_batch(
    nq: Path,
    engine: str,
    pending: list[str],
    times: dict[str, dict[str, float | str]],
    record: Recorder,
    limit: float,
    bound: dict[str, dict[str, str]],
) -> list[str]:
    """Run `pending` queries in one child; return those left when one is stopped."""
    context = multiprocessing.get_context("fork")
    answers: Any = context.Queue()
    worker = context.Process(target=_query_worker, args=(nq, engine, pending, answers, bound))
    worker.start()
    loaded = answers.get()  # the load time comes first
    record.stages.setdefault(f"{engine}: load N-Quads", [loaded, peak_mb()])
    try:
        for index, name in enumerate(pending):
            try:
                spent, rows = answers.get(timeout=limit)
            except queue.Empty:
                times[name][engine] = f"> {limit:.0f} s (stopped)"
                return pending[index + 1 :]
            times[name][engine] = spent
            times[name][f"{engine} rows"] = rows
        return []
    finally:
        worker.kill()
        worker.join()


def _query_worker(
    nq: Path, engine: str, names: list[str], answers: Any, bound: dict[str, dict[str, str]]
) -> None:
    from k2graph.sparql import engines, guard, named

    start = time.perf_counter()
    data = engines.load_oxigraph(nq) if engine == "oxigraph" else engines.load_rdflib(nq)
    answers.put(time.perf_counter() - start)
    for name in names:
        checked = guard.check(named.text(name))
        values: dict[str, Any] = {
            var: {"type": "uri", "value": iri} for var, iri in bound.get(name, {}).items()
        }
        start = time.perf_counter()
        if engine == "oxigraph":
            answer = engines.query_oxigraph(data, checked, values, ALL)
        else:
            answer = engines.query_rdflib(data, checked, values, ALL)
        answers.put((time.perf_counter() - start, len(answer.rows)))


def baseline(graph: Any, record: Recorder) -> dict[str, float]:
    """The rdflib-only way: an rdflib Dataset, serialized by rdflib's own writers."""
    from rdflib import Graph

    from k2graph.exports.rdf import to_dataset

    spent: dict[str, float] = {}
    start = time.perf_counter()
    with record("baseline: rdflib Dataset"):
        dataset = to_dataset(graph, graph.base_iri)
    for fmt in ("nquads", "trig", "json-ld"):
        with record(f"baseline: rdflib {fmt}"):
            dataset.serialize(io.BytesIO(), format=fmt, encoding="utf-8")
    with record("baseline: rdflib turtle (graphs merged)"):
        merged = Graph()
        merged.addN((s, p, o, merged) for s, p, o, _ in dataset.quads())
        merged.serialize(io.BytesIO(), format="turtle", encoding="utf-8")
    spent["total"] = time.perf_counter() - start
    return spent


def child(args: argparse.Namespace) -> None:
    limit = int(args.memory_limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    work = Path(args.work)
    result = measure(
        Path(args.corpus), work, args.rdflib_max, args.baseline_max, args.child, args.query_limit
    )
    if args.profile:
        result["profile"] = profile(Path(args.corpus), work, result)
    Path(args.result).write_text(json.dumps(result, indent=1), encoding="utf-8")


def profile(corpus: Path, work: Path, result: dict[str, Any]) -> dict[str, Any]:
    """cProfile of the slowest stage of the build, its top functions by own time."""
    from k2graph.exports.audit import render_audit_json, render_audit_markdown
    from k2graph.exports.rdf import RDF_FILES, write_rdf
    from k2graph.exports.registry import render_json
    from k2graph.pipeline import run
    from k2graph.stages.gcpause import paused_gc

    build = {k: v for k, v in result["stages"].items() if k in PIPELINE or k in EXPORTS}
    slowest = max(build, key=lambda k: build[k][0])
    profiler = cProfile.Profile()

    @contextmanager
    def only(name: str) -> Iterator[None]:
        if name == slowest:
            profiler.enable()
        try:
            yield
        finally:
            profiler.disable()

    graph, _ = run(corpus, stage=only)  # profiles the stage itself when it is a pipeline stage
    if slowest in EXPORTS:
        exports: dict[str, Callable[[], object]] = {
            EXPORTS[0]: lambda: render_json(graph),
            EXPORTS[1]: lambda: (render_audit_json(graph), render_audit_markdown(graph)),
            EXPORTS[2]: lambda: write_rdf(graph, {name: io.StringIO() for name in RDF_FILES}),
        }
        with paused_gc():
            profiler.enable()
            exports[slowest]()
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
        "--query-limit", str(args.query_limit),
    ]  # fmt: skip
    if n == args.profile_size:
        command.append("--profile")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(HERE)])}
    done = subprocess.run(command, env=env, check=False)
    result: dict[str, Any] = {"claims": n, "stages": {}}
    partial = size_work / "partial.json"
    if raw.is_file():
        result = json.loads(raw.read_text(encoding="utf-8"))
    else:
        if partial.is_file():  # the stages that finished before the process ended
            result["stages"] = json.loads(partial.read_text(encoding="utf-8"))["stages"]
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


def _cell(value: list[float] | None) -> str:
    return f"{value[0]:.2f} s ({value[1]:,.0f} MB)" if value else "-"


def _failed_in(result: dict[str, Any], name: str) -> bool:
    return f"in stage '{name}'" in result.get("failed", "")


def _stage_table(results: list[dict[str, Any]]) -> list[str]:
    sizes = [r["claims"] for r in results]
    lines = ["| stage | " + " | ".join(f"{n:,} claims" for n in sizes) + " | exponent |"]
    lines.append("|---" * (len(sizes) + 2) + "|")
    names: list[str] = []
    for r in results:
        names += [k for k in r.get("stages", {}) if k not in names]
    for name in names:
        cells = [
            f"stopped: {r['failed'].split(' in stage')[0]} after {r['stages'][name][0]:.0f} s"
            if _failed_in(r, name)
            else _cell(r.get("stages", {}).get(name))
            for r in results
        ]
        measured = [r for r in results if name in r.get("stages", {}) and not _failed_in(r, name)]
        slope = exponent(
            [float(r["claims"]) for r in measured], [r["stages"][name][0] for r in measured]
        )
        shown = "" if slope is None else f"{slope:.2f}"
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {shown} |")
    return lines


def _totals(results: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| claims | records | quads | full build (no HTML) | peak memory | target | met |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        n = r["claims"]
        build = total(r, PIPELINE + EXPORTS)
        stages = r.get("stages", {})
        peak = max((v[1] for k, v in stages.items() if k in PIPELINE + EXPORTS), default=0.0)
        target = TARGETS.get(n)
        goal = "-" if target is None else f"<= {target[0]:.0f} s, <= {target[1] / 1024:.0f} GB"
        met = "-"
        if target is not None:
            met = "yes" if build is not None and build <= target[0] and peak <= target[1] else "no"
        shown = (
            f"FAILED: {r['failed']}"
            if "failed" in r
            else "-"
            if build is None
            else f"{build:.1f} s"
        )
        records = r.get("counts", {}).get("attestations")
        quads = r.get("quads")
        counts = " | ".join("-" if x is None else f"{x:,}" for x in (records, quads))
        lines.append(f"| {n:,} | {counts} | {shown} | {peak:,.0f} MB | {goal} | {met} |")
    return lines


def _baseline(results: list[dict[str, Any]]) -> list[str]:
    lines = []
    for r in results:
        if "baseline" not in r:
            continue
        ours = r["stages"][EXPORTS[2]][0]
        theirs = r["baseline"]["total"]
        ours_build = total(r, PIPELINE + EXPORTS) or 0.0
        base_build = ours_build - ours + theirs
        lines.append(
            f"- {r['claims']:,} claims: RDF exports {ours:.2f} s against rdflib's {theirs:.2f} s "
            f"(**{theirs / ours:.1f}x faster**); whole build {ours_build:.1f} s against "
            f"{base_build:.1f} s with rdflib's exports ({base_build / ours_build:.1f}x)."
        )
    return lines or ["(not run)"]


def _seconds(value: float | str | None) -> str:
    return "-" if value is None else value if isinstance(value, str) else f"{value:.3f}"


def _queries(results: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    for r in results:
        if "queries" not in r:
            continue
        bound = "; ".join(
            f"`{name}` with `{var}` = <{iri}>"
            for name, values in sorted(r.get("bindings", {}).items())
            for var, iri in values.items()
        )
        lines += [f"{r['claims']:,} claims (bound: {bound or 'none'}):", ""]
        lines += ["| query | oxigraph | rdflib | rows |"]
        lines.append("|---|---:|---:|---:|")
        for name, t in sorted(r["queries"].items()):
            ox_time, rdflib_time = (_seconds(t.get(engine)) for engine in ("oxigraph", "rdflib"))
            lines.append(f"| {name} | {ox_time} | {rdflib_time} | {t.get('oxigraph rows', '-')} |")
        lines.append("")
    return lines


def report(results: list[dict[str, Any]], args: argparse.Namespace) -> str:
    command = " ".join(["bench/run.py", *sys.argv[1:]])
    lines = [
        "# Build benchmark: 1k to 1M claims",
        "",
        f"Machine: {machine()}. Run: `{command}` (generator seed {args.seed}, corpus style "
        f"{args.style}).",
        "",
        *([args.note, ""] if args.note else []),
        "Each cell: wall seconds, then the process's peak resident memory when the stage ended "
        "(it only grows). A dash: not run at that size. Exponent: least-squares slope of log "
        "time against log size (1 is linear).",
        "",
        *_stage_table(results),
        "",
        "## Totals and targets",
        "",
        *_totals(results),
        "",
        "## Against the rdflib-only baseline",
        "",
        *_baseline(results),
        "",
        "## Named SPARQL queries (seconds)",
        "",
        *_queries(results),
    ]
    for r in results:
        if "profile" in r:
            lines += [
                f"## Where the time goes: `{r['profile']['stage']}` at {r['claims']:,} claims",
                "",
                "cProfile, top functions by own time (profiling slows everything about 2x):",
                "",
                "```",
                r["profile"]["top"].strip(),
                "```",
                "",
            ]
    failed = [r for r in results if "failed" in r]
    if failed:
        lines += ["## Sizes that did not finish", ""]
        lines += [f"- {r['claims']:,} claims: {r['failed']}." for r in failed]
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
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size for rdflib")
    parser.add_argument("--baseline-max", type=int, default=2000, help="largest baseline size")
    parser.add_argument("--profile-size", type=int, default=10_000)
    parser.add_argument("--query-limit", type=float, default=60.0, help="seconds per query")
    parser.add_argument("--memory-limit-gb", type=float, default=20.0)
    parser.add_argument("--note", help="a paragraph for the report (e.g. what else ran)")
    parser.add_argument(
        "--report-from", help="write --out from an earlier --json, measuring nothing"
    )
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--profile", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args)
        return 0
    if args.report_from:
        text = report(json.loads(Path(args.report_from).read_text(encoding="utf-8")), args)
        if args.out:
            Path(args.out).write_text(text, encoding="utf-8")
        print(text)
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
