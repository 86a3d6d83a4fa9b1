"""The explanation flags a candidate that is an existing partner under another id."""

from matcher import recommend
from matcher.ranking import Filters
from matcher.wording import flag_message


def _flags(engine, province, candidate_id):
    results = recommend(
        engine.matcher,
        province,
        k=500,
        filters=Filters(countries=[engine.catalog.get(candidate_id).country]),
    )
    found = [r for r in results if r.id == candidate_id]
    assert found, f"{candidate_id} not ranked for {province}"
    return [flag_message(f.code, f.params, "en") for f in found[0].flags]


def test_city_province_unit_is_flagged_when_its_city_is_a_partner(engine):
    ho_chi_minh = next(
        u.id for u in engine.catalog.vietnam_units() if u.name == "Hồ Chí Minh"
    )
    partners = {
        str(engine.feature_set.ids[r])
        for r in engine.matcher.network_.partners(engine.feature_set.row(ho_chi_minh))
    }
    assert "gn:1821306" in partners  # Phnom Penh, the city
    assert "iso:KH-12" not in partners  # Phnom Penh, the unit
    flags = _flags(engine, ho_chi_minh, "iso:KH-12")
    assert any(
        "same place as an existing partner" in f and "gn:1821306" in f for f in flags
    )


def test_differently_named_unit_of_a_partner_city_is_not_flagged(engine):
    ho_chi_minh = next(
        u.id for u in engine.catalog.vietnam_units() if u.name == "Hồ Chí Minh"
    )
    flags = _flags(engine, ho_chi_minh, "iso:KH-8")  # Kandal, around Phnom Penh
    assert not any("same place" in f for f in flags)
