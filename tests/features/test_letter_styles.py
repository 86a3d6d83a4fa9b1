"""Letters in more sender styles: attachment lists and fax headers claim nothing,
history is no claim, a Vietnamese news item's own unit is not the partner, a sector
stated once is claimed, senders writing for a member, dotted dates, people counts."""

import pytest

from features.names.old_provinces import find_old_provinces
from features.screening.concreteness import assess_concreteness
from features.screening.facts import (
    MIN_CLAIM_SCORE,
    STATED_CLAIM_SCORE,
    about_home_unit,
    introduces_the_writer,
    recalls_the_past,
    screened_sentences,
    screening_facts,
    screening_flags,
    sender_names,
)
from features.screening.letter_parts import letter_parts
from features.text.reading import split_sentences
from matcher.wording import flag_message

ANNEXES = """CITY GOVERNMENT OF CEBU
Office of the City Mayor

Dear Chairperson,

We are seeking a Vietnamese province with experience in community-based waste \
sorting and composting to work with us on a three-year project.

Please find the following documents attached:

Annex 1 – Port and logistics brochure
Annex 2 – Profile of the tourism industry and heritage churches
Annex 3 – Investment incentives for manufacturing locators

We look forward to your favourable reply.

Very truly yours,
Maria Santos
City Mayor
"""

FAX = """FAX TRANSMISSION
DUNMARROW DISTRICT COUNCIL – ENGINEERING SERVICES
To: Department of Foreign Affairs, People's Committee
Attn: International Cooperation Division
From: R. Okafor, Head of Engineering Services
Date: 14 October 2025
Pages: 2
Re: Flood defence partnership

Dunmarrow District Council has rebuilt its river embankments and flood warning \
system, and would like to offer a two-year pilot, "Living with Rivers", to a \
Vietnamese province.

Kind regards,
R. Okafor
"""


def _kinds(text):
    parts = letter_parts(text)
    return dict(zip(parts.lines, parts.kinds, strict=True))


def test_attachment_list_claims_nothing(tagger, resolver, old_names):
    kinds = _kinds(ANNEXES)
    assert kinds["Please find the following documents attached:"] == "attachment"
    assert kinds["Annex 2 – Profile of the tourism industry and heritage churches"] == (
        "attachment"
    )
    assert kinds["We look forward to your favourable reply."] == "body"
    assert kinds["Very truly yours,"] == "signature"
    facts = screening_facts(
        ANNEXES, tagger=tagger, resolver=resolver, old_names=old_names
    )
    claimed = {c.sector for c in (*facts.offers, *facts.seeks)}
    assert claimed == {"environment"}
    assert {c.role for c in facts.seeks} == {"need"}


@pytest.mark.parametrize(
    "head",
    [
        "Anlagen:\n1. Broschüre: Medizintechnik und Hochschulen\n2. Kostenplan",
        "붙임  1. 사업 계획서 1부.\n      2. 관광 안내 책자(온천) 1부.  끝.",
        "Pièces jointes :\n- Plaquette du port de commerce\n- Budget prévisionnel",
    ],
)
def test_attachment_heads_in_other_languages(head):
    text = "Sehr geehrte Damen und Herren,\n\nWir schlagen ein Projekt vor.\n\n" + head
    kinds = _kinds(text)
    for line in head.split("\n"):
        assert kinds[line] == "attachment", line


def test_fax_header_opens_a_letter_and_names_the_sender(tagger, resolver, old_names):
    assert screened_sentences(FAX)[0] == "letter"
    kinds = _kinds(FAX)
    assert kinds["Attn: International Cooperation Division"] == "letterhead"
    assert kinds["Pages: 2"] == "letterhead"
    assert kinds["Re: Flood defence partnership"] == "body"  # the subject
    facts = screening_facts(FAX, tagger=tagger, resolver=resolver, old_names=old_names)
    # "FAX TRANSMISSION" names the document; "Rivers" in a title is no sender
    assert (facts.party.id, facts.party.name) == (None, "DUNMARROW")
    assert "water" in {c.sector for c in facts.offers}


@pytest.mark.parametrize(
    "sentence",
    [
        "We still remember the water project our engineers built with you in 2012.",
        "Gerne erinnern wir uns an die Lehrlinge, die in unseren Tischlereien "
        "ausgebildet wurden.",
        "Chúng tôi vẫn nhớ những lớp đào tạo nghề cơ khí hơn mười năm trước.",
        "平成二十八年に研修生を受け入れ、稲作をともに学んだことは大切な思い出です。",
        "지난 2018년 버섯 재배 기술을 함께 나누었던 일을 기억하고 있습니다.",
    ],
)
def test_history_sentences_recall_the_past(sentence):
    assert recalls_the_past(sentence)


def test_greeting_recalling_past_cooperation_claims_nothing(
    tagger, resolver, old_names
):
    text = (
        "Sehr geehrter Herr Vorsitzender,\n\nzum Jahreswechsel übermittle ich Ihnen "
        "die herzlichsten Grüße.\n\nGerne erinnern wir uns an das Jahr 2014, als "
        "Lehrlinge aus Ihrer Provinz in unseren Tischlereien und Berufsschulen "
        "ausgebildet wurden.\n\nMit herzlichen Grüßen\nFranz Aigner\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.offers == () == facts.seeks
    assert facts.concreteness.level == "vague"
    assert _kinds(text)["Mit herzlichen Grüßen"] == "signature"


NEWS = """Trang chủ | Kinh tế | Du lịch | Đối ngoại

Đà Nẵng đón thêm khách quốc tế

Trong 10 tháng đầu năm, thành phố Đà Nẵng đón hơn 1 triệu lượt khách quốc tế.

Thành phố tiếp tục đầu tư hạ tầng du lịch biển, nâng cấp bến du thuyền và mở thêm \
các tuyến bay thẳng.

Sở Du lịch cho biết đang xây dựng sản phẩm du lịch đêm và lễ hội pháo hoa quốc tế.

Bên lề hội nghị, lãnh đạo thành phố đã tiếp đoàn đại biểu tỉnh Okayama (Nhật Bản).

Tin liên quan
- Giá vàng hôm nay
- Khai mạc tuần lễ văn hóa ẩm thực
"""


def test_vietnamese_news_item_own_unit_is_not_the_partner(tagger, resolver, old_names):
    facts = screening_facts(NEWS, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.kind == "page"
    assert facts.party.country == "JP"
    assert facts.offers == () == facts.seeks  # the tourism is Đà Nẵng's own
    locs = facts.localities
    assert about_home_unit("Thành phố tiếp tục đầu tư hạ tầng du lịch biển.", locs)
    assert about_home_unit("Sở Du lịch cho biết đang xây dựng sản phẩm mới.", locs)
    # the partner's side is kept: "phía bạn", or the foreign place named
    assert not about_home_unit("Tỉnh mong muốn phía bạn hỗ trợ đào tạo nghề.", locs)
    assert not about_home_unit("Thành phố Okayama đề xuất hợp tác y tế.", locs)


def test_sector_stated_once_in_a_courtesy_letter_is_claimed(
    tagger, resolver, old_names
):
    text = (
        "Ville de Namur\nCabinet du Bourgmestre\n\nMadame la Présidente,\n\n"
        "C'est avec un grand plaisir que je vous adresse, au nom du Collège "
        "communal, nos salutations les plus chaleureuses.\n\n"
        "Cette année, la Ville souhaite concentrer ses échanges internationaux sur "
        "la formation professionnelle des jeunes dans les métiers de la "
        "restauration et de l'hôtellerie.\n\n"
        "Je vous prie d'agréer, Madame la Présidente, l'expression de ma haute "
        "considération.\n\nLe Bourgmestre\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    claim = {c.sector: c for c in facts.offers}["vocational_training"]
    assert claim.role == "interest"
    assert STATED_CLAIM_SCORE <= claim.score  # said in words ("souhaite")
    assert "vocational_training" in {c.sector for c in facts.seeks}
    # the council ("Collège communal") is no place; the letterhead names Namur
    assert (facts.party.name, facts.party.country) == ("Namur", "BE")


def test_one_weak_sentence_without_words_for_its_role_is_not_claimed(
    tagger, resolver, old_names
):
    text = "Dear Colleagues,\n\nOur modern town hall has a small garden.\n"
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert all(c.score >= MIN_CLAIM_SCORE for c in facts.offers)


def test_a_sentence_stating_a_strength_and_a_need_claims_no_weak_sector(
    tagger, resolver, old_names
):
    """ "strong in farming … seeks a province": the weak farming score is not
    claimed as a need on the lower, said-in-words score."""
    text = (
        "本県は農業と観光に強みがあり、職業訓練の分野で協力できるベトナムの省を"
        "求めています。令和7年4月1日から交流事業を始める予定です。"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert "agriculture" not in {c.sector for c in facts.seeks}
    assert all(c.score >= MIN_CLAIM_SCORE for c in (*facts.offers, *facts.seeks))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our office is writing at the request of the City of Tartu, our home "
         "town.", "Tartu"),
        ("受我会会员单位洛阳市人民政府委托，现将洛阳市的交流意向转达如下。", "洛阳市"),
        ("当協会は、会員である倉敷市より依頼を受け、同市の交流提案をお伝えいたします。",
         "倉敷市"),
        ("우리 협의회는 회원 광역자치단체인 전라남도의 요청에 따라 제안을 전달합니다.",
         "전라남도"),
    ],
)  # fmt: skip
def test_a_sender_writing_for_a_member_names_it(text, name):
    assert name in [n for n, _ in sender_names(text)]


def test_association_writing_for_a_korean_province(tagger, resolver, old_names):
    text = (
        "대한민국시도지사협의회\n국제협력부\n\n제목: 교류 협력 제안 전달\n\n"
        "안녕하십니까. 우리 협의회는 회원 광역자치단체인 전라남도의 요청에 따라 다음과 "
        "같은 교류 제안을 전달해 드립니다.\n\n"
        "전라남도는 김과 전복 양식 등 수산 양식 분야에서 오랜 경험을 "
        "보유하고 있습니다.\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert (facts.party.id, facts.party.country) == ("iso:KR-46", "KR")
    assert "fisheries" in {c.sector for c in facts.offers}


def test_dotted_korean_dates_stay_whole_and_count():
    line = "가. 기간: 2026. 4. 6.(월) ~ 4. 17.(금)"
    assert [s.text for s in split_sentences(line)] == [line]
    parts = {p.name: p for p in assess_concreteness([line], []).contributions}
    assert parts["dates_deadlines"].signal_value >= 0.5


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("4. 経費　渡航費及び滞在費は本市が負担いたします", 0.5),
        ("3. 人数　5名", 0.5),
        ("나. 인원: 10명", 0.5),
        ("We offer training for 25 local technicians.", 0.5),
        ("We are a rural county of about 18,000 people.", 0.0),
        ("The council has set aside PHP 25 million for the pilot.", 1.0),
    ],
)
def test_costs_borne_and_people_counts(sentence, value):
    parts = {p.name: p for p in assess_concreteness([sentence], []).contributions}
    assert parts["budgets_amounts"].signal_value == value


def test_katakana_current_province_is_not_an_old_one(old_names):
    head = "ベトナム　タイビン省（現フンイエン省）人民委員会　御中"
    sentences = split_sentences(head)
    found = [m.old_name for m in find_old_provinces(tuple(sentences), old_names)]
    assert found == ["Thái Bình"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("지난 2018년 옛 빈즈엉성의 농민들과 함께 일했습니다.", ["Bình Dương"]),
        ("옛 꽝남성과 하이즈엉성에서 온 연수생들입니다.", ["Quảng Nam", "Hải Dương"]),
        ("이 사업의 가능성과 중요성을 검토하였습니다.", []),
    ],
)
def test_hangul_old_provinces(text, expected, old_names):
    found = find_old_provinces(tuple(split_sentences(text)), old_names)
    assert [m.old_name for m in found] == expected


def test_german_place_name_with_im_is_not_a_street():
    text = "Stadt Freiburg im Breisgau\nUmweltschutzamt\nAm Wasserturm 5\n\nHallo,\n"
    kinds = _kinds(text)
    assert kinds["Stadt Freiburg im Breisgau"] == "letterhead"
    assert kinds["Am Wasserturm 5"] == "address"


def test_self_introduction_and_separator_signature_claim_nothing(
    tagger, resolver, old_names
):
    text = (
        "件名：交流について\n\nご担当者様\n\nお世話になっております。\n"
        "松山市 産業経済部 農林水産課の村上でございます。\n\n"
        "ご検討のほど、よろしくお願いいたします。\n\n"
        "━━━━━━━━━━━━━━━━━━\n松山市 産業経済部 農林水産課\n村上 健\n"
        "TEL：089-000-0000\n━━━━━━━━━━━━━━━━━━\n"
    )
    kinds = _kinds(text)
    assert kinds["ご検討のほど、よろしくお願いいたします。"] == "signature"
    assert kinds["松山市 産業経済部 農林水産課"] == "signature"
    assert introduces_the_writer("松山市 産業経済部 農林水産課の村上でございます。")
    assert introduces_the_writer(
        "I'm the economic development officer for Kettle Ridge County."
    )
    assert not introduces_the_writer("I am pleased to propose a water project.")
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.offers == () == facts.seeks  # the fisheries office is no offer
    assert facts.party.country == "JP"


def test_separator_before_prose_is_no_signature():
    text = "Dear colleagues,\n\n---\n\n" + "We offer training in water supply. " * 4
    assert "signature" not in _kinds(text).values()


def test_from_header_names_an_office_not_a_person(tagger, resolver, old_names):
    korean = (
        "보낸 사람: 경주시 국제교류팀 <gj.intl@example.org>\n"
        "받는 사람: 베트남 성 외무국\n"
        "제목: 인사 말씀\n\n안녕하세요. 경주시 국제교류팀입니다.\n\n"
        "앞으로도 양 도시 간 우호가 더욱 깊어지기를 바랍니다.\n\n"
        "경주시 국제교류팀 드림\n"
    )
    kinds = _kinds(korean)
    assert kinds[korean.split("\n")[0]] == "letterhead"
    assert kinds["경주시 국제교류팀 드림"] == "signature"
    facts = screening_facts(
        korean, tagger=tagger, resolver=resolver, old_names=old_names
    )
    assert (facts.party.id, facts.party.country) == ("gn:1841603", "KR")  # Gyeongju
    english = (
        "From: Marion Tate <m.tate@example.org>\nTo: international@example.org\n"
        "Subject: Dairy partnership\n\nHi there,\n\nOur county of Kettle Ridge "
        "farmers would be happy to share dairy know-how.\n\nCheers,\nMarion Tate\n"
        "Kettle Ridge County\n"
    )
    facts = screening_facts(
        english, tagger=tagger, resolver=resolver, old_names=old_names
    )
    assert facts.party.id is None  # "Marion" (a US town) is the writer's first name
    assert "From:" not in letter_parts(english).sender_text


def test_swiss_greeting_and_closing():
    text = (
        "Grüezi\n\nGerne teilen wir unsere Erfahrungen.\n\nFreundliche Grüsse\nReto\n"
    )
    kinds = _kinds(text)
    assert kinds["Grüezi"] == "salutation"
    assert kinds["Freundliche Grüsse"] == "signature"


def test_chinese_related_news_list_is_page_furniture(tagger, resolver, old_names):
    text = (
        "首页 | 新闻 | 国际 | 经济\n\n南宁市代表团访问越南\n\n"
        "南宁市方面表示，南宁在中国—东盟物流枢纽建设方面积累了丰富经验，"
        "愿意与越方共享冷链物流和陆海联运的做法。\n\n"
        "相关新闻\n- 广西外贸持续增长\n- 东盟博览会筹备工作启动\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert facts.kind == "page"
    assert all("东盟博览会" not in s.text for s in facts.sentences)
    assert "ports_logistics" in {c.sector for c in facts.offers}


def test_possessive_place_name_and_casual_greeting(tagger, resolver, old_names):
    text = (
        "Hey there!\n\nQuick note from Sam at the City of Tacoma's international "
        "office. Our mayor enjoyed meeting your delegation at the summit in Seattle "
        "last month.\n\nTalk soon,\nSam\n"
    )
    kinds = _kinds(text)
    assert kinds["Hey there!"] == "salutation"
    assert kinds["Talk soon,"] == "signature"
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert "Tacoma" in {m.matched for m in facts.localities}


@pytest.mark.parametrize(
    "wish",
    [
        "時節柄、皆様のご健康とご多幸をお祈り申し上げます。",
        "Kính chúc Quý vị sức khỏe và thành công.",
        "祝您身体健康，万事如意。",
        "We wish you and your colleagues good health in the new year.",
    ],
)
def test_wishing_good_health_is_no_healthcare_claim(wish, tagger, resolver, old_names):
    text = (
        f"Dear Sir or Madam,\n\nThank you for your visit.\n\n{wish}\n\n"
        "Sincerely,\nA. B.\n"
    )
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    assert "healthcare" not in {c.sector for c in (*facts.offers, *facts.seeks)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 1995 our officials visited what was then Song Be Province.", ["Sông Bé"]),
        ("Năm 2006 chúng tôi đón đoàn cán bộ của tỉnh Hà Tây (cũ).", ["Hà Tây"]),
        ("当時のヴィンフー省から来日された研修生の方々", ["Vĩnh Phú"]),
        ("당시 하남닌성에서 온 방문단을 맞이했습니다.", ["Hà Nam Ninh"]),
        # a river, a range: not the province; 河北省 is Hebei, not Hà Bắc
        ("Đồng bằng sông Cửu Long có nhiều kênh rạch.", []),
        ("Dãy Hoàng Liên Sơn rất đẹp; chúng tôi cũng đến dãy Hoàng Liên Sơn.", []),
        ("我们与河北省的企业合作。", []),
    ],
)
def test_provinces_dissolved_before_2025(text, expected, old_names):
    found = find_old_provinces(tuple(split_sentences(text)), old_names)
    assert [m.old_name for m in found] == expected
    assert all(m.historical for m in found)


def test_a_split_province_names_all_its_successors(tagger, resolver, old_names):
    text = "Dear Sir,\n\nIn 1995 we visited Song Be Province.\n\nSincerely,\nA. B.\n"
    facts = screening_facts(text, tagger=tagger, resolver=resolver, old_names=old_names)
    (old,) = facts.old_provinces
    assert (old.successor_id, old.successor_name) == (
        "vn:75 / vn:79",
        "Đồng Nai / Hồ Chí Minh",
    )
    flag = next(f for f in screening_flags(facts) if f.code == "historical_province")
    assert "dissolved before 2025" in flag_message(flag.code, flag.params, "en")
