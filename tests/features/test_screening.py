"""Tests of the text side of screening: input checks, party, old names, concreteness."""

import pytest

from features.errors import TextInputError
from features.names.old_provinces import find_old_provinces
from features.screening.concreteness import (
    CONCRETENESS_SIGNALS,
    LEVEL_THRESHOLDS,
    assess_concreteness,
    concreteness_level,
)
from features.screening.facts import (
    UNCERTAIN_PARTY,
    detect_party,
    screenable_text,
    screened_sentences,
    screening_facts,
    screening_flags,
    sector_claims,
)
from features.tagging.tagger import SectorMention
from features.text.reading import split_sentences
from matcher.wording import flag_message

WERNIGERODE = "wernigerode-hoi-an-2022.txt"


def _old(text, index):
    return [
        (m.old_name, m.successor_id)
        for m in find_old_provinces(split_sentences(text), index)
    ]


# -- bad input ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"", "the text is empty"),
        (b"   \n\t ", "the text is empty"),
        (
            b"https://baoquocte.vn/thuc-day-hop-tac-123.html",
            "the text is only a web address",
        ),
        (b"www.example.org/page \n", "the text is only a web address"),
        (b"Hello there", "the text has no sentence to screen"),
        (b"A" * 10_000_000, "the text is too large"),
        (bytes(range(256)) * 10, "the input looks binary"),
        ("Coopération décentralisée".encode("latin-1"), "the input is not valid UTF-8"),
    ],
    ids=["empty", "blank", "url", "url-www", "two-words", "10MB", "binary", "latin-1"],
)
def test_bad_input_is_one_sentence(data, start):
    with pytest.raises(TextInputError) as info:
        screenable_text(data)
    message = str(info.value)
    assert message.startswith(start)
    assert "\n" not in message


def test_url_inside_a_letter_is_fine():
    text = "Xem chi tiết tại https://example.org. Thành phố Gimhae đề xuất hợp tác."
    assert screenable_text(text) == text


# -- old province names ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hợp tác với tỉnh Quảng Nam trước đây.", [("Quảng Nam", "vn:48")]),
        (
            "around the former Ba Ria - Vung Tau province.",
            [("Bà Rịa - Vũng Tàu", "vn:79")],
        ),
        (
            "thành phố Huế (trước đây là tỉnh Thừa Thiên Huế)",
            [("Thừa Thiên-Huế", "vn:46")],
        ),
        ("der früheren Provinz Kon Tum einbeziehen", [("Kon Tum", "vn:51")]),
        ("在原越南河江省沿边地区开展合作。", [("Hà Giang", "vn:08")]),
        ("旧ビンディン省地域を含む貴省", [("Bình Định", "vn:52")]),
        # false positives: current names, words and places that equal old names
        ("Tàu đi qua Thái Bình Dương.", []),
        ("Giải thưởng Hòa bình Romesh Chandra; vì hòa bình thế giới.", []),
        ("Người dân xã Bình Thuận và phường Hòa Bình.", []),
        ("Đoàn đại biểu tỉnh Hà Nam (Trung Quốc) thăm Việt Nam.", []),
        ("Sông Kiến Giang chảy qua Quảng Trị.", []),
        ("Thành phố Huế và tỉnh Quảng Trị.", []),
    ],
)
def test_old_provinces(text, expected, old_names):
    assert _old(text, old_names) == expected


def test_old_name_index_excludes_current_names(old_names, catalog):
    current = {u.name for u in catalog.vietnam_units()}
    merged = [e for e in old_names.entries if e[0] not in old_names.historical]
    assert len(merged) == 30  # the 2025 mergers
    assert len(old_names.historical) == 23  # dissolved before 2025 (Sông Bé …)
    assert len(old_names.entries) == 30 + 23
    assert not {name for name, _, _ in old_names.entries} & current


# -- concreteness ------------------------------------------------------------------


def test_concreteness_parts_sum_to_total():
    assert sum(s.weight for s in CONCRETENESS_SIGNALS) == pytest.approx(1.0, abs=1e-12)
    sentences = [
        'Tên dự án: "Nước sạch cho nông thôn".',
        "Kinh phí dự kiến: 350.000 euro, từ tháng 3/2025 đến tháng 12/2027.",
        "Đầu mối liên hệ: bà Lan (email: lan@example.org).",
        "Hai bên sẽ ký biên bản ghi nhớ trước ngày 30/4/2025.",
    ]
    sector = SectorMention("water", "Water", "Nước", "strength", 0.95, (sentences[0],))
    result = assess_concreteness(sentences, [sector])
    assert abs(result.score - sum(p.value for p in result.contributions)) < 1e-9
    assert [p.name for p in result.contributions] == [
        s.name for s in CONCRETENESS_SIGNALS
    ]
    by_name = {p.name: p for p in result.contributions}
    for name in ("named_projects", "dates_deadlines", "budgets_amounts",
                 "contact_persons", "agreements"):  # fmt: skip
        assert by_name[name].signal_value == 1.0 and by_name[name].evidence
    assert by_name["named_sectors"].signal_value == 0.5
    assert result.level == "concrete"


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("我县希望在乡村旅游方面开展交流合作，互相学习民宿经营的经验。", 1.0),
        ("Nous souhaiterions inviter une troupe de marionnettes au festival.", 1.0),
        ("Wir möchten zwei Pflegefachkräfte zu einem Praktikum einladen.", 1.0),
        ("本町は農業研修生を受け入れたいと考えております。", 1.0),
        # the sector named without an action: half
        ("La Ville souhaite concentrer ses échanges sur la formation hôtelière.", 0.5),
        ("We send our warm greetings to your farmers.", 0.5),
    ],
)  # fmt: skip
def test_one_sector_with_a_concrete_action_counts_in_full(sentence, value):
    sector = SectorMention("x", "X", "X", "interest", 0.9, (sentence,))
    result = assess_concreteness([sentence], [sector])
    by_name = {p.name: p for p in result.contributions}
    assert by_name["named_sectors"].signal_value == value


def test_goodwill_only_is_vague():
    sentences = ["We send our warmest greetings and hope to stay in touch."]
    result = assess_concreteness(sentences, [])
    assert result.score == 0.0 and result.level == "vague"
    assert all(p.evidence is None for p in result.contributions)


@pytest.mark.parametrize(
    ("amount", "found"),
    [("EUR 450,000", True), ("800 triệu won", True), ("約2,500万円", True),
     ("1,8 tỷ đồng", True), ("3 Mio. Euro", True), ("50万元", True),
     ("240 000 €", True), ("40 young people", False), ("in 2025", False)],
)  # fmt: skip
def test_amounts(amount, found):
    result = assess_concreteness([f"Budget: {amount}."], [])
    assert (result.contributions[3].signal_value == 1.0) is found


def test_level_thresholds():
    assert [name for name, _ in LEVEL_THRESHOLDS] == ["vague", "moderate", "concrete"]
    assert concreteness_level(0.0) == "vague"
    assert concreteness_level(0.2499) == "vague"
    assert concreteness_level(0.25) == "moderate"
    assert concreteness_level(0.6) == "concrete"


# -- claims, party, flags ----------------------------------------------------------


def test_interest_counts_as_offer_and_seek_at_half_weight():
    mentions = [
        SectorMention("water", "Water", "Nước", "strength", 0.9, ("a",)),
        SectorMention("healthcare", "Health", "Y tế", "need", 0.8, ("b",)),
        SectorMention("culture_arts", "Culture", "Văn hóa", "interest", 0.7, ("c",)),
        SectorMention("fisheries", "Fish", "Thủy sản", "strength", 0.55, ("d",)),
    ]
    offers, seeks = sector_claims(mentions)
    assert [(c.sector, c.weight) for c in offers] == [
        ("water", 0.9),
        ("culture_arts", 0.35),
    ]
    assert [(c.sector, c.weight) for c in seeks] == [
        ("healthcare", 0.8),
        ("culture_arts", 0.35),
    ]


def test_sender_hint_wins_and_unknown_sender_is_ad_hoc(resolver):
    party = detect_party("Some text.", [], resolver, sender="Gimhae", country="KR")
    assert (party.id, party.country, party.source) == ("gn:1842943", "KR", "sender")
    assert party.confidence > 0.95
    party = detect_party("Some text.", [], resolver, sender="Vallonne-sur-Brise")
    assert (
        party.id is None
        and party.confidence == 0.0
        and party.name == "Vallonne-sur-Brise"
    )


def test_writer_named_in_text_is_ad_hoc_when_unresolvable(resolver):
    text = "Dear Sir or Madam,\nI write on behalf of Port Harrowby Borough Council."
    party = detect_party(text, [], resolver)
    assert (party.id, party.name, party.confidence) == (None, "Port Harrowby", 0.0)


def test_letter_keeps_its_numbered_lists():
    text = "Subject: Proposal\n\n1. Budget: EUR 10,000.\n2. Contact: a@example.org\n"
    kind, sentences, share = screened_sentences(text)
    assert kind == "letter" and share == 0.0
    assert any("EUR" in s.text for s in sentences)


def test_wernigerode_page_facts(samples_dir, tagger, resolver, old_names):
    path = samples_dir / WERNIGERODE
    if not path.exists():
        pytest.skip(f"{path} is absent")
    text = screenable_text(path.read_bytes())
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.kind == "page" and facts.boilerplate_share > 0.5
    assert (facts.party.id, facts.party.name, facts.party.country) == (
        "gn:2810808", "Wernigerode", "DE",
    )  # fmt: skip
    assert facts.party.confidence >= 0.5
    offered = {c.sector for c in facts.offers}
    assert {"renewable_energy", "vocational_training"} <= offered
    assert [(o.old_name, o.successor_id) for o in facts.old_provinces] == [
        ("Quảng Nam", "vn:48")
    ]
    flags = screening_flags(facts, partners=[("vn:48", "Đà Nẵng", "twinning (2013)")])
    codes = [f.code for f in flags]
    assert codes == ["existing_partner", "old_province", "mostly_boilerplate"]
    assert "Quảng Nam → Đà Nẵng" in flag_message(flags[1].code, flags[1].params, "en")


def test_uncertain_party_flag_names_no_command_line_option(tagger, resolver, old_names):
    """The flag's message is shown by the CLI and the web page alike."""
    text = screenable_text(
        "The cities of Toulouse, Lyon and Bordeaux would like to cooperate with a "
        "Vietnamese province on wastewater treatment and vocational training."
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.party.id == "gn:2972315"
    assert facts.party.confidence < UNCERTAIN_PARTY
    flag = next(f for f in screening_flags(facts) if f.code == "uncertain_party")
    message = flag_message(flag.code, flag.params, "en")
    assert message.endswith("name the sender to be sure")
    assert "--" not in message
