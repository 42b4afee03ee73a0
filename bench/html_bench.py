"""Benchmark: k2graph's graph page against pyvis's defaults on the same graphs, in Chromium.

For the seed corpus (`sources/`) and synthetic corpora of the given sizes, in one run:

* **ours**: the `k2graph.html` export. Measured: navigation start to `window.k2graph.ready` (set
  after the first drawing; physics is off and the layout comes from Python, so the graph is stable
  from that frame on). Repeated (`--repeats`, default 3) in fresh browser contexts; the median is
  reported. When the page opens on a narrowed view (large graphs open on the conflicts only), the
  time to show every claim (untick "conflicts only", to the next drawing) is measured too.
* **pyvis defaults**: a `pyvis.network.Network` with its default options (physics on, barnesHut,
  stabilization of up to 1000 iterations) holding the same node and edge records (same ids,
  labels, colors, shapes, sizes, tooltips, hidden flags; only our x/y positions are left out),
  written by pyvis's own `generate_html` with `cdn_resources="in_line"`, which inlines pyvis's
  bundled vis-network 9.1.2. The template's two Bootstrap tags (CDN links that style nothing the
  graph needs) are removed so the page runs offline. Measured: navigation start to vis-network's
  `stabilizationIterationsDone` and to its `stabilized` event (the graph stops moving), with a
  cap (`--cap`, seconds). Run once per graph.

Times come from `performance.now()` inside the page (its origin is the navigation start). The
pyvis listeners are attached from an init script through a setter on the `network` global that
pyvis's page assigns, so they are in place before the first stabilization batch runs; the pyvis
page has no Content-Security-Policy to stop that. Everything is offline: file:// pages, an offline
browser context, Debian's Chromium (never a downloaded browser).

Run from the repository root:  PYTHONPATH=src python bench/html_bench.py --sizes 1000 5000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import DEFAULT_SEED, synthetic_graph

from k2graph.exports.registry import EXPORTS
from k2graph.model import KnowledgeGraph
from k2graph.pipeline import build_graph

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("K2GRAPH_CHROMIUM", "/usr/bin/chromium"))
VIEWPORT = {"width": 1500, "height": 950}
BOOTSTRAP = re.compile(
    r"\s*<link\s+href=\"https://cdn\.jsdelivr\.net/npm/bootstrap[^>]*/>"
    r"|\s*<script\s+src=\"https://cdn\.jsdelivr\.net/npm/bootstrap[^>]*>\s*</script>",
    re.DOTALL,
)
# Installed before any page script: catches the `network = new vis.Network(...)` assignment of
# pyvis's template and reports vis-network's events on the console with in-page timestamps.
PYVIS_HOOK = """
(() => {
  let value;
  const say = (what) => console.log("__bench:" + what + ":" + performance.now());
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return value; },
    set(v) {
      value = v;
      say("constructed");
      if (!v || typeof v.once !== "function") { return; }
      v.once("afterDrawing", () => say("drawn"));
      v.once("stabilizationIterationsDone", () => say("iterationsDone"));
      v.once("stabilized", () => say("stabilized"));
      // A tiny graph may finish stabilizing inside the constructor, before this setter runs.
      if (v.physics && v.physics.ready === true) { say("iterationsDone"); }
      if (v.physics && v.physics.options && v.physics.options.enabled === false) {
        say("stabilized");
      }
    }
  });
})();
"""


@dataclass
class Built:
    """One graph's two pages and what building them cost."""

    name: str
    claims: int
    nodes: int
    edges: int
    graph_seconds: float
    ours_path: Path
    ours_seconds: float
    ours_bytes: int
    pyvis_path: Path
    pyvis_seconds: float
    pyvis_bytes: int


@dataclass
class OursRun:
    ready_ms: float | None
    visible_nodes: int | None = None
    full_view_ms: float | None = None  # untick "conflicts only" to the next drawing
    full_view_nodes: int | None = None
    error: str | None = None


@dataclass
class PyvisRun:
    constructed_ms: float | None = None
    drawn_ms: float | None = None
    iterations_done_ms: float | None = None
    stabilized_ms: float | None = None
    cap_s: float = 0.0
    error: str | None = None


@dataclass
class Result:
    built: Built
    ours: list[OursRun] = field(default_factory=list)
    pyvis: PyvisRun | None = None

    def ours_median(self, attr: str = "ready_ms") -> float | None:
        values = [getattr(r, attr) for r in self.ours if getattr(r, attr) is not None]
        return statistics.median(values) if values else None


# --- building the pages ------------------------------------------------------------------------


def pyvis_default_html(graph: KnowledgeGraph) -> str:
    """pyvis's default page for the same node and edge records as ours (minus our positions)."""
    from pyvis.network import Network  # type: ignore[import-untyped]

    from k2graph.exports.html.layout import positions
    from k2graph.exports.html.network import network_records

    nodes, edges = network_records(graph, positions(graph))
    # The graph is directed (arrows are set per edge anyway); everything else is pyvis's default.
    # `directed` only changes pyvis's Python-side duplicate-edge scan, not the page's options.
    net = Network(directed=True, cdn_resources="in_line")
    for record in nodes:
        options = {k: v for k, v in record.items() if k not in ("id", "x", "y")}
        net.add_node(record["id"], **options)
    for record in edges:
        options = {k: v for k, v in record.items() if k not in ("from", "to")}
        net.add_edge(record["from"], record["to"], **options)
    html = net.generate_html()
    offline, removed = BOOTSTRAP.subn("", html)
    if removed != 2:
        raise RuntimeError(f"expected pyvis's two Bootstrap CDN tags, found {removed}")
    if "vis.Network" not in offline or re.search(
        r'<(script|link)[^>]*(src|href)="https?:', offline
    ):
        raise RuntimeError("pyvis's page would still load something from the network")
    return offline


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def build_pages(name: str, graph: KnowledgeGraph, graph_seconds: float, out: Path) -> Built:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    ours, ours_s = timed(lambda: EXPORTS["k2graph.html"](graph))
    pyvis, pyvis_s = timed(lambda: pyvis_default_html(graph))
    ours_path, pyvis_path = out / f"{slug}.k2graph.html", out / f"{slug}.pyvis-default.html"
    ours_path.write_text(ours, encoding="utf-8")
    pyvis_path.write_text(pyvis, encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/json" id="k2-data">(.*?)</script>', ours, re.S)[1]  # type: ignore[index]
    )
    return Built(
        name=name,
        claims=len(graph.claims),
        nodes=len(data["nodes"]),
        edges=len(data["edges"]),
        graph_seconds=graph_seconds,
        ours_path=ours_path,
        ours_seconds=ours_s,
        ours_bytes=ours_path.stat().st_size,
        pyvis_path=pyvis_path,
        pyvis_seconds=pyvis_s,
        pyvis_bytes=pyvis_path.stat().st_size,
    )


# --- measuring in the browser ------------------------------------------------------------------


def measure_ours(browser: Any, path: Path, cap_s: float) -> OursRun:
    context = browser.new_context(offline=True, viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit")
        page.wait_for_selector("body[data-k2-ready=true]", state="attached", timeout=cap_s * 1000)
        ready = float(page.evaluate("window.k2graph.timing.ready"))
        visible = int(page.evaluate("window.k2graph.visibleNodeIds().length"))
        run = OursRun(ready_ms=ready, visible_nodes=visible)
        if page.evaluate("document.getElementById('k2-conflicts').checked"):
            run.full_view_ms = float(
                page.evaluate(
                    """() => new Promise(resolve => {
                         const box = document.getElementById('k2-conflicts');
                         const t0 = performance.now();
                         window.k2graph.network.once('afterDrawing',
                           () => resolve(performance.now() - t0));
                         box.checked = false;
                         box.dispatchEvent(new Event('change'));
                       })"""
                )
            )
            run.full_view_nodes = int(page.evaluate("window.k2graph.visibleNodeIds().length"))
        if errors:
            run.error = "; ".join(errors)
        return run
    except Exception as error:  # a timeout or a crash is a result too
        return OursRun(ready_ms=None, error=f"{type(error).__name__}: {error}".splitlines()[0])
    finally:
        context.close()


def measure_pyvis(browser: Any, path: Path, cap_s: float) -> PyvisRun:
    context = browser.new_context(offline=True, viewport=VIEWPORT)
    context.add_init_script(PYVIS_HOOK)
    page = context.new_page()
    run = PyvisRun(cap_s=cap_s)
    seen: dict[str, float] = {}
    errors: list[str] = []

    def on_console(message: Any) -> None:
        text = message.text
        if text.startswith("__bench:"):
            _, what, when = text.split(":", 2)
            seen.setdefault(what, float(when))

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    deadline = time.monotonic() + cap_s
    try:
        with page.expect_console_message(
            lambda m: m.text.startswith("__bench:stabilized:"), timeout=cap_s * 1000
        ):
            page.goto(path.resolve().as_uri(), wait_until="commit")
        # Let the other console events (already emitted) be dispatched.
        page.wait_for_timeout(50)
    except Exception as error:
        if time.monotonic() < deadline - 1:
            run.error = f"{type(error).__name__}: {error}".splitlines()[0]
        else:
            run.error = f"did not stabilize within {cap_s:g} s"
    finally:
        run.constructed_ms = seen.get("constructed")
        run.drawn_ms = seen.get("drawn")
        run.iterations_done_ms = seen.get("iterationsDone")
        run.stabilized_ms = seen.get("stabilized")
        if errors:
            run.error = "; ".join([*([run.error] if run.error else []), *errors])
        context.close()
    return run


# --- reporting ---------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        version = subprocess.run(
            [str(CHROMIUM), "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        version = "unknown"
    from importlib.metadata import version as pkg_version

    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "ram": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "chromium": version or "unknown",
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "playwright": pkg_version("playwright"),
        "pyvis": pkg_version("pyvis"),
    }


def _ms(value: float | None) -> str:
    if value is None:
        return "\u2014"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def _kb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def _ratio(theirs: float | None, ours: float | None) -> str:
    if theirs is None or ours is None or ours <= 0:
        return "\u2014"
    return f"{theirs / ours:.0f}\u00d7" if theirs / ours >= 10 else f"{theirs / ours:.1f}\u00d7"


def _pyvis_stable(result: Result) -> str:
    run = result.pyvis
    if run is None:
        return "not run"
    if run.stabilized_ms is not None:
        return _ms(run.stabilized_ms)
    return run.error or "\u2014"


def table(results: list[Result]) -> list[str]:
    head = (
        "| graph | claims | nodes (edges) | ours: to interactive + stable (median of {n}) "
        "| pyvis defaults: stabilization iterations done | pyvis defaults: stabilized "
        "| speedup (stabilized / iterations done) |"
    )
    n = max((len(r.ours) for r in results), default=0)
    lines = [head.format(n=n), "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        b, p = r.built, r.pyvis
        ours = r.ours_median()
        done = p.iterations_done_ms if p else None
        stable = p.stabilized_ms if p else None
        if stable is None and p is not None and p.error and "did not stabilize" in p.error:
            speed = f"> {_ratio(p.cap_s * 1000, ours)}"
        else:
            speed = _ratio(stable, ours)
        lines.append(
            f"| {b.name} | {b.claims:,} | {b.nodes:,} ({b.edges:,}) | {_ms(ours)} "
            f"| {_ms(done)} | {_pyvis_stable(r)} | {speed} / {_ratio(done, ours)} |"
        )
    return lines


def details_table(results: list[Result]) -> list[str]:
    lines = [
        "| graph | ours: runs (ms to ready) | nodes shown at ready | ours: show all claims "
        "| pyvis: first drawing | page size ours / pyvis | Python: graph / our page / pyvis page |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        b, p = r.built, r.pyvis
        runs = ", ".join(
            _ms(x.ready_ms) if x.ready_ms is not None else (x.error or "?") for x in r.ours
        )
        shown = r.ours[0].visible_nodes if r.ours and r.ours[0].visible_nodes is not None else None
        full = r.ours_median("full_view_ms")
        full_nodes = next((x.full_view_nodes for x in r.ours if x.full_view_nodes), None)
        full_text = f"{_ms(full)} ({full_nodes:,} nodes)" if full is not None else "(already all)"
        lines.append(
            f"| {b.name} | {runs} | {f'{shown:,}' if shown is not None else '—'} | {full_text} "
            f"| {_ms(p.drawn_ms if p else None)} | {_kb(b.ours_bytes)} / {_kb(b.pyvis_bytes)} "
            f"| {b.graph_seconds:.2f} s / {b.ours_seconds:.2f} s / {b.pyvis_seconds:.2f} s |"
        )
    return lines


def verdict(results: list[Result]) -> list[str]:
    """The issue's two targets, checked against the figures."""
    lines = []
    for r in results:
        ours, p = r.ours_median(), r.pyvis
        if r.built.claims == 1000 and ours is not None and p is not None:
            if p.stabilized_ms is not None:
                ratio, bound = p.stabilized_ms / ours, ""
            else:
                ratio, bound = p.cap_s * 1000 / ours, "at least "
            done = p.iterations_done_ms / ours if p.iterations_done_ms else None
            met = "met" if ratio >= 10 else "NOT met"
            lines.append(
                f"- At least 10\u00d7 faster than pyvis's defaults at 1,000 claims: **{met}** "
                f"({bound}{ratio:.0f}\u00d7 to a stable graph"
                + (f"; {done:.0f}\u00d7 to pyvis's end of stabilization iterations" if done else "")
                + ")."
            )
        if r.built.claims == 5000:
            if ours is not None:
                full = r.ours_median("full_view_ms")
                lines.append(
                    f"- A 5,000-claim page that becomes interactive: **met** (ready after "
                    f"{_ms(ours)}"
                    + (f"; showing all claims then takes {_ms(full)} more" if full else "")
                    + ")."
                )
            else:
                lines.append("- A 5,000-claim page that becomes interactive: **NOT met**.")
    return lines


def report(results: list[Result], info: dict[str, str], command: str) -> str:
    cap = max((r.pyvis.cap_s for r in results if r.pyvis), default=0.0)
    out = [
        "# Graph page benchmark: k2graph.html against pyvis defaults",
        "",
        f"Produced by `{command.strip() or 'bench/html_bench.py'}` "
        "(see bench/README.md for what is measured and how).",
        "",
        "## Machine",
        "",
        f"- date: {info['date']}",
        f"- CPUs: {info['cpus']} ({info['cpu']}); RAM: {info['ram']}",
        f"- {info['chromium']} (headless, via Playwright {info['playwright']}); "
        f"pyvis {info['pyvis']} (vis-network 9.1.2); Python {info['python']}",
        f"- {info['os']}",
        f"- load average (1, 5, 15 min) at the start of the run: {info['load_start']}; "
        f"at the end: {info['load']}",
        "",
        "## Targets",
        "",
        *verdict(results),
        "",
        "## Time from navigation start to an interactive, stable graph",
        "",
        *table(results),
        "",
        "Ours: navigation start to `window.k2graph.ready` (first drawing; physics is off, so the "
        "graph is stable from then on). pyvis defaults: navigation start to vis-network's "
        "`stabilizationIterationsDone` (the graph is first shown) and `stabilized` (it stops "
        f"moving), capped at {cap:g} s. Speedup = pyvis time / our median.",
        "",
        "## Details",
        "",
        *details_table(results),
        "",
        "- *nodes shown at ready*: large graphs (over 2,000 nodes) open on the claims in conflict "
        "only, and entities start hidden; *show all claims* is the time from unticking "
        '"conflicts only" to the next drawing (median).',
        "- pyvis's page holds the same records (entities hidden there too) and simulates every "
        "node, hidden or not.",
        "- *Python*: seconds to build (or load) the graph, to render our page "
        '(`EXPORTS["k2graph.html"]`), and to build pyvis\'s default page for the same records.',
        "- Our page is measured 3 times (median); pyvis's once per graph, since one run takes "
        "minutes. On a 2-core machine shared with other work the figures move by tens of percent "
        "between runs (see the load averages above); the ratios are far beyond that noise.",
        "- At 5,000 claims the two pages do not show the same thing at first: ours opens on the "
        "claims in conflict (its default for large graphs) and shows all of them on request in "
        "the time given under *show all claims*; pyvis's page shows a loading bar until its "
        'stabilization iterations end. A speedup written "> N\u00d7" is a lower bound: pyvis '
        "had not reached that stage when the cap ended the run.",
    ]
    return "\n".join(out) + "\n"


def print_table(results: list[Result]) -> None:
    print()
    for line in [*table(results), "", *details_table(results)]:
        print(line)


# --- main --------------------------------------------------------------------------------------


def graphs(args: argparse.Namespace) -> list[tuple[str, Callable[[], KnowledgeGraph]]]:
    out: list[tuple[str, Callable[[], KnowledgeGraph]]] = []
    if not args.no_seed:
        out.append(("seed corpus", lambda: build_graph(args.sources)))
    for n in args.sizes:
        out.append((f"synthetic {n:,}", lambda n=n: synthetic_graph(n, args.seed)))
    return out


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[1000, 5000],
        help="synthetic corpus sizes, in claims (default: 1000 5000)",
    )
    parser.add_argument("--no-seed", action="store_true", help="skip the seed corpus")
    parser.add_argument(
        "--sources", type=Path, default=ROOT / "sources", help="the seed corpus's sources folder"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="synthetic graph seed")
    parser.add_argument("--repeats", type=int, default=3, help="runs of our page per graph")
    parser.add_argument(
        "--cap",
        type=float,
        default=600.0,
        help="seconds to wait for a page (pyvis: for `stabilized`)",
    )
    parser.add_argument("--no-pyvis", action="store_true", help="measure our page only")
    parser.add_argument(
        "--pages",
        type=Path,
        default=None,
        help="keep the built pages in this folder (default: a temporary one)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the Markdown report here (e.g. bench/results-html.md)",
    )
    parser.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    parser.add_argument(
        "--report-from",
        type=Path,
        default=None,
        help="measure nothing: rewrite --out from the raw figures of an earlier --json",
    )
    args = parser.parse_args(argv)
    args.raw = argv
    return args


def run(args: argparse.Namespace) -> list[Result]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        raise SystemExit(f"no Chromium at {CHROMIUM} (set K2GRAPH_CHROMIUM)")
    with tempfile.TemporaryDirectory(prefix="k2graph-bench-") as tmp:
        pages = args.pages or Path(tmp)
        pages.mkdir(parents=True, exist_ok=True)
        built: list[Built] = []
        for name, make in graphs(args):
            graph, seconds = timed(make)
            b = build_pages(name, graph, seconds, pages)
            print(
                f"built {name}: {b.nodes:,} nodes, {b.edges:,} edges; graph {seconds:.2f} s, "
                f"our page {b.ours_seconds:.2f} s ({_kb(b.ours_bytes)}), "
                f"pyvis page {b.pyvis_seconds:.2f} s ({_kb(b.pyvis_bytes)})",
                flush=True,
            )
            built.append(b)
        results = [Result(b) for b in built]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
            try:
                for r in results:
                    for i in range(args.repeats):
                        r.ours.append(measure_ours(browser, r.built.ours_path, args.cap))
                        o = r.ours[-1]
                        print(
                            f"{r.built.name}: ours run {i + 1}: ready {_ms(o.ready_ms)}"
                            + (
                                f", all claims shown {_ms(o.full_view_ms)}"
                                if o.full_view_ms is not None
                                else ""
                            )
                            + (f" [{o.error}]" if o.error else ""),
                            flush=True,
                        )
                    if not args.no_pyvis:
                        r.pyvis = measure_pyvis(browser, r.built.pyvis_path, args.cap)
                        p = r.pyvis
                        print(
                            f"{r.built.name}: pyvis defaults: drawn {_ms(p.drawn_ms)}, "
                            f"iterations done {_ms(p.iterations_done_ms)}, "
                            f"stabilized {_ms(p.stabilized_ms)}"
                            + (f" [{p.error}]" if p.error else ""),
                            flush=True,
                        )
            finally:
                browser.close()
    return results


def load_raw(path: Path) -> tuple[list[Result], dict[str, str], str]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    results = []
    for item in raw["results"]:
        built = dict(item["built"])
        for key in ("ours_path", "pyvis_path"):
            built[key] = Path(built[key])
        pyvis = PyvisRun(**item["pyvis"]) if item["pyvis"] else None
        results.append(Result(Built(**built), [OursRun(**o) for o in item["ours"]], pyvis))
    return results, raw["machine"], raw.get("command", "")


def main(argv: list[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    if args.report_from:
        results, info, command = load_raw(args.report_from)
        print_table(results)
        if args.out:
            args.out.write_text(report(results, info, command), encoding="utf-8")
            print(f"\nwrote {args.out}")
        return 0
    command = "PYTHONPATH=src python bench/html_bench.py " + " ".join(args.raw)
    load_start = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results = run(args)
    info = {**machine(), "load_start": load_start}
    print_table(results)
    if args.out:
        args.out.write_text(report(results, info, command), encoding="utf-8")
        print(f"\nwrote {args.out}")
    if args.json:
        raw = {
            "command": command.strip(),
            "machine": info,
            "results": [
                {
                    "built": {
                        k: str(v) if isinstance(v, Path) else v for k, v in asdict(r.built).items()
                    },
                    "ours": [asdict(o) for o in r.ours],
                    "pyvis": asdict(r.pyvis) if r.pyvis else None,
                }
                for r in results
            ],
        }
        args.json.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    failed = [r.built.name for r in results if r.ours_median() is None]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
