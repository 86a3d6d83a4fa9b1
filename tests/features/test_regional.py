"""Regional rules: indicators → strengths and needs, scope, right evidence."""

from __future__ import annotations

import csv
import gzip
import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from features.build.creative_cities import CREATIVE
from features.build.indicators import _place_keys, _universities
from features.build.regional import (
    AQUEDUCT,
    EUROSTAT_AGEING,
    KUMMU,
    RULES,
    WORLDPOP,
    derive_regional,
    ramp,
)
from features.catalog.coverage import coverage_stats
from features.catalog.loading import catalog_dir, load_catalog
from features.featureset import SCOPE_WEIGHT, build_feature_set
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


def test_ramp_is_linear_and_clipped_in_either_direction():
    assert ramp(0.24, 0.20, 0.28) == pytest.approx(0.5)
    assert ramp(0.10, 0.20, 0.28) == 0.0 and ramp(0.40, 0.20, 0.28) == 1.0
    assert ramp(78.0, 81.0, 75.0) == pytest.approx(0.5)  # falling: life expectancy
    assert RULES["ageing65_care"].value(0.40) == 0.5  # care need is the weaker half


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Osaka University", {"osaka"}),
        ("University of Tokyo", {"tokyo"}),
        ("University of California, Berkeley", {"california"}),
        ("Universität Hamburg", {"hamburg"}),
        ("Daito Bunka University", {"daito bunka"}),  # a name word: no place
    ],
)
def test_university_names_point_to_the_place_they_are_named_for(name, keys):
    assert _place_keys(name) == keys


def _catalog_rows():
    with gzip.open(
        catalog_dir(DATA) / "localities.csv.gz", "rt", encoding="utf-8"
    ) as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def universities(reference_dir):
    places = [
        (
            r["id"],
            (r["name"], r["name_en"]),
            r["country"],
            int(r["population"] or 0),
            r["level"],
            r["parent_id"],
        )
        for r in _catalog_rows()
        if r["country"] != "VN" and r["level"] in ("city", "admin1")
    ]
    out: list[dict] = []
    _universities(Path(reference_dir), places, out)
    return {r["locality_id"]: r["evidence"] for r in out}


@pytest.mark.reference_data
def test_osaka_lists_no_ibaraki_or_tokyo_university(universities):
    osaka = universities["iso:JP-27"]
    assert "Osaka University" in osaka or "Osaka City University" in osaka
    for wrong in ("Ibaraki", "Daito Bunka", "Tokyo"):
        assert wrong not in osaka, wrong
    assert "Ibaraki University" not in universities.get("iso:JP-08", "")  # doubtful
    assert "Tokyo" in universities["iso:JP-13"]
    assert "University of Groningen" in universities["iso:NL-GR"]
    assert "Osaka" not in universities["iso:JP-13"]


@pytest.fixture(scope="module")
def regional(reference_dir):
    rows = _catalog_rows()
    with gzip.open(catalog_dir(DATA) / "names.csv.gz", "rt", encoding="utf-8") as f:
        names = [tuple(r.values()) for r in csv.DictReader(f)]
    found, report = derive_regional(Path(reference_dir), rows, names)
    return {
        (r["locality_id"], r["sector"], r["role"], r["source"]): r for r in found
    }, report


@pytest.mark.reference_data
def test_regional_rules_on_checked_rows(regional):
    rows, report = regional
    # SOURCE.txt checked rows: Lombardia 23.5 % aged 65+ (2024); Ile-de-France 16.1 %
    lombardy = rows["iso:IT-25", "healthcare", "need", EUROSTAT_AGEING]
    assert "23.5 %" in lombardy["evidence"]
    assert float(lombardy["value"]) == pytest.approx(ramp(0.235, 0.20, 0.28), abs=0.01)
    assert (
        float(rows["iso:FR-IDF", "healthcare", "need", EUROSTAT_AGEING]["value"]) == 0
    )
    # Kummu: Tokyo 1.78 × the national GDP per head → a trade strength
    tokyo = rows["iso:JP-13", "trade_investment", "strength", KUMMU]
    assert float(tokyo["value"]) > 0.9 and tokyo["scope"] == "locality"
    # water stress is a country value, on first-level units only, never Vietnamese
    water = rows["iso:JP-27", "water", "need", AQUEDUCT]
    assert water["scope"] == "country" and "country-level" in water["evidence"]
    assert not any(k[0].startswith(("vn:", "gn:")) and k[1] == "water" for k in rows)
    # European WorldPop shares are national copies: none is used
    assert not any(k[0].startswith("iso:DE-") and k[3] == WORLDPOP for k in rows)
    assert report["kummu_joined"] > 500 and report["creative_joined"] > 200


@pytest.mark.reference_data
def test_creative_cities_join_to_the_right_city(regional):
    rows, _ = regional
    creative = {k[0]: r for k, r in rows.items() if k[3] == CREATIVE}
    by_name = {r["evidence"].split(" is a ")[0]: lid for lid, r in creative.items()}
    locs = {r["id"]: r for r in _catalog_rows()}
    assert locs[by_name["Kanazawa"]]["country"] == "JP"
    assert locs[by_name["Lyon"]]["country"] == "FR"
    assert all(lid.startswith("gn:") for lid in creative)


def test_country_values_weigh_less_than_measured_ones(catalog):
    assert SCOPE_WEIGHT["country"] < SCOPE_WEIGHT["locality"] == 1.0
    entry = next((e for e in catalog.profiles if e.scope == "country"), None)
    if entry is None:
        pytest.skip("the committed catalog has no country-level value yet")
    fs = build_feature_set(catalog)
    i, j = fs.row(entry.locality_id), fs.sectors.index(entry.sector)
    values = [
        e.value * SCOPE_WEIGHT[e.scope]
        for e in catalog.profile(entry.locality_id)
        if e.sector == entry.sector and e.role == entry.role
    ]
    matrix = fs.needs if entry.role == "need" else fs.strengths
    assert matrix[i, j] == pytest.approx(max(values))
    assert matrix[i, j] < entry.value or entry.value == 0


def test_old_profile_files_without_scope_read_as_locality(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA / "taxonomy", data / "taxonomy")
    shutil.copytree(catalog_dir(DATA), data / "catalog")
    path = data / "catalog" / "profiles.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if "scope" in rows[0]:
        at = rows[0].index("scope")
        rows = [r[:at] + r[at + 1 :] for r in rows]
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    assert {e.scope for e in load_catalog(data).profiles} == {"locality"}


def test_coverage_stats_count_foreign_locality_values(catalog):
    stats = coverage_stats(catalog)
    assert set(stats["foreign_coverage"]) == set(catalog.taxonomy.ids)
    heritage = {
        e.locality_id
        for e in catalog.profiles
        if e.sector == "heritage_tourism"
        and e.role == "strength"
        and e.value > 0
        and e.scope == "locality"
        and not e.locality_id.startswith("vn:")
    } | {
        p.foreign_id
        for p in catalog.cooperation
        if "heritage_tourism" in p.sectors and not p.foreign_id.startswith("vn:")
    }
    assert stats["foreign_coverage"]["heritage_tourism"]["strength"] == len(heritage)
    texts = {t.locality_id for t in catalog.texts}
    assert stats["foreign_with_text"] >= len(texts)
    assert stats["foreign_with_need"] <= stats["foreign_with_need_any_scope"]
    assert 0 <= stats["country_level_share"] < 1
    assert set(stats["cooperation"]) == {"projects", "localities", "countries"}
    assert np.isfinite(stats["foreign_with_text"])


@pytest.mark.reference_data
def test_heritage_sites_count_only_in_their_own_country(catalog, reference_dir):
    from features.build.indicators import HERITAGE_FILE, TERRITORIES

    path = Path(reference_dir) / HERITAGE_FILE
    with path.open(encoding="utf-8-sig", newline="") as handle:
        states: dict[str, set[str]] = {}
        for site in csv.DictReader(handle):
            codes = {c.strip().upper() for c in site["iso_code"].split(",")} - {""}
            codes |= {t for c in codes for t in TERRITORIES.get(c, ())}
            states.setdefault(site["name_en"], set()).update(codes)
    pattern = re.compile(r"UNESCO World Heritage site (.+?) \(inscribed \d+\)")
    checked = 0
    for entry in catalog.profiles:
        if not entry.source.startswith("UNESCO World Heritage"):
            continue
        country = catalog.get(entry.locality_id).country
        for name in pattern.findall(entry.evidence):
            if states.get(name):  # a site of no state party (Jerusalem) is not checked
                assert country in states[name], (entry.locality_id, name)
                checked += 1
    assert checked > 1000
