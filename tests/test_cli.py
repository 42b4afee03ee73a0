"""The command line, driven the way a user drives it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from k2graph import __version__
from k2graph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_build_then_check_in_the_working_directory(tiny: Path, in_tmp: Path) -> None:
    runner = CliRunner()
    built = runner.invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    assert "1 sources" in built.stdout
    assert "4 claims, 4 attestations (every quote anchored), 1 conflicts" in built.stdout
    assert "wrote exports/k2graph.json" in built.stdout
    graph = json.loads((in_tmp / "exports" / "k2graph.json").read_text(encoding="utf-8"))
    assert {a["key"] for a in graph["attestations"]} == {
        "activates",
        "half-life",
        "dose",
        "no-reversal",
    }
    again = runner.invoke(main, ["build"])
    assert "unchanged exports/k2graph.json" in again.stdout
    checked = runner.invoke(main, ["check"])
    assert checked.exit_code == 0
    assert checked.stdout.startswith("ok: 1 sources")


def test_check_reports_a_stale_export_and_writes_nothing(tiny: Path, in_tmp: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["build"]).exit_code == 0
    export = in_tmp / "exports" / "k2graph.json"
    export.write_text("{}\n", encoding="utf-8")
    checked = runner.invoke(main, ["check"])
    assert checked.exit_code == 1
    assert "exports/k2graph.json: export is out of date with the sources" in checked.stderr
    assert "run `k2graph build`" in checked.stderr
    assert export.read_text(encoding="utf-8") == "{}\n"
    assert runner.invoke(main, ["check", "--no-exports"]).exit_code == 0


def test_build_into_an_unwritable_place_fails_cleanly(tiny: Path, in_tmp: Path) -> None:
    (in_tmp / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", "blocker/exports"])
    assert result.exit_code == 1
    assert "cannot write exports to blocker/exports" in result.stderr
    assert "Traceback" not in result.output


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert len(result.stdout.splitlines()) > 3
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in main.commands:
        assert f"k2graph {command}" in readme


def test_version() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.stdout.strip() == f"k2graph, version {__version__}"


def test_python_dash_m_runs_the_cli_without_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "k2graph", "check", "--sources", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1
    assert "sources folder not found" in done.stderr
    assert "Traceback" not in done.stderr


def test_build_without_the_page_leaves_an_existing_page_alone(tiny: Path, in_tmp: Path) -> None:
    runner = CliRunner()
    page = in_tmp / "exports" / "k2graph.html"
    built = runner.invoke(main, ["build", "--no-html"])
    assert built.exit_code == 0, built.output
    assert "skipped exports/k2graph.html (--no-html)" in built.stdout
    assert not page.exists()
    assert (in_tmp / "exports" / "k2graph.nq").is_file()
    assert runner.invoke(main, ["build"]).exit_code == 0
    page.write_text("an older page\n", encoding="utf-8")
    again = runner.invoke(main, ["build", "--no-html"])
    assert "k2graph.html" not in again.stdout.replace("skipped exports/k2graph.html", "")
    assert page.read_text(encoding="utf-8") == "an older page\n"
