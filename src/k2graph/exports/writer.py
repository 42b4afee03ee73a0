"""The one place that writes files: atomically, under a build lock.

Each export is written (the large ones streamed) to a temporary file in the output folder and
renamed over the old one, so a reader never sees half a file and a failed build leaves the
previous exports intact. A lock file in the output folder makes a second build wait for the first,
so two builds never mix outputs. Files whose content is unchanged are not rewritten.

The renames happen all or none: once every file is staged, the list of renames is written to a
journal (`JOURNAL_NAME`, itself renamed into place), then carried out, then the journal removed.
A build killed in between leaves the journal, and the next writer to take the lock finishes the
renames before anything else (`recover`); `check` reports such a folder. Temporary files a killed
build left behind are removed by the next writer too. The lock file is opened without following
a symbolic link, so a planted link cannot make a build create or truncate another file.
"""

from __future__ import annotations

import contextlib
import errno
import filecmp
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

LOCK_NAME = ".k2graph-build.lock"
JOURNAL_NAME = ".k2graph-build.journal"
TEMP_PREFIX = ".k2graph-tmp-"  # every temporary file a writer makes in the output folder

try:  # POSIX; elsewhere the lock falls back to an exclusive-create file.
    import fcntl
except ImportError:  # pragma: no cover - exercised only on Windows
    fcntl = None  # type: ignore[assignment]


class LockTimeout(Exception):
    """Another build held the output folder for longer than the timeout."""


class UnsafeLock(OSError):
    """The lock file is a symbolic link: it is never followed."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            errno.ELOOP, f"{path.name} is a symbolic link, which a build never follows: remove it"
        )


@contextlib.contextmanager
def build_lock(folder: Path, timeout: float) -> Iterator[None]:
    """Hold the output folder's build lock; raise `LockTimeout` after `timeout` seconds."""
    path = folder / LOCK_NAME
    deadline = time.monotonic() + timeout
    if fcntl is None:  # pragma: no cover
        yield from _exclusive_file_lock(path, deadline)
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
    except OSError as err:
        if path.is_symlink():
            raise UnsafeLock(path) from None
        raise err from None
    with open(fd, "a+b") as handle:
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


def produce(
    folder: Path, producers: Sequence[Producer], prefix: str = TEMP_PREFIX
) -> dict[str, Path]:
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
        recover(folder)
        staged = produce(folder, producers)
        try:
            for temp in staged.values():
                os.chmod(temp, _file_mode())
            renames = [
                (temp, folder / name)
                for name, temp in sorted(staged.items())
                if not same_file(temp, folder / name)
            ]
            # Rename only once every file is staged: a failure above leaves the old set whole.
            _rename_all(folder, renames)
            changed = [final for _, final in renames]
        finally:
            for temp in staged.values():
                temp.unlink(missing_ok=True)
    return changed


def _rename_all(folder: Path, renames: Sequence[tuple[Path, Path]]) -> None:
    """Carry out `renames` all or none: journalled first, so a kill midway is finished later."""
    if not renames:
        return
    journal = {"renames": [[temp.name, final.name] for temp, final in renames]}
    fd, temp_journal = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=".journal")
    with open(fd, "w", encoding="utf-8") as handle:
        json.dump(journal, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp_journal, folder / JOURNAL_NAME)
    _sync_folder(folder)
    for temp, final in renames:
        os.replace(temp, final)
    _sync_folder(folder)
    (folder / JOURNAL_NAME).unlink()


def recover(folder: Path) -> None:
    """Finish the renames of a build that was killed midway, and remove the temporary files
    killed builds left. Call it holding the build lock."""
    journal = folder / JOURNAL_NAME
    if journal.is_file() and not journal.is_symlink():
        try:
            pairs = json.loads(journal.read_text(encoding="utf-8"))["renames"]
        except (ValueError, KeyError, TypeError):
            pairs = []  # a journal cut short was never renamed into place: not ours
        for pair in pairs if isinstance(pairs, list) else []:
            if _journalled(pair):
                temp, final = folder / pair[0], folder / pair[1]
                if temp.is_file() and not temp.is_symlink():
                    os.replace(temp, final)
        _sync_folder(folder)
        journal.unlink()
    for stale in folder.glob(f"{TEMP_PREFIX}*"):
        if stale.is_file() or stale.is_symlink():
            stale.unlink(missing_ok=True)


def _journalled(pair: object) -> bool:
    """A rename a build of ours could have journalled: one of our temporary files to a plain
    file name in the same folder (a planted journal must not move anything else)."""
    if not isinstance(pair, list) or len(pair) != 2 or not all(isinstance(n, str) for n in pair):
        return False
    temp, final = pair
    plain = all(n == Path(n).name and n not in ("", ".", "..") for n in pair)
    return plain and temp.startswith(TEMP_PREFIX) and not final.startswith(".")


def interrupted(folder: Path) -> bool:
    """Whether a build was killed while renaming its files into `folder`."""
    return (folder / JOURNAL_NAME).is_file()


def _sync_folder(folder: Path) -> None:
    """Make the folder's new entries durable (a rename is only as safe as its directory)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - a platform that cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - a file system that cannot sync folders
        pass
    finally:
        os.close(fd)
