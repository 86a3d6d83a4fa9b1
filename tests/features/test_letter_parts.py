"""Letters read right: letterhead and signature lines, stated needs and strengths,
dates in CJK, Korean and Vietnamese forms, a Vietnamese unit as sender."""

import pytest

from features.screening.concreteness import assess_concreteness
from features.screening.facts import detect_party, screening_facts, screening_flags
from features.screening.letter_parts import letter_parts, split_stated_needs
from features.tagging.tagger import role_cue
from features.text.date_forms import era_year
from features.text.letter_phrases import STATED_NEEDS, STATED_STRENGTHS
from features.text.reading import split_sentences

ERFURT = """Landeshauptstadt Erfurt
Büro des Oberbürgermeisters · Fischmarkt 1 · 99084 Erfurt
Telefon +49 361 000 0000 · E-Mail: partnerschaften@example.org

Sehr geehrter Herr Vorsitzender,

unsere Berufsschulen bilden jedes Jahr junge Gärtnerinnen und Gärtner aus.

Für ein gemeinsames Ausbildungsprojekt suchen wir eine Partnerprovinz, die Erfahrung \
im Obst- und Gemüseanbau hat.

Mit freundlichen Grüßen

Oberbürgermeister der Landeshauptstadt Erfurt
"""


def test_letterhead_address_contact_and_signature_lines():
    parts = letter_parts(ERFURT)
    kinds = {line: kind for line, kind in zip(parts.lines, parts.kinds, strict=True)}
    assert kinds["Landeshauptstadt Erfurt"] == "letterhead"
    assert kinds[ERFURT.split("\n")[1]] == "address"
    assert kinds[ERFURT.split("\n")[2]] == "contact"
    # the greeting names the recipient: neither a claim nor the sender
    assert kinds["Sehr geehrter Herr Vorsitzender,"] == "salutation"
    assert "Vorsitzender" not in parts.sender_text
    assert kinds["Mit freundlichen Grüßen"] == "signature"
    assert kinds["Oberbürgermeister der Landeshauptstadt Erfurt"] == "signature"
    assert "Fischmarkt" not in parts.sender_text
    assert "Landeshauptstadt Erfurt" in parts.sender_text


def test_street_in_the_letterhead_is_no_fisheries_offer(tagger, resolver, old_names):
    facts = screening_facts(
        ERFURT, tagger=tagger, resolver=resolver, old_names=old_names
    )
    assert facts.party.id == "gn:2929670"  # Erfurt, named in letterhead + signature
    assert facts.party.confidence >= 0.9
    claimed = {c.sector for c in facts.offers + facts.seeks}
    assert "fisheries" not in claimed
    assert "agriculture" in {c.sector for c in facts.seeks if c.role == "need"}


def test_purpose_before_a_stated_need_is_read_apart():
    sentences = split_sentences(
        "Für ein gemeinsames Ausbildungsprojekt suchen wir eine Partnerprovinz, "
        "die Erfahrung im Obstbau hat."
    )
    parts = split_stated_needs(sentences)
    assert [p.text for p in parts] == [
        "Für ein gemeinsames Ausbildungsprojekt",
        "suchen wir eine Partnerprovinz, die Erfahrung im Obstbau hat.",
    ]
    assert parts[1].start == sentences[0].start + len(parts[0].text) + 1
    assert split_stated_needs(split_sentences("We seek a partner.")) == (
        split_sentences("We seek a partner.")
    )


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Für das Projekt suchen wir eine Partnerprovinz, die Reis anbaut.", "need"),
        ("We seek a partner province for our cooperation on water.", "need"),
        ("Nous recherchons des partenaires dans l'agroalimentaire.", "need"),
        ("本県では介護分野の人材育成での協力を求めています。", "need"),
        ("우리 시는 농산물 가공 협력 파트너를 찾고 있습니다.", "need"),
        ("Chúng tôi tìm kiếm đối tác hợp tác về năng lượng tái tạo.", "need"),
        ("我们寻求在职业教育领域的合作。", "need"),
        ("本県は、施設園芸と農産物の加工に強みがあり、協力を希望します。", "strength"),
        ("We are known for our cooperation with universities.", "strength"),
        ("Wir sind stark in der Zusammenarbeit mit Hochschulen.", "strength"),
        ("Nous sommes reconnus pour nos échanges universitaires.", "strength"),
        ("Thế mạnh của chúng tôi là hợp tác đào tạo.", "strength"),
    ],
)
def test_stated_needs_and_strengths_decide_the_role(sentence, role):
    assert role_cue(sentence) == role


def test_every_language_has_stated_needs_and_strengths():
    for table in (STATED_NEEDS, STATED_STRENGTHS):
        assert set(table) == {"vi", "en", "fr", "de", "ja", "zh", "ko"}


@pytest.mark.parametrize(
    "text",
    [
        "令和7年10月31日までにご回答ください。",
        "事業期間は令和8年度です。",
        "令和元年に交流を始めました。",
        "我市拟于2026年4月派出代表团。",
        "일정: 2026년 5월 11일부터",
        "Ngày 5 tháng 3 năm 2025, đoàn công tác đã làm việc.",
    ],
)
def test_dates_in_cjk_korean_and_vietnamese_forms(text):
    part = next(
        p
        for p in assess_concreteness([text], []).contributions
        if p.name == "dates_deadlines"
    )
    assert part.signal_value >= 0.5, text
    assert part.evidence


def test_era_years():
    assert era_year("令和", "7") == 2025
    assert era_year("令和", "元") == 2019
    assert era_year("平成", "31") == 2019
    assert era_year("大正", "1") is None


def test_vietnamese_province_typed_as_sender(resolver):
    party = detect_party("Chúng tôi tìm kiếm đối tác.", [], resolver, sender="Tây Ninh")
    assert (party.id, party.country, party.kind) == ("vn:80", "VN", "vietnamese_unit")
    foreign = detect_party("A letter.", [], resolver, sender="Tây Ninh", country="CN")
    assert foreign.kind == "foreign" and foreign.country == "CN"


def test_vietnamese_unit_heading_the_letter(tagger, resolver, old_names):
    text = (
        "ỦY BAN NHÂN DÂN TỈNH TÂY NINH\n\nKính gửi: Quý địa phương đối tác\n\n"
        "Thế mạnh của chúng tôi là chế biến nông sản.\n\nTM. ỦY BAN NHÂN DÂN TỈNH\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.party.kind == "vietnamese_unit" and facts.party.id == "vn:80"
    codes = [f.code for f in screening_flags(facts)]
    assert codes[0] == "vietnamese_unit"
    assert "sender_unresolved" not in codes and "uncertain_party" not in codes
