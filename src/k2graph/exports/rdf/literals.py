"""Literal helpers: numbers as exact decimals (never binary floats), so serializations agree
across engines and runs."""

from __future__ import annotations

from decimal import Decimal

from rdflib import Literal, URIRef

from k2graph.exports.rdf.namespaces import XSD

Triple = tuple[URIRef, URIRef, URIRef | Literal]


def decimal(value: float) -> Literal:
    return Literal(Decimal(repr(value)).normalize(), datatype=XSD.decimal)


def integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def nonneg(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


def boolean(value: bool) -> Literal:
    return Literal(value, datatype=XSD.boolean)


def text(value: str) -> Literal:
    return Literal(value)
