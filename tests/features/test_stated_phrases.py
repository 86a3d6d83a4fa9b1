"""Roles and sectors a letter states in words (features.text.stated_phrases): needs
stated as a problem, a partner sought for cooperation, a shortage of workers, joint
investment, strengths and offers said outright; sentences invented for the tests."""

import pytest

from features.screening.concreteness import assess_concreteness
from features.screening.facts import recalls_the_past, screening_facts
from features.tagging.roles import stated_roles
from features.tagging.tagger import SectorMention, keyword_hits, role_cue


@pytest.mark.parametrize(
    "sentence",
    [
        "We face a severe shortage of bus drivers in our valley towns.",
        "Nous manquons de moyens pour entretenir nos digues de montagne.",
        "本町では除雪車の運転手が不足しています。",
        "우리 시는 하수 처리 시설이 부족합니다.",
        "Nous souhaitons bénéficier de l'expérience de votre province en foresterie.",
        "Uns fehlen Planer für die Sanierung der alten Brücken.",
    ],
)
def test_a_need_stated_as_a_problem(sentence):
    assert role_cue(sentence) == "need"
    assert stated_roles(sentence) == {"need"}


@pytest.mark.parametrize(
    "sentence",
    [
        "貴市が培ってきた下水処理の技術を学ばせていただきたく存じます。",
        "귀 시가 쌓아 온 도시 재생 경험을 배우고 싶습니다.",
        "Nous souhaiterions bénéficier de votre savoir-faire en matière de digues.",
        "L'accès aux soins reste difficile dans nos villages de montagne.",
    ],
)
def test_learning_from_the_partner_or_a_lasting_difficulty_is_a_need(sentence):
    assert stated_roles(sentence) == {"need"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Stadt sucht eine Partnerregion für eine Zusammenarbeit im Forst.",
        "Our county seeks a partner for cooperation in forest fire prevention.",
        "우리 군은 스마트팜 사업을 함께 추진할 파트너 지역을 찾고 있습니다.",
    ],
)
def test_a_partner_sought_for_cooperation_is_an_interest(sentence):
    assert role_cue(sentence) == "interest"


def test_a_partner_sought_with_know_how_stays_a_need():
    assert role_cue("We seek a partner with long experience in flood forecasting.") == (
        "need"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "本町の旅館では人手が大きく不足しています。",
        "Our bakeries face a labour shortage that grows worse every winter.",
        "우리 군 과수원은 수확철마다 일손이 크게 부족합니다.",
        "Nos stations de ski manquent de personnel chaque hiver.",
    ],
)
def test_a_shortage_of_workers_is_a_need_for_vocational_training(sentence, tagger):
    (tags,) = tagger.score_sentences([sentence], need_by_vote=False)
    assert "vocational_training" in tags.sectors
    assert tags.role == "need"


def test_joint_investment_is_investment(tagger):
    (tags,) = tagger.score_sentences(
        ["우리 시는 산업단지에 공동 투자할 기업을 찾습니다."]
    )
    assert "trade_investment" in tags.sectors


@pytest.mark.parametrize(
    "sentence",
    [
        "本市は和紙づくりの技術継承に長年取り組んでまいりました。",
        "우리 군은 친환경 양봉에서 축적한 경험이 있습니다.",
        "Nous aimerions partager cette expérience avec une ville de montagne.",
        "Wir haben ein Radwegenetz aufgebaut, worauf wir sehr stolz sind.",
    ],
)
def test_strengths_and_offers_said_outright(sentence):
    assert role_cue(sentence) == "strength"


def test_enjoying_a_past_meeting_recalls_the_past():
    assert recalls_the_past("We enjoyed meeting your choir at the spring fair.")
    assert not recalls_the_past("We would enjoy a visit of your choir next spring.")


def test_korean_compound_sector_words(tagger):
    energy = tagger.taxonomy.get("renewable_energy")
    assert keyword_hits(energy, "대규모 해상풍력 단지를 조성") == ["해상풍력"]
    tourism = tagger.taxonomy.get("nature_tourism")
    assert keyword_hits(tourism, "해양관광 교류를 추진") == ["해양관광"]


def test_a_sector_offered_and_proposed_together_is_sought_too(
    tagger, resolver, old_names
):
    text = (
        "尊敬的省人民委员会：\n\n"
        "我县温泉资源丰富，温泉旅游经验丰富，已建成多处温泉度假区。\n"
        "我县希望与贵省互相推介温泉旅游线路、互送游客，共同发展温泉旅游。\n\n"
        "此致\n敬礼\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    offers = {c.sector: c.role for c in facts.offers}
    seeks = {c.sector: c.role for c in facts.seeks}
    assert offers.get("nature_tourism") == "strength"
    assert seeks.get("nature_tourism") == "interest"


@pytest.mark.parametrize(
    "sentence",
    [
        "Zwei Förster unseres Kreises beraten Ihre Forstbehörde im Mai 2027 vor Ort.",
        "Nous aimerions partager cette expérience avec une ville de montagne.",
    ],
)
def test_one_sector_with_experts_on_site_or_shared_experience_is_named_fully(
    sentence,
):
    sector = SectorMention("x", "X", "X", "strength", 0.9, (sentence,))
    result = assess_concreteness([sentence], [sector], min_score=0.0)
    named = next(p for p in result.contributions if p.name == "named_sectors")
    assert named.signal_value == 1.0


def test_engineers_counted_and_costs_the_sender_bears():
    sentence = "Vier Ingenieure kommen im März 2027; die Kosten trägt die Gemeinde."
    result = assess_concreteness([sentence], [])
    money = next(p for p in result.contributions if p.name == "budgets_amounts")
    assert money.signal_value == 1.0  # who pays, for how many


def test_the_field_named_as_such_states_its_sector(tagger):
    (tags,) = tagger.score_sentences(
        ["Im Umweltbereich haben wir in den letzten Jahren viel erprobt."]
    )
    assert "environment" in tags.sectors


def test_an_office_contact_line_in_the_letterhead_is_no_contact_person(
    tagger, resolver, old_names
):
    head = "Landratsamt Musterbach\nAm Markt 1 · 99999 Musterbach\n"
    body = (
        "\nSehr geehrte Damen und Herren,\n\n"
        "wir haben im Umweltbereich einiges erprobt, worauf wir stolz sind.\n\n"
        "Mit freundlichen Grüßen\nDer Landrat\n"
    )
    contact = "Telefon 09999 00-0 · poststelle@example.org\n"

    def contacts(text):
        facts = screening_facts(
            text, tagger=tagger, resolver=resolver, old_names=old_names
        )
        parts = facts.concreteness.contributions
        return next(p for p in parts if p.name == "contact_persons").signal_value

    assert contacts(head + contact + body) == 0.0
    assert (
        contacts(head + body.replace("Der Landrat", "Der Landrat\n" + contact)) == 1.0
    )
