"""Name resolution: old, unaccented, English, Vietnamese and misspelt names."""

from __future__ import annotations

import csv
import json

import pytest

from features.catalog.countries import resolve_country
from features.errors import (
    InvalidParameterError,
    UnknownCountryError,
    UnknownLocalityError,
)
from features.names.folding import fold
from service.cli.main import main
from service.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def mergers(catalog, reference_dir):
    path = reference_dir / "vietnam" / "vn_province_63_to_34.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_name = {u.name: u.id for u in catalog.vietnam_units()}
    return [(r["old_name"], by_name[r["new_name"]]) for r in rows]


def test_all_63_old_names_resolve(resolver, mergers):
    assert len(mergers) == 63
    wrong = []
    for old, new_id in mergers:
        best = resolver.lookup(old, country="VN")
        if best.id != new_id:
            wrong.append((old, best.id, new_id))
        unaccented = resolver.lookup(fold(old))
        if unaccented.id != new_id:
            wrong.append((old + " (unaccented)", unaccented.id, new_id))
    assert wrong == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Quảng Nam", "vn:48"),
        ("Quang Nam", "vn:48"),
        ("tỉnh Quảng Nam", "vn:48"),
        ("Bình Dương", "vn:79"),
        ("Yên Bái", "vn:15"),
        ("Hue", "vn:46"),
        ("Thua Thien Hue", "vn:46"),
        ("Ho Chi Minh City", "vn:79"),
        ("Thành phố Hồ Chí Minh", "vn:79"),
        ("Saigon", "vn:79"),
        ("Hanoi", "vn:01"),
        ("Hội An", "vn:48"),
        ("Đà Lạt", "vn:68"),
        ("Nha Trang", "vn:56"),
        ("Móng Cái", "vn:22"),
        ("Vũng Tàu", "vn:79"),
        ("Ba Ria Vung Tau", "vn:79"),
    ],
)
def test_vietnamese_names_resolve(resolver, name, expected):
    assert resolver.lookup(name).id == expected


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Quảng Tây", None, "iso:CN-GX"),
        ("Vân Nam", None, "iso:CN-YN"),
        ("Sơn Đông", None, "iso:CN-SD"),
        ("Chăm-pa-xắc", None, "iso:LA-CH"),
        ("Champasak", "LA", "iso:LA-CH"),
        ("tỉnh Friesland", None, "iso:NL-FR"),
        ("Friesland", "Hà Lan", "iso:NL-FR"),
        ("Val-de-Marne", "France", "iso:FR-94"),
        ("Île-de-France", None, "iso:FR-IDF"),
        ("Fukuoka Prefecture", "JP", "iso:JP-40"),
        ("Rostov Oblast", "RU", "iso:RU-ROS"),
    ],
)
def test_foreign_names_resolve(resolver, name, country, expected):
    assert resolver.lookup(name, country=country).id == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Da Lat", "vn:68"),
        ("da lat", "vn:68"),
        ("Vinh", "vn:40"),
        ("Cu Chi", "vn:79"),
        ("Son Tra", "vn:48"),
    ],
)
def test_unaccented_word_breaks_beat_a_shared_compact_key(resolver, name, expected):
    """Written "Da Lat", Đà Lạt is vn:68, not the Malaysian "Dalat" (same key)."""
    assert resolver.lookup(name).id == expected


def test_da_lat_still_lists_the_malaysian_dalat(resolver):
    candidates = resolver.resolve("Da Lat")
    assert [c.id for c in candidates[:2]] == ["vn:68", "gn:1736929"]
    assert candidates[0].matched_name in {"Da Lat", "Da lat"}
    assert resolver.lookup("Đà Lạt").id == "vn:68"


def test_wernigerode_is_the_german_town(resolver):
    best = resolver.lookup("Wernigerode")
    loc = resolver.catalog.get(best.id)
    assert (loc.name, loc.country, loc.level) == ("Wernigerode", "DE", "city")


def test_siem_reap_by_its_vietnamese_name(resolver):
    ids = [c.id for c in resolver.resolve("Xiêm Riệp", country="KH")[:2]]
    assert "iso:KH-17" in ids or any(
        resolver.catalog.get(i).name == "Siem Reap" for i in ids
    )


def test_qualifier_in_parentheses_picks_the_right_saiki(resolver):
    best = resolver.lookup("Saiki (Oita Prefecture)")
    loc = resolver.catalog.get(best.id)
    assert loc.country == "JP" and loc.name == "Saiki"
    assert loc.parent_id == "iso:JP-44"


def test_yamaguchi_is_a_prefecture_and_a_city(resolver):
    candidates = resolver.resolve("Yamaguchi", country="JP")
    top_two = {c.id for c in candidates[:2]}
    assert top_two == {"iso:JP-35", "gn:1848689"}
    as_prefecture = resolver.resolve("Yamaguchi", country="JP", level="admin1")
    assert as_prefecture[0].id == "iso:JP-35"
    assert resolver.resolve("Yamaguchi Prefecture", country="JP")[0].id == "iso:JP-35"


def test_unknown_name_gives_suggestions(resolver):
    with pytest.raises(UnknownLocalityError) as err:
        resolver.lookup("Qwzxvyk")
    assert err.value.suggestions
    assert resolver.suggest("Quang Nom")[0].startswith("Quảng Nam")


@pytest.mark.parametrize(
    ("name", "closest"),
    [("Frence", "France"), ("Holand", "Netherlands"), ("Nga La", "Russian Federation")],
)
def test_unknown_country_suggests_distinct_countries(name, closest):
    """Names of one country ("France", "Frankreich", …) give one suggestion."""
    with pytest.raises(UnknownCountryError) as err:
        resolve_country(name)
    suggestions = err.value.suggestions
    assert suggestions[0] == closest
    assert len(suggestions) == len(set(suggestions)) == 3


@pytest.mark.parametrize(("name", "code"), [("Itali", "IT"), ("Japn", "JP")])
def test_misspelt_country_close_to_one_country_only_resolves(name, code):
    assert resolve_country(name) == code


@pytest.mark.parametrize(
    ("name", "code"),
    [("Republic of Korea", "KR"), ("Islamic Republic of Iran", "IR"),
     ("Korea, Republic of", "KR")],
)  # fmt: skip
def test_inverted_official_names_resolve(name, code):
    """ISO's "Korea, Republic of" is written "Republic of Korea" (not Kenya)."""
    assert resolve_country(name) == code


def test_bad_level_is_refused(resolver):
    with pytest.raises(InvalidParameterError, match="'level'"):
        resolver.resolve("Hue", level="planet")


def test_cli_resolve_json(capsys):
    assert main(["resolve", "Yamaguchi", "--country", "Japan", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "Yamaguchi"
    first = out["candidates"][0]
    assert set(first) >= {"id", "name", "country", "level", "score"}
    assert first["country"] == "JP"
    scores = [c["score"] for c in out["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_cli_unknown_name_exits_1_with_suggestions(capsys):
    assert main(["resolve", "Qwzxvyk"]) == 1
    err = capsys.readouterr().err
    assert "unknown locality 'Qwzxvyk'" in err and "closest:" in err


def test_cli_catalog_stats(capsys):
    assert main(["catalog", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["vietnam_units"] == 34
    assert stats["ties_linked"]["vn_dev"]["share"] > 0.8
    coop = stats["cooperation"]
    assert coop["projects"] >= coop["localities"] > 0 and coop["countries"] > 1
    assert PROJECT_ROOT.exists()
