"""Foreign senders written by ear in kana or Hangul (ウムヌゴビ県, 크즐오르다주): the
country written before them, and a match by the sound of their Latin names."""

import pytest

from features.catalog.countries import exact_country
from features.names.transcription import latin_reading, sound_key, sound_similarity
from features.screening.sender_match import sound_alike
from features.screening.sender_unit import country_written_before, leading_country


@pytest.mark.parametrize(
    ("written", "latin"),
    [
        ("ウムヌゴビ", "Ömnögovi"),
        ("クズロルダ", "Kyzylorda"),
        ("크즐오르다", "Kyzylorda"),
        ("サマルカンド", "Samarkand"),
        ("셀렝게", "Selenge"),
        ("바양홍고르", "Bayankhongor"),
        ("ウランバートル", "Ulaanbaatar"),
    ],
)
def test_a_name_by_ear_has_the_skeleton_of_its_latin_form(written, latin):
    assert sound_key(latin_reading(written)) == sound_key(latin)


def test_skeletons_keep_what_tells_names_apart():
    assert latin_reading("長野県") is None  # a Japanese name is not by ear
    assert sound_key("Selenge") == "srnk"  # "ng" before a vowel is n + g
    assert sound_key("Hong") == "n"
    assert sound_similarity(sound_key("Samarkand"), sound_key("Bukhara")) < 0.5


def test_a_country_is_exact_or_none():
    assert exact_country("蒙古国") == "MN"
    assert exact_country("몽골") == "MN"
    assert exact_country("カザフスタン共和国") == "KZ"
    assert exact_country("ル国") is None  # a fragment close to no country
    assert exact_country("Mongolei") == "MN"


def test_the_country_opening_a_line_or_written_before_a_name():
    assert leading_country("モンゴル国 ウムヌゴビ県知事") == ("MN", "ウムヌゴビ県知事")
    assert leading_country("몽골 셀렝게도 도지사 사무국")[0] == "MN"
    assert leading_country("長野県小布施町役場")[0] is None
    text = "안녕하십니까.\n카자흐스탄 크즐오르다주 대외관계과에서 근무하는 김입니다."
    assert country_written_before(text, "크즐오르다주") == "KZ"
    assert country_written_before("クズロルダ州より", "クズロルダ州") is None


def test_sound_alike_finds_one_unit_or_none(resolver):
    found = sound_alike(resolver, "ウムヌゴビ", "MN", "admin1")
    assert [c.id for c in found] == ["iso:MN-053"]
    assert found[0].match == "sound"
    # a region and its same-sounding seat are one unit: both, for the level to pick
    both = {c.level for c in sound_alike(resolver, "크즐오르다", "KZ", None)}
    assert both == {"admin1", "city"}
    # "mrs" sounds like many French towns: none is sure enough
    assert sound_alike(resolver, "마르세유", "FR", "city") == []
    assert sound_alike(resolver, "ウムヌゴビ", "MN", "town") == []


def test_a_mongolian_aimag_in_katakana_under_its_country(party_of):
    text = (
        "2026年12月1日\n\nモンゴル国 ウムヌゴビ県知事\nバトエルデネ\n\n"
        "給水技術研修に関するご提案\n\n拝啓　当県は畜産に長い経験があります。\n敬具"
    )
    party = party_of(text)
    assert (party.id, party.country) == ("iso:MN-053", "MN")
    assert party.confidence == pytest.approx(0.85)  # by ear: likely, not sure


def test_a_kazakh_region_in_hangul_whose_country_is_in_the_body(party_of):
    text = (
        "보낸 사람: 크즐오르다주 대외관계과 <intl@example.org>\n"
        "받는 사람: 베트남 성\n\n"
        "안녕하십니까.\n\n카자흐스탄 크즐오르다주 대외관계과에서 근무하는 김입니다."
        " 귀 성에 처음으로 인사를 드립니다.\n\n김 올림\n크즐오르다주 대외관계과\n"
    )
    party = party_of(text)
    assert (party.id, party.country) == ("iso:KZ-43", "KZ")


def test_a_korean_name_in_hangul_is_not_heard_abroad(party_of):
    # a Korean county in Hangul stays Korean: no sound match in another country
    text = (
        "해남군청 경제과\n\n안녕하십니까. 해남군은 농업 협력을 제안합니다.\n\n해남군수"
    )
    assert party_of(text).country == "KR"
