"""The page benchmark (bench/html_bench.py) runs end to end at a tiny size.

This checks that the benchmark works, not how fast anything is. Like the browser tests, it skips
(saying why) when Playwright or /usr/bin/chromium is missing, and fails instead with CI=true.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from browser_support import missing_browser

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bench() -> object:
    why = missing_browser()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the benchmark smoke test must run in CI: {why}")
        pytest.skip(why)
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import html_bench
    finally:
        sys.path.remove(str(ROOT / "bench"))
    return html_bench


def test_synthetic_graph_is_deterministic_and_valid() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synthetic import synthetic_graph
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from k2graph.model import KnowledgeGraph

    graph = synthetic_graph(200)
    assert graph == synthetic_graph(200)
    assert len(graph.claims) == 200
    assert KnowledgeGraph.model_validate_json(graph.model_dump_json()) == graph
    claims = {c.id for c in graph.claims}
    assert all(a.claim_id in claims for a in graph.attestations)
    assert graph.conflicts


def test_benchmark_runs_at_a_tiny_size(bench: object, tmp_path: Path) -> None:
    out, raw = tmp_path / "results.md", tmp_path / "raw.json"
    code = bench.main(  # type: ignore[attr-defined]
        [
            "--no-seed",
            "--sizes",
            "30",
            "--repeats",
            "1",
            "--cap",
            "120",
            "--pages",
            str(tmp_path / "pages"),
            "--out",
            str(out),
            "--json",
            str(raw),
        ]
    )
    assert code == 0
    report = out.read_text(encoding="utf-8")
    assert "| synthetic 30 |" in report
    import json

    result = json.loads(raw.read_text(encoding="utf-8"))["results"][0]
    assert result["ours"][0]["ready_ms"] > 0
    assert result["ours"][0]["error"] is None
    pyvis = result["pyvis"]
    assert pyvis["error"] is None
    assert 0 < pyvis["iterations_done_ms"] <= pyvis["stabilized_ms"]
