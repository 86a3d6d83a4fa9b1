"""What tells a sender's country and its namesakes apart: a phone's calling code,
a country in parentheses, a qualifier after the name ("Halle (Saale)"), a type word
after the name ("Primorsky Krai"); a reply's quoted original is not the letter, and
a Vietnamese province writing "Thay mặt …" from its own address is the sender."""

from features.screening.sender_cues import sender_names
from features.screening.sender_unit import letter_country, phone_country
from features.text.channel import unwrap_letter


def test_a_phone_number_shows_the_country_when_its_code_is_one_countrys():
    assert phone_country(["Tél. : +33 (0)2 00 00 31 75"]) == "FR"
    assert phone_country(["ĐT: +84 24 3825 1234", "Tel. +49 345 221 0000"]) == "DE"
    assert phone_country(["+7 7242 00 00 15"]) is None  # Russia and Kazakhstan
    assert phone_country(["+1 613 555 0100"]) is None  # the US, Canada …
    assert phone_country(["Fax 0345 221 0000"]) is None  # no calling code


def test_a_country_in_parentheses_ends_an_address_line():
    assert letter_country(["Place Léopold 0 – B-6700 Arlon (Belgique)"]) == "BE"
    assert letter_country(["Stadt Musterhausen (Sachsen)"]) is None


def test_a_qualifier_after_the_name_tells_namesakes_apart(resolver):
    assert resolver.resolve("Halle (Saale)", limit=1)[0].id == "gn:2911522"
    assert resolver.resolve("Frankfurt (Oder)", limit=1)[0].id == "gn:2925535"
    text = (
        "Herrn Vorsitzenden des Volkskomitees\n\nsehr geehrter Herr Vorsitzender,\n\n"
        "im Namen der Stadt Halle (Saale) gratuliere ich Ihnen herzlich zu Ihrer "
        "Wahl.\n"
    )
    names = [n for n, _ in sender_names(text)]
    assert "Halle (Saale)" in names and "Saale" not in names
    assert "Ihnen" not in [n for n, _ in sender_names("im Auftrag der Ministerin")]


def test_the_name_qualified_in_a_letterhead_is_the_sender(party_of):
    text = (
        "Stadt Halle (Saale)\nDer Oberbürgermeister\n\n"
        "Stadt Halle (Saale) · Rathaus · 06100 Halle (Saale)\n\n"
        "Sehr geehrter Herr Vorsitzender,\n\nich gratuliere Ihnen zur Wahl.\n\n"
        "Mit freundlichen Grüßen\nOberbürgermeister\n"
    )
    assert party_of(text).id == "gn:2911522"


def test_a_qualifier_naming_the_region_is_not_the_sender(party_of):
    text = (
        "Madame la Directrice,\n\nJe vous écris au sujet de notre mission "
        "économique et de la suite que nous souhaitons lui donner ensemble.\n\n"
        "Au plaisir,\nConseiller, relations internationales\nVille de Trois-Rivières\n"
        "1325, place de l'Hôtel-de-Ville, Trois-Rivières (Québec)\n"
    )
    assert party_of(text).id == "gn:6169141"  # the city, not Québec city


def test_a_type_word_written_after_the_name(party_of):
    text = (
        "GOVERNMENT OF PRIMORSKY KRAI\nVladivostok, Russian Federation\n\n"
        "Dear Chairman,\n\nOn behalf of the Government of Primorsky Krai I send you "
        "warm New Year greetings.\n\nSincerely,\nGovernor\n"
    )
    assert party_of(text).id == "iso:RU-PRI"


def test_the_quoted_original_under_a_reply_subject_is_cut():
    own = " ".join(["Chúng tôi xin xác nhận lịch làm việc của đoàn."] * 6)
    text = (
        "Từ: Sở Ngoại vụ tỉnh Gia Lai <a@example.org>\n"
        "Tiêu đề: RE: Đề xuất thời gian đoàn\n\n"
        f"Kính gửi Ông,\n\n{own}\n\nTrân trọng,\n\n"
        "-----Original Message-----\nFrom: Henrik <b@example.org>\n"
        "Subject: Proposed dates\n\nWould 16 March suit you? Best regards\n"
    )
    letter = unwrap_letter(text)
    assert "Would 16 March" not in letter and "xin xác nhận" in letter


def test_a_vietnamese_province_writing_on_its_own_behalf(party_of):
    text = (
        "Từ: Phòng Hợp tác quốc tế - Sở Ngoại vụ tỉnh Gia Lai <a@example.org>\n"
        "Đến: office@example.org\n\nKính gửi Ông Henrik Lindgren,\n\n"
        "Thay mặt Ủy ban nhân dân tỉnh Gia Lai, Sở Ngoại vụ xin cảm ơn thư của Ông."
        " Chúng tôi nhất trí đón đoàn vào ngày 16 tháng 3 năm 2027.\n\nTrân trọng,\n"
    )
    party = party_of(text)
    assert party.kind == "vietnamese_unit" and party.name == "Gia Lai"


def test_a_foreign_letter_naming_the_recipient_province_is_not_from_it(party_of):
    text = (
        "From: International Office, City of Kisumu <a@example.org>\n\n"
        "Dear colleagues,\n\nOn behalf of the City of Kisumu we thank the people of "
        "Gia Lai for their welcome.\n\nKind regards\n"
    )
    assert party_of(text).kind == "foreign"
