"""The one place that writes files: atomically, under a build lock.

Each export is written (the large ones streamed) to a temporary file in the output folder and
renamed over the old one, so a reader never sees half a file and a failed build leaves the
previous exports intact. A lock file in the output folder makes a second build wait for the first,
so two builds never mix outputs. Files whose content is unchanged are not rewritten.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

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


@dataclass(frozen=True)
class Producer:
    """Writes one or more files in one pass: `write` gets an open text handle per name."""

    names: tuple[str, ...]
    write: Callable[[Mapping[str, TextIO]], None]


def text_producer(name: str, text: str) -> Producer:
    def write(handles: Mapping[str, TextIO]) -> None:
        handles[name].write(text)

    return Producer((name,), write)


def produce(folder: Path, producers: Sequence[Producer], prefix: str = ".") -> dict[str, Path]:
    """Run every producer into fresh temporary files in `folder`; return them by name. On failure
    the temporary files are removed and the error propagates."""
    staged: dict[str, Path] = {}
    try:
        for producer in producers:
            with contextlib.ExitStack() as stack:
                handles: dict[str, TextIO] = {}
                for name in producer.names:
                    fd, path = tempfile.mkstemp(
                        dir=folder, prefix=f"{prefix}{name}.", suffix=".tmp"
                    )
                    staged[name] = Path(path)  # before writing, so a failure still cleans up
                    handles[name] = stack.enter_context(
                        open(fd, "w", encoding="utf-8", newline="", buffering=1 << 20)
                    )
                producer.write(handles)
                for handle in handles.values():
                    handle.flush()
                    os.fsync(handle.fileno())
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    return staged


def same_file(a: Path, b: Path) -> bool:
    return b.is_file() and filecmp.cmp(a, b, shallow=False)


def write_exports(folder: Path, files: Mapping[str, str], *, timeout: float = 60.0) -> list[Path]:
    """Write every file of `files` into `folder` atomically; return the paths that changed."""
    producers = [text_producer(name, text) for name, text in sorted(files.items())]
    return write_produced(folder, producers, timeout=timeout)


def write_produced(
    folder: Path, producers: Sequence[Producer], *, timeout: float = 60.0
) -> list[Path]:
    """Write every producer's files into `folder` atomically; return the paths that changed."""
    folder.mkdir(parents=True, exist_ok=True)
    changed: list[Path] = []
    with build_lock(folder, timeout):
        staged = produce(folder, producers)
        try:
            for temp in staged.values():
                os.chmod(temp, _file_mode())
            # Rename only once every file is staged: a failure above leaves the old set whole.
            for name, temp in sorted(staged.items()):
                final = folder / name
                if same_file(temp, final):
                    continue
                os.replace(temp, final)
                changed.append(final)
        finally:
            for temp in staged.values():
                temp.unlink(missing_ok=True)
    return changed
