"""Exports are written atomically, under a lock, and only when they change."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from k2graph.exports import writer
from k2graph.exports.writer import LockTimeout, build_lock, write_exports


def test_writes_all_files_and_skips_unchanged(tmp_path: Path) -> None:
    changed = write_exports(tmp_path, {"a.txt": "α\n", "b.txt": "b\n"})
    assert [p.name for p in changed] == ["a.txt", "b.txt"]
    assert (tmp_path / "a.txt").read_bytes() == "α\n".encode()
    mtime = (tmp_path / "a.txt").stat().st_mtime_ns
    changed = write_exports(tmp_path, {"a.txt": "α\n", "b.txt": "new\n"})
    assert [p.name for p in changed] == ["b.txt"]
    assert (tmp_path / "a.txt").stat().st_mtime_ns == mtime


def test_files_get_ordinary_permissions(tmp_path: Path) -> None:
    write_exports(tmp_path, {"a.txt": "x"})
    mask = os.umask(0)
    os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_failure_while_staging_leaves_old_files_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_exports(tmp_path, {"a.txt": "old a", "b.txt": "old b"})
    real_fsync = os.fsync
    calls = {"n": 0}

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(writer.os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        write_exports(tmp_path, {"a.txt": "new a", "b.txt": "new b"})
    assert (tmp_path / "a.txt").read_text() == "old a"
    assert (tmp_path / "b.txt").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".k2graph-build.lock", "a.txt", "b.txt"]


def test_a_second_build_waits_for_the_lock(tmp_path: Path) -> None:
    order: list[str] = []
    held = threading.Event()

    def first() -> None:
        with build_lock(tmp_path, timeout=5):
            held.set()
            time.sleep(0.3)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait()
    write_exports(tmp_path, {"a.txt": "second"}, timeout=5)
    order.append("second done")
    thread.join()
    assert order == ["first done", "second done"]


def test_lock_times_out(tmp_path: Path) -> None:
    with build_lock(tmp_path, timeout=5), pytest.raises(LockTimeout):
        write_exports(tmp_path, {"a.txt": "x"}, timeout=0.2)
