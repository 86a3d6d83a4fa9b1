"""Senders written with their type word (counties, regencies, aimags, towns and
villages, 县/縣, 군), chains of units, the sender's country, and what makes a
letter a plan: dated activities, local phone numbers, deadlines after the date,
costs for a number of people; the letter's own date and a hedged maybe-someday are
no plan."""

import pytest

from features.screening.concreteness import assess_concreteness
from features.screening.facts import screening_facts
from features.screening.letter_parts import letter_parts
from features.screening.letterhead import letterhead_sender, strip_institution
from features.screening.sender_unit import (
    SEAT_CONFIDENCE,
    letter_country,
    level_fit,
    unit_chain,
    written_level,
)


def _facts(text, tagger, resolver, old_names):
    return screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)


def _signal(sentences, name, **kwargs):
    parts = {
        p.name: p for p in assess_concreteness(sentences, [], **kwargs).contributions
    }
    return parts[name].signal_value


@pytest.mark.parametrize(
    ("line", "chain"),
    [
        ("長野県霧ヶ原町役場 企画政策課", [("長野県", "admin1"), ("霧ヶ原町", "town")]),
        (
            "云南省红河哈尼族彝族自治州青水县人民政府外事办公室",
            [
                ("云南省", "admin1"),
                ("红河哈尼族彝族自治州", "admin2"),
                ("青水县", "admin2"),
            ],
        ),  # fmt: skip
        (
            "北海道虻田郡霧沢町長",
            [("北海道", "admin1"), ("虻田郡", "admin2"), ("霧沢町", "town")],
        ),  # fmt: skip
        (
            "강원특별자치도 솔내군청 경제정책과",
            [("강원특별자치도", "admin1"), ("솔내군", "admin2")],
        ),  # fmt: skip
        ("창원특례시장", [("창원시", "city")]),
        ("本市は国際交流を進めています", []),  # no office after it: prose
    ],
)
def test_unit_chains_name_the_innermost_unit_last(line, chain):
    assert unit_chain(line) == chain


def test_type_words_and_the_levels_they_allow():
    assert written_level("Landkreis Görlitz") == "admin2"
    assert written_level("Sleman Regency") == "admin2"
    assert written_level("Bayankhongor Aimag Governor's Office") == "admin1"
    assert written_level("Câmara Municipal de Viseu") == "city"
    assert written_level("Nordland fylkeskommune") == "admin1"
    assert written_level("International Affairs Division") is None
    assert level_fit("admin2", "admin2") == 1.0
    assert level_fit("admin2", "city") == SEAT_CONFIDENCE  # the county's seat
    assert level_fit("admin2", "admin1") == SEAT_CONFIDENCE  # 屏東縣, or a state
    assert level_fit("town", "admin1") is None  # a village is not its prefecture
    assert level_fit("admin1", "city") is None
    assert level_fit(None, "city") == 1.0


def test_the_letter_shows_its_country():
    assert letter_country(["Praça da República – 3000 Coimbra – Portugal"]) == "PT"
    assert letter_country(["Văn phòng Thống đốc tỉnh Khövsgöl – Mông Cổ"]) == "MN"
    assert letter_country(["霧ヶ原町役場 まちづくり課"]) == "JP"  # kana
    assert letter_country(["솔내군청 경제정책과"]) == "KR"
    assert letter_country(["Bahnhofstraße 24, 02826 Görlitz"]) is None
    assert letter_country(["Jeollanam-do, Republic of Korea"]) == "KR"  # not Kenya


@pytest.mark.parametrize(
    ("lines", "name", "level"),
    [
        ("Pemerintah Kabupaten Sungai Lirang\nJl. Merdeka 1", "Sungai Lirang",
         "admin2"),
        ("Sleman Regency Government", "Sleman", "admin2"),
        ("PROVINCE OF BOHOL\nOffice of the Governor", "BOHOL", "admin1"),
        ("Région autonome Vallée d'Aoste", "Vallée d'Aoste", "admin1"),
        ("Commune d'Agadir", "Agadir", "town"),
        ("Győr-Moson-Sopron Vármegyei Önkormányzat", "Győr-Moson-Sopron", "admin1"),
        ("HWASUN-GUN OFFICE\nJeollanam-do", "HWASUN-GUN", "admin2"),
        ("Chiang Mai Provincial Administrative Organization", "Chiang Mai",
         "admin1"),
        ("Provincial Government of Bohol", "Bohol", "admin1"),
        ("Nagano Prefectural Government", "Nagano", "admin1"),
    ],
)  # fmt: skip
def test_letterhead_names_the_unit_without_its_words(lines, name, level):
    text = f"{lines}\n\nDear Sir or Madam,\n\nWe write to you.\n"
    head = letterhead_sender(letter_parts(text))
    assert (head.name, head.level) == (name, level)


def test_a_title_in_the_signature_is_not_the_sender():
    assert strip_institution("International Officer") == ""
    assert strip_institution("Bayankhongor Aimag Governor’s Office") == "Bayankhongor"
    text = (
        "Dear friends,\n\nI am writing to you from Cumbria County Council in the "
        "north west of England. Our county has a long tradition of hill farming.\n\n"
        "Warm wishes,\nJane Dobson\nInternational Officer, Cumbria County Council\n"
    )
    head = letterhead_sender(letter_parts(text))
    assert (head.name, head.level) == ("Cumbria", "admin2")


def test_a_town_in_a_prefecture_is_ad_hoc_not_the_prefecture(
    tagger, resolver, old_names
):
    text = (
        "長野県霧ヶ原町役場 企画政策課\n〒381-0000 長野県上高井郡霧ヶ原町1-2\n\n"
        "件名：果樹栽培分野での交流について\n\n拝啓\n"
        "霧ヶ原町は果樹の産地です。当町では果樹の剪定技術を共有したいと考えております。\n\n"
        "敬具\n霧ヶ原町長\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.name, party.country) == (None, "霧ヶ原町", "JP")


def test_a_village_in_the_catalog_is_the_sender_not_its_prefecture(
    tagger, resolver, old_names
):
    text = (
        "件名：ジュニアスキー交流のご提案\n\nご担当者様\n\n"
        "長野県の村として、本村はスキー交流を検討しております。長野県と共に進めます。\n\n"
        "どうぞよろしくお願い申し上げます。\n━━━━━━━━━━━━━━━━\n"
        "長野県北安曇郡白馬村 観光課\n松沢 恵美\n━━━━━━━━━━━━━━━━\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.country) == ("gn:8630153", "JP")  # Hakuba, not Nagano


def test_a_county_is_not_resolved_to_its_seat_with_full_confidence(
    tagger, resolver, old_names
):
    text = (
        "Landkreis Görlitz\nDer Landrat\nBahnhofstraße 24, 02826 Görlitz\n\n"
        "Sehr geehrte Damen und Herren,\n\nder Landkreis Görlitz möchte mit einer "
        "vietnamesischen Provinz in der Pflegeausbildung zusammenarbeiten.\n\n"
        "Mit freundlichen Grüßen\nReferat Internationales\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert party.id == "gn:2918987"  # the city of Görlitz, the Kreis' seat
    assert party.confidence == SEAT_CONFIDENCE  # below UNCERTAIN_PARTY: flagged


@pytest.mark.parametrize(
    ("head", "place"),
    [
        # the county itself (GeoNames admin-2), not its seat the city gn:1843841
        ("HWASUN-GUN OFFICE\nJeollanam-do, Republic of Korea", ("gn:1843839", "KR")),
        ("Ayuntamiento de Valencia\nPlaza del Ayuntamiento 1, 46002 Valencia, España",
         ("gn:2509954", "ES")),  # the city, not the Comunitat Valenciana
        ("Nagano Prefectural Government\nInternational Affairs Division\n"
         "692-2 Habashita, Nagano City, 380-8570 Japan", ("iso:JP-20", "JP")),
    ],
)  # fmt: skip
def test_the_level_written_picks_the_unit(head, place, tagger, resolver, old_names):
    text = f"{head}\n\nDear Sir or Madam,\n\nWe would like to cooperate.\n"
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.country) == place


def test_a_typed_unit_outweighs_its_city_named_more_often(tagger, resolver, old_names):
    text = (
        "Győr-Moson-Sopron Vármegyei Önkormányzat\n"
        "Selbstverwaltung des Komitats Győr-Moson-Sopron\n"
        "Városház tér 1 · H-9021 Győr · Ungarn\n\nGyőr, 3. Dezember 2026\n\n"
        "Sehr geehrte Damen und Herren,\n\nUnsere Berufsschulen in Győr bilden "
        "Mechatroniker aus; Győr ist ein Zentrum der Autoindustrie.\n\n"
        "Mit freundlichen Grüßen\nDr. Katalin Horváth\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.country) == ("iso:HU-GS", "HU")


def test_vietnamese_written_signature_and_distribution_list(
    tagger, resolver, old_names
):
    text = (
        "Văn phòng Chính quyền huyện\n\nKính gửi: Sở Ngoại vụ tỉnh\n\n"
        "Huyện chúng tôi mong muốn hợp tác về chế biến nông sản.\n\nTrân trọng./.\n\n"
        "TM. CHÍNH QUYỀN HUYỆN XAY, TỈNH OUDOMXAY\nPHÓ CHỦ TỊCH HUYỆN\n\n"
        "Nơi nhận:\n- Như trên;\n- Sở Ngoại giao tỉnh Oudomxay (để b/c);\n- Lưu VP.\n"
    )
    parts = letter_parts(text)
    kinds = dict(zip(parts.lines, parts.kinds, strict=True))
    assert kinds["Nơi nhận:"] == kinds["- Sở Ngoại giao tỉnh Oudomxay (để b/c);"]
    assert kinds["Nơi nhận:"] == "attachment"
    assert kinds["TM. CHÍNH QUYỀN HUYỆN XAY, TỈNH OUDOMXAY"] == "signature"
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.country) == ("gn:1652132", "LA")  # Muang Xai (Xay)


def test_a_taiwanese_county_is_its_first_level_unit_flagged(
    tagger, resolver, old_names
):
    text = (
        "屏東縣政府　函\n\n受文者：越南○○省人民委員會\n\n"
        "主旨：邀請貴省參加熱帶果樹栽培研習班。\n說明：本縣為熱帶水果產區。\n\n"
        "縣長　（簽名章）\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert (party.id, party.country) == ("iso:TW-PIF", "TW")
    assert party.confidence == SEAT_CONFIDENCE


def test_the_letters_own_date_is_no_plan(tagger, resolver, old_names):
    text = (
        "Erlenbrück, den 19.11.2026\n\nSehr geehrte Damen und Herren,\n\n"
        "wir grüßen Sie herzlich aus Erlenbrück.\n\nMit freundlichen Grüßen\n"
        "Thomas Reindl\n"
    )
    parts = _facts(text, tagger, resolver, old_names).concreteness.contributions
    assert {p.name: p.value for p in parts}["dates_deadlines"] == 0.0
    assert _signal(["Erlenbrück, den 19.11.2026"], "dates_deadlines") == 0.5


def test_a_hedged_maybe_someday_names_no_sector(tagger, resolver, old_names):
    text = (
        "Sehr geehrte Damen und Herren,\n\nvielleicht ergibt sich daraus eines "
        "Tages ein Austausch über Abwasserreinigung und Kläranlagen.\n\n"
        "Mit freundlichen Grüßen\nThomas Reindl\n"
    )
    facts = _facts(text, tagger, resolver, old_names)
    parts = {p.name: p.value for p in facts.concreteness.contributions}
    assert parts["named_sectors"] == 0.0


@pytest.mark.parametrize(
    ("sentence", "name", "value"),
    [
        # an activity with its dates is a dated plan
        ("La Municipalité organisera du 5 au 23 juillet 2027 une université d'été.",
         "named_projects", 1.0),
        ("We plan a summer school for your students.", "named_projects", 0.5),
        # a Taiwanese 民國 date, and a deadline after the date
        ("請於116年1月31日前將報名表寄至本府農業處。", "dates_deadlines", 1.0),
        ("回答期限　令和9年2月26日までにご回答ください。", "dates_deadlines", 1.0),
        ("本府訂於116年4月12日舉辦研習班。", "dates_deadlines", 0.5),
        # a domestic phone number after its word, a named officer in charge
        ("担当 鈴木・田中 電話 052-000-0000", "contact_persons", 1.0),
        ("Tel. 04841 00-0000", "contact_persons", 1.0),
        ("担当 鈴木", "contact_persons", 0.5),
        # who pays and for how many; an amount in 萬元 or 新臺幣
        ("La visite de huit pêcheurs, pris en charge par la Commune.",
         "budgets_amounts", 1.0),
        ("La visite de huit pêcheurs vietnamiens.", "budgets_amounts", 0.5),
        ("總經費新臺幣120萬元。", "budgets_amounts", 1.0),
    ],
)  # fmt: skip
def test_what_makes_a_plan(sentence, name, value):
    assert _signal([sentence], name) == value


def test_a_vietnamese_city_in_a_consulates_letterhead_is_not_the_sender(
    tagger, resolver, old_names
):
    text = (
        "Consulate General of the Republic of Korea in Ho Chi Minh City\n\n"
        "Dear Director,\n\nOn behalf of Ulsan Metropolitan City, we forward its "
        "proposal on shipbuilding training.\n\nSincerely,\nConsul General\n"
    )
    party = _facts(text, tagger, resolver, old_names).party
    assert party.country == "KR" and party.id is not None  # Ulsan, not an ad hoc HCMC
