"""Regions by name: M49 through CLDR; ASEAN and Mekong from a cited table."""

from __future__ import annotations

import pytest

from features.catalog.regions import UnknownRegionError, load_regions
from features.errors import UnknownNameError
from service.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def regions():
    return load_regions(PROJECT_ROOT / "data")


SOUTHEAST_ASIA = {"BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"}


@pytest.mark.parametrize(
    "name, code",
    [
        ("Châu Âu", "150"),
        ("châu âu", "150"),
        ("CHAU AU", "150"),
        ("Europe", "150"),
        ("Đông Nam Á", "035"),
        ("dong nam a", "035"),
        ("Southeast Asia", "035"),
        ("ASEAN", "ASEAN"),
        ("EU", "EU"),
        ("Liên minh châu Âu", "EU"),
        ("European Union", "EU"),
        ("Mekong", "MEKONG"),
        ("Tiểu vùng Mê Kông", "MEKONG"),
        ("Union européenne", "EU"),
        ("東南アジア", "035"),
        ("035", "035"),
        ("Tây Á", "145"),
    ],
)
def test_names_in_vietnamese_english_and_other_languages(regions, name, code):
    assert regions.get(name).code == code


def test_memberships(regions):
    assert regions.countries("Đông Nam Á") == SOUTHEAST_ASIA
    # ASEAN since Timor-Leste's admission on 26 October 2025: the same 11 countries
    assert regions.countries("ASEAN") == SOUTHEAST_ASIA
    assert regions.countries("Mekong") == {"CN", "MM", "LA", "TH", "KH", "VN"}
    eu = regions.countries("EU")
    assert len(eu) == 27 and {"FR", "DE", "CY", "HR"} <= eu and "GB" not in eu
    europe = regions.countries("Europe")
    assert {"FR", "DE", "GB", "RU", "UA", "NO"} <= europe
    assert regions.countries("Northern Europe") < europe


def test_cyprus_and_turkey_are_western_asia_in_m49(regions):
    western_asia = regions.countries("Western Asia")
    europe = regions.countries("Châu Âu")
    for code in ("CY", "TR"):
        assert code in western_asia and code in regions.countries("Asia")
        assert code not in europe
    assert "CY" in regions.countries("EU") and "TR" not in regions.countries("EU")
    assert {r.code for r in regions.containing("CY")} >= {"145", "142", "EU"}


def test_hierarchy_follows_m49(regions):
    assert regions.get("Đông Nam Á").parent == "142"
    assert regions.get("Sub-Saharan Africa").parent == "002"
    assert regions.get("Western Africa").parent == "202"
    assert regions.get("South America").parent == "419"
    assert regions.get("Latin America").parent == "019"
    for region in regions:
        if region.parent is not None:
            assert region.members <= regions.regions[region.parent].members


def test_unknown_names_raise_with_close_matches(regions):
    with pytest.raises(UnknownRegionError) as caught:
        regions.get("Eurpe")
    assert isinstance(caught.value, UnknownNameError)
    assert isinstance(caught.value, LookupError)
    assert "Eurpe" in str(caught.value) and "Europe" in caught.value.suggestions[0]
    with pytest.raises(UnknownRegionError, match="Đông Nam Á"):
        regions.get("Đông Nam")
    with pytest.raises(UnknownRegionError):
        regions.get("")


def test_every_region_is_cited_with_names(regions):
    assert len(regions) >= 30
    for region in regions:
        assert region.source and region.name_vi and region.name_en
        assert all(len(code) == 2 for code in region.members)


def test_build_flattens_containment_and_adds_the_cited_groupings(tmp_path):
    import json

    from features.build.regions import build_regions

    containment = {
        "supplemental": {
            "territoryContainment": {
                "001": {"_contains": ["142", "002", "QO"]},
                "142": {"_contains": ["035"]},
                "035": {"_contains": ["VN", "LA"]},
                "002": {"_contains": ["011"]},
                "002-status-grouping": {"_contains": ["202"]},
                "202": {"_contains": ["011"], "_grouping": "true"},
                "011": {"_contains": ["SN"]},
                "QO": {"_contains": ["AQ"]},
                "EU": {"_contains": ["FR"], "_grouping": "true"},
            }
        }
    }
    source = tmp_path / "territoryContainment.json"
    source.write_text(json.dumps(containment), encoding="utf-8")
    out = tmp_path / "regions.json"
    groupings = PROJECT_ROOT / "data" / "taxonomy" / "groupings.tsv"
    table = build_regions(source, groupings, out)["regions"]
    assert table["001"]["members"] == ["LA", "SN", "VN"]  # QO (AQ) left out
    assert table["011"]["parent"] == "202" and table["202"]["parent"] == "002"
    assert table["035"]["names"]["vi"] == "Đông Nam Á"
    assert "TL" in table["ASEAN"]["members"] and len(table["MEKONG"]["members"]) == 6
    assert json.loads(out.read_text(encoding="utf-8"))["regions"] == table
