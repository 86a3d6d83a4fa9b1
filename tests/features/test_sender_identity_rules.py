"""Rules built on the seventh dev batch (who the sender is): Hangul place names in
a body, forwarding bodies, type words after a name or in an address line, CJK
offices after a unit, countries written in their official or own-language form."""

from features.names.mentions import extract_localities
from features.screening.facts import detect_party
from features.screening.letter_parts import letter_parts
from features.text.reading import split_sentences


def _found(text, resolver):
    found = extract_localities(text, resolver, sentences=split_sentences(text))
    return {(m.matched, m.country) for m in found}


def test_hangul_unit_names_in_a_body_are_localities(resolver):
    text = "우리 대사관은 인천광역시가 귀 시에 보내는 제안서를 전달합니다."
    assert ("인천광역시", "KR") in _found(text, resolver)
    # a common word ending in a type syllable is no place ("물류 도시로서")
    assert _found("인천은 물류 도시로서 항만을 보유합니다.", resolver) == set()


def test_a_forwarding_body_is_not_the_sender(party_of):

    text = (
        "Local Government Association of South Australia\n"
        "148 Frome Street, Adelaide SA 5000\n\n"
        "Dear Director,\n\n"
        "We forward a letter from our member, the City of Mount Gambier. "
        "Mount Gambier wishes to share its forestry experience. "
        "Please reply to Mount Gambier directly.\n\n"
        "Yours faithfully,\nChief Executive\n"
        "Local Government Association of South Australia\n"
    )
    party = party_of(text)
    assert party.name == "Mount Gambier" and party.country == "AU"


def test_a_romanised_unit_with_its_ending_is_no_compound_tail(resolver):

    text = (
        "Hiệp hội chuyển tới Quý tỉnh thư của tỉnh Gyeongsangbuk-do, Hàn Quốc. "
        "Tỉnh Gyeongsangbuk-do có thế mạnh về công nghiệp quanh thành phố Gumi."
    )
    found = extract_localities(text, resolver, sentences=split_sentences(text))
    assert detect_party(text, found, resolver).id == "iso:KR-47"


def test_a_type_word_after_the_name_leaves_the_office_out():
    from features.screening.letterhead import letterhead_sender

    def head(signature):
        text = (
            "Kính gửi: Sở Xây dựng thành phố Hải Phòng\n\nThưa Quý Sở,\n\n"
            f"Chúng tôi xin gửi đề xuất.\n\nTrân trọng,\n\n{signature}\n"
            "Ngày 1 tháng 12 năm 2026\n"
        )
        return letterhead_sender(letter_parts(text))

    english = head("Yamamoto Kenji\nHead of Section\nKobe City Waterworks Bureau")
    assert (english.name, english.level) == ("Kobe", "city")
    # a Vietnamese type word of two words before the name
    vietnamese = head("Yamamoto Kenji\nTrưởng phòng\nCục Cấp nước thành phố Kōbe")
    assert (vietnamese.name, vietnamese.level) == ("Kōbe", "city")
    # a district office (Bezirksamt) and a French municipalité name their unit
    assert head("Bezirksamt Altona").name == "Altona"
    assert head("Municipalité de Tripoli").level == "city"


def test_a_country_written_officially_or_in_its_own_script():
    from features.catalog.countries import resolve_country

    # iso-codes' official names in the letter languages, and the country's own
    assert resolve_country("République libanaise") == "LB"
    assert resolve_country("ราชอาณาจักรไทย") == "TH"
    assert resolve_country("ព្រះរាជាណាចក្រកម្ពុជា") == "KH"
    # a state word around the name ("Монгол Улс": the Mongol State)
    assert resolve_country("Монгол Улс") == "MN"
    assert resolve_country("Royaume du Cambodge") == "KH"
    assert resolve_country("Libye") == "LY"


def test_a_homonym_is_read_in_the_country_the_letterhead_shows(party_of):

    text = (
        "Municipalité de Tripoli\nLiban-Nord, République libanaise\n\n"
        "Excellence,\n\nNous souhaitons renouer le dialogue avec votre province. "
        "Tripoli serait heureuse de vous accueillir.\n\n"
        "Veuillez agréer, Excellence, l'assurance de notre considération.\n"
        "Le Président du Conseil municipal\n"
    )
    party = party_of(text)
    assert (party.name, party.country) == ("Tripoli", "LB")


def test_a_typed_name_in_the_senders_address_names_the_sender():
    from features.screening.letterhead import letterhead_sender

    text = (
        "Monsieur le Président du Comité populaire,\n\n"
        "Notre territoire dispose d'une expertise reconnue en agriculture.\n\n"
        "Nous vous prions d'agréer, Monsieur le Président, l'expression de notre "
        "haute considération.\n\nPour le Président et par délégation,\n"
        "Claire Morel\nDirectrice des relations internationales\n"
        "Région Normandie — Abbaye-aux-Dames, place Reine Mathilde, Caen\n"
    )
    parts = letter_parts(text)
    assert "address" in parts.kinds
    head = letterhead_sender(parts)
    assert (head.name, head.level) == ("Normandie", "admin1")


def test_an_office_after_a_cjk_unit_ends_its_chain():
    from features.screening.sender_unit import unit_chain

    assert unit_chain("德宏傣族景颇族自治州商务局")[-1][0] == "德宏傣族景颇族自治州"
    assert [n for n, _ in unit_chain("長野県農政部")] == ["長野県"]
    # a unit followed by other words is no chain ("市场营销" is no office)
    assert unit_chain("长沙市场营销中心") == []


def test_a_currency_ending_a_word_is_no_amount():
    from features.screening.concreteness import assess_concreteness

    def budget(text):
        parts = assess_concreteness([text], []).contributions
        return next(p for p in parts if p.name == "budgets_amounts").signal_value

    # 원 ends 병원 (hospital): 500 hospitals are no budget
    assert budget("우리 구에는 전문 병원 500여 곳이 밀집해 있습니다.") == 0.0
    assert budget("예산 3억 원을 부담합니다.") == 1.0
    assert budget("The budget is EUR 50,000.") == 1.0


def test_a_recalled_meeting_is_history_not_a_next_step():
    from features.screening.facts import recalls_the_past

    assert recalls_the_past("先日のオンライン会議では大変ありがとうございました。")
    assert recalls_the_past("지난달 방문해 주셔서 감사합니다.")
    assert not recalls_the_past("来年2月にオンライン会議を開催したいと考えています。")


def test_an_impression_left_by_a_visit_is_history():
    from features.screening.facts import recalls_the_past

    assert recalls_the_past("贵坊代表团访问我区期间，给我们留下了深刻印象。")
    assert recalls_the_past("Your delegation's visit left a lasting impression on us.")


def test_an_exchange_offered_in_this_field_makes_one_sector_concrete():
    from types import SimpleNamespace

    from features.screening.concreteness import assess_concreteness

    sector = SimpleNamespace(
        sector="vocational_training",
        score=0.96,
        evidence=("Heute bilden unsere Berufsschulen junge Fachkräfte aus.",),
    )
    offer = "Wir bieten an, Lehrpersonen und Lernende in diesem Bereich auszutauschen."
    parts = assess_concreteness([offer], [sector]).contributions
    named = next(p for p in parts if p.name == "named_sectors")
    assert named.signal_value == 1.0
    # without the action, one sector stays half a signal
    parts = assess_concreteness(["Über Ihr Interesse freuen wir uns."], [sector])
    named = next(p for p in parts.contributions if p.name == "named_sectors")
    assert named.signal_value == 0.5


def test_a_korean_dotted_year_and_month_is_a_date():
    from features.screening.concreteness import _DATE, date_key

    found = [m.group() for m in _DATE.finditer("2027. 4.부터 1년간 연수를 실시합니다")]
    assert [date_key(f) for f in found] == [(2027, 4)]
    # a year ending a Latin sentence before a numbered item is no month
    assert [m.group() for m in _DATE.finditer("Done in 2027. 4. Next")] == ["in 2027"]


def test_sending_experts_is_an_offer_and_a_partner_wanting_to_improve_is_none():
    from features.tagging.roles import stated_roles

    assert stated_roles("Từ tháng 4 năm 2027, cử 3 chuyên gia sang Hải Phòng.") == {
        "strength"
    }
    assert "strength" in stated_roles("Dafür entsenden wir zwei Fachleute.")
    # a sought partner that wants to improve a field: not the sender's need alone
    partner = (
        "Nous recherchons une grande ville désireuse d'améliorer son service d'eau."
    )
    assert stated_roles(partner) != {"need"}
    assert stated_roles("Nous recherchons une ville partenaire.") == {"need"}


def test_a_second_role_stated_outright_is_claimed_from_the_stated_score(tagger):
    from features.screening.facts import role_mentions
    from features.text.reading import split_sentences

    text = (
        "Notre commune dispose d'une vie culturelle très riche : un festival de "
        "théâtre de rue chaque été et une école de musique de 400 élèves. "
        "Nous recherchons une ville partenaire avec laquelle organiser des échanges "
        "d'artistes et de troupes."
    )
    tags = tagger.tag_sentences(split_sentences(text), need_by_vote=False)
    roles = {(m.sector, m.role) for m in role_mentions(tags, tagger.taxonomy)}
    assert {("culture_arts", "strength"), ("culture_arts", "need")} <= roles


def test_a_hangul_unit_the_catalog_holds_in_latin_is_found_romanised(resolver):
    from features.names.script import romanise_hangul

    assert romanise_hangul("통영") == "tongyeong"
    assert romanise_hangul("인천") == "incheon"
    text = (
        "통영시장 비서실에서 드리는 글\n\n베트남 꽝닌성 인민위원회 위원장님께\n\n"
        "안녕하십니까.\n새해에도 귀 성에 건강과 행복이 가득하시기를 기원합니다.\n\n"
        "2026. 12. 2.\n통영시장 비서실장 정민호 드림\n"
    )
    party = detect_party(text, [], resolver, letter=letter_parts(text))
    assert (party.name, party.country) == ("Tongyeong", "KR")


def test_stated_strengths_with_a_qualifier_between():
    from features.tagging.roles import stated_roles

    assert stated_roles("家具和竹木制品制造业具有较强优势。") == {"strength"}
    assert stated_roles("Wir verfügen über ein dichtes Glasfasernetz.") == {"strength"}
    assert stated_roles("의료관광 분야에 강점이 있으며 병원이 많습니다.") == {
        "strength"
    }
    assert "strength" in stated_roles(
        "Notre territoire dispose d'une expertise reconnue en agriculture."
    )


def test_dairy_and_heritage_adjectives_are_sector_keywords(tagger):
    from features.text.reading import split_sentences

    def sectors(text):
        tags = tagger.tag_sentences(split_sentences(text), need_by_vote=False)
        return {m.sector for m in tags.sectors}

    assert "agriculture" in sectors("Notre filière laitière est très performante.")
    assert "agriculture" in sectors(
        "Unsere Molkereien verarbeiten Milch aus der Region."
    )
    assert "heritage_tourism" in sectors(
        "Notre province accueille des visiteurs sur ses sites patrimoniaux."
    )
    # open data and data platforms in every language, as "données ouvertes" was
    assert "digital_technology" in sectors(
        "Wir verfügen über eine offene Datenplattform für Verkehr."
    )


def test_a_goal_or_subject_line_is_an_interest_unless_a_role_is_stated():
    from features.tagging.roles import role_cue

    assert role_cue("- Mục tiêu: giảm tỷ lệ thất thoát nước xuống 15%.") == "interest"
    assert role_cue("V/v: Đề xuất chương trình giảm thất thoát nước") == "interest"
    assert role_cue("제목  인천광역시 물류 협력 제안서 전달") == "interest"
    # a stated role still wins
    assert role_cue("Subject: we seek a partner in water management") == "need"


def test_a_korean_sector_noun_made_a_verb_is_a_keyword_hit(catalog):
    from features.tagging.tagger import keyword_hits

    sector = next(s for s in catalog.taxonomy.sectors if s.id == "trade_investment")
    assert keyword_hits(sector, "물류단지에 공동 투자할 파트너를 찾고 있습니다.") == [
        "투자"
    ]
    assert keyword_hits(sector, "투자자본") == []


def test_a_chinese_city_known_only_in_latin_letters_is_read_by_its_pinyin(party_of):
    from features.names.script import romanise_hanzi

    assert romanise_hanzi("莱阳") == "laiyang"
    text = (
        "莱阳市人民政府\n\n越南社会主义共和国××省人民委员会：\n\n"
        "我市愿与贵省在果品种植和加工方面开展交流，诚邀贵省派团来访。\n\n"
        "莱阳市人民政府\n二〇二六年十二月三日\n"
    )
    party = party_of(text)
    assert (party.id, party.country) == ("gn:1804586", "CN")  # Laiyang
    # a reading matches only in China or Taiwan, and only surely
    assert party_of("某某市人民政府\n\n贵省：\n\n谨致问候。\n").id is None
