"""The options several commands share, defined once so they read and behave alike."""

from __future__ import annotations

from pathlib import Path

import click

from k2graph.model import DEFAULT_BASE
from k2graph.query import tables

SOURCES_OPTION = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("sources"),
    show_default=True,
    help="Folder holding one folder per source document.",
)
OUT_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("exports"),
    show_default=True,
    help="Folder the exports are written to.",
)
EVIDENCE_OPTION = click.option(
    "--evidence-config",
    "evidence_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="TOML file overriding evidence weights (defaults: see docs/evidence.md).",
)
BASE_OPTION = click.option(
    "--base-iri",
    default=DEFAULT_BASE,
    show_default=True,
    help="Base of the instance IRIs in the RDF exports.",
)
FORMAT_OPTION = click.option(
    "--format",
    "output",
    type=click.Choice(tables.FORMATS),
    default="table",
    show_default=True,
    help="table (fits the terminal, 80 columns in a pipe), or json, csv, markdown "
    "(docs/api.md documents the JSON and CSV).",
)
