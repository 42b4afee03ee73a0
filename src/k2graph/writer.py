"""The one place that writes files: atomically, under a build lock.

Each export is written to a temporary file in the output folder and renamed over the old one, so a
reader never sees half a file and a failed build leaves the previous exports intact. A lock file in
the output folder makes a second build wait for the first, so two builds never mix outputs. Files
whose content is unchanged are not rewritten.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

LOCK_NAME = ".k2graph-build.lock"

try:  # POSIX; elsewhere the lock falls back to an exclusive-create file.
    import fcntl
except ImportError:  # pragma: no cover - exercised only on Windows
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another build held the output folder for longer than the timeout."""


@contextlib.contextmanager
def build_lock(folder: Path, timeout: float) -> Iterator[None]:
    """Hold the output folder's build lock; raise `LockTimeout` after `timeout` seconds."""
    path = folder / LOCK_NAME
    deadline = time.monotonic() + timeout
    if fcntl is None:  # pragma: no cover
        yield from _exclusive_file_lock(path, deadline)
        return
    with open(path, "a+b") as handle:
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(str(path)) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _exclusive_file_lock(path: Path, deadline: float) -> Iterator[None]:  # pragma: no cover
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            break
        except FileExistsError:
            if time.monotonic() >= deadline:
                raise LockTimeout(str(path)) from None
            time.sleep(0.05)
    try:
        yield
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)


def _file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_exports(folder: Path, files: Mapping[str, str], *, timeout: float = 60.0) -> list[Path]:
    """Write every file of `files` into `folder` atomically; return the paths that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[Path] = []
    with build_lock(folder, timeout):
        staged: list[tuple[str, Path]] = []
        try:
            for name, text in sorted(files.items()):
                final = folder / name
                data = text.encode("utf-8")
                if final.is_file() and final.read_bytes() == data:
                    continue
                fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
                staged.append((temp, final))  # before writing, so a failure still cleans up
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(temp, _file_mode())
            # Rename only once every file is staged: a failure above leaves the old set whole.
            for temp, final in staged:
                os.replace(temp, final)
                changed.append(final)
        finally:
            for temp, _ in staged:
                Path(temp).unlink(missing_ok=True)
    return changed
