"""The graph page, checked from Python: registered, deterministic, self-contained, escaped, encoded
as the legend says, laid out at build time; and `k2graph view` with and without a browser."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import webbrowser
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SOURCES
from hostile import IMG, PAYLOADS, QUOTE_ACTIVATES, TITLE, make_hostile_corpus

from k2graph.cli import main
from k2graph.exports.html import HTML_NAME, render_html
from k2graph.exports.html import page as page_module
from k2graph.exports.html.data import LARGE_GRAPH, page_data
from k2graph.exports.html.encoding import CONFLICT_EDGE_COLOR, LABEL_COLORS, SOURCE_SHAPES
from k2graph.exports.html.layout import positions
from k2graph.exports.registry import EXPORTS
from k2graph.model import Claim, ClaimStrength, KnowledgeGraph
from k2graph.pipeline import build_graph
from k2graph.vocabulary import GradeLabel
from k2graph.workflow.build import load_graph

CORPUS = build_graph(SOURCES)
CORPUS_PAGE = render_html(CORPUS)


class _Page(HTMLParser):
    """Every element with its attributes, and the text of each script, style, title and h1."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1] in {"script", "style", "title", "h1"}:
            self.texts.setdefault(self._open[-1], []).append(data)


def parse(text: str) -> _Page:
    parsed = _Page()
    parsed.feed(text)
    return parsed


def embedded(text: str) -> dict[str, Any]:
    """The page's data, read as the page reads it."""
    match = re.search(r'<script type="application/json" id="k2-data">(.*?)</script>', text, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    return render_html(load_graph(make_hostile_corpus(tmp_path_factory.mktemp("hostile"))))


def test_the_page_is_a_registered_export() -> None:
    assert EXPORTS[HTML_NAME] is render_html


def test_the_page_is_byte_identical_run_to_run() -> None:
    assert render_html(build_graph(SOURCES)) == CORPUS_PAGE
    assert CORPUS_PAGE.encode("utf-8").decode("utf-8") == CORPUS_PAGE


def test_nothing_is_loaded_from_anywhere() -> None:
    parsed = parse(CORPUS_PAGE)
    for tag, attrs in parsed.tags:
        assert tag != "link"
        assert tag not in {"iframe", "object", "embed", "img", "base"}
        assert "src" not in attrs, tag
        assert not (attrs.get("href") or "").strip(), tag
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", CORPUS_PAGE, re.I)
    assert not re.search(r"url\(\s*[\"']?(https?:)?//", CORPUS_PAGE, re.I)
    assert "@import" not in CORPUS_PAGE
    assert "sourceMappingURL" not in CORPUS_PAGE


def test_vis_network_is_inlined_from_pyvis() -> None:
    vis = page_module._vis("vis-network.min.js")
    body = vis[vis.index("!function") :][:2000]
    assert body in CORPUS_PAGE
    assert ".vis-network" in "".join(parse(CORPUS_PAGE).texts["style"])


def test_the_content_security_policy_allows_only_the_pages_own_scripts() -> None:
    parsed = parse(CORPUS_PAGE)
    [csp] = [
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    ]
    assert csp is not None
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    scripts = [t for t, a in parsed.tags if t == "script" and a.get("type") is None]
    bodies = parsed.texts["script"][1:]  # the first is the JSON data, which never runs
    assert len(scripts) == len(bodies) == 2

    def digest(text: str) -> str:
        raw = hashlib.sha256(text.encode("utf-8")).digest()
        return f"'sha256-{base64.b64encode(raw).decode()}'"

    assert directives["script-src"].split() == [digest(b) for b in bodies]
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["style-src"].split() == [digest("".join(parsed.texts["style"]))]


def test_json_embedding_cannot_end_its_element() -> None:
    hostile = {"q": "</script><!-- <script>&amp; \u2028\u2029 >"}
    text = page_module.embed_json(hostile)
    assert not set(text) & set("<>&\u2028\u2029")
    assert json.loads(text) == hostile


def test_document_text_never_reaches_the_markup(hostile_page: str) -> None:
    outside = re.sub(r'<script type="application/json".*?</script>', "", hostile_page, flags=re.S)
    for payload in PAYLOADS:
        assert payload not in outside
    data_block = hostile_page.split('id="k2-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block
    assert ">" not in data_block
    assert "&" not in data_block


def test_tooltips_and_panel_data_keep_the_literal_text(hostile_page: str) -> None:
    """No pre-escaping: users must read `<img …>`, not `&lt;img …&gt;`."""
    data = embedded(hostile_page)
    [source] = [n for n in data["nodes"] if n["kind"] == "source"]
    assert source["title"].startswith(TITLE)
    quotes = [a["exact"] for d in data["details"].values() for a in d.get("attestations", [])]
    assert QUOTE_ACTIVATES in quotes
    assert "&lt;" not in json.dumps(data)
    assert "&amp;" not in json.dumps(data)


def test_the_heading_is_the_constant_title_not_data(hostile_page: str) -> None:
    parsed = parse(hostile_page)
    assert "".join(parsed.texts["h1"]) == page_module.TITLE
    assert "".join(parsed.texts["title"]) == page_module.TITLE
    assert IMG not in "".join(parsed.texts["h1"])


def test_select_menus_are_filled_by_the_script_not_the_markup(hostile_page: str) -> None:
    parsed = parse(hostile_page)
    options = [a for t, a in parsed.tags if t == "option"]
    assert all(a.get("value") == "" for a in options)  # only the "all …" placeholders
    data = embedded(hostile_page)
    assert [title for _, title in data["filters"]["sources"]] == [TITLE]


def test_the_script_never_parses_data_as_html() -> None:
    script = page_module._script()
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
    ):
        assert sink not in script, sink
    assert 'JSON.parse(document.getElementById("k2-data").textContent)' in script


def test_the_encoding_matches_the_legend() -> None:
    data = embedded(CORPUS_PAGE)
    legend = data["legend"]
    assert [label for label, _ in legend["labels"]][:4] == [g.value for g in GradeLabel]
    shown = {label: color for label, color in legend["labels"]}
    assert all(shown[g.value] == c for g, c in LABEL_COLORS.items())
    nodes = {n["id"]: n for n in data["nodes"]}
    for claim in CORPUS.claims:
        node = nodes[f"claim:{claim.id}"]
        assert claim.strength is not None
        assert node["color"] == LABEL_COLORS[claim.strength.label]
    sizes = {
        len(c.strength.origins): nodes[f"claim:{c.id}"]["size"] for c in CORPUS.claims if c.strength
    }
    assert [sizes[n] for n in sorted(sizes)] == sorted(set(sizes.values()))
    for source in CORPUS.sources:
        assert nodes[f"source:{source.id}"]["shape"] == SOURCE_SHAPES[source.kind]
    renovare = nodes["source:renovare-k2-7-large-impact"]
    assert "$" in renovare["label"]
    assert renovare["borderWidth"] > 2


def test_edges_conflicts_red_dashed_labelled_attestations_claim_to_source() -> None:
    data = embedded(CORPUS_PAGE)
    conflicts = [e for e in data["edges"] if e["kind"] == "conflict"]
    assert len(conflicts) == len(CORPUS.conflicts)
    kinds = {c.id: c.kind.value.replace("_", " ") for c in CORPUS.conflicts}
    for edge in conflicts:
        assert edge["color"] == CONFLICT_EDGE_COLOR
        assert edge["dashes"] is True
        assert edge["label"] == kinds[edge["conflict"]]
    attests = [e for e in data["edges"] if e["kind"] == "attestation"]
    assert len(attests) == len({(a.claim_id, a.source_id) for a in CORPUS.attestations})
    assert all(e["from"].startswith("claim:") and e["to"].startswith("source:") for e in attests)
    entities = [n for n in data["nodes"] if n["kind"] == "entity"]
    assert len(entities) == len(CORPUS.entities)
    assert all(n["hidden"] for n in entities)


def test_every_node_has_a_fixed_integer_position() -> None:
    data = embedded(CORPUS_PAGE)
    assert len(data["nodes"]) == len(CORPUS.sources) + len(CORPUS.claims) + len(CORPUS.entities)
    spots = {(n["x"], n["y"]) for n in data["nodes"]}
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    assert len(spots) == len(data["nodes"])  # no two nodes on one spot
    assert positions(CORPUS) == positions(build_graph(SOURCES))


def test_small_graphs_are_relaxed_with_a_fixed_seed(tiny: Path) -> None:
    graph = load_graph(tiny)
    first = positions(graph)
    assert first == positions(load_graph(tiny))
    assert len(first) == len(graph.sources) + len(graph.claims) + len(graph.entities)


def test_a_large_graph_opens_on_the_conflicts_only() -> None:
    strength = ClaimStrength(
        score=0.2, label=GradeLabel.LOW, origins=("x",), best_attestation_id="a", rule="r"
    )
    claims = tuple(
        Claim(id=f"claim-{i:05d}", subject="s", predicate="p", text=f"claim {i}", strength=strength)
        for i in range(LARGE_GRAPH + 1)
    )
    data = page_data(KnowledgeGraph(claims=claims, conflicts=CORPUS.conflicts[:0]))
    assert data["defaults"]["large"] is True
    big = CORPUS.model_copy(update={"claims": CORPUS.claims + claims})
    assert positions(big)  # the cheap layout copes
    assert len(CORPUS.claims) + len(CORPUS.entities) < LARGE_GRAPH
    assert embedded(CORPUS_PAGE)["defaults"]["conflicts_only"] is False


def _view(monkeypatch: pytest.MonkeyPatch, outcome: Any) -> tuple[Any, list[str]]:
    opened: list[str] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        opened.append(url)
        if isinstance(outcome, Exception):
            raise outcome
        return bool(outcome)

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return CliRunner().invoke(main, ["view"]), opened


def test_view_builds_and_opens_the_page(
    tiny: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result, opened = _view(monkeypatch, True)
    assert result.exit_code == 0, result.output
    page = in_tmp / "exports" / HTML_NAME
    assert opened == [page.resolve().as_uri()]
    assert opened[0].startswith("file:///")
    assert "opened exports/k2graph.html in your browser" in result.stdout
    assert (in_tmp / "exports" / "k2graph.json").is_file()


@pytest.mark.parametrize("outcome", [False, webbrowser.Error("no runnable browser")])
def test_view_without_a_browser_prints_the_path(
    tiny: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, outcome: Any
) -> None:
    result, opened = _view(monkeypatch, outcome)
    assert result.exit_code == 0, result.output
    assert len(opened) == 1
    page = (in_tmp / "exports" / HTML_NAME).resolve()
    assert str(page) in result.stdout.splitlines()
    assert page.is_file()


def test_view_reports_a_broken_corpus_and_opens_nothing(
    tiny: Path, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tiny / "tiny" / "document.txt").write_text("changed\n", encoding="utf-8")
    result, opened = _view(monkeypatch, True)
    assert result.exit_code == 1
    assert opened == []
    assert "Traceback" not in result.output
