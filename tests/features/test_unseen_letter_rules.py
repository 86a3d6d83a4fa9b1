"""Rules built on letters written blind to the reader (dev batch of 2026-12-03):
closing runs and recipient blocks, Vietnamese-style letterheads, letter-spaced and
métropole senders, past and year-only dates, CJK and Korean amounts, list items
under a stated need, Korean particles on sector words, stated offers."""

import pytest

from features.names.old_provinces import find_old_provinces
from features.names.script import phrase_pattern
from features.screening.concreteness import assess_concreteness, date_key
from features.screening.facts import (
    detect_party,
    introduces_the_writer,
    screening_facts,
)
from features.screening.letter_parts import (
    carry_stated_needs,
    letter_parts,
)
from features.screening.letterhead import letterhead_sender
from features.tagging.tagger import keyword_hits, role_cue
from features.text.reading import split_sentences


def _kinds(text: str) -> dict[str, str]:
    parts = letter_parts(text)
    pairs = zip(parts.lines, parts.kinds, strict=True)
    return {line.strip(): kind for line, kind in pairs if line}


def _signal(sentences, name, **kwargs):
    result = assess_concreteness(sentences, [], **kwargs)
    return next(p for p in result.contributions if p.name == name)


def test_closing_run_without_a_closing_line_is_the_signature():
    korean = (
        "존경하는 ○○성 인민위원장님께\n\n우리 군은 농업 중심의 군입니다.\n\n"
        "두 지역이 발전하기를 바랍니다.\n\n2026. 11. 30.\n\n해남군수\n"
    )
    kinds = _kinds(korean)
    assert kinds["2026. 11. 30."] == kinds["해남군수"] == "signature"
    assert kinds["우리 군은 농업 중심의 군입니다."] == "body"
    # a news item's one-line byline is no signature
    news = "Đoàn thăm tỉnh.\n\nHai bên trao đổi hợp tác.\n\nThu Trang - Cổng TTĐT\n"
    assert _kinds(news)["Thu Trang - Cổng TTĐT"] == "body"


def test_a_list_under_a_colon_at_the_end_is_no_signature():
    text = (
        "Hello,\n\nWe would like to find a partner province.\n\n"
        "Areas of interest:\nRenewable energy\nWater management\n"
    )
    kinds = _kinds(text)
    assert kinds["Renewable energy"] == kinds["Water management"] == "body"


def test_thanks_in_advance_closes_and_a_job_title_claims_nothing():
    text = (
        "Hello,\n\nWe are a small township exploring a twinning arrangement.\n\n"
        "Thanks in advance,\n\nGordon MacKinnon\n"
        "Director of Water & Wastewater Services\n"
    )
    kinds = _kinds(text)
    assert kinds["Thanks in advance,"] == "signature"
    assert kinds["Director of Water & Wastewater Services"] == "signature"


def test_a_long_line_introducing_a_list_ends_the_letterhead():
    text = (
        "钦州市人民政府外事办公室\n\n越南××省人民委员会：\n\n"
        "钦州市地处北部湾畔，钦州港集装箱航线通达东盟主要港口，港口、铁路与物流园区配套"
        "较为完善。为深化与越南地方的港口物流合作，我市拟举办港口物流合作对接会，"
        "诚邀贵省派团参加。现将有关事项函告如下：\n\n"
        "一、时间：2027年3月16日至18日\n二、费用：食宿由我市承担\n\n"
        "请于2027年1月20日前反馈。\n"
    )
    kinds = _kinds(text)
    assert kinds["钦州市人民政府外事办公室"] == "letterhead"
    assert kinds["一、时间：2027年3月16日至18日"] == "body"


def test_to_alone_heads_the_recipient_block():
    text = (
        "OFFICE OF THE DISTRICT COLLECTOR, NASHIK\n\nTo\nThe Director,\n"
        "Provincial People's Committee,\nViet Nam\n\nSub: District cooperation\n\n"
        "Respected Sir/Madam,\n\nNashik is a grape-growing district.\n"
    )
    kinds = _kinds(text)
    assert kinds["To"] == kinds["Provincial People's Committee,"] == "salutation"
    assert kinds["Respected Sir/Madam,"] == "salutation"
    assert kinds["Sub: District cooperation"] == "body"  # a subject states a topic
    assert letterhead_sender(letter_parts(text)).name != "People's Committee"


def test_vietnamese_two_column_letterhead_and_signer_title(resolver):
    columns = (
        "ỦY BAN NHÂN DÂN                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH QUẢNG NGÃI                   Độc lập - Tự do - Hạnh phúc\n\n"
        "Kính gửi: Ông Thống đốc tỉnh Shizuoka, Nhật Bản\n\n"
        "Tỉnh Quảng Ngãi đề xuất hợp tác với tỉnh Shizuoka.\n"
    )
    parts = letter_parts(columns)
    assert parts.vietnamese_sender().casefold() == "quảng ngãi"
    party = detect_party(columns, [], resolver, letter=parts)
    assert (party.kind, party.country) == ("vietnamese_unit", "VN")
    signed = (
        "Kính gửi: Ngài Thị trưởng thành phố Gumi, Hàn Quốc\n\n"
        "Tỉnh chúng tôi cảm ơn chuyến thăm của đoàn.\n\nTrân trọng,\n\n"
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN\n"
    )
    parts = letter_parts(signed)
    assert parts.vietnamese_sender().casefold() == "thái nguyên"
    assert detect_party(signed, [], resolver, letter=parts).kind == "vietnamese_unit"


def test_vietnamese_style_letterhead_of_a_foreign_unit(resolver):
    text = (
        "ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÔNG HƯNG\n"
        "KHU TỰ TRỊ DÂN TỘC CHOANG QUẢNG TÂY, TRUNG QUỐC\n\n"
        "Kính gửi: Sở Công Thương tỉnh Quảng Ninh\n\n"
        "Thành phố chúng tôi mời Quý Sở tham dự hội chợ.\n"
    )
    party = detect_party(text, [], resolver, letter=letter_parts(text))
    assert party.kind == "foreign" and party.country == "CN"
    # of the namesakes, the one in the province the letterhead names (Guangxi)
    assert resolver.catalog.get(party.id).parent_id == "iso:CN-GX"


def test_letter_spaced_letterhead_is_read_joined():
    text = "수 원 시\n\n수신  베트남 ○○성 인민위원회 위원장\n\n1. 감사드립니다.\n"
    head = letterhead_sender(letter_parts(text))
    assert (head.name, head.level) == ("수원시", "city")


@pytest.mark.parametrize(
    ("name", "city"),
    [("Bordeaux Métropole", "Bordeaux"), ("Métropole de Lyon", "Lyon")],
)
def test_metropole_named_after_its_city(name, city, resolver):
    text = (
        f"{name}\nDirection des relations internationales\n\nMadame, Monsieur,\n\n"
        f"{name} souhaite une coopération dans le domaine de l'eau potable.\n\n"
        f"Bien cordialement,\n\n{name}\n"
    )
    parts = letter_parts(text)
    head = letterhead_sender(parts)
    assert (head.name, head.level) == (city, "city")
    party = detect_party(text, [], resolver, letter=parts)
    assert (party.name, party.country, party.level) == (city, "FR", "city")


@pytest.mark.parametrize(
    ("text", "key"),
    [("2. Dezember 2026", (2026, 12)), ("二〇二六年十一月", (2026, 11)),
     ("令和8年度", (2026, None)), ("2026. 11. 18.", (2026, 11)),
     ("30/11/2026", (2026, 11)), ("December 1, 2026", (2026, 12)),
     ("in 1980", (1980, None)), ("116年4月", (2027, 4)), ("no year", None)],
)  # fmt: skip
def test_date_key(text, key):
    assert date_key(text) == key


def test_a_date_before_the_letters_own_date_is_no_plan():
    own = "Sent: Tuesday, December 1, 2026"
    past = "A family who settled here in 1980 shared their story."
    visit = "지난 2026. 11. 18. 귀 성 대표단이 우리 시를 방문하였습니다."
    assert _signal([own, past, visit], "dates_deadlines", plan=[past, visit]).value == 0
    future = "We plan a study visit in April 2027."
    dated = _signal([own, future], "dates_deadlines", plan=[future])
    assert dated.signal_value == 0.5


def test_an_event_date_outside_the_plan_is_not_the_letters_own():
    subject = "关于举办2027年3月国际研讨会的函"  # a letterhead line naming the event
    deadline = "请于2027年1月20日前回复。"
    part = _signal([subject, deadline], "dates_deadlines", plan=[deadline])
    assert part.signal_value == 1.0


def test_a_year_alone_is_half_a_date_and_no_dated_plan():
    text = "La Métropole souhaite engager en 2027 un nouveau projet de coopération."
    assert _signal([text], "dates_deadlines").signal_value == 0.25
    assert _signal([text], "named_projects").signal_value == 0.5
    dated = "Le projet commencera en mars 2027."
    assert _signal([dated], "named_projects").signal_value == 1.0


@pytest.mark.parametrize(
    "amount", ["预算约人民币六十万元", "총 예산 1억 2천만 원", "三百万円"]
)
def test_amounts_in_cjk_numerals_and_korean_magnitudes(amount):
    assert _signal([amount], "budgets_amounts").signal_value == 1.0


def test_korean_workshop_chinese_deadline_and_pupils():
    assert _signal(["2027 탄소중립 국제 워크숍 참가 요청"], "named_projects").value > 0
    deadline = "五、报名截止：2027年1月15日。"
    assert _signal([deadline], "dates_deadlines").signal_value == 1.0
    pupils = "Wir nehmen bis zu zwölf vietnamesischen Schülerinnen auf."
    assert _signal([pupils], "budgets_amounts").signal_value == 0.5
    compound = "Wir organisieren gemeinsame Musik- und Theaterprojekte."
    assert _signal([compound], "named_projects").signal_value == 0.5


def test_list_items_under_a_stated_need_are_sought(tagger, resolver, old_names):
    sentences = split_sentences(
        "We seek a partner with hands-on experience in:\n"
        "1. segregated collection and composting of household waste; and\n"
        "2. treating run-off before it enters the river.\n"
    )
    carried = carry_stated_needs(sentences)
    assert [s.line for s in carried] == [s.line for s in sentences]
    assert all(s.text.startswith("We seek a partner") for s in carried[1:])
    text = (
        "Dear Colleagues,\n\nOur city has rebuilt its riverbanks.\n\n"
        "We seek a partner with hands-on experience in:\n"
        "1. segregated collection and composting of household waste; and\n"
        "2. treating run-off before it enters the river.\n\nKind regards,\nThe Mayor\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert "environment" in {c.sector for c in facts.seeks}
    assert "environment" not in {c.sector for c in facts.offers if c.role == "strength"}


def test_translation_note_is_no_claim():
    assert introduces_the_writer(
        "Thư này do một sinh viên Việt Nam thực tập tại văn phòng chúng tôi giúp dịch."
    )
    assert introduces_the_writer("This letter was kindly translated by a student.")
    assert not introduces_the_writer("Chúng tôi có thế mạnh về đào tạo nghề.")


def test_korean_word_with_its_particle(tagger):
    pattern = phrase_pattern(["직업학교", "농업"])
    assert [m.group() for m in pattern.finditer("직업학교와 함께 농업의 발전")] == [
        "직업학교",
        "농업",
    ]
    assert not pattern.search("농업인")  # another word, not a particle
    training = tagger.taxonomy.get("vocational_training")
    hits = keyword_hits(training, "농업 분야 계절근로자를 보내 주시고")
    assert hits == ["계절근로자"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Stadt Bremerhaven bietet an, jährlich eine Gruppe aufzunehmen.",
        "우리 시 기업들은 노하우를 귀 성과 나눌 준비가 되어 있습니다.",
        "Nos criées ont une longue pratique, que nous sommes prêts à partager.",
        "我县在垃圾分类方面形成了较为成熟的做法。",
    ],
)
def test_stated_offers_and_strengths(sentence):
    assert role_cue(sentence) == "strength"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我州边境县与当时的越南黄连山省即有民间往来。", ["Hoàng Liên Sơn"]),
        ("河南省代表团访问越南。", []),  # Henan, not the dissolved Hà Nam
        ("黄连山省", []),  # a dissolved province's Han name only after 越南
        ("原越南河南省的合作伙伴。", ["Hà Nam"]),
        ("我市与原安沛省的茶农有过往来。", ["Yên Bái"]),  # 安 read Yên, not An
    ],
)
def test_dissolved_province_in_chinese_after_vietnam(text, expected, old_names):
    found = find_old_provinces(split_sentences(text), old_names)
    assert [m.old_name for m in found] == expected
    assert all(m.historical == (m.old_name == "Hoàng Liên Sơn") for m in found)
