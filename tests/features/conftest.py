"""Fixtures of the feature tests: the regional derivation over the built catalog,
and the sender the reader finds in a letter."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

from features.build.regional import derive_regional
from features.catalog.loading import catalog_dir
from features.names.mentions import extract_localities
from features.names.old_provinces import OldNameIndex
from features.screening.letter_parts import letter_parts
from features.screening.party import detect_party
from features.text.reading import split_sentences
from service.settings import PROJECT_ROOT


def _catalog(name: str) -> list[dict]:
    path = catalog_dir(PROJECT_ROOT / "data") / name
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="session")
def reference_rows(reference_dir):
    """``reference_rows(relative_path)``: a reference CSV's rows as dicts."""

    def read(relative: str | Path) -> list[dict]:
        with (Path(reference_dir) / relative).open(
            encoding="utf-8-sig", newline=""
        ) as handle:
            return list(csv.DictReader(handle))

    return read


@pytest.fixture(scope="session")
def regional(reference_dir):
    """(profile rows, join report, catalog localities by id) of ``derive_regional``
    over the built catalog, made once."""
    localities = _catalog("localities.csv.gz")
    names = [tuple(r.values()) for r in _catalog("names.csv.gz")]
    rows, report = derive_regional(Path(reference_dir), localities, names)
    return rows, report, {r["id"]: r for r in localities}


@pytest.fixture(scope="session")
def old_names(catalog):
    """The historical Vietnamese province names, as the screening reads them."""
    return OldNameIndex(catalog)


@pytest.fixture(scope="session")
def party_of(resolver):
    """``party_of(text)``: the sender the reader finds in a letter's text."""

    def read(text: str):
        found = extract_localities(text, resolver, sentences=split_sentences(text))
        return detect_party(text, found, resolver, letter=letter_parts(text))

    return read
