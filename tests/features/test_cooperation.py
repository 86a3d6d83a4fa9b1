"""The cooperation record: linking project rows to catalog ids, and loading them."""

from __future__ import annotations

import csv
import gzip

import pytest

from features.build.cooperation import cooperation_files, link_cooperation
from features.catalog.cooperation import COOPERATION_COLUMNS, load_cooperation
from features.errors import CatalogError
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
COLUMNS = (
    "foreign_locality",
    "foreign_country",
    "foreign_level",
    "foreign_iso3166_2",
    "foreign_geonames_id",
    "vn_locality",
    "vn_province_2025",
    "sectors",
    "theme_as_stated",
    "programme",
    "start",
    "end",
    "url",
    "partner_country",
    "partner_locality",
    "retrieved",
)


def _table(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, delimiter="\t", restval="")
        writer.writeheader()
        writer.writerows(rows)
    return [("test:projects.tsv", path)]


@pytest.fixture(scope="module")
def linked(catalog, resolver, tmp_path_factory):
    rows = [
        # a city by its GeoNames id, with a Vietnamese province
        {
            "foreign_locality": "Yokohama",
            "foreign_country": "JP",
            "foreign_level": "city (designated)",
            "foreign_iso3166_2": "JP-14",
            "foreign_geonames_id": "gn:1848354",
            "vn_locality": "Đà Nẵng",
            "vn_province_2025": "Đà Nẵng",
            "sectors": "environment;other:public_administration",
            "url": "https://example.org/a",
            "start": "2013",
        },
        # a prefecture by its ISO code (the city of the same name is not meant)
        {
            "foreign_locality": "Toyama Prefecture",
            "foreign_country": "JP",
            "foreign_iso3166_2": "JP-16",
            "sectors": "environment",
            "url": "https://example.org/b",
            "partner_country": "CN",
            "partner_locality": "Liaoning Province",
        },
        # a name match outside the stated prefecture is refused
        {
            "foreign_locality": "Kawasaki",
            "foreign_country": "JP",
            "foreign_level": "city",
            "foreign_iso3166_2": "JP-01",
            "sectors": "water",
            "url": "https://example.org/c",
        },
        # no such place
        {
            "foreign_locality": "Nowhere-on-Sea",
            "foreign_country": "JP",
            "foreign_level": "city",
            "sectors": "water",
            "url": "https://example.org/d",
        },
        # no source: never linked
        {
            "foreign_locality": "Yokohama",
            "foreign_country": "JP",
            "foreign_geonames_id": "gn:1848354",
            "sectors": "water",
        },
    ]
    rows.append(dict(rows[0]))  # the first row again: kept once
    files = _table(tmp_path_factory.mktemp("coop") / "projects.tsv", rows)
    return link_cooperation(files, catalog, resolver, set(catalog.taxonomy.ids))


def test_foreign_side_links_by_code_and_partner_by_province(linked, catalog):
    by_url = {p["url"]: p for p in linked.projects}
    yokohama = by_url["https://example.org/a"]
    assert yokohama["foreign_id"] == "gn:1848354"
    da_nang = catalog.get(yokohama["partner_id"])
    assert da_nang.is_vietnamese and da_nang.name == "Đà Nẵng"
    assert yokohama["partner_country"] == "VN"
    assert yokohama["sectors"] == "environment"  # other:* is outside the taxonomy
    assert yokohama["start"] == "2013" and yokohama["end"] == ""
    toyama = by_url["https://example.org/b"]
    assert toyama["foreign_id"] == "iso:JP-16"
    assert toyama["partner_id"] == "iso:CN-LN"


def test_unsure_rows_are_reported_with_their_reason(linked):
    reasons = {u["foreign"]: u["reason"] for u in linked.unlinked}
    assert "is not in JP-01" in reasons["Kawasaki (JP)"]
    assert reasons["Nowhere-on-Sea (JP)"] == (
        "no catalog locality of that name and country"
    )
    assert reasons["Yokohama (JP)"] == "no source URL"
    assert linked.counts == {
        "linked": 2,
        "unlinked": 3,
        "duplicates": 1,
        "partner_linked": 2,
    }


def test_committed_tables_are_read_before_the_shared_ones(reference_dir):
    labels = [label for label, _ in cooperation_files(DATA, reference_dir)]
    assert "data:cooperation/projects_asia.tsv" in labels
    assert any(label.startswith("shared:cooperation/") for label in labels)
    assert labels.index("data:cooperation/projects_asia.tsv") < min(
        i for i, label in enumerate(labels) if label.startswith("shared:")
    )


def test_every_curated_row_names_its_source_and_retrieval_date():
    path = DATA / "cooperation" / "projects_asia.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    for number, row in enumerate(rows, start=2):
        assert row["url"].startswith("http"), number
        assert row["retrieved"] == "2026-12-03", number
        assert len(row["foreign_country"]) == 2 and len(row["partner_country"]) == 2
        assert row["sectors"], number
        if row["partner_country"] != "VN":
            assert not row["vn_province_2025"], number


def test_loaded_record_has_the_linked_projects(catalog):
    assert catalog.cooperation, "rebuild the catalog: it has no cooperation record"
    kitakyushu = catalog.cooperation_of("gn:1859307")
    assert {p.partner_country for p in kitakyushu} >= {"VN", "PH", "CN", "KH"}
    assert all(p.url.startswith("http") for p in catalog.cooperation)
    assert all(set(p.sectors) <= set(catalog.taxonomy.ids) for p in catalog.cooperation)
    davao = [p for p in kitakyushu if p.partner_locality == "Davao City"]
    assert davao and davao[0].years in ("2017–2020", "2022–2025")


def _write(path, rows):
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COOPERATION_COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)


def test_loader_names_the_row_and_field_of_a_bad_value(tmp_path, catalog):
    ids = {loc.id for loc in catalog.localities}
    good = {
        "foreign_id": "gn:1848354",
        "partner_id": "",
        "partner_country": "FJ",
        "sectors": "water",
        "url": "https://example.org",
        "source": "test",
        "start": "2014",
    }
    path = tmp_path / "cooperation.csv.gz"
    _write(path, [good])
    (project,) = load_cooperation(path, ids, catalog.taxonomy)
    assert project.partner_id is None and project.sectors == ("water",)
    assert project.years == "since 2014"
    for field, value, message in (
        ("foreign_id", "gn:0", "unknown locality id"),
        ("sectors", "water;plumbing", "unknown sector 'plumbing'"),
        ("start", "14", "not a plausible year"),
        ("partner_country", "Fiji", "ISO 3166-1 alpha-2"),
        ("url", "", "a value is required"),
    ):
        _write(path, [good, {**good, field: value}])
        with pytest.raises(CatalogError, match=message) as caught:
            load_cooperation(path, ids, catalog.taxonomy)
        assert caught.value.row == 3 and caught.value.field == field


def test_a_catalog_without_the_file_has_no_record(tmp_path, catalog):
    assert load_cooperation(tmp_path / "none.csv.gz", set(), catalog.taxonomy) == ()
