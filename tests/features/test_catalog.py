"""The committed catalog: its shape, its provenance and its loader's errors."""

from __future__ import annotations

import csv
import gzip
import shutil
from collections import Counter
from pathlib import Path

import pytest

from features.catalog.loading import LEVELS, catalog_dir, load_catalog
from features.errors import CatalogError
from features.paths import DEFAULT_DATA_DIR

DATA = DEFAULT_DATA_DIR


def test_vietnam_has_34_units(catalog):
    units = catalog.vietnam_units()
    assert len(units) == 34
    assert {u.level for u in units} == {"admin1"}
    assert all(u.id == f"vn:{u.id[3:]}" and len(u.id) == 5 for u in units)
    assert {u.type for u in units} == {"province", "centrally-run city"}
    hanoi = catalog.get("vn:01")
    assert hanoi.name == "Hà Nội" and hanoi.population and hanoi.area_km2


def test_tens_of_thousands_of_foreign_candidates(catalog):
    by_level = Counter(loc.level for loc in catalog.localities if not loc.is_vietnamese)
    assert by_level["city"] > 30_000
    assert by_level["admin1"] > 3_000
    assert by_level["admin2"] > 1_000
    assert len({loc.country for loc in catalog.localities}) > 200


def test_ids_are_unique_and_readable(catalog):
    ids = [loc.id for loc in catalog.localities]
    assert len(ids) == len(set(ids))
    prefixes = Counter(i.split(":")[0] for i in ids)
    # nuts: German Kreise; jis/cn: Japanese municipalities, Chinese county units
    assert set(prefixes) == {"vn", "iso", "gn", "nuts", "jis", "cn"}


def test_every_value_has_a_source_and_derived_values_are_marked(catalog):
    for loc in catalog.localities:
        assert loc.sources and all(loc.sources), loc.id
        assert loc.level in LEVELS
        if loc.lat is not None:
            assert loc.coord_source, loc.id
        if loc.population is not None:
            assert loc.population_source, loc.id
        if loc.level != "city" and not loc.is_vietnamese and loc.population is not None:
            assert loc.population_source.startswith("derived:"), loc.id
            assert loc.coord_source.startswith("derived:"), loc.id


def test_profiles_in_unit_range_with_evidence(catalog):
    assert len(catalog.profiles) > 10_000
    sectors = set(catalog.taxonomy.ids)
    for entry in catalog.profiles:
        assert 0.0 <= entry.value <= 1.0
        assert entry.evidence.strip() and entry.source.strip()
        assert entry.sector in sectors
        kinds = {"indicator", "declared", "stated", "text"}
        assert entry.method.split(":")[0] in kinds
    methods = Counter(e.method.split(":")[0] for e in catalog.profiles)
    assert methods["declared"] > 100
    # Tagged sentences of quoted foreign profile texts (data/profile_texts).
    assert methods["text"] > 500
    # Needs that cited pages state about foreign places (data/declared/).
    assert methods["stated"] > 300


def test_declared_profiles_cover_vietnam_with_sources(catalog):
    declared = [e for e in catalog.profiles if e.method.startswith("declared")]
    assert {e.locality_id for e in declared} <= {u.id for u in catalog.vietnam_units()}
    assert all("http" in e.source or "samples/" in e.source for e in declared)
    assert {e.role for e in declared} == {"strength", "need"}


def test_vietnamese_renewables_carry_the_2019_caveat(catalog):
    vn_energy = [
        e
        for e in catalog.profiles
        if e.locality_id.startswith("vn:")
        and e.sector == "renewable_energy"
        and e.method.startswith("indicator")
    ]
    assert vn_energy
    assert all("predates Vietnam" in e.evidence for e in vn_energy)


def test_taxonomy_has_required_sectors(catalog):
    tax = catalog.taxonomy
    assert len(tax) >= 12
    for required in (
        "vocational_training",
        "heritage_tourism",
        "renewable_energy",
        "water",
    ):
        sector = tax.get(required)
        assert sector.label_vi and sector.label_en and sector.description_en
        for lang in ("vi", "en", "fr", "de"):
            assert sector.keywords[lang], (required, lang)


def test_known_ties_are_linked(catalog):
    origins = Counter(t.origin for t in catalog.ties)
    assert origins["vn_dev"] >= 150
    assert origins["hekman"] > 10_000 and origins["wikidata"] > 5_000
    vn_ties = [t for t in catalog.ties if t.origin == "vn_dev"]
    assert all(
        t.a_id.startswith("vn:") and not t.b_id.startswith("vn:") for t in vn_ties
    )
    counts = catalog.manifest["counts"]["tie_rows"]
    assert counts["vn_dev:linked"] + counts["vn_dev:unlinked"] == 193


def test_unlinked_ties_are_reported_with_reasons():
    path = catalog_dir(DATA) / "unlinked_ties.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["reason"] for r in rows)


# ---- loader errors name the file, the row and the field -----------------------


@pytest.fixture
def broken_data(tmp_path: Path) -> Path:
    """A copy of the committed data folder to damage."""
    target = tmp_path / "data"
    shutil.copytree(DATA / "taxonomy", target / "taxonomy")
    shutil.copytree(catalog_dir(DATA), target / "catalog")
    return target


def _rewrite(path: Path, edit) -> None:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    edit(rows)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def test_malformed_row_names_file_row_and_field(broken_data):
    def edit(rows):
        header = rows[0]
        rows[5][header.index("lat")] = "north"

    _rewrite(broken_data / "catalog" / "localities.csv.gz", edit)
    with pytest.raises(CatalogError) as err:
        load_catalog(broken_data)
    message = str(err.value)
    assert "localities.csv.gz" in message and "row 6" in message and "'lat'" in message


def test_unknown_sector_names_file_row_and_field(broken_data):
    def edit(rows):
        rows[3][rows[0].index("sector")] = "space_tourism"

    _rewrite(broken_data / "catalog" / "profiles.csv.gz", edit)
    with pytest.raises(CatalogError, match=r"profiles.csv.gz, row 4, field 'sector'"):
        load_catalog(broken_data)


def test_duplicate_id_names_file_row_and_field(broken_data):
    def edit(rows):
        rows.append(list(rows[1]))

    _rewrite(broken_data / "catalog" / "localities.csv.gz", edit)
    with pytest.raises(CatalogError, match=r"localities.csv.gz, row \d+, field 'id'"):
        load_catalog(broken_data)


def test_value_out_of_range_is_refused(broken_data):
    def edit(rows):
        rows[2][rows[0].index("value")] = "1.5"

    _rewrite(broken_data / "catalog" / "profiles.csv.gz", edit)
    with pytest.raises(CatalogError, match=r"row 3, field 'value'"):
        load_catalog(broken_data)


def test_short_row_is_refused(broken_data):
    def edit(rows):
        rows[7] = rows[7][:3]

    _rewrite(broken_data / "catalog" / "ties.csv.gz", edit)
    with pytest.raises(CatalogError, match=r"ties.csv.gz, row 8"):
        load_catalog(broken_data)


def test_value_without_source_is_refused(broken_data):
    def edit(rows):
        header = rows[0]
        row = next(r for r in rows[1:] if r[header.index("population")])
        row[header.index("population_source")] = ""

    _rewrite(broken_data / "catalog" / "localities.csv.gz", edit)
    with pytest.raises(CatalogError, match=r"field 'population_source'"):
        load_catalog(broken_data)


def test_interrupted_swap_recovers_old_catalog(broken_data):
    (broken_data / "catalog").rename(broken_data / "catalog.old")
    assert len(load_catalog(broken_data)) > 40_000
