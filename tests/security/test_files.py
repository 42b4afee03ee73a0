"""Items 2, 3, 7, 10 and 11: what a hostile or broken file system does to a build.

The store is never swapped over the exports; a build killed while renaming its files is finished
by the next one and the temporary files it left are removed; links out of the sources folder and
a planted lock link are refused; oversized files and quotes are refused with their size, without
the crash a 690 KB quote once caused in the quote matcher.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ROOT
from factory import CLAIMS, DOCUMENT, make_corpus

from k2graph.cli import main
from k2graph.corpus import files
from k2graph.exports.writer import JOURNAL_NAME, LOCK_NAME, TEMP_PREFIX
from k2graph.sparql.store import LOADING_MARK


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def refused(result: Result, *fragments: str) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    return result.stderr


# --- 2: the store swap never touches the exports --------------------------------------------


@pytest.mark.parametrize("layout", ["exports inside the store", "the same folder"])
def test_a_store_holding_the_exports_is_refused(layout: str, tiny: Path, tmp_path: Path) -> None:
    store = tmp_path / "X"
    out = store / "exports" if layout == "exports inside the store" else store
    built = run("build", "--sources", str(tiny), "--out", str(out))
    assert built.exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    result = run("build", "--sources", str(tiny), "--out", str(out), "--store", str(store))
    refused(result, "--store")
    assert sorted(p.name for p in out.iterdir()) == before


def test_a_store_holding_exports_not_yet_written_is_refused(tiny: Path, tmp_path: Path) -> None:
    store = tmp_path / "X"
    result = run("build", "--sources", str(tiny), "--out", str(store / "exports"), "--store",
                 str(store))  # fmt: skip
    refused(result, "holds the exports folder")
    assert not store.exists()


# --- 7: renames all or none -----------------------------------------------------------------

KILLED_BUILD = """
import os, signal, sys
real, done = os.replace, []
def replace(src, dst):
    if os.path.basename(str(dst)).startswith("k2graph"):
        done.append(dst)
        if len(done) == {kill_after}:
            os.kill(os.getpid(), signal.SIGKILL)
    real(src, dst)
os.replace = replace
from k2graph.cli import main
main(sys.argv[1:])
"""


def killed_build(sources: Path, out: Path, evidence: Path, kill_after: int) -> None:
    code = KILLED_BUILD.format(kill_after=kill_after)
    args = ["build", "--sources", str(sources), "--out", str(out), "--evidence-config"]
    done = subprocess.run(
        [sys.executable, "-c", code, *args, str(evidence)], capture_output=True, cwd=ROOT
    )
    assert done.returncode == -signal.SIGKILL, done.stderr


@pytest.mark.parametrize("kill_after", [1, 3, 5])
def test_a_build_killed_while_renaming_is_finished_by_the_next(
    kill_after: int, tiny: Path, tmp_path: Path
) -> None:
    out, reference = tmp_path / "out", tmp_path / "reference"
    evidence = tmp_path / "weights.toml"
    evidence.write_text("[modality]\nasserted = 0.05\n", encoding="utf-8")
    assert run("build", "--sources", str(tiny), "--out", str(out)).exit_code == 0
    killed_build(tiny, out, evidence, kill_after)
    assert (out / JOURNAL_NAME).is_file()
    refused(
        run("check", "--sources", str(tiny), "--out", str(out), "--evidence-config",
            str(evidence)),
        "a build was stopped while renaming its files",
    )  # fmt: skip
    again = run("build", "--sources", str(tiny), "--out", str(out), "--evidence-config",
                str(evidence))  # fmt: skip
    assert again.exit_code == 0, again.output
    assert run("build", "--sources", str(tiny), "--out", str(reference), "--evidence-config",
               str(evidence)).exit_code == 0  # fmt: skip
    for path in sorted(reference.iterdir()):
        if not path.name.startswith("."):
            assert (out / path.name).read_bytes() == path.read_bytes(), path.name
    left = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    assert left == [LOCK_NAME], left


def test_temporary_files_of_a_killed_build_are_removed(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--sources", str(tiny), "--out", str(out)).exit_code == 0
    stale = out / f"{TEMP_PREFIX}k2graph.nq.abcd.tmp"
    stale.write_bytes(b"x" * 1_000_000)
    assert run("build", "--sources", str(tiny), "--out", str(out)).exit_code == 0
    assert not stale.exists()


# --- 11: links ------------------------------------------------------------------------------


def test_a_document_linked_from_outside_the_sources_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(DOCUMENT, encoding="utf-8")  # the same text: its SHA-256 would match
    sources = make_corpus(tmp_path / "corpus")
    document = sources / "tiny" / "document.txt"
    document.unlink()
    document.symlink_to(secret)
    for command in ("check", "build"):
        stderr = refused(
            run(command, "--sources", str(sources), "--out", str(tmp_path / "out")),
            "is a symbolic link to", "outside the sources folder",
        )  # fmt: skip
        assert "sha256" not in stderr
    assert not (tmp_path / "out").exists()


def test_a_link_inside_the_sources_is_followed(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path / "corpus")
    original = sources / "tiny" / "claims.yaml"
    kept = sources / "tiny" / ".claims-original.yaml"
    original.rename(kept)
    original.symlink_to(kept.name)
    result = run("check", "--sources", str(sources), "--no-exports")
    assert result.exit_code == 0, result.output


def test_a_source_folder_linked_from_outside_is_refused(tmp_path: Path) -> None:
    elsewhere = make_corpus(tmp_path / "elsewhere") / "tiny"
    sources = make_corpus(tmp_path / "corpus")
    (sources / "other").symlink_to(elsewhere, target_is_directory=True)
    refused(
        run("check", "--sources", str(sources), "--no-exports"), "sources/other: is a symbolic link"
    )


def test_a_planted_lock_link_is_never_followed(tiny: Path, tmp_path: Path) -> None:
    out, target = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    (out / LOCK_NAME).symlink_to(target)
    refused(run("build", "--sources", str(tiny), "--out", str(out)), "symbolic link")
    assert not target.exists()


# --- 3 and 10: sizes ------------------------------------------------------------------------


def test_a_690_kb_quote_is_refused_without_a_crash(tmp_path: Path) -> None:
    passage = ("word " * 138_000).strip() + "."
    claims = CLAIMS + (
        "  - key: long\n"
        "    claim: {subject: MK-7, predicate: activates, object: MGP}\n"
        f'    attestation: {{quote: "{passage}", speaker: author, modality: asserted,'
        " basis: none}\n"
    )
    sources = make_corpus(tmp_path, document=DOCUMENT + passage + "\n", claims=claims)
    done = subprocess.run(
        [sys.executable, "-m", "k2graph", "check", "--sources", str(sources), "--no-exports"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    assert "over the limit of 10,000" in done.stderr
    assert len(done.stderr) < 2000  # the quote is not printed back


def test_oversized_files_are_refused_with_their_size(
    tiny: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_DOCUMENT_BYTES", 100)
    refused(run("check", "--sources", str(tiny), "--no-exports"), "document.txt: is ",
            "over the limit")  # fmt: skip


def test_a_records_file_over_the_limit_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    sources = make_corpus(tmp_path)
    claims = sources / "tiny" / "claims.yaml"
    with claims.open("a", encoding="utf-8") as out:
        out.write("# " + "x" * (files.MAX_RECORDS_BYTES + 10) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "k2graph", "check", "--sources", str(sources), "--no-exports"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "claims.yaml: is 67.1 MB, over the limit of 67 MB" in done.stderr


def test_many_failing_records_are_reported_quickly(tmp_path: Path) -> None:
    records = "".join(
        f"  - key: r{i}\n    claim: {{subject: MK-7, predicate: activates, object: MGP}}\n"
        f'    attestation: {{quote: "MK-7 has a half-life of {i} days.", speaker: author,'
        " modality: asserted, basis: none}\n"
        for i in range(5000)
    )
    sources = make_corpus(tmp_path, claims=CLAIMS + records)
    done = subprocess.run(
        [sys.executable, "-m", "k2graph", "check", "--sources", str(sources), "--no-exports"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == 5001
    assert all("quote not found; nearest match at line 3:" in line for line in lines[:-1])


def test_folders_a_killed_store_load_left_are_removed(tiny: Path, tmp_path: Path) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    leftovers = [tmp_path / ".store.tmp-dead1234", tmp_path / ".store.old-dead5678"]
    for folder in leftovers:
        folder.mkdir()
        (folder / LOADING_MARK).touch()
        (folder / "data").write_bytes(b"x" * 100_000)
    stranger = tmp_path / ".store.old-notes"  # named like a leftover, but not one of ours
    stranger.mkdir()
    (stranger / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("build", "--sources", str(tiny), "--out", str(out), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert not any(folder.exists() for folder in leftovers)
    assert (stranger / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert store.is_dir()
    assert not (store / LOADING_MARK).exists()


def test_exports_named_like_a_store_leftover_are_kept(tiny: Path, tmp_path: Path) -> None:
    store, out = tmp_path / "st", tmp_path / ".st.old-exports"
    result = run("build", "--sources", str(tiny), "--out", str(out), "--store", str(store))
    assert result.exit_code == 0, result.output
    assert (out / "k2graph.nq").is_file()
    again = run("build", "--sources", str(tiny), "--out", str(out), "--store", str(store))
    assert again.exit_code == 0, again.output
    assert (out / "k2graph.nq").is_file()


def test_a_planted_journal_cannot_rename_outside_the_exports(tiny: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", "--sources", str(tiny), "--out", str(out)).exit_code == 0
    planted = '{"renames": [[".k2graph-tmp-a", ".."], ["../../x", "k2graph.nq"]]}'
    (out / JOURNAL_NAME).write_text(planted, encoding="utf-8")
    result = run("build", "--sources", str(tiny), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert not (out / JOURNAL_NAME).exists()
    assert (out / "k2graph.nq").is_file()
