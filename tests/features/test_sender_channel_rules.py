"""Rules built on the two blind batches of 2026-12-03 (letters in other channels):
the recipient's lines in a letterhead, a country never guessed as Vietnam, a
minutes' list of both sides, Korean office endings and chat lines, a form's
organisation field, a country's name after "greetings from"."""

from features.screening.letter_parts import letter_parts
from features.screening.letterhead import letterhead_sender, own_columns
from features.screening.party import domain_party, sender_names
from features.screening.sender_unit import letter_country, unit_chain


def test_the_recipients_block_in_a_letterhead_is_not_the_sender(party_of):
    text = (
        "CITY OF BALLARAT\nOffice of the Mayor\n\n4 March 2027\n\n"
        "The Chairperson\nProvincial People's Committee\nViet Nam\n\n"
        "Dear Chairperson,\n\nThe City would like to exchange experience in "
        "heritage tourism with your province.\n\nYours sincerely,\n\nMayor\n"
    )
    party = party_of(text)
    assert (party.id, party.country) == ("gn:2177091", "AU")
    # a Japanese letter puts the addressee above the sender, with no blank line
    text = (
        "旭国第15号\n令和9年3月4日\nベトナム社会主義共和国\nダナン市人民委員会\n"
        "委員長　様\n北海道旭川市長\n（公印省略）\n\n拝啓　時下ますますご清祥のことと"
        "お喜び申し上げます。\n本市は冬季スポーツの交流を提案いたします。\n\n敬具\n"
    )
    assert party_of(text).id == "gn:2130629"  # 旭川市, not ダナン市


def test_a_recipients_column_is_cut_from_a_two_column_line():
    line = "대한민국 ○○시장                      베트남 ○○성 인민위원회 위원장"
    assert own_columns(line) == "대한민국 ○○시장"
    assert own_columns("Comité populaire de la province") == ""
    assert own_columns("Sở Ngoại vụ, 10 Lê Lai, Hà Nội, Việt Nam") == ""
    # the sender's own lines stay whole
    assert own_columns("Landkreis Ludwigslust-Parchim   Der Landrat") == (
        "Landkreis Ludwigslust-Parchim   Der Landrat"
    )


def test_a_typed_unit_never_takes_vietnam_as_its_country(party_of):
    def letter(unit):
        return (
            f"{unit}\nDer Landrat\n\nAn das Volkskomitee der Provinz\n"
            "Sở Ngoại vụ, 10 Lê Lai, Hà Nội, Việt Nam\n\n"
            "Sehr geehrter Herr Vorsitzender,\n\nwir schlagen einen Austausch "
            "über Windenergie vor.\n\nMit freundlichen Grüßen\n\nDer Landrat\n"
        )

    party = party_of(letter("Landkreis Ludwigslust-Parchim"))
    assert (party.id, party.country) == ("nuts:DE80O", "DE")
    # a unit the catalog lacks is ad hoc, of an unknown country, never Vietnam's
    invented = party_of(letter("Landkreis Hasselmoorheide"))
    assert invented.id is None and invented.name == "Hasselmoorheide"
    assert invented.country != "VN"


def test_a_middle_dot_lists_the_other_side_and_ends_the_chain():
    assert unit_chain("長野県・ベトナム省　農業協力　第1回会議　議事録") == [
        ("長野県", "admin1")
    ]
    # a dot inside a katakana name stays in it
    assert unit_chain("クアンナム・ダナン省") == [("クアンナム・ダナン省", "admin1")]


def test_a_korean_head_of_office_ending_and_a_chat_message():
    assert unit_chain("서울특별시 마포구청장") == [
        ("서울특별시", "city"),
        ("마포구", "town"),
    ]
    # "내년에도" (next year too) ends in 도 but a sentence is no letterhead
    assert unit_chain("내년에도 좋은 인연 이어가요~ 🙏") == []
    text = (
        "KakaoTalk  |  수원시 국제협력과 김주무관\n2027년 3월 4일\n"
        "김주무관  오전 10:01\n안녕하세요~ 사진 보내드립니다 😊\n"
        "김주무관  오전 10:02\n다음 달에도 잘 부탁드려요~\n"
    )
    assert letterhead_sender(letter_parts(text)).name == "수원시"


def test_a_forms_organisation_field_names_the_sender():
    text = (
        'New submission from "Contact Us" form — Ministry website\n'
        "Submitted:        2027-03-04 08:12\n"
        "Full name:        Ada Norcross\n"
        "Organisation:     Township of Hollowmere Bay, Ontario\n"
        "Country:          Canada\n"
        "Email:            a.norcross@example.org\n"
        "Message:\n"
        "Hello, our township would like to learn about rice farming.\n"
    )
    letter = letter_parts(text)
    head = letterhead_sender(letter)
    assert (head.name, head.level) == ("Hollowmere Bay", "town")
    assert letter_country(["Country:          Canada"]) == "CA"


def test_a_countrys_name_alone_is_not_the_writer():
    names = dict(sender_names("Greetings from Malaysia! We write to you today."))
    assert "Malaysia" not in names
    # a state written with its type word keeps its name
    names = dict(sender_names("I write on behalf of the State of Georgia, USA."))
    assert "Georgia" in names


def test_a_vietnamese_document_without_a_salutation_is_a_letter(party_of):
    from features.screening.facts import screened_sentences

    text = (
        "ỦY BAN NHÂN DÂN                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "TỈNH CAO BẰNG                            Độc lập - Tự do - Hạnh phúc\n\n"
        "                      KẾ HOẠCH HỢP TÁC\n\n"
        "Mục 1. Hai bên thống nhất trao đổi kinh nghiệm trồng rừng và chế biến gỗ "
        "trong giai đoạn 2027 - 2029.\n"
        "Mục 2. Tỉnh Cao Bằng cử 6 cán bộ sang khảo sát vào tháng 5 năm 2027.\n"
    )
    assert screened_sentences(text)[0] == "letter"
    party = party_of(text)
    assert (party.id, party.kind) == ("vn:04", "vietnamese_unit")


def test_a_numbered_city_district_is_read_and_resolved(resolver, party_of):
    from features.names.folding import district_form

    assert district_form("11e arrondissement de Paris") == "Paris 11e Arrondissement"
    assert district_form("1er arrondissement de Lyon") == "Lyon 1er Arrondissement"
    assert district_form("Paris") is None
    # the catalog's GeoNames form is found from the form a letter writes
    assert resolver.exact_ids("11e arrondissement de Paris", "FR") == ["gn:12808658"]
    text = (
        "MAIRIE DU 11e ARRONDISSEMENT DE PARIS\n12, place Léon-Blum – 75011 Paris\n\n"
        "Monsieur le Président,\n\nNotre arrondissement souhaite nouer des liens "
        "culturels avec votre province.\n\nVeuillez agréer mes salutations.\n\n"
        "Le Maire\n"
    )
    assert party_of(text).id == "gn:12808658"  # the district, not Paris


def test_a_letterhead_in_another_alphabet_is_read_by_its_address(party_of):
    def letter(address):
        return (
            f"ΠΕΡΙΦΕΡΕΙΑ ΘΕΣΣΑΛΙΑΣ\nService de la coopération\n{address}\n\n"
            "Madame, Monsieur,\n\nNotre Région souhaite échanger sur "
            "l'agriculture.\n\nVeuillez agréer nos salutations.\n\nLe Gouverneur\n"
        )

    # the region its address names, not the seat city written first
    party = party_of(letter("Larissa, Thessalie – Grèce"))
    assert (party.id, party.country) == ("iso:GR-E", "GR")
    # an address naming only the city leaves the sender unresolved
    assert party_of(letter("Larissa – Grèce")).id is None


def test_a_signers_name_ending_like_a_verb_keeps_the_korean_chain():
    assert unit_chain("통영시 문화예술과 주무관 김바다") == [("통영시", "city")]


def test_a_banner_of_inner_mongolia_is_a_county_level_sender(party_of):
    text = (
        "鄂温克族自治旗人民政府\n\n尊敬的越南广宁省人民委员会：\n\n"
        "值此新年来临之际，我旗谨向贵省致以节日的问候。\n\n鄂温克族自治旗人民政府\n"
        "2026年12月2日\n"
    )
    assert party_of(text).id == "cn:150724000000"


def test_a_sender_named_only_by_its_e_mail_domain(resolver, party_of):
    text = (
        "Dear Colleagues,\n\nOur council would like to share its experience with "
        "e-governance and citizen services, and we propose a first online meeting "
        "in January.\n\nBest regards,\nAnil Rao\nInternational Relations Cell\n"
        "anil.rao@city.yokkaichi.mie.jp\n"
    )
    letter = letter_parts(text)
    party = domain_party(party_of(text), letter, resolver)
    assert (party.id, party.source, party.confidence) == (
        "gn:1848373",  # Yokkaichi in Mie (mie), not its namesake in Ōita
        "e-mail domain",
        0.6,
    )
    # an invented place's domain names nothing; the recipient's address is not read
    text = text.replace("city.yokkaichi.mie.jp", "kranichsfeld.example.org")
    assert domain_party(party_of(text), letter_parts(text), resolver).id is None


def test_a_foreign_region_in_katakana_is_not_looked_for_in_japan(party_of):
    text = (
        "サマルカンド州知事府　国際協力局\n\n"
        "拝啓　貴省ますますご清栄のこととお喜び申し上げます。\n"
        "本州は伝統工芸の交流を提案いたします。\n\n敬具\n"
    )
    # the region, not its city; 知事府 is the governor's office, no unit
    assert party_of(text).id == "iso:UZ-SA"


def test_of_two_namesake_districts_the_one_in_the_city_written_before_it(party_of):
    text = (
        "长春市朝阳区人民政府外事办公室\n\n尊敬的贵省人民委员会：\n\n"
        "我区愿与贵省开展数字经济领域的交流合作。\n\n此致\n敬礼\n"
    )
    assert party_of(text).id == "cn:220104000000"  # not Beijing's 朝阳区
