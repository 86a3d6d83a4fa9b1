"""The letter inside its channel (features.text.channel): what a PDF copy, a mail
client or a keyboard did to it is undone, and nothing else is touched."""

from features.text.channel import unwrap_letter

LETTER = """Landkreis Erlenbrück
Der Landrat
Am Markt 1, 00000 Erlenbrück

Sehr geehrte Damen und Herren,

wir möchten Ihnen eine Partnerschaft in der beruflichen Bildung vorschlagen.

Mit freundlichen Grüßen
Dr. Anna Berg
Landrätin"""


def test_a_letter_without_traces_is_left_as_it_is():
    assert unwrap_letter(LETTER) == LETTER


def test_hard_wrapped_paragraphs_are_joined_and_hyphenated_words_made_whole():
    text = """Dear Colleagues,

Following our virtual meeting of 18 November 2026, I am pleased to
set out the Council's proposal in writing. The Council has built up
practical experience with community battery systems for farming dis-
tricts, and we would be glad to share this know-how with your pro-
vince. In return we seek an introduction to importers in the Baden-
Württemberg region of fresh fruit and vegetables from your province.

Yours sincerely,
Leah Donnelly"""
    out = unwrap_letter(text)
    assert "proposal in writing. The Council has built up practical experience" in out
    assert "farming districts" in out and "your province." in out
    assert "Baden-Württemberg" in out
    assert "from your province.\n\nYours sincerely,\nLeah Donnelly" in out


def test_letterhead_and_signature_lines_are_not_joined():
    text = """Direktion für Landesplanung, wirtschaftliche und ländliche Entwicklung
Abteilung Wirtschaft und Forschung – Referat Internationale Beziehungen
Bahnhofplatz 1, 4021 Linz, Österreich

An das Volkskomitee der Provinz Bắc Ninh
Abteilung für Auswärtige Angelegenheiten

Sehr geehrte Damen und Herren,

wir schlagen eine Zusammenarbeit vor, die wir im Frühjahr 2027 beginnen möchten.

Mit freundlichen Grüßen
Service Communication – Province de Namur
Sophie Lambotte, attachée de presse"""
    assert unwrap_letter(text) == text


def test_a_page_break_is_closed_and_the_footer_kept_once_at_the_end():
    text = """Landkreis Erlenbrück
Der Landrat                                               Seite 1 von 2

Sehr geehrte Damen und Herren,

gleichzeitig suchen unsere Betriebe in Pflege und Handwerk dringend
Nachwuchs für ein Programm, in dem junge Menschen aus Ihrer Provinz

________________________________________________________________
Landkreis Erlenbrück | Postfach 00 00 | 00000 Erlenbrück
Tel. 00000 000-0 | international@example.org | Seite 1 von 2

Landkreis Erlenbrück
Der Landrat                                               Seite 2 von 2

nach einem Deutschkurs eine duale Ausbildung in unserem Landkreis
absolvieren.

Mit freundlichen Grüßen
Dr. Anna Berg"""
    out = unwrap_letter(text)
    lines = out.split("\n")
    assert lines[:2] == ["Landkreis Erlenbrück", "Der Landrat"]
    assert "Seite" not in out and "____" not in out
    assert (
        "aus Ihrer Provinz nach einem Deutschkurs eine duale Ausbildung in unserem"
        in out
    )
    assert lines[-2:] == [
        "Landkreis Erlenbrück | Postfach 00 00 | 00000 Erlenbrück",
        "Tel. 00000 000-0 | international@example.org",
    ]


def test_a_forwarders_note_is_dropped_and_the_forwarded_letter_kept():
    text = """Kính gửi chị Phương,
Em chuyển thư của thành phố đề xuất hợp tác, anh chị xem giúp em.
Ngọc Anh

---------- Forwarded message ---------
From: International Office <intl@example.org>
Subject: Proposal for cooperation in vocational training

Dear Sir or Madam,
The City would like to propose a partnership in vocational training for care
workers, with a first exchange of ten trainees in 2027 and a joint workshop.
Yours faithfully,
International Office"""
    out = unwrap_letter(text)
    assert out.startswith("From: International Office")
    assert "Ngọc Anh" not in out


def test_a_reply_keeps_its_own_words_and_drops_the_quoted_original():
    text = """Dear Ms Trang,

Thank you for your message. Our county would be glad to share its experience
in small-scale fish processing, and we seek exchanges on primary health care
with your provincial health services early next year.

Kind regards,
County International Office

On Mon, 12 Oct 2026 at 10:15, Trang <trang@example.org> wrote:
> Dear colleagues, our province offers agricultural training and seeks
> investors in renewable energy for its industrial parks."""
    out = unwrap_letter(text)
    assert "fish processing" in out
    assert "renewable energy" not in out and "wrote:" not in out


def test_a_quote_passed_on_with_a_short_note_is_the_letter():
    text = """FYI, see the letter below.

> Dear Sir or Madam,
> The City of Lyon proposes a partnership in water management with a
> joint workshop in spring 2027 and an exchange of engineers.
> Yours faithfully,
> Direction des relations internationales"""
    out = unwrap_letter(text)
    assert out.startswith("Dear Sir or Madam,")
    assert "FYI" not in out and ">" not in out


def test_hard_wrapped_chinese_is_joined_but_a_placed_signature_is_not():
    text = """尊敬的贵省人民委员会：

　　鹤汀县地处山区，森林覆盖率较高，近年来大力发展山水生态
旅游和森林康养旅游，已建成多条徒步线路和乡村民宿集群。我县
愿与贵省分享生态旅游开发和运营经验。

　　　　　　　　　　　　　　　　　　　　鹤汀县人民政府
　　　　　　　　　　　　　　　　　　　二〇二六年十二月一日"""
    out = unwrap_letter(text)
    assert "发展山水生态旅游和森林康养旅游" in out
    assert "经验。\n\n" in out
    assert out.endswith(
        "鹤汀县人民政府\n　　　　　　　　　　　　　　　　　　　二〇二六年十二月一日"
    )


def test_odd_spaces_and_full_width_digits_are_plain():
    out = unwrap_letter("\tCity\u00a0of Lyon\u200b\n２０２７年３月")
    assert out == "    City of Lyon\n2027年3月"


def test_a_cjk_paragraph_is_joined_though_its_contact_lines_run_longer():
    # the e-mail lines are longer than the body's wrap width but mostly Latin: the
    # CJK width is measured on the lines written in CJK, and a "1　" item stays
    text = """拝啓
　本町では農業の担い手の高齢化が進み、収穫期の作業人員の確
保が大きな課題となっております。つきましては、貴省と協力し、
農業研修生の受入れについてご相談したく、ご連絡申し上げます。
１　研修人数　　　１０名程度を予定しておりますのでよろしく
２　研修期間　　　令和９年４月から１年間
担当　農政課　電話０１２３－００－００００　nousei-intl@example.org
担当　農政課　電話０１２３－００－００１１　nousei-kouryu@example.org
担当　総務課　電話０１２３－００－００２２　soumu-kokusai@example.org"""
    out = unwrap_letter(text)
    assert "作業人員の確保が大きな課題" in out
    assert "よろしく\n2　研修期間" in out


def test_a_subject_line_broken_in_a_word_is_made_whole():
    text = """Dear Colleagues,

Re: Proposal for a Partnership on Drip Irri-
gation in Dry Districts

Following our meeting of 4 November 2026, we are pleased to set out
our proposal in writing: a joint programme on water for farmers that
the two regions would run together from spring 2027 for three years.

Kind regards,
Ann Lee"""
    assert "Drip Irrigation in Dry Districts" in unwrap_letter(text)


def test_a_line_wrapped_a_few_characters_early_runs_on():
    # a proportional font wraps "this" although four characters are left
    text = """Dear Colleagues,

Following our meeting of 4 November 2026, I am pleased to set out the
Council's proposal: our engineers have built small river pumping units
for many villages in hills and the Council would be glad to share
this know-how with the engineers of your province next spring.

Kind regards,
Ann Lee"""
    assert "glad to share this know-how" in unwrap_letter(text)


def test_a_forwarded_letter_with_a_letterhead_drops_the_e_mail_header():
    text = """Anh xem giúp em thư dưới đây, đại sứ quán vừa chuyển sang sáng nay nhé.

---------- Forwarded message ---------
From: Office <office@example.org>
Date: Mon, 30 Nov 2026 at 09:12
Subject: Letter
To: <desk@example.org>

PROVINCE DE HAINAUT
Direction des relations internationales

Madame, Monsieur,
La Province propose des échanges de formateurs en soins infirmiers dès 2027,
avec deux stages d'observation par an dans nos hôpitaux et nos écoles."""
    out = unwrap_letter(text)
    assert out.lstrip().startswith("PROVINCE DE HAINAUT\n")
    assert "From:" not in out and "Date:" not in out


def test_a_separator_line_and_a_change_of_script_end_a_line():
    text = """ご不明な点がございましたら、下記までお気軽にお問い合わせください。

━━━━━━━━━━━━━━━━━━━━
サマルカンド州知事府　国際関係部
ディルノザ・ラヒモワ
E-mail：d.rakhimova@example.org
Tel：+998 66 000 4471
━━━━━━━━━━━━━━━━━━━━"""
    assert unwrap_letter(text) == text
