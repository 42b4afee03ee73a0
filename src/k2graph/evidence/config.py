"""The evidence-strength weights: shipped defaults (`evidence.toml`) and a user's overrides.

A user's file may set any subset of the defaults' tables and keys; what it leaves out keeps the
default. An unknown table or key, or a value that is not a number, is a `Problem` naming the file,
the key and the fix — the weights are input like any other.
"""

from __future__ import annotations

import math
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from k2graph.problems import Problem, display_path

DEFAULTS_FILE = "evidence.toml"
MAX_BYTES = 1024 * 1024  # the shipped file is under 3 KB
Weights = dict[str, float]


class EvidenceConfig(BaseModel):
    """Every weight of the evidence model (see docs/evidence.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    design: Weights
    publication: Weights
    directness: Weights
    modality: Weights
    inference: Weights
    commercial_interest: Weights
    corroboration: Weights
    labels: Weights
    # Where the weights came from, for messages and the audit.
    origin: str = Field(default="shipped defaults", exclude=True)


def _defaults_text() -> str:
    return resources.files("k2graph.evidence").joinpath(DEFAULTS_FILE).read_text(encoding="utf-8")


def default_config() -> EvidenceConfig:
    return EvidenceConfig.model_validate(tomllib.loads(_defaults_text()))


def load_config(path: Path | None) -> tuple[EvidenceConfig, list[Problem]]:
    """The defaults with `path`'s tables merged over them, or the defaults and the problems."""
    defaults = default_config()
    if path is None:
        return defaults, []
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            return defaults, [
                Problem(
                    file=shown,
                    message=f"is larger than {MAX_BYTES // 1024} KB: not an evidence config",
                    fix="give the TOML file of weights (docs/evidence.md)",
                )
            ]
        override = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return defaults, [Problem(file=shown, message="evidence config file not found")]
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        return defaults, [
            Problem(file=shown, message=f"not valid TOML: {err}", fix="correct the TOML syntax")
        ]
    except RecursionError:
        return defaults, [
            Problem(
                file=shown,
                message="not valid TOML: nested too deeply to read",
                fix="give the flat tables of weights (docs/evidence.md)",
            )
        ]
    except OSError as err:
        return defaults, [Problem(file=shown, message=f"cannot be read: {err.strerror or err}")]
    problems = _check_keys(override, defaults, shown)
    if problems:
        return defaults, problems
    merged: dict[str, Any] = defaults.model_dump()
    for table, values in override.items():
        merged[table] = {**merged[table], **values}
    try:
        config = EvidenceConfig.model_validate({**merged, "origin": shown})
    except ValidationError as err:  # pragma: no cover - _check_keys catches what can go wrong
        return defaults, [Problem(file=shown, message=str(err))]
    return config, []


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _check_keys(override: dict[str, Any], defaults: EvidenceConfig, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    known = defaults.model_dump()
    for table, values in override.items():
        if table not in known:
            problems.append(
                Problem(
                    file=shown,
                    field=table,
                    message=f"unknown table [{table}]",
                    fix=f"use one of: {', '.join(sorted(known))}",
                )
            )
            continue
        if not isinstance(values, dict):
            problems.append(
                Problem(file=shown, field=table, message="expected a table", fix=f"[{table}]")
            )
            continue
        for key, value in values.items():
            where = f"{table}.{key}"
            if key not in known[table]:
                problems.append(
                    Problem(
                        file=shown,
                        field=where,
                        message=f"unknown key '{key}' in [{table}]",
                        fix=f"use one of: {', '.join(sorted(known[table]))}",
                    )
                )
            elif isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(
                    Problem(
                        file=shown,
                        field=where,
                        message=f"expected a number, got {_shown(value)}",
                        fix="write a decimal number such as 0.1 or -0.05",
                    )
                )
            elif not math.isfinite(value):
                problems.append(
                    Problem(
                        file=shown,
                        field=where,
                        message=f"expected a finite number, got {value}",
                        fix="write a decimal number such as 0.1 or -0.05 (not nan or inf)",
                    )
                )
    return problems
