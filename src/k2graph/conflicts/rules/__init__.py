"""Stage 6, detect: find conflicts by rule, in any corpus.

Each rule is a named, documented pure function from a `Context` to `Finding`s; `RULES` lists them
in the order they run. The conflict stage merges their findings with the curated conflicts.
"""

from __future__ import annotations

from collections.abc import Callable

from k2graph.conflicts.rules.context import Context, Finding
from k2graph.conflicts.rules.logic import (
    antonym_predicates,
    degree_disagreement,
    exclusive_values,
    opposite_polarity,
)
from k2graph.conflicts.rules.numeric import numeric_disagreement
from k2graph.conflicts.rules.publication import unpublished_basis
from k2graph.conflicts.rules.scope import scope_caution

Rule = Callable[[Context], list[Finding]]

RULES: tuple[Rule, ...] = (
    opposite_polarity,
    antonym_predicates,
    degree_disagreement,
    exclusive_values,
    numeric_disagreement,
    scope_caution,
    unpublished_basis,
)


def run_rules(ctx: Context, rules: tuple[Rule, ...] = RULES) -> list[Finding]:
    """Every rule's findings, in rule order then claim-pair order."""
    return [finding for rule in rules for finding in ctx.findings(rule)]


__all__ = ["RULES", "Context", "Finding", "Rule", "run_rules"]
