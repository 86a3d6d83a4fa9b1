"""Needs that a cited page states about a foreign locality: curated, checked, built."""

from __future__ import annotations

import csv
import shutil

import pytest

from features.build.stated_needs import (
    COLUMNS,
    STATED_METHOD,
    stated_files,
    stated_need_rows,
)
from features.errors import CatalogError
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
TABLE = DATA / "declared" / "foreign_stated_needs.csv"
FOUND_VIA = {"restated profile text", "search"}


def _rows(path=TABLE) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_table_row_is_a_cited_need_of_a_foreign_catalog_locality(catalog):
    files = stated_files(DATA)
    assert TABLE in files
    for path in files:
        rows = _rows(path)
        # a need may be cited from two pages (the profile keeps the larger value,
        # both rows are evidence), never twice from one page
        keys = [(r["locality_id"], r["sector"], r["source_url"]) for r in rows]
        assert len(keys) == len(set(keys)), f"{path.name}: a need cited twice"
        for row in rows:
            loc = catalog.get(row["locality_id"])
            assert not loc.is_vietnamese and loc.country == row["country"], row
            assert row["role"] == "need" and row["value"] in ("0.5", "0.8"), row
            assert row["found_via"] in FOUND_VIA, row
            assert row["source_url"].startswith(("http://", "https://")), row
            assert 0 < len(row["statement"]) <= 200, row
    # The first pass over the restated texts: 319 rows for 221 localities.
    rows = _rows()
    assert len(rows) >= 300
    assert len({r["locality_id"] for r in rows}) >= 200


@pytest.mark.parametrize(
    ("locality_id", "sector", "url_part"),
    [
        ("iso:JP-05", "healthcare", "reuters.com"),  # Akita: ageing, depopulation
        ("gn:2520600", "vocational_training", "eldiario.es"),  # Cádiz: unemployment
        ("iso:MN-1", "environment", "mongolianeconomy.mn"),  # Ulaanbaatar: air
        ("gn:1849876", "urban_development", "docslib.org"),  # Toyama: car dependence
    ],
)
def test_table_rows_are_in_the_built_profiles_with_their_citation(
    catalog, locality_id, sector, url_part
):
    row = next(
        r for r in _rows() if r["locality_id"] == locality_id and r["sector"] == sector
    )
    entries = [
        e
        for e in catalog.profile(locality_id)
        if e.method == STATED_METHOD and e.sector == sector
    ]
    assert len(entries) == 1, (locality_id, sector)
    entry = entries[0]
    assert entry.role == "need" and entry.scope == "locality"
    assert entry.value == pytest.approx(float(row["value"]))
    assert entry.evidence == row["statement"]
    assert url_part in entry.source and row["source_url"] in entry.source
    assert entry.source.startswith(row["source_title"])
    assert (entry.source_date or "") == row["source_date"]


def _write(path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def _good_row(**changes) -> dict:
    row = {
        "locality_id": "gn:1",
        "name": "Somewhere",
        "country": "JP",
        "sector": "healthcare",
        "role": "need",
        "value": "0.5",
        "statement": "The page states that Somewhere's population is ageing.",
        "source_url": "https://example.org/somewhere",
        "source_title": "Somewhere facts",
        "source_date": "2024",
        "found_via": "search",
        "retrieved": "2026-12-03",
    }
    return {**row, **changes}


def test_rows_of_every_table_become_need_rows(tmp_path):
    (tmp_path / "declared").mkdir()
    _write(tmp_path / "declared" / "foreign_stated_needs.csv", [_good_row()])
    _write(
        tmp_path / "declared" / "foreign_stated_needs_pages.csv",
        [_good_row(locality_id="gn:2", sector="water", value="0.8")],
    )
    rows = stated_need_rows(tmp_path, {"gn:1", "gn:2"}, {"healthcare", "water"})
    assert [(r["locality_id"], r["sector"], r["value"]) for r in rows] == [
        ("gn:1", "healthcare", "0.5000"),
        ("gn:2", "water", "0.8000"),
    ]
    assert rows[0]["source"] == "Somewhere facts <https://example.org/somewhere>"
    assert rows[0]["method"] == STATED_METHOD and rows[0]["role"] == "need"
    assert stated_need_rows(tmp_path / "none", {"gn:1"}, {"water"}) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sector": "space_tourism"}, "sector"),
        ({"locality_id": "gn:999"}, "locality_id"),
        ({"locality_id": "vn:01"}, "locality_id"),
        ({"role": "strength"}, "role"),
        ({"statement": "x" * 201}, "statement"),
        ({"source_url": ""}, "source_url"),
        ({"value": "1.5"}, "value"),
    ],
)
def test_a_bad_row_fails_the_build_naming_file_row_and_field(tmp_path, change, field):
    (tmp_path / "declared").mkdir()
    path = tmp_path / "declared" / "foreign_stated_needs_pages.csv"
    _write(path, [_good_row(), _good_row(**{"locality_id": "gn:2", **change})])
    ids = {"gn:1", "gn:2", "vn:01"}
    with pytest.raises(CatalogError) as error:
        stated_need_rows(tmp_path, ids, {"healthcare", "water"})
    message = str(error.value)
    assert path.name in message and "row 3" in message and repr(field) in message
    if field == "sector":
        assert "space_tourism" in message


def test_the_committed_table_builds_against_the_committed_catalog(catalog, tmp_path):
    """What the build reads: every committed row is accepted and kept."""
    shutil.copytree(DATA / "declared", tmp_path / "declared")
    ids = {loc.id for loc in catalog.localities}
    rows = stated_need_rows(tmp_path, ids, set(catalog.taxonomy.ids))
    assert len(rows) == sum(len(_rows(p)) for p in stated_files(DATA))
