"""The graph page in a real browser: headless Chromium driven by Playwright, offline, no downloads.

Outside CI these tests skip (saying why) when Playwright or /usr/bin/chromium is missing; with
CI=true they fail instead. A screenshot of the corpus page is saved in the test's temporary folder
and, when K2GRAPH_ARTIFACTS names a folder, there too.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM, missing_browser
from conftest import SOURCES
from hostile import CLOSE, IMG, PAYLOADS, QUOTE_ACTIVATES, SVG, TITLE, make_hostile_corpus

from k2graph.exports.html import HTML_NAME
from k2graph.model import KnowledgeGraph
from k2graph.workflow.build import build


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = missing_browser()
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {why}")
        pytest.skip(why)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


@dataclass
class Loaded:
    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)

    def visible(self) -> int:
        return int(self.js("window.k2graph.visibleNodeIds().length"))

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url]  # the file:// navigation itself, nothing else
        assert self.dialogs == []
        assert self.js("typeof window.__pwned") == "undefined"


def wait_until(page: Any, expression: str, arg: Any = None, timeout: float = 30.0) -> None:
    """Poll `expression` until it is true. (Playwright's wait_for_function evaluates strings in
    the page, which the page's Content-Security-Policy rightly refuses.)"""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(25)


def _load(
    browser: Any, path: Path, *, offline: bool = False, bypass_csp: bool = False
) -> Iterator[Loaded]:
    context = browser.new_context(
        offline=offline, bypass_csp=bypass_csp, viewport={"width": 1500, "height": 950}
    )
    page = context.new_page()
    loaded = Loaded(page, path.resolve().as_uri())
    page.on("request", lambda request: loaded.requests.append(request.url))
    page.on("console", lambda m: m.type == "error" and loaded.errors.append(m.text))
    page.on("pageerror", lambda error: loaded.errors.append(str(error)))

    def dismiss(dialog: Any) -> None:
        loaded.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.goto(loaded.url)
    deadline = time.monotonic() + 30
    while not page.evaluate("() => Boolean(window.k2graph && window.k2graph.ready === true)"):
        if time.monotonic() > deadline or loaded.errors or loaded.dialogs:
            loaded.assert_clean()
            pytest.fail(f"the page never became interactive: {loaded.url}")
        page.wait_for_timeout(25)
    try:
        yield loaded
    finally:
        context.close()


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeGraph]:
    out = tmp_path_factory.mktemp("corpus") / "exports"
    report = build(SOURCES, out)
    return out / HTML_NAME, report.graph


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, KnowledgeGraph]:
    root = tmp_path_factory.mktemp("hostile")
    report = build(make_hostile_corpus(root), root / "exports")
    return root / "exports" / HTML_NAME, report.graph


@pytest.fixture
def corpus(browser: Any, corpus_build: tuple[Path, KnowledgeGraph]) -> Iterator[Loaded]:
    yield from _load(browser, corpus_build[0])


@pytest.fixture(params=[False, True], ids=["csp", "csp-bypassed"])
def hostile(
    browser: Any, hostile_build: tuple[Path, KnowledgeGraph], request: pytest.FixtureRequest
) -> Iterator[Loaded]:
    """The hostile page with its Content-Security-Policy enforced, and without it: escaping alone
    must keep document text inert."""
    yield from _load(browser, hostile_build[0], bypass_csp=request.param)


def _panel(loaded: Loaded) -> str:
    return str(loaded.page.inner_text("#k2-panel"))


def _claim_with_conflict(loaded: Loaded) -> str:
    return str(
        loaded.js(
            """Object.keys(k2graph.data.details).filter(id =>
                 k2graph.data.details[id].type === 'claim' &&
                 k2graph.data.details[id].conflicts.some(c => {
                   const x = k2graph.data.conflicts[c]; return x.a.claim !== x.b.claim; }))[0]"""
        )
    )


def test_corpus_page_loads_clean_and_draws_every_node(
    corpus: Loaded, corpus_build: tuple[Path, KnowledgeGraph], tmp_path: Path
) -> None:
    graph = corpus_build[1]
    drawn = len(graph.sources) + len(graph.claims) + len(graph.entities)
    assert corpus.js("k2graph.nodes.length") == drawn
    assert corpus.js("k2graph.edges.length") == len(corpus.js("k2graph.data.edges"))
    # Entities start hidden; everything else is shown.
    assert corpus.visible() == len(graph.sources) + len(graph.claims)
    assert corpus.js("k2graph.network.physics.options.enabled") is False
    assert corpus.js("document.querySelectorAll('#k2-legend svg').length") >= 4 + 8
    corpus.page.screenshot(path=str(tmp_path / "k2graph.png"))
    if os.environ.get("K2GRAPH_ARTIFACTS"):
        target = Path(os.environ["K2GRAPH_ARTIFACTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "k2graph.png", target / "k2graph.png")
    assert (tmp_path / "k2graph.png").stat().st_size > 10_000
    corpus.assert_clean()


def test_corpus_page_works_with_the_browser_offline(
    browser: Any, corpus_build: tuple[Path, KnowledgeGraph]
) -> None:
    for loaded in _load(browser, corpus_build[0], offline=True):
        claim = _claim_with_conflict(loaded)
        assert loaded.js("id => k2graph.select(id)", claim) is True
        assert "Evidence score" in _panel(loaded)
        loaded.assert_clean()


def test_search_and_filters_change_what_is_visible(corpus: Loaded) -> None:
    page = corpus.page
    everything = corpus.visible()
    page.fill("#k2-search", "warfarin")
    searched = corpus.visible()
    assert 0 < searched < everything
    page.fill("#k2-search", "MK7")  # a synonym of menaquinone-7: finds claims by entity synonym
    assert corpus.visible() > searched
    page.fill("#k2-search", "")
    assert corpus.visible() == everything
    page.select_option("#k2-predicate", "activates")
    by_predicate = corpus.visible()
    assert 0 < by_predicate < everything
    page.select_option("#k2-predicate", "")
    page.select_option("#k2-label", "low")
    assert 0 < corpus.visible() < everything
    page.select_option("#k2-label", "")
    page.select_option("#k2-source", "source:vendor-mk7-latest-study")
    assert 0 < corpus.visible() < everything
    page.select_option("#k2-source", "")
    page.check("#k2-conflicts")
    conflicted = corpus.visible()
    assert 0 < conflicted < everything
    page.uncheck("#k2-conflicts")
    page.check("#k2-entities")
    assert corpus.visible() > everything
    page.click("#k2-reset")
    assert corpus.visible() == everything
    corpus.assert_clean()


def test_selecting_a_claim_shows_its_quote_and_score_breakdown(corpus: Loaded) -> None:
    claim = _claim_with_conflict(corpus)
    detail = corpus.js("id => k2graph.data.details[id]", claim)
    assert corpus.js("id => k2graph.select(id)", claim) is True
    panel = _panel(corpus)
    first = detail["attestations"][0]
    assert detail["text"] in panel
    marked = corpus.js("document.querySelector('#k2-panel mark.k2-exact').textContent")
    assert marked == first["exact"]
    assert first["speaker"] in panel
    for name, _, _ in first["strength"]["factors"]:
        assert name in panel
    assert "Evidence score" in panel
    assert "conflicts (" in panel.lower()
    corpus.assert_clean()


def test_a_conflict_link_selects_the_other_side(corpus: Loaded) -> None:
    claim = _claim_with_conflict(corpus)
    corpus.js("id => k2graph.select(id)", claim)
    link = corpus.page.locator(
        f"#k2-panel .k2-conflict button.k2-link:not([data-target='{claim}'])"
    ).first
    other = link.get_attribute("data-target")
    link.click()
    assert corpus.js("k2graph.network.getSelectedNodes()") == [other]
    assert corpus.js("id => k2graph.data.details[id].text", other) in _panel(corpus)
    corpus.assert_clean()


def test_clicking_a_node_on_the_canvas_opens_the_panel(corpus: Loaded) -> None:
    page = corpus.page
    claim = _claim_with_conflict(corpus)
    corpus.js("id => k2graph.network.focus(id, {scale: 2, animation: false})", claim)
    spot = corpus.js(
        """id => { const n = k2graph.network;
                   const p = n.canvasToDOM(n.getPositions([id])[id]);
                   return {x: p.x, y: p.y, at: n.getNodeAt(p)}; }""",
        claim,
    )
    assert spot["at"] == claim
    box = page.locator("#k2-canvas").bounding_box()
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    wait_until(page, "id => k2graph.network.getSelectedNodes()[0] === id", claim)
    assert "Evidence score" in _panel(corpus)
    corpus.assert_clean()


def test_hostile_text_runs_nothing_and_shows_literally(hostile: Loaded) -> None:
    ids = hostile.js("Object.keys(k2graph.data.details)")
    hostile.page.check("#k2-entities")
    for node in ids:
        assert hostile.js("id => k2graph.select(id)", node) is True
        assert (
            hostile.js(
                "document.querySelectorAll('#k2-panel img, #k2-panel svg, #k2-panel script').length"
            )
            == 0
        )
    claim = hostile.js(
        "Object.keys(k2graph.data.details).find(id => k2graph.data.details[id].text && "
        "k2graph.data.details[id].text.startsWith('menaquinone-7 activates'))"
    )
    hostile.js("id => k2graph.select(id)", claim)
    panel = _panel(hostile)
    assert QUOTE_ACTIVATES in panel.replace("\n", " ")
    assert TITLE in panel
    assert SVG in panel
    assert IMG in hostile.js("document.querySelector('#k2-panel mark.k2-exact').textContent")
    options = hostile.js(
        "Array.from(document.querySelectorAll('#k2-source option')).map(o => o.textContent)"
    )
    assert TITLE in options
    hostile.page.fill("#k2-search", CLOSE)
    assert hostile.visible() >= 1
    hostile.page.wait_for_timeout(100)
    hostile.assert_clean()


def test_hostile_tooltips_show_text_not_markup(hostile: Loaded) -> None:
    page = hostile.page
    source = hostile.js("k2graph.data.nodes.find(n => n.kind === 'source').id")
    spot = hostile.js(
        "id => k2graph.network.canvasToDOM(k2graph.network.getPositions([id])[id])", source
    )
    box = page.locator("#k2-canvas").bounding_box()
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tip = page.locator("div.vis-tooltip")
    tip.wait_for(state="visible", timeout=5_000)
    assert TITLE in tip.inner_text()
    assert (
        hostile.js("document.querySelectorAll('div.vis-tooltip img, div.vis-tooltip svg').length")
        == 0
    )
    for payload in PAYLOADS:
        assert hostile.js("p => document.body.innerHTML.includes(p)", payload) is False
    hostile.assert_clean()
