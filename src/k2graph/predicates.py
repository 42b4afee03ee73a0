"""The controlled predicate vocabulary: every claim's predicate is one of these.

Each predicate says what it means, what its opposite is (for antonym conflicts), where it sits on
the effect-degree scale (reverses > halts > slows > no effect > worsens) and whether its object is
an entity or a quantity. Later stages (conflict rules, RDF) read these definitions; nothing else
hard-codes predicate names.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ObjectKind(StrEnum):
    """What a predicate's object is."""

    ENTITY = "entity"
    QUANTITY = "quantity"


class Predicate(BaseModel):
    """One predicate of the vocabulary."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    definition: str
    object_kind: ObjectKind = ObjectKind.ENTITY
    opposite: str | None = None
    # Position on the effect-degree scale for a subject acting on a condition; None = off-scale.
    degree: int | None = None
    # A single-valued predicate admits one object per subject: two different objects conflict.
    single_valued: bool = False


def _p(name: str, definition: str, **extra: object) -> Predicate:
    return Predicate.model_validate({"name": name, "definition": definition, **extra})


_QUANTITY = ObjectKind.QUANTITY

PREDICATES: dict[str, Predicate] = {
    p.name: p
    for p in (
        # Effect on a process or condition, ordered by degree.
        _p(
            "reverses", "undoes an existing state or process (e.g. removes calcification)", degree=4
        ),
        _p("halts", "stops the progression of a process", degree=3),
        _p("slows", "reduces the rate of progression of a process", degree=2),
        _p("no_effect_on", "has no measurable effect on the object", degree=1),
        _p("worsens", "makes the condition or process worse", degree=0, opposite="improves"),
        # Regulation.
        _p("activates", "turns the object into its active form or state", opposite="inhibits"),
        _p("inhibits", "reduces or blocks the object's activity", opposite="activates"),
        _p("prevents", "stops the object from occurring or forming", opposite="causes"),
        _p("causes", "brings the object about", opposite="prevents"),
        _p("increases", "raises the amount, level or rate of the object", opposite="decreases"),
        _p("decreases", "lowers the amount, level or rate of the object", opposite="increases"),
        _p("improves", "makes the object (a function or measure) better", opposite="worsens"),
        _p(
            "reduces_risk_of",
            "lowers the likelihood of the object (a disease or event)",
            opposite="increases_risk_of",
        ),
        _p(
            "increases_risk_of",
            "raises the likelihood of the object",
            opposite="reduces_risk_of",
        ),
        _p("supports", "helps maintain the object (a broad health claim)"),
        _p("carboxylates", "gamma-carboxylates the object protein (vitamin K-dependent)"),
        _p("cofactor_of", "is a required cofactor of the object enzyme"),
        _p("required_for", "the object cannot happen without the subject"),
        _p("binds", "binds the object physically"),
        # Association.
        _p(
            "associated_with",
            "goes with more of the object, or a higher risk of it, in observational data",
            opposite="inversely_associated_with",
        ),
        _p(
            "inversely_associated_with",
            "goes with less of the object, or a lower risk of it, in observational data",
            opposite="associated_with",
        ),
        _p("interacts_with", "changes, or is changed by, the object when taken together"),
        _p("antagonizes", "counteracts the effect of the object"),
        _p("synergizes_with", "acts together with the object for a greater effect"),
        # Pharmacology and sources.
        _p("has_half_life", "elimination half-life of the subject", object_kind=_QUANTITY),
        _p(
            "recommended_dose",
            "a dose the speaker recommends or reports as usual",
            object_kind=_QUANTITY,
        ),
        _p("safe_at", "is safe at the stated amount", object_kind=_QUANTITY),
        _p("has_level", "a measured level or concentration of the subject", object_kind=_QUANTITY),
        _p("found_in", "occurs in the object (a food or tissue)"),
        _p("produced_by", "is made by the object (an organism, cell type or process)"),
        # Not single-valued: absorption involves several structures at once (intestine, lining).
        _p("absorbed_via", "is absorbed through the object (route or site)"),
        _p("transported_via", "is carried through the object (route)", single_valued=True),
        _p("eliminated_via", "leaves the body through the object"),
        _p("metabolized_in", "is metabolized in the object (organ)"),
        _p("converted_to", "is turned into the object in the body"),
        _p(
            "is_active_form_of", "is the biologically active form of the object", single_valued=True
        ),
        _p("is_a", "is an instance or subclass of the object"),
        _p("has_side_effect", "can cause the object as an adverse effect"),
        _p("safe_for", "is safe for the object (a population)", opposite="contraindicated_with"),
        _p(
            "contraindicated_with",
            "must not be used with, or by, the object",
            opposite="safe_for",
        ),
        _p("caution_with", "should be used with care with, or by, the object"),
        _p(
            "time_to_peak",
            "time from intake to the peak blood concentration of the subject",
            object_kind=_QUANTITY,
        ),
        _p(
            "accumulates_to",
            "the level, or fold increase, the subject reaches during prolonged intake",
            object_kind=_QUANTITY,
        ),
        _p(
            "effect_plateaus_at",
            "above this dose the subject's effect stops growing (the dose-response levels off)",
            object_kind=_QUANTITY,
        ),
        _p(
            "dosing_frequency",
            "how many doses of the subject are taken per period",
            object_kind=_QUANTITY,
        ),
        # Advice and use.
        _p("used_for", "is used, prescribed or taken for the object (a condition or purpose)"),
        _p("recommended_for", "the speaker advises the object (a population) to take the subject"),
        _p("recommended_with", "the speaker advises taking the subject together with the object"),
        _p("preferred_over", "the speaker prefers the subject to the object for the same use"),
        # Roles, properties and places.
        _p("involved_in", "takes part in the object (a process or phenomenon)"),
        _p("has_property", "has the object (a property, such as fat solubility)"),
        _p("main_source_of", "is a principal dietary source of the object"),
        _p("occurs_in", "takes place or shows up in the object (a site, tissue or population)"),
        _p("preferentially_used_by", "is used first by the object (an organ or tissue)"),
        _p("predicts", "is a predictor of the object (a risk marker for an outcome)"),
        _p("degraded_by", "loses potency or breaks down under the object (light, heat)"),
        _p("more_effective_than", "has a larger effect than the object"),
        _p("longer_half_life_than", "stays in the body longer than the object"),
        _p("better_absorbed_than", "has higher bioavailability than the object"),
        # added for drug-reference-vitamin-k2-7
        _p(
            "absorption_aided_by",
            "the subject's absorption is helped by the object (e.g. bile salts, dietary fat)",
        ),
        _p(
            "commonly_combined_with",
            "is often taken together with the object (a usual combination, not advice)",
        ),
        # added for knowguff-mk7-reverses-calcification
        _p(
            "has_count",
            "how many distinct members the subject (a class of molecules, for instance) has",
            object_kind=_QUANTITY,
        ),
        _p(
            "moves_to",
            "the subject (a substance) ends up in, or is moved into, the object (a tissue or site)",
        ),
        _p(
            "same_mechanism_as",
            "the subject (a process or condition) arises through the same mechanism as the object",
        ),
        _p(
            "dose_limited_by",
            "the dose of the subject a label may recommend is capped by the object (a regulator)",
        ),
        _p(
            "measures",
            "the subject (a test or measurement) evaluates the object (a property or state)",
        ),
    )
}


def vocabulary_table() -> str:
    """The vocabulary as a Markdown table, in scale order then by name (for sources/README.md)."""
    rows = [
        "| predicate | meaning | object | opposite | degree | single-valued |",
        "|---|---|---|---|---|---|",
    ]
    ordered = sorted(
        PREDICATES.values(),
        key=lambda p: (p.degree is None, -(p.degree or 0), p.name),
    )
    for p in ordered:
        degree = "" if p.degree is None else str(p.degree)
        rows.append(
            f"| `{p.name}` | {p.definition} | {p.object_kind.value} | "
            f"{f'`{p.opposite}`' if p.opposite else ''} | {degree} | "
            f"{'yes' if p.single_valued else ''} |"
        )
    return "\n".join(rows) + "\n"
