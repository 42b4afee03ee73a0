"""The strict YAML reader refuses what makes YAML surprising, with a line and a fix."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from k2graph.corpus.strict_yaml import MAX_DEPTH, YamlProblem, parse_yaml


def test_plain_values_resolve_by_the_strict_rule() -> None:
    doc = parse_yaml('a: "no"\nb: 2012-05-22\nc: 1.5\nd: [1, true, ~, text]\ne: -3\n')
    assert doc.data == {
        "a": "no",
        "b": "2012-05-22",
        "c": 1.5,
        "d": [1, True, None, "text"],
        "e": -3,
    }


def test_every_value_has_its_line() -> None:
    doc = parse_yaml("top:\n  - name: x\n    deep:\n      key: 1\n")
    assert doc.line_of(("top", 0, "name")) == 2
    assert doc.line_of(("top", 0, "deep", "key")) == 4
    assert doc.line_of(("top", 0, "missing")) == 2  # nearest existing ancestor


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: 1\nb: no\n", 2, "unquoted 'no' is read as a boolean"),
        ("a: Yes\n", 1, "unquoted 'Yes'"),
        ("a: 012\n", 1, "leading zero"),
        ("a: 12:30:00\n", 1, "sexagesimal"),
        ("a: 0x1F\n", 1, "hexadecimal"),
        ("a: 1_000\n", 1, "underscores"),
        ("a: .inf\n", 1, "infinite"),
        ("a: &anchor 1\nb: 2\n", 1, "anchor '&anchor' is not allowed"),
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a' (first at line 1)"),
        ("a: !!python/object:os.system x\n", 1, "explicit tag"),
        ("a: !!set {x}\n", 1, "explicit tag"),
        ("a: [1, 2\n", 2, "YAML syntax error"),
        ("a: b: c\n", 1, "YAML syntax error"),
        ("base: {x: 1}\nother:\n  <<: {y: 2}\n", 3, "merge key"),
        ("1: x\n", 1, "not text"),
    ],
)
def test_refused_input_names_line_and_reason(text: str, line: int, words: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert words in caught.value.message
    assert caught.value.fix


def test_alias_bomb_fails_at_the_first_anchor() -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
        for i in range(8)
    )
    with pytest.raises(YamlProblem, match="anchor '&a' is not allowed"):
        parse_yaml(bomb)


def test_alias_without_anchor_is_refused() -> None:
    with pytest.raises(YamlProblem, match="alias"):
        parse_yaml("a: *nowhere\n")


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_very_deep_nesting_fails_fast_without_recursion_error(opener: str) -> None:
    with pytest.raises(YamlProblem, match=f"deeper than {MAX_DEPTH}"):
        parse_yaml("a: " + opener * 100_000)


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 2
    doc = parse_yaml("a: " + "[" * depth + "]" * depth)
    assert doc.data is not None


def test_libyaml_and_pure_python_parsers_read_the_corpus_alike() -> None:
    from conftest import SOURCES

    files = sorted(SOURCES.rglob("*.yaml"))
    assert len(files) >= 17
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast, pure = parse_yaml(text), parse_yaml(text, pure_python=True)
        assert fast.data == pure.data, path
        assert fast.lines == pure.lines, path


@pytest.mark.parametrize(
    "text", ["a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a: no\n", "a: !!int 3\n", "[" * 40 + "]" * 40]
)
def test_both_parsers_refuse_alike(text: str) -> None:
    with pytest.raises(YamlProblem) as fast:
        parse_yaml(text)
    with pytest.raises(YamlProblem) as pure:
        parse_yaml(text, pure_python=True)
    assert (fast.value.message, fast.value.line) == (pure.value.message, pure.value.line)


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=30,
)


@given(
    data=st.dictionaries(st.text(), json_values, max_size=5) | st.lists(json_values, max_size=5),
    indent=st.sampled_from([None, 1, 2]),
)
def test_a_json_document_reads_the_same_through_either_path(data: Any, indent: int | None) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    try:
        slow = parse_yaml(text, json_path=False).data
    except YamlProblem as err:  # characters YAML refuses: the JSON path must refuse them too
        with pytest.raises(YamlProblem, match=re.escape(err.message)):
            parse_yaml(text)
        return
    fast = parse_yaml(text)
    assert fast.data == slow == data


def test_json_lines_are_found_when_a_message_needs_them() -> None:
    text = '{\n  "records": [\n    {"key": "a"},\n    {"key": "b",\n     "bad": 1}\n  ]\n}\n'
    fast, slow = parse_yaml(text), parse_yaml(text, json_path=False)
    assert fast.text is not None
    assert not fast.lines  # nothing computed yet
    for path in [("records", 1, "bad"), ("records", 0), ("records",), ()]:
        assert fast.line_of(path) == slow.line_of(path)
    assert fast.line_of(("records", 1, "bad")) == 5


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "nesting deeper"),
    ],
)
def test_json_the_yaml_path_would_refuse_is_still_refused(text: str, words: str) -> None:
    with pytest.raises(YamlProblem, match=words):
        parse_yaml(text)


def test_json_constants_read_as_yaml_reads_them() -> None:
    assert parse_yaml('{"a": NaN, "b": Infinity}').data == {"a": "NaN", "b": "Infinity"}
