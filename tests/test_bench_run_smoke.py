"""The build benchmark (bench/run.py) runs end to end at two sizes, the way a developer runs it:
generated corpus, every stage in a child process, exports, both SPARQL engines, the rdflib
baseline (at the smaller size, where rdflib is quick enough) and the profile (at the larger).
This checks that the benchmark works and reports what it measured, not how fast anything is; the
sizes are small so that the suite stays quick.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

STAGES = ("load", "anchor", "assemble", "score", "detect", "export RDF (nq, trig, ttl, jsonld)")


def test_the_build_benchmark_runs_and_reports_every_stage(tmp_path: Path) -> None:
    out, raw = tmp_path / "results.md", tmp_path / "results.json"
    command = [
        sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "100", "400",
        "--baseline-max", "100", "--rdflib-max", "100", "--profile-size", "400",
        "--query-limit", "60", "--work", str(tmp_path / "work"), "--out", str(out),
        "--json", str(raw),
    ]  # fmt: skip
    env = {"PYTHONPATH": f"{ROOT / 'src'}:{ROOT / 'bench'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads(raw.read_text(encoding="utf-8"))
    assert [r["claims"] for r in results] == [100, 400]
    for result in results:
        assert "failed" not in result
        assert set(STAGES) <= set(result["stages"])
        assert result["counts"]["claims"] == result["claims"]
        assert result["quads"] > 0
        assert all(t["oxigraph rows"] >= 0 for t in result["queries"].values())
    assert "baseline" in results[0]
    assert "baseline" not in results[1]
    assert "rdflib" in results[0]["queries"]["sources-by-strength"]
    assert results[1]["profile"]["stage"] in results[1]["stages"]
    report = out.read_text(encoding="utf-8")
    for words in ("| load |", "Totals and targets", "x faster", "Where the time goes", "Machine:"):
        assert words in report
