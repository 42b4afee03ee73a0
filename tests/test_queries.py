"""`k2graph sources`, `claims` and `show`: every filter, format and error, on the tiny corpus
(fast) and on the real one (for what only it has: inferences, narrower entities, conflicts)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import SOURCES

from k2graph import resolve
from k2graph.api import K2Graph, load
from k2graph.cli import main
from k2graph.cli.output import screen
from k2graph.query import tables
from k2graph.query.show import show


def run(sources: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--sources", str(sources)])


@pytest.fixture(scope="module")
def corpus() -> K2Graph:
    return load(SOURCES)


def ids(result: Result) -> list[str]:
    return [row["id"] for row in json.loads(result.stdout)["claims"]]


# --- names -----------------------------------------------------------------------------------


def test_names_resolve_by_synonym_prefix_and_any_case(corpus: K2Graph) -> None:
    graph = corpus.graph
    assert resolve.entity_id(graph, "mk-7") == "menaquinone-7"
    assert resolve.entity_id(graph, "Vitamin K2 (MK-7)") == "menaquinone-7"
    assert resolve.entity_id(graph, "WARF") == "warfarin"
    assert resolve.source_id(graph, "RENOVARE") == "renovare-k2-7-large-impact"
    assert resolve.source_id(graph, "Vitamin K2-7") == "drug-reference-vitamin-k2-7"  # a title
    assert resolve.predicate(graph, "Inversely associated with") == "inversely_associated_with"
    assert resolve.record_id(graph, "claim-b75b") == "claim-b75b1c93272f"


@pytest.mark.parametrize(
    ("what", "given", "message"),
    [
        ("entity", "MK-77", "unknown entity 'MK-77' — closest: menaquinone-7, menaquinone-9"),
        ("entity", "MK", "entity 'MK' is ambiguous: it matches menaquinone-10, menaquinone-4"),
        ("source", "nope", "unknown source 'nope' — use one of: blog-k2-what-can-it-do"),
        ("predicate", "revers3s", "unknown predicate 'revers3s' — closest: reverses"),
        ("identifier", "claim-0", "(and 20 more)"),
        ("identifier", "zzz", "unknown identifier 'zzz' — nothing close to it"),
    ],
)
def test_a_name_that_names_nothing_says_what_is_close(
    corpus: K2Graph, what: str, given: str, message: str
) -> None:
    finder = {
        "entity": resolve.entity_id,
        "source": resolve.source_id,
        "predicate": resolve.predicate,
        "identifier": resolve.record_id,
    }[what]
    with pytest.raises(resolve.NotFound) as caught:
        finder(corpus.graph, given)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


# --- the commands on the tiny corpus ----------------------------------------------------------


def test_sources_in_every_format(tiny: Path) -> None:
    table = run(tiny, "sources")
    assert table.exit_code == 0
    assert "tiny" in table.stdout
    assert "A tiny page" in table.stdout
    document = json.loads(run(tiny, "sources", "--format", "json").stdout)
    assert document["format"] == "k2graph-sources/1"
    [row] = document["sources"]
    assert row["commercial_interest"] == "none_shown"
    assert row["attestations"] == 4
    header = run(tiny, "sources", "--format", "csv").stdout.splitlines()[0]
    assert (
        header == "id,title,kind,publication_status,commercial_interest,attestations,mean_strength"
    )
    assert run(tiny, "sources", "--format", "markdown").stdout.startswith("| source | kind |")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), 4),
        (("--source", "TIN"), 4),
        (("--entity", "mgp"), 1),
        (("--entity", "calcification"), 1),
        (("--predicate", "reverses"), 1),
        (("--speaker", "reader_comment"), 1),
        (("--min-strength", "0.5"), 1),
        (("--label", "moderate"), 1),
        (("--label", "low", "--label", "very low"), 3),
        (("--conflicted",), 2),
        (("--single-source",), 4),
        (("--text", "VESSEL wall"), 1),
        (("--text", "vessel reverse"), 0),
        (("--limit", "2"), 2),
    ],
)
def test_every_claims_filter(tiny: Path, args: tuple[str, ...], expected: int) -> None:
    result = run(tiny, "claims", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert len(ids(result)) == expected


def test_claims_sorts(tiny: Path) -> None:
    by_strength = ids(run(tiny, "claims", "--format", "json"))
    assert by_strength[0] == "claim-63481187a241"  # the moderate one
    assert ids(run(tiny, "claims", "--sort", "id", "--format", "json")) == sorted(by_strength)
    assert len(ids(run(tiny, "claims", "--sort", "sources", "--format", "json"))) == 4


def test_claims_json_and_csv_are_stable(tiny: Path) -> None:
    text = run(tiny, "claims", "--entity", "MK7", "--format", "json").stdout
    document = json.loads(text)
    assert text == json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert document["filters"]["entity"] == "MK7"
    assert document["count"] == 4
    rows = list(csv.DictReader(io.StringIO(run(tiny, "claims", "--format", "csv").stdout)))
    assert list(rows[0]) == [
        "id", "text", "subject", "predicate", "object", "negated", "score", "label",
        "sources", "speakers", "bases", "attestations", "origins", "conflicts",
    ]  # fmt: skip
    assert {r["negated"] for r in rows} == {"true", "false"}


def test_claims_markdown_and_empty_results(tiny: Path) -> None:
    markdown = run(tiny, "claims", "--predicate", "activates", "--format", "markdown").stdout
    assert markdown.startswith("| claim | said by | evidence |\n|---|---|---|\n")
    assert "<br>claim-64562e05ed35" in markdown
    assert run(tiny, "claims", "--text", "nothing-like-this").stdout == "No claims match.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--entity", "vitamin K3"), "unknown entity 'vitamin K3' — closest: menaquinone-7"),
        (("--source", "nope"), "unknown source 'nope' — use one of: tiny"),
        (("--predicate", "cures"), "unknown predicate 'cures'"),
    ],
)
def test_claims_errors_are_one_line(tiny: Path, args: tuple[str, ...], message: str) -> None:
    result = run(tiny, "claims", *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_conflicts_accepts_a_source_prefix_and_writes_csv(tiny: Path) -> None:
    result = run(tiny, "conflicts", "--source", "TI", "--format", "csv")
    assert result.exit_code == 0, result.output
    [row] = csv.DictReader(io.StringIO(result.stdout))
    assert row["kind"] == "contradiction"
    assert row["detected_by"] == "curated"


def test_tables_fit_80_columns_in_a_pipe(tiny: Path) -> None:
    assert screen() == (80, False)  # CliRunner's output is not a terminal
    for command in ("sources", "claims"):  # `conflicts` keeps its 120 columns (README)
        output = run(tiny, command).stdout
        assert max(len(line) for line in output.splitlines()) <= 80, command
        assert "\x1b[" not in output


def test_show_a_claim_with_its_quote_marked(tiny: Path) -> None:
    result = run(tiny, "show", "claim-6456")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Claim claim-64562e05ed35\nmenaquinone-7 activates matrix Gla protein\n")
    assert "»Vitamin K2 “activates” MGP in the vessel wall.«" in out
    assert "modality: asserted · basis: none" in out
    assert "evidence: 0.25 very low" in out
    assert "design" in out
    assert "other side: menaquinone-7 NOT reverses arterial calcification" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_a_source_a_conflict_and_an_attestation(tiny: Path) -> None:
    source = run(tiny, "show", "tiny").stdout
    assert source.startswith("Source tiny\nA tiny page\n")
    assert "A trial (2012; rct; unpublished)" in source
    conflict = run(tiny, "show", "conflict-").stdout
    assert conflict.startswith("Conflict conflict-3756f201c08f\ncontradiction")
    assert "Side a:" in conflict
    assert "Side b:" in conflict
    attestation = run(tiny, "show", "att-24b6").stdout
    assert attestation.startswith("Claim ")


def test_show_errors(tiny: Path) -> None:
    missing = run(tiny, "show", "nothing")
    assert missing.exit_code == 1
    assert missing.stderr == "unknown identifier 'nothing' — nothing close to it\n"
    ambiguous = run(tiny, "show", "claim-")
    assert ambiguous.exit_code == 1
    assert ambiguous.stderr.startswith("identifier 'claim-' is ambiguous: it matches claim-")


def test_show_in_colour_bolds_the_quote_instead_of_marking_it(tiny: Path) -> None:
    graph = load(tiny).graph
    coloured = show(graph, "claim-6456", width=100, color=True)
    assert "\x1b[1;33mVitamin K2 “activates” MGP in the vessel wall.\x1b[0m" in coloured
    assert "»" not in coloured


def test_no_color_means_no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    import rich.console

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(rich.console.Console, "is_terminal", property(lambda _: True))
    width, color = screen()
    assert color is False
    assert width >= 1
    assert "\x1b" not in tables.to_text("plain", 80, color)


# --- on the real corpus -----------------------------------------------------------------------


def test_show_follows_the_provenance_chain_to_the_unpublished_talk(corpus: K2Graph) -> None:
    out = show(corpus.graph, "att-8675")
    assert "inferred from att-c1cbbcb6cf39:" in out
    assert "said by Dr. Cees Vermeer (reported presentation), relayed by Dr. Know" in out
    assert "speaking for the work: Presentation at VitaFoods" in out
    assert "unpublished" in out
    assert "conflict-b646aac959e4 · degree, moderate severity" in out


def test_show_a_quoted_work_cites_its_work(corpus: K2Graph) -> None:
    out = show(corpus.graph, "claim-f1931890f39d")
    assert "said by aging-review (quoted work), relayed by author (author)" in out
    assert "speaking for the work: The Role of Vitamin K in Humans" in out


def test_entity_filters_narrower_only_when_asked(corpus: K2Graph) -> None:
    exact = corpus.claims(entity="vitamin K2", predicate="reverses")
    wider = corpus.claims(entity="vitamin K2", predicate="reverses", include_narrower=True)
    assert [c.id for c in exact] == ["claim-4678f0492274"]
    assert {"claim-b75b1c93272f", "claim-0e303bb7ea2a"} <= {c.id for c in wider}


def test_entity_matches_qualifiers(corpus: K2Graph) -> None:
    rows = corpus.claims(entity="animal models")
    assert rows
    assert all("animal-models" not in (c.subject, c.object) for c in rows[:1]) or rows
