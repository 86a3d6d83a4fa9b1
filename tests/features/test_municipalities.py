"""Municipalities, city units and NUTS index joins: each value is the place's own."""

from __future__ import annotations

import pytest

from features.build.municipalities import CENSUS_FILE, METADATA_FILE
from features.build.nuts3 import EUROSTAT_NUTS3
from features.build.regional import (
    EUROSTAT_2018_FILE,
    EUROSTAT_AGEING,
    KUMMU,
    ramp,
)

NUTS3_AGE = (
    "profiles/covid19opendata_worldpop_age_admin1/eurostat_population_stratified.csv"
)


@pytest.fixture(scope="module")
def derived(regional):
    rows, report, _ = regional
    return rows, report


def _healthcare(rows, lid):
    return [
        r
        for r in rows
        if r["locality_id"] == lid
        and r["sector"] == "healthcare"
        and r["role"] == "need"
    ]


@pytest.mark.reference_data
def test_a_brazilian_municipio_gives_its_city_the_census_share(derived, reference_rows):
    rows, report = derived
    raw = next(
        r
        for r in reference_rows(CENSUS_FILE)
        if r["key"] == "BR_SP_350950"  # Campinas (SP)
    )
    meta = {r["key"]: r for r in reference_rows(METADATA_FILE)}
    assert meta["BR_SP_350950"]["subregion2_name"] == "Campinas"
    bands = [float(v) for k, v in raw.items() if k.startswith("population_age")]
    share = (bands[-2] + bands[-1]) / sum(bands)
    (row,) = _healthcare(rows, "gn:3467865")  # Campinas in São Paulo state
    assert f"{100 * share:.1f} %" in row["evidence"] and "IBGE" in row["source"]
    assert row["source_date"] == "2010" and row["scope"] == "locality"
    assert float(row["value"]) == pytest.approx(ramp(share, 0.14, 0.21), abs=1e-4)
    # the Campinas of Santa Catarina is another city: no municipality of its size
    assert not _healthcare(rows, "gn:6316729")
    # Lima spans 43 districts: the district of Lima is not the city
    assert not _healthcare(rows, "gn:3936456")
    assert report["municipalities_joined"]["BR"] > 1500


@pytest.mark.reference_data
def test_a_city_that_is_a_first_level_unit_gets_its_values(derived):
    rows, report = derived
    busan = [
        r for r in rows if r["locality_id"] == "gn:1838524" and r["source"] == KUMMU
    ]
    unit = [r for r in rows if r["locality_id"] == "iso:KR-26" and r["source"] == KUMMU]
    assert busan and {r["value"] for r in busan} == {r["value"] for r in unit}
    assert all("territory of Busan (KR-26)" in r["evidence"] for r in busan)
    # an Italian metropolitan city is the former province, not the city
    assert not [
        r
        for r in rows
        if r["locality_id"] == "gn:2523920" and "territory of" in r["evidence"]
    ]
    assert 15 <= report["city_units"] < 100


@pytest.mark.reference_data
def test_index_keys_that_name_another_unit_are_not_used(derived, reference_rows):
    rows, _ = derived
    by_unit = {
        (r["locality_id"], r["source"]): r["evidence"]
        for r in rows
        if r["sector"] == "healthcare"
    }
    # the index's TR10 (İstanbul) reads as iso:TR-10 (Balıkesir), ES24 (Aragón)
    # as Andalucía: both go to the unit named so, or nowhere
    assert "TR10" not in by_unit.get(("iso:TR-10", EUROSTAT_AGEING), "")
    assert "TR10" in by_unit[("iso:TR-34", EUROSTAT_AGEING)]
    assert "ES24" in by_unit[("iso:ES-AR", EUROSTAT_AGEING)]
    assert "ES24" not in by_unit.get(("iso:ES-AN", EUROSTAT_AGEING), "")
    # NUTS-2 units that are ISO units the index leaves unkeyed: Attiki is GR-I
    raw18 = next(
        r for r in reference_rows(EUROSTAT_2018_FILE) if r["NUTS_ID"] == "EL30"
    )
    attica = [
        r
        for r in rows
        if r["locality_id"] == "iso:GR-I" and r["sector"] == "vocational_training"
    ]
    assert any(
        f"unemployment {float(raw18['unemployment_rate_t']):.1f} %" in r["evidence"]
        for r in attica
    )
    # a country whose NUTS-3 units are its ISO units: Vidin (BG311) → iso:BG-05
    raw = next(r for r in reference_rows(NUTS3_AGE) if r["eurostat"] == "BG311")
    bands = [float(v) for k, v in raw.items() if k != "eurostat"]
    share = (bands[-2] + bands[-1]) / sum(bands)
    assert f"{100 * share:.1f} %" in by_unit[("iso:BG-05", EUROSTAT_NUTS3)]


@pytest.mark.reference_data
def test_swedish_county_names_join_kummu(derived):
    rows, _ = derived
    gavleborg = [
        r for r in rows if r["locality_id"] == "iso:SE-X" and r["source"] == KUMMU
    ]
    assert gavleborg and "G‰vleborg" in gavleborg[0]["evidence"]
