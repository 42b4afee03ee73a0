"""The on-disk Oxigraph store: `k2graph build --store DIR` and `k2graph sparql --store DIR`."""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner, Result
from conftest import SOURCES
from sparql_support import ENGINES, write_nquads

from k2graph import __version__
from k2graph.cli import main
from k2graph.sparql import bindings, engines, guard, named
from k2graph.sparql import store as store_module
from k2graph.sparql.answer import Row
from k2graph.sparql.errors import QueryTimeout
from k2graph.sparql.store import RECORD_NAME, StoreError
from k2graph.workflow import sparql as api

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EVERY_ROW = 1_000_000
ID = "https://w3id.org/k2graph/id/"
# On the seed corpus these two run bound, as docs/rdf.md runs them (unbound, the first takes
# seconds in memory and many more on disk); the fixture export runs every query unbound.
SEED_BINDS = {
    "claims-about-entity": f"entity=<{ID}entity/matrix-gla-protein>",
    "claims-by-source": f"source=<{ID}source/knowguff-mk7-reverses-calcification>",
}


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def record(store: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((store / RECORD_NAME).read_text(encoding="utf-8"))
    return loaded


def siblings(store: Path) -> list[str]:
    """What else a load left next to the store: temporary or old folders."""
    return sorted(p.name for p in store.parent.iterdir() if p.name.startswith(f".{store.name}."))


def sorted_rows(found: list[Row]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True) for row in found)


def query(source: ox.Store | Any, engine: str, name: str, binds: tuple[str, ...] = ()) -> list[str]:
    """A named query's rows, every one of them, run in this process."""
    checked = guard.check(named.text(name))
    bound = bindings.resolve(binds, checked)
    if engine == "rdflib":
        answer = engines.query_rdflib(source, checked, bound, EVERY_ROW)
    else:
        answer = engines.query_oxigraph(source, checked, bound, EVERY_ROW)
    assert not answer.truncated
    return sorted_rows(answer.rows)


# --- the seed corpus, built with --store -----------------------------------------------------


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Result]:
    """(exports folder, store folder, the build's result) of the committed corpus."""
    root = tmp_path_factory.mktemp("seed")
    out, store = root / "exports", root / "store"
    built = invoke("build", "--sources", str(SOURCES), "--out", str(out), "--store", str(store))
    return out, store, built


def test_build_with_store_loads_every_quad_and_records_the_export(
    seed: tuple[Path, Path, Result],
) -> None:
    out, store, built = seed
    assert built.exit_code == 0, built.output
    nquads = out / "k2graph.nq"
    lines = nquads.read_bytes().count(b"\n")
    assert built.stdout.splitlines()[-1] == f"loaded store {store} ({lines:,} quads)"
    written = record(store)
    assert written["sha256"] == hashlib.sha256(nquads.read_bytes()).hexdigest()
    assert written["quads"] == lines
    assert written["k2graph"] == __version__
    assert written["pyoxigraph"] == ox.__version__
    assert siblings(store) == []
    assert not any(p.name.startswith(".") and "store" in p.name for p in out.iterdir())


@pytest.mark.parametrize("name", named.names())
def test_named_query_gives_the_same_rows_on_the_store_as_on_the_nquads(
    seed: tuple[Path, Path, Result], name: str
) -> None:
    out, store, _ = seed
    binds = (SEED_BINDS[name],) if name in SEED_BINDS else ()
    on_store = query(store_module.open_read_only(store), "oxigraph", name, binds)
    on_nquads = query(_in_memory(out / "k2graph.nq"), "oxigraph", name, binds)
    assert on_store, f"{name} found nothing in the seed corpus"
    assert on_store == on_nquads


_LOADED: dict[Path, ox.Store] = {}


def _in_memory(nquads: Path) -> ox.Store:
    if nquads not in _LOADED:
        _LOADED[nquads] = engines.load_oxigraph(nquads)
    return _LOADED[nquads]


def test_the_command_gives_the_same_output_with_and_without_the_store(
    seed: tuple[Path, Path, Result],
) -> None:
    out, store, _ = seed
    common = ["sparql", "--named", "conflicts", "--data", str(out / "k2graph.nq"), "--limit", "3"]
    on_store = invoke(*common, "--store", str(store), "--format", "csv")
    on_nquads = invoke(*common, "--format", "csv")
    assert on_store.exit_code == 0, on_store.output
    assert on_store.stdout == on_nquads.stdout
    assert on_store.stderr == on_nquads.stderr  # the truncation note, and no stale warning
    assert on_store.stderr.startswith("showing 3 of at least 4 rows")


def test_timeout_stops_a_runaway_query_on_the_store(seed: tuple[Path, Path, Result]) -> None:
    _, store, _ = seed
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"query stopped after 1 s \(--timeout\)"):
        api.run(api.Request(query=CARTESIAN, engine="oxigraph", store=store, timeout=1))
    assert time.monotonic() - started < 10


# --- the fixture export (small): engines, staleness ------------------------------------------


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "exports"
    folder.mkdir()
    return write_nquads(folder)


@pytest.fixture
def loaded(data: Path, tmp_path: Path) -> Path:
    report = store_module.load(data, tmp_path / "store", data.parent)
    assert report.loaded
    return report.path


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", named.names())
def test_named_query_on_the_store_matches_both_engines(
    data: Path, loaded: Path, engine: str, name: str
) -> None:
    import warnings

    with warnings.catch_warnings():  # rdflib's own Dataset internals warn
        warnings.simplefilter("ignore", DeprecationWarning)
        source = engines.load_rdflib(data) if engine == "rdflib" else engines.load_oxigraph(data)
        on_nquads = query(source, engine, name)
    assert query(store_module.open_read_only(loaded), "oxigraph", name) == on_nquads


def test_a_stale_store_is_queried_with_a_warning(data: Path, loaded: Path) -> None:
    assert store_module.check_for_query(loaded, data) is None
    os.utime(data, ns=(0, 0))  # same bytes, touched: hashed, still fresh
    assert store_module.check_for_query(loaded, data) is None
    data.write_bytes(data.read_bytes() + b"<urn:x:a> <urn:x:b> <urn:x:c> .\n")
    stale = invoke(
        "sparql", "ASK { ?c a k2:Conflict }", "--store", str(loaded), "--data", str(data)
    )
    assert stale.exit_code == 0
    assert stale.stdout == "true\n"
    assert stale.stderr == (
        f"warning: the store {loaded} is stale (it was not loaded from the current {data}):"
        f" rebuild it with `k2graph build --store {loaded}`\n"
    )
    # Rebuilt, the store holds the new quad and is fresh again.
    again = store_module.load(data, loaded, data.parent)
    assert again.loaded
    assert again.quads == record(loaded)["quads"] == data.read_bytes().count(b"\n")
    assert store_module.check_for_query(loaded, data) is None


def test_no_warning_when_the_nquads_are_absent(loaded: Path, tmp_path: Path) -> None:
    absent = str(tmp_path / "absent.nq")
    result = invoke("sparql", "ASK { ?c a k2:Conflict }", "--store", str(loaded), "--data", absent)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "true\n", "")


def test_an_unchanged_export_keeps_the_store(data: Path, loaded: Path) -> None:
    before = (loaded.stat().st_ino, record(loaded))
    report = store_module.load(data, loaded, data.parent)
    assert not report.loaded
    assert report.line() == f"unchanged store {loaded} ({before[1]['quads']:,} quads)"
    assert (loaded.stat().st_ino, record(loaded)) == before


# --- atomicity ---------------------------------------------------------------------------------


class FailingStore:
    """A real store whose bulk load writes part of the data, then fails with `error`."""

    error: BaseException = OSError(28, "No space left on device")
    real = ox.Store

    def __init__(self, path: str) -> None:
        self.inner = FailingStore.real(path)

    def bulk_load(self, **_: object) -> None:
        self.inner.bulk_load(b"<urn:x:a> <urn:x:b> <urn:x:c> .\n", ox.RdfFormat.N_QUADS)
        self.inner.flush()
        raise self.error


def assert_intact(store: Path, before: dict[str, Any]) -> None:
    assert record(store) == before
    assert len(store_module.open_read_only(store)) == before["quads"]
    assert siblings(store) == []


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_failed_load_keeps_the_previous_store_and_leaves_no_temporary_folder(
    data: Path, loaded: Path, monkeypatch: pytest.MonkeyPatch, error: BaseException
) -> None:
    before = record(loaded)
    data.write_bytes(data.read_bytes() + b"<urn:x:a> <urn:x:b> <urn:x:d> .\n")
    monkeypatch.setattr(FailingStore, "error", error)
    monkeypatch.setattr(store_module.ox, "Store", FailingStore)
    with pytest.raises(StoreError if isinstance(error, OSError) else KeyboardInterrupt):
        store_module.load(data, loaded, data.parent)
    monkeypatch.undo()
    assert_intact(loaded, before)


def test_a_failed_swap_puts_the_previous_store_back(
    data: Path, loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = record(loaded)
    data.write_bytes(data.read_bytes() + b"<urn:x:a> <urn:x:b> <urn:x:d> .\n")
    real_rename = os.rename

    def rename(source: Path, target: Path) -> None:
        if Path(source).name.startswith(".store.tmp-"):
            raise OSError(5, "Input/output error")
        real_rename(source, target)

    monkeypatch.setattr(store_module.os, "rename", rename)
    with pytest.raises(StoreError, match=r"cannot write the store .*: Input/output error"):
        store_module.load(data, loaded, data.parent)
    monkeypatch.undo()
    assert_intact(loaded, before)


def test_build_reports_a_failed_load_in_one_line(
    tiny: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert invoke("build", "--store", "kg-store").exit_code == 0
    before = record(in_tmp / "kg-store")
    before_text = (in_tmp / "kg-store" / RECORD_NAME).read_text(encoding="utf-8")
    (in_tmp / "kg-store" / RECORD_NAME).write_text(  # as if loaded from another export
        before_text.replace(before["sha256"], "0" * 64), encoding="utf-8"
    )
    monkeypatch.setattr(store_module.ox, "Store", FailingStore)
    result = invoke("build", "--store", "kg-store")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == "cannot write the store kg-store: No space left on device\n"
    assert_intact(in_tmp / "kg-store", {**before, "sha256": "0" * 64})


# --- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("store", "message"),
    [
        ("exports/store", "--store exports/store is inside the exports folder exports, which"),
        ("exports", "--store exports is inside the exports folder exports"),
        ("a-file", "--store a-file is a file, not a folder: give a folder path"),
        ("notes", "--store notes is a folder that is not a k2graph store (no valid k2graph-store"),
    ],
)
def test_build_refuses_a_store_folder_it_must_not_replace(
    tiny: Path, in_tmp: Path, store: str, message: str
) -> None:
    (in_tmp / "a-file").write_text("keep me\n", encoding="utf-8")
    (in_tmp / "notes").mkdir()
    (in_tmp / "notes" / "todo.txt").write_text("keep me\n", encoding="utf-8")
    result = invoke("build", "--store", store)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (in_tmp / "exports").exists()  # refused before anything is written
    assert (in_tmp / "a-file").read_text(encoding="utf-8") == "keep me\n"
    assert (in_tmp / "notes" / "todo.txt").read_text(encoding="utf-8") == "keep me\n"


def test_build_into_an_empty_folder_and_the_documented_place(tiny: Path, in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    for store in ("empty", ".k2graph-store"):
        result = invoke("build", "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1].startswith(f"loaded store {store} (")
        assert siblings(in_tmp / store) == []
    again = invoke("build", "--store", ".k2graph-store")
    assert again.stdout.splitlines()[-1].startswith("unchanged store .k2graph-store (")


def broken_stores(root: Path) -> None:
    (root / "empty").mkdir()
    (root / "no-record").mkdir()
    (root / "no-record" / "CURRENT").write_text("MANIFEST-000005\n", encoding="utf-8")
    (root / "bad-json").mkdir()
    (root / "bad-json" / RECORD_NAME).write_text("{not json", encoding="utf-8")
    (root / "bad-record").mkdir()
    (root / "bad-record" / RECORD_NAME).write_text('{"format": 1}', encoding="utf-8")
    (root / "not-rocksdb").mkdir()
    good = {"sha256": "0" * 64, "quads": 1, "size": 1, "mtime_ns": 1, "format": 1}
    good |= {"k2graph": __version__, "pyoxigraph": ox.__version__}
    (root / "not-rocksdb" / RECORD_NAME).write_text(json.dumps(good), encoding="utf-8")
    (root / "a-file").write_text("x\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--store", "missing"], "--store missing not found: build one with `k2graph build"),
        (["--store", "empty"], "--store empty is not a k2graph store: build one with"),
        (["--store", "no-record"], "--store no-record is not a k2graph store"),
        (["--store", "bad-json"], "--store bad-json is not a k2graph store"),
        (["--store", "bad-record"], "--store bad-record is not a k2graph store"),
        (["--store", "a-file"], "--store a-file is not a k2graph store"),
        (["--store", "not-rocksdb"], "cannot open the store not-rocksdb ("),
        (
            ["--store", "missing", "--engine", "rdflib"],
            "--store is an Oxigraph store: it cannot run on --engine rdflib",
        ),
        (
            ["--store", "missing", "--endpoint", "http://127.0.0.1:9/query"],
            "--store and --endpoint name two different stores",
        ),
        # The query is refused before the store is even looked at.
        (["--store", "missing", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"], "update requests"),
    ],
)
def test_sparql_store_errors_are_one_line_with_status_1(
    in_tmp: Path, args: list[str], message: str
) -> None:
    broken_stores(in_tmp)
    query = [] if any(a.startswith("INSERT") for a in args) else ["ASK {}"]
    result = invoke("sparql", *query, *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output
    assert not (in_tmp / "missing").exists()
    assert sorted(p.name for p in (in_tmp / "empty").iterdir()) == []
