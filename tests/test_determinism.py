"""Same sources, same bytes: rebuilding, reordering files or records changes nothing."""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from conftest import EXPORTS, SOURCES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from k2graph.corpus.strict_yaml import parse_yaml
from k2graph.exports.registry import render_all
from k2graph.pipeline import build_graph
from k2graph.workflow.build import build


class _NoAliasDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _rewrite(path: Path, shuffle: Any) -> None:
    data = parse_yaml(path.read_text(encoding="utf-8")).data
    shuffle(data)
    text = yaml.dump(data, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=200)
    path.write_text(text, encoding="utf-8")


def shuffled_copy(source: Path, target: Path, rng: random.Random) -> Path:
    """Copy `source` with every list of records, entities, works, speakers and conflicts
    shuffled, conflict sides swapped at random, and folders created in a random order."""
    folders = [p for p in source.iterdir() if p.is_dir()]
    rng.shuffle(folders)
    target.mkdir()
    for folder in folders:
        shutil.copytree(folder, target / folder.name)
    for name in ("entities.yaml", "conflicts.yaml", "README.md"):
        shutil.copy(source / name, target / name)

    def shuffle_key(key: str) -> Any:
        def apply(data: dict[str, Any]) -> None:
            rng.shuffle(data[key])
            for item in data[key]:
                if key == "conflicts" and rng.random() < 0.5:
                    item["a"], item["b"] = item["b"], item["a"]
                if key == "entities" and item.get("synonyms"):
                    rng.shuffle(item["synonyms"])

        return apply

    def shuffle_source(data: dict[str, Any]) -> None:
        rng.shuffle(data["speakers"])
        rng.shuffle(data["works"])

    _rewrite(target / "entities.yaml", shuffle_key("entities"))
    _rewrite(target / "conflicts.yaml", shuffle_key("conflicts"))
    for folder in folders:
        _rewrite(target / folder.name / "claims.yaml", shuffle_key("records"))
        _rewrite(target / folder.name / "source.yaml", shuffle_source)
    return target


REFERENCE = render_all(build_graph(SOURCES))


@settings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_shuffled_sources_give_byte_identical_exports(seed: int, tmp_path_factory: Any) -> None:
    target = tmp_path_factory.mktemp("shuffled") / "sources"
    shuffled_copy(SOURCES, target, random.Random(seed))
    assert render_all(build_graph(target)) == REFERENCE


def test_building_twice_gives_byte_identical_files(tmp_path: Path) -> None:
    build(SOURCES, tmp_path / "one")
    first = {p.name: p.read_bytes() for p in (tmp_path / "one").glob("k2graph.*")}
    build(SOURCES, tmp_path / "one")
    build(SOURCES, tmp_path / "two")
    again = {p.name: p.read_bytes() for p in (tmp_path / "one").glob("k2graph.*")}
    other = {p.name: p.read_bytes() for p in (tmp_path / "two").glob("k2graph.*")}
    assert first == again == other


def test_committed_exports_are_up_to_date() -> None:
    for name, text in REFERENCE.items():
        committed = EXPORTS / name
        assert committed.is_file(), f"{committed} is missing: run `k2graph build`"
        assert committed.read_bytes() == text.encode("utf-8"), (
            f"{committed} is stale: run `k2graph build` and commit exports/"
        )
