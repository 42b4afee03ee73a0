"""Our own YAML checks decide before the parser's, on the oldest PyYAML we allow and the newest.

PyYAML 6.0.4 bundles a libyaml that stops deep flow nesting with its own, vaguer error; a fresh
clone must give our documented message whichever release it installs. The oldest release is the
floor of our range in `pyproject.toml`, installed for this test into a folder of its own, and the
checks run in a child process that imports it ahead of the installed one.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

# Each case: a text, and the start of the message with its line ("ok" when it is accepted).
CASES = {
    "dense flow sequences": ("records: " + "[" * 5000, "1: nesting deeper than 32 levels"),
    "dense flow mappings": ("a: " + "{a: " * 5000, "1: nesting deeper than 32 levels"),
    "JSON nested too deep": ("[" * 5000 + "]" * 5000, "1: nesting deeper than 32 levels"),
    "flow sequences, one a line": ("a:\n" + "  [\n" * 50, "33: nesting deeper than 32 levels"),
    "block mappings": (
        "".join(" " * i + f"k{i}:\n" for i in range(100)),
        "32: nesting deeper than 32 levels",
    ),
    "block sequences on one line": ("- " * 5000 + "x\n", "1: nesting deeper than 32 levels"),
    "nesting at the limit": ("a: " + "[" * 30 + "]" * 30, "ok"),
    "an ordinary syntax error": ("a: [1, 2\nb: 3\n", "2: YAML syntax error"),
}

_PROBE = """
import json, sys, yaml
from k2graph.corpus.strict_yaml import YamlProblem, parse_yaml
cases = json.loads(sys.stdin.read())
out = {"version": yaml.__version__, "libyaml": hasattr(yaml, "CSafeLoader"), "results": {}}
for name, text in cases.items():
    for pure in (False, True):
        try:
            parse_yaml(text, pure_python=pure)
            said = "ok"
        except YamlProblem as problem:
            said = f"{problem.line}: {problem.message}"
        out["results"][f"{name} (pure={pure})"] = said
print(json.dumps(out))
"""


def oldest_allowed() -> str:
    """The floor of the PyYAML range in pyproject.toml."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"PyYAML>=([0-9.]+),', text)
    assert found, "pyproject.toml must give PyYAML a range with a floor"
    return found.group(1)


@pytest.fixture(scope="module")
def oldest_pyyaml(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pyyaml-oldest")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    done = subprocess.run(
        [*pip, "--target", str(target), f"PyYAML=={oldest_allowed()}"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"could not install the oldest PyYAML we allow:\n{done.stderr}"
    return target


def probe(extra_path: Path | None) -> dict[str, object]:
    env_path = [str(extra_path)] if extra_path else []
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        input=json.dumps({name: text for name, (text, _) in CASES.items()}),
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": ":".join([*env_path, str(ROOT / "src")]), "PATH": ""},
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def assert_our_messages(result: dict[str, object]) -> None:
    said = result["results"]
    assert isinstance(said, dict)
    for name, (_, expected) in CASES.items():
        for pure in (False, True):
            assert said[f"{name} (pure={pure})"].startswith(expected), (name, pure, said)


def test_the_installed_release_gives_our_messages() -> None:
    result = probe(None)
    assert result["libyaml"], "the installed PyYAML should have libyaml (the fast path)"
    assert_our_messages(result)


def test_the_oldest_release_we_allow_gives_the_same_messages(oldest_pyyaml: Path) -> None:
    result = probe(oldest_pyyaml)
    assert result["version"] == oldest_allowed()
    assert result["libyaml"]
    assert_our_messages(result)
