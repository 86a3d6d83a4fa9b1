"""Letters read as real senders write them: greeting lines, e-mail closings, stated
offers, needs said in words, one sector on both sides, CJK and Hangul senders."""

import pytest

from features.screening.concreteness import assess_concreteness
from features.screening.facts import detect_party, screening_facts
from features.screening.letter_parts import letter_parts
from features.tagging.tagger import role_cue
from features.text.letter_phrases import STATED_OFFERS
from features.text.reading import split_sentences

EMAIL = """Subject: Possible partnership on dairy and farm tourism

Hi there,

Our farmers have built up a lot of know-how in cooperative dairy processing over \
the last forty years, and we'd be happy to pass it on.

What we're missing is experience with farm stays and rural tourism.

Best practices in farm tourism are what we would like to discuss.

Cheers,
Marion Tate
Kettle Ridge County
"""


def test_greeting_is_neither_claim_nor_sender_and_email_closing_fills_its_line():
    parts = letter_parts(EMAIL)
    kinds = dict(zip(parts.lines, parts.kinds, strict=True))
    assert kinds["Hi there,"] == "salutation"
    assert kinds[EMAIL.split("\n")[0]] == "body"  # the subject states the topic
    assert kinds["Cheers,"] == "signature"
    assert kinds["Kettle Ridge County"] == "signature"
    # "Best" opens a prose line, not a closing
    assert kinds[
        "Best practices in farm tourism are what we would like to discuss."
    ] == ("body")
    japanese = letter_parts("件名：協力について\n\n省人民委員会 御中\n\n本文です。\n")
    assert japanese.kinds[2] == "salutation"
    assert japanese.kinds[0] == "body"


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("Zusätzlich bieten wir zwei Lehrkräften eine Fortbildung an.", "strength"),
        ("Do Vùng tài trợ toàn bộ chi phí giảng viên và vé máy bay.", "strength"),
        ("Les frais de séjour sont pris en charge par la Région.", "strength"),
        ("We can offer two scholarships for engineers.", "strength"),
        ("渡航費は本市が負担いたします。", "strength"),
        ("我们可以提供培训场地。", "strength"),
        ("항공료는 우리 시가 부담합니다.", "strength"),
        ("What we're missing is experience with farm stays.", "need"),
        ("Die Krankenhäuser brauchen zusätzliche Pflegekräfte.", "need"),
        ("Ce qui nous manque, c'est l'expérience du tourisme rural.", "need"),
        ("We'd love to learn from a province that has done this well.", "need"),
    ],
)
def test_stated_offers_and_needs_said_in_words(sentence, role):
    assert role_cue(sentence) == role


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        # sharing one's experience is an offer
        ("Le Canton serait heureux de partager son expérience en viticulture.",
         "strength"),
        ("We are happy to share our experience in flood control.", "strength"),
        ("Gern geben wir unsere Erfahrungen im Deichbau weiter.", "strength"),
        ("港湾運営の経験を共有したいと考えております。", "strength"),
        ("我市愿与贵省分享港口管理经验。", "strength"),
        ("항만 운영 경험을 공유하고자 합니다.", "strength"),
        # attracting companies or investors is a need
        ("La Ville souhaite attirer des entreprises vietnamiennes.", "need"),
        ("We hope to attract Vietnamese companies to our business park.", "need"),
        ("推介我市产业园区，欢迎越南企业来钦投资兴业。", "need"),
        ("本市は企業誘致に力を入れています。", "need"),
        ("우리 군은 기업 유치를 추진하고 있습니다.", "need"),
    ],
)  # fmt: skip
def test_sharing_experience_is_an_offer_attracting_investors_a_need(sentence, role):
    assert role_cue(sentence) == role


def test_every_language_has_stated_offers():
    assert set(STATED_OFFERS) == {"vi", "en", "fr", "de", "ja", "zh", "ko"}


def test_german_ordinal_date_does_not_end_a_sentence():
    sentences = split_sentences(
        "Beginn am 1. März 2026, Rückmeldung bis zum 30. September 2025. Danke."
    )
    assert [s.text for s in sentences] == [
        "Beginn am 1. März 2026, Rückmeldung bis zum 30. September 2025.",
        "Danke.",
    ]


def test_activity_with_a_next_step_is_a_named_project():
    parts = assess_concreteness(
        ["研修を実施し、オンライン会議で内容を具体化したいと存じます。"], []
    ).contributions
    project = next(p for p in parts if p.name == "named_projects")
    assert project.signal_value == 1.0
    alone = assess_concreteness(["研修を実施したいと存じます。"], []).contributions
    assert next(p for p in alone if p.name == "named_projects").signal_value == 0.5


def test_sector_offered_and_sought_when_both_are_said(tagger, resolver, old_names):
    text = (
        "Dear Colleagues,\n\n"
        "We are known for our university research in marine biology.\n\n"
        "We seek a partner province whose universities could run a joint research "
        "and student exchange programme with ours.\n\nKind regards,\nAshcombe\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert "higher_education" in {c.sector for c in facts.offers}
    assert "higher_education" in {c.sector for c in facts.seeks if c.role == "need"}
    # one claim per sector and side
    assert len({c.sector for c in facts.offers}) == len(facts.offers)


def test_budget_line_in_a_letter_is_not_a_need(tagger, resolver, old_names):
    text = (
        "Sehr geehrte Damen und Herren,\n\n"
        "- Finanzierung: rund 420.000 Euro aus Landesmitteln für Sprachkurse, "
        "Lehrkräfte und Begleitung.\n\nMit freundlichen Grüßen\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert not [c for c in facts.seeks if c.role == "need"]


def test_cjk_and_hangul_letterheads_name_the_sender(resolver):
    head = "日ノ川県 国際交流課\n\n本県は上下水道の維持管理に強みがあります。\n"
    party = detect_party(head, [], resolver, letter=letter_parts(head))
    assert (party.id, party.name) == (None, "日ノ川県")
    korean = "창원특례시 국제협력과\n\n수신: 성 인민위원회\n\n협력을 제안합니다.\n"
    party = detect_party(korean, [], resolver, letter=letter_parts(korean))
    assert (party.id, party.country) == ("gn:1846326", "KR")  # Changwon


def test_writer_as_the_subject_of_a_sentence(resolver):
    text = (
        "Amt der Steiermärkischen Landesregierung\n\nSehr geehrte Frau Direktorin,\n\n"
        "Das Land Steiermark schlägt Ihrer Provinz eine Partnerschaft vor.\n"
    )
    party = detect_party(text, [], resolver, letter=letter_parts(text))
    assert (party.id, party.country) == ("iso:AT-6", "AT")
