"""The on-disk Oxigraph store: `k2graph build --store DIR` writes it, `k2graph sparql --store DIR`
queries it, so a large export is parsed once per build instead of once per query.

A store is built in a temporary sibling folder and swapped in only when complete (the old one
renamed aside, the new one renamed in, the old one deleted), so a failed or interrupted load never
leaves half a store at DIR and never destroys the previous one. A small JSON record in the folder,
`k2graph-store.json`, says which N-Quads it was loaded from (their SHA-256) and how many quads it
holds: a query warns when the export has changed since, and a build whose export is unchanged
keeps the store as it is. The RocksDB files are not byte-deterministic, so a store never goes
inside the exports folder, which is committed.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from importlib.metadata import version
from pathlib import Path

import pyoxigraph as ox

from k2graph.exports.writer import build_lock
from k2graph.problems import display_path
from k2graph.sparql.errors import SparqlError

RECORD_NAME = "k2graph-store.json"
LOADING_MARK = "k2graph-store.loading"  # in a store folder while it is being loaded
_RECORD_FORMAT = 1


class StoreError(SparqlError):
    """A store that cannot be written, opened or used here; `str(err)` is the one line to print."""


@dataclass(frozen=True)
class Record:
    """What `k2graph-store.json` holds. `size` and `mtime_ns` of the N-Quads let a query skip
    hashing them when they are untouched since the load."""

    sha256: str
    quads: int
    size: int
    mtime_ns: int
    k2graph: str
    pyoxigraph: str
    format: int = _RECORD_FORMAT


_RECORD_TYPES = {
    "sha256": str,
    "quads": int,
    "size": int,
    "mtime_ns": int,
    "k2graph": str,
    "pyoxigraph": str,
    "format": int,
}


@dataclass(frozen=True)
class StoreReport:
    """What a build did to the store: `loaded` is False when it already held this export."""

    path: Path
    quads: int
    loaded: bool

    def line(self) -> str:
        state = "loaded" if self.loaded else "unchanged"
        return f"{state} store {display_path(self.path)} ({self.quads:,} quads)"


def check_target(store: Path, out_dir: Path) -> None:
    """Refuse, before anything is built, a store folder that must not be replaced."""
    where = display_path(store)
    refuse_overlap(store, out_dir)
    if store.exists() and not store.is_dir():
        raise StoreError(f"--store {where} is a file, not a folder: give a folder path")
    if store.is_dir() and any(store.iterdir()) and read_record(store) is None:
        raise StoreError(
            f"--store {where} is a folder that is not a k2graph store (no valid {RECORD_NAME});"
            " it is never replaced: give a new or empty folder"
        )


def refuse_overlap(store: Path, out_dir: Path) -> None:
    """Neither folder may hold the other: the store is replaced whole when it is loaded, and
    the exports must stay byte-deterministic (a store is not)."""
    where, exports = display_path(store), display_path(out_dir)
    if store.resolve().is_relative_to(out_dir.resolve()):
        raise StoreError(
            f"--store {where} is inside the exports folder {exports}, which must"
            " stay byte-deterministic (a store is not): put the store elsewhere,"
            " e.g. --store .k2graph-store"
        )
    if out_dir.resolve().is_relative_to(store.resolve()):
        raise StoreError(
            f"--store {where} holds the exports folder {exports}, and a store is replaced whole"
            " when it is loaded, which would delete the exports: give the store a folder of"
            " its own, e.g. --store .k2graph-store"
        )


def load(nquads: Path, store: Path, out_dir: Path) -> StoreReport:
    """Load `nquads` into a new store swapped in at `store`, unless it already holds them.

    Holds the exports' build lock, so no build rewrites the N-Quads while they are hashed and
    loaded. Raises `StoreError` when the store cannot be written.
    """
    refuse_overlap(store, out_dir)  # again here: the folders may have changed since the check
    try:
        with build_lock(out_dir, timeout=60.0):
            record = _fingerprint(nquads)
            current = read_record(store)
            if current is not None and _same_load(current, record):
                return StoreReport(store, current.quads, loaded=False)
            store.parent.mkdir(parents=True, exist_ok=True)
            _remove_leftovers(store, out_dir)
            temp = Path(tempfile.mkdtemp(dir=store.parent, prefix=f"{_hidden(store.name)}.tmp-"))
            (temp / LOADING_MARK).touch()  # a folder of ours, if this load is killed
            try:
                os.chmod(temp, 0o777 & ~_umask())  # mkdtemp's 0700 would outlive the swap
                record = replace(record, quads=_bulk_load(nquads, temp))
                _write_record(temp, record)
                (temp / LOADING_MARK).unlink()
                _swap(temp, store)
            finally:
                shutil.rmtree(temp, ignore_errors=True)  # gone already once swapped in
    except OSError as err:
        reason = err.strerror or " ".join(str(err).split())
        raise StoreError(f"cannot write the store {display_path(store)}: {reason}") from None
    except SyntaxError as err:
        raise StoreError(f"cannot load {display_path(nquads)} into the store: {err}") from None
    return StoreReport(store, record.quads, loaded=True)


def check_for_query(store: Path, nquads: Path) -> str | None:
    """Refuse a folder that is not a store; return a one-line warning when `nquads` exists and
    differs from what the store was loaded from."""
    where = display_path(store)
    record = read_record(store) if store.is_dir() else None
    if record is None:
        missing = "not found" if not store.exists() else "is not a k2graph store"
        raise StoreError(
            f"--store {where} {missing}: build one with `k2graph build --store {where}`"
        )
    if not nquads.is_file():
        return None
    stat = nquads.stat()
    if (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns):
        return None
    if stat.st_size == record.size and _sha256(nquads) == record.sha256:
        return None
    return (
        f"warning: the store {where} is stale (it was not loaded from the current"
        f" {display_path(nquads)}): rebuild it with `k2graph build --store {where}`"
    )


def open_read_only(store: Path) -> ox.Store:
    """The store opened for reading only (in the query worker)."""
    try:
        return ox.Store.read_only(str(store))
    except OSError as err:
        where = display_path(store)
        raise StoreError(
            f"cannot open the store {where} ({' '.join(str(err).split())}):"
            f" rebuild it with `k2graph build --store {where}`"
        ) from None


def read_record(store: Path) -> Record | None:
    """The store's record, or None when there is none or it is not one this version wrote."""
    try:
        data = json.loads((store / RECORD_NAME).read_text(encoding="utf-8"))
        record = Record(**data)
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        return None
    types = {name: type(value) for name, value in asdict(record).items()}
    if types != _RECORD_TYPES or record.format != _RECORD_FORMAT:
        return None
    return record


def _same_load(record: Record, wanted: Record) -> bool:
    # A new pyoxigraph may write another on-disk layout: reload rather than trust the old one.
    return (record.sha256, record.pyoxigraph) == (wanted.sha256, wanted.pyoxigraph)


def _fingerprint(nquads: Path) -> Record:
    """The record of a load of `nquads`, but for the quad count, known only once loaded."""
    stat = nquads.stat()
    return Record(
        sha256=_sha256(nquads),
        quads=0,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        k2graph=version("k2graph"),
        pyoxigraph=ox.__version__,
    )


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _bulk_load(nquads: Path, folder: Path) -> int:
    """Load into a fresh store in `folder`; close it (releasing RocksDB's lock) before returning,
    failure included, so the folder can be moved or deleted."""
    store = ox.Store(str(folder))
    try:
        store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
        store.flush()
        return len(store)
    finally:
        del store


def _write_record(folder: Path, record: Record) -> None:
    # On disk before the swap: a store whose record is lost would be refused as a stranger's.
    with (folder / RECORD_NAME).open("w", encoding="utf-8") as handle:
        handle.write(json.dumps(asdict(record), indent=2, sort_keys=True) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _swap(new: Path, store: Path) -> None:
    """Put the complete store `new` at `store`; the previous one is deleted only once replaced."""
    if not store.exists():
        os.rename(new, store)
        return
    old = store.with_name(f"{_hidden(store.name)}.old-{secrets.token_hex(4)}")
    os.rename(store, old)
    try:
        os.rename(new, store)
    except BaseException:
        os.rename(old, store)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(store: Path, out_dir: Path) -> None:
    """Remove the folders a killed load left beside the store (a half-loaded new one, or the
    previous one it was swapping out): only folders marked as ours, never the exports or a
    folder holding them, whatever they are called. Called under the build lock."""
    exports = out_dir.resolve()
    for pattern in (f"{_hidden(store.name)}.tmp-*", f"{_hidden(store.name)}.old-*"):
        for leftover in store.parent.glob(pattern):
            if leftover.is_symlink() or not leftover.is_dir():
                continue
            if exports.is_relative_to(leftover.resolve()):
                continue
            if (leftover / LOADING_MARK).is_file() or read_record(leftover) is not None:
                shutil.rmtree(leftover, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _hidden(name: str) -> str:
    return name if name.startswith(".") else f".{name}"
