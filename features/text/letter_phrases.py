"""Phrases per language that mark the parts and statements of a letter, in one place.

Screening reads letters in vi, en, fr, de, ja, zh and ko. The rules that depend on a
language's words live here, as plain lists a reader can check and extend:

* :data:`STATED_NEEDS` / :data:`STATED_STRENGTHS` — a sender saying outright what it
  seeks ("we seek", "suchen wir", "求めています", "찾고 있습니다") or what it is strong
  in ("we are known for", "wir sind stark in", "本県は…に強みがあり");
  :data:`STATED_OFFERS` — what it offers or pays for ("we offer", "bieten wir … an",
  "do … tài trợ"), read as a strength. They decide a sentence's role before any
  weaker cue word (:mod:`features.tagging.tagger`); they live in
  :mod:`features.text.stated_phrases` and are re-exported here.
* :data:`CLOSINGS` (:data:`LINE_CLOSINGS`, :data:`LINE_END_CLOSINGS`: "…よろしく
  お願いいたします。", "박지훈 드림"), :data:`SALUTATIONS` (:data:`SUBJECT_WORDS`,
  :data:`RECIPIENT_MARKS`), :data:`STREET_WORDS`, :data:`CONTACT_WORDS`
  — the letterhead, address, contact, greeting and signature lines
  (:mod:`features.screening.letter_parts`): they claim no sector; letterhead and
  signature name the sender.
* :data:`VN_SENDER_HEADS` — how a Vietnamese unit heads or signs its own letter.
* :data:`HEADER_FIELDS` (a fax or e-mail header: "To:", "Attn:", "Von:";
  :data:`SENDER_FIELDS`, "From:", names an office, not a person),
  :data:`DOCUMENT_WORDS` (what the document is: "Fax transmission", "邀请函": not a
  sender's name) and :data:`ATTACHMENT_HEADS` ("Annex 1", "Anlagen:", "붙임"): the
  header and the list of attachments claim no sector.
* :data:`HISTORY_CUES` — a sentence recalling past cooperation ("we still
  remember", "erinnern wir uns", "思い出", "기억하고") claims no sector now.
* :data:`SELF_INTRODUCTIONS` — the writer introducing itself ("農林水産課の村上で
  ございます", "I'm the … officer"): its office is no claim.
* :data:`VN_HOME_SUBJECTS`, :data:`VN_HOME_OFFICES` — a Vietnamese news item's own
  unit as a sentence's subject ("Thành phố tiếp tục …", "Sở Du lịch cho biết …"):
  no claim of the foreign party, unless it speaks of the partner
  (:data:`VN_PARTNER_SIDE`).
* :data:`ROLE_CUES`, :data:`ROLE_PROTOTYPES`, :data:`FUTURE_CUES` — the tagger's
  weaker cue words per role, its role prototypes and its future/proposal words.
* :data:`COURTESY_WISHES` — wishing the reader good health ("ご健康",
  "chúc … sức khỏe", "身体健康") is courtesy, no healthcare claim.
* :data:`HEDGES` — "perhaps one day": a sector named only so is no plan (the words
  around a sender's name, its type words and titles, are in
  :mod:`features.text.unit_words`).
* Dates in Japanese era, Chinese, Korean and Vietnamese forms are in
  :mod:`features.text.date_forms`.

Latin phrases match on word boundaries, case-insensitively; CJK and Hangul phrases
as substrings. ``…`` in a phrase stands for up to 40 characters of anything (the
regexes: ``features.names.script.phrase_pattern(..., kind="statement")``).
"""

from __future__ import annotations

from features.text.stated_phrases import (
    STATED_NEEDS,
    STATED_OFFERS,
    STATED_STRENGTHS,
)

__all__ = [
    "STATED_NEEDS",
    "STATED_STRENGTHS",
    "STATED_OFFERS",
    "CLOSINGS",
    "LINE_CLOSINGS",
    "SALUTATIONS",
    "SUBJECT_WORDS",
    "RECIPIENT_MARKS",
    "STREET_WORDS",
    "CONTACT_WORDS",
    "VN_SENDER_HEADS",
    "HEADER_FIELDS",
    "SENDER_FIELDS",
    "DOCUMENT_WORDS",
    "ATTACHMENT_HEADS",
    "HISTORY_CUES",
    "LINE_END_CLOSINGS",
    "SELF_INTRODUCTIONS",
    "VN_HOME_SUBJECTS",
    "VN_HOME_OFFICES",
    "VN_PARTNER_SIDE",
    "ROLE_CUES",
    "ROLE_PROTOTYPES",
    "FUTURE_CUES",
    "HEDGES",
    "COURTESY_WISHES",
]

# A line that ends the letter's body: the signature follows.
CLOSINGS: tuple[str, ...] = (
    "yours faithfully", "yours sincerely", "kind regards", "best regards",
    "with kind regards", "sincerely", "regards",
    "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße",
    "veuillez agréer", "nous vous prions d'agréer", "je vous prie d'agréer",
    "cordialement", "bien cordialement",
    "trân trọng", "xin trân trọng cảm ơn", "tm. ủy ban nhân dân", "giám đốc sở",
    "敬具", "此致", "敬礼", "very truly yours", "yours truly",
    "with best regards", "with warm regards", "mit herzlichen grüßen",
    "mit besten grüßen", "mit freundlichem gruß", "freundliche grüsse",
    "mit freundlichen grüssen", "beste grüsse", "herzliche grüsse",
    "warm wishes", "warm regards", "best wishes", "with best wishes",
    "atenciosamente", "com os melhores cumprimentos", "cordiali saluti",
    "distinti saluti", "saludos cordiales", "atentamente",
)  # fmt: skip

# E-mail closings: a closing only when they fill the line ("Cheers," not "Best
# practices in …").
LINE_CLOSINGS: tuple[str, ...] = (
    "cheers", "best", "best wishes", "warm regards", "warmest regards",
    "many thanks", "thanks", "thank you", "viele grüße", "herzliche grüße",
    "talk soon", "speak soon", "all the best",
    "beste grüße", "liebe grüße", "bien à vous", "salutations distinguées",
    "amitiés", "よろしくお願いいたします", "よろしくお願い申し上げます",
    "감사합니다", "올림", "xin cảm ơn", "祝好", "以上", "끝", "ngā mihi",
    "nga mihi", "thanks in advance", "thank you in advance", "merci d'avance",
    "merci par avance", "vielen dank im voraus", "besten dank im voraus",
    "特此函达", "特此函告", "特此函复",
)  # fmt: skip

# A line that opens the body: what comes before is letterhead and address.
SALUTATIONS: tuple[str, ...] = (
    "dear", "sehr geehrte", "sehr geehrter", "liebe", "madame", "monsieur",
    "kính gửi", "kính thưa", "拝啓", "尊敬的", "존경하는", "수신",
    "hi", "hello", "guten tag", "bonjour", "xin chào", "您好", "안녕하세요",
    "grüezi", "kia ora", "hey", "hey there", "respected sir", "respected madam",
    "betreff", "objet", "subject", "v/v", "件名", "제목",
)  # fmt: skip

# Subject-line words among the salutations: a subject line states the letter's
# topic (it may claim a sector); a greeting line names only the recipient.
SUBJECT_WORDS: tuple[str, ...] = ("betreff", "objet", "subject", "v/v", "件名", "제목")

# Marks ending a recipient line ("省人民委員会 御中", "委員長 殿", "귀하").
RECIPIENT_MARKS: tuple[str, ...] = ("御中", "殿", "様", "귀하", "台鉴", "钧鉴")

# Words of a street address: the name next to them is a street, not a claim.
STREET_WORDS: dict[str, tuple[str, ...]] = {
    # before a capitalised name: "2 rue de la Pêcherie", "Place de la Mairie"
    "before_name": ("rue", "avenue", "boulevard", "quai", "chemin", "impasse",
                    "place", "allée", "am", "an der", "auf dem", "im"),
    # after a capitalised name: "Harbour Street", "Mill Lane"
    "after_name": ("Street", "Road", "Lane", "Avenue", "Square", "Way", "Close"),
    # ending a German compound before a house number: "Fischmarkt 1"
    "compound_end": ("straße", "strasse", "str.", "platz", "markt", "gasse", "weg",
                     "allee", "ring", "damm", "ufer", "hof"),
}  # fmt: skip

CONTACT_WORDS: tuple[str, ...] = (
    "tel", "tel.", "telefon", "téléphone", "phone", "fax", "e-mail", "email",
    "mail", "điện thoại", "電話", "メール", "电话", "전화", "이메일",
)  # fmt: skip

# How a Vietnamese unit heads or signs its own letter (the unit's name follows).
VN_SENDER_HEADS: tuple[str, ...] = (
    "ủy ban nhân dân tỉnh", "ủy ban nhân dân thành phố", "ubnd tỉnh",
    "ubnd thành phố", "hội đồng nhân dân tỉnh", "sở ngoại vụ tỉnh",
)  # fmt: skip

# Fields of a fax or e-mail header ("To: …", "Attn: …", "宛先：…"), each followed by
# a colon: two of them open a letter even without a salutation.
HEADER_FIELDS: tuple[str, ...] = (
    "to", "from", "attn", "attention", "cc", "fax", "re", "ref", "pages", "date",
    "sent", "von", "an", "datum", "de", "à", "objet", "người gửi",
    "người nhận", "ngày", "差出人", "宛先", "送信者", "发件人", "收件人", "发文",
    "보낸 사람", "받는 사람", "수신", "발신",
)  # fmt: skip

# The header field naming the sender ("From: …", "보낸 사람: …"): letterhead, even
# with an e-mail address in it.
SENDER_FIELDS: tuple[str, ...] = (
    "from", "von", "de", "expéditeur", "người gửi", "差出人", "送信者", "发件人",
    "보낸 사람",
)  # fmt: skip

# Words naming the document, not its sender ("FAX TRANSMISSION", "Note de
# transmission", "Memorandum"), skipped when a letterhead's name is read.
DOCUMENT_WORDS: tuple[str, ...] = (
    "fax", "transmission", "memo", "memorandum", "cover", "sheet", "letter",
    "note", "notice", "invitation", "press", "media", "release", "newsletter",
    "circular",
    "telefax", "mitteilung", "schreiben", "einladung", "pressemitteilung",
    "lettre", "courrier", "communiqué", "công văn", "thư mời", "thông cáo",
)  # fmt: skip

# The head of a list of attachments ("Annex 1 – …", "Anlagen:", "Pièces jointes",
# "붙임", "添付資料", "附件", "Tài liệu gửi kèm"): it and its items claim nothing.
ATTACHMENT_HEADS: tuple[str, ...] = (
    "annex", "annexes", "attachment", "attachments", "enclosure", "enclosures",
    "encl.", "appendix", "documents attached", "following documents attached",
    "anlage", "anlagen", "beilage", "beilagen", "pièce jointe", "pièces jointes",
    "annexe", "p.j.", "tài liệu gửi kèm", "tài liệu kèm theo", "phụ lục",
    "添付資料", "添付", "別添", "附件", "붙임",
    # a distribution list names recipients, not the sender ("Nơi nhận:", "抄送")
    "nơi nhận", "copy furnished", "copies furnished", "verteiler", "抄送", "副本",
    "正本",
)  # fmt: skip

# A sentence recalling the past ("we still remember", "nous nous souvenons", "vẫn
# nhớ", "平成…年に…思い出", "지난 …년 … 기억"): history, not what the sender
# offers or seeks now.
HISTORY_CUES: dict[str, tuple[str, ...]] = {
    "en": ("we still remember", "we remember", "fond memories", "past cooperation",
           "years ago", "we recall", "looking back", "the other day",
           "left a deep impression", "left a lasting impression",
           "we enjoyed meeting", "we enjoyed welcoming", "it was a pleasure to meet",
           "it was a pleasure to welcome"),
    "de": ("erinnern uns", "erinnern wir uns", "erinnere mich", "damals",
           "gerne erinnern"),
    "fr": ("nous avons eu le plaisir de", "nous nous souvenons", "je me souviens",
           "coopération passée",
           "beaux souvenirs", "il y a … ans", "gardons un … souvenir"),
    "vi": ("vẫn nhớ", "còn nhớ", "nhớ lại", "hồi tưởng"),
    "ja": ("思い出", "かつて", "懐かしく", "先日", "先般"),
    "zh": ("曾经", "曾到", "曾赴", "曾在", "曾于", "曾与", "回顾", "回忆", "难忘",
           "留下了深刻印象", "留下了深刻的印象"),
    "ko": ("기억하고", "기억합니다", "추억", "되돌아보", "지난달", "깊은 인상을 남겼"),
}  # fmt: skip

# Wishing the reader good health: courtesy, not a healthcare claim.
COURTESY_WISHES: tuple[str, ...] = (
    "ご健康", "ご健勝", "身体健康", "万事如意", "kính chúc … sức khỏe",
    "chúc quý … sức khỏe",
    "건강하시기", "건강과 행복", "건강을 기원", "wish you … good health",
    "bonne santé", "wünschen … gesundheit",
)  # fmt: skip

# A hedged maybe-someday ("Vielleicht ergibt sich eines Tages …", "peut-être …
# un jour"): the sectors a sentence names so make a letter no more concrete.
HEDGES: tuple[str, ...] = (
    "perhaps one day", "maybe one day", "someday", "some day", "eines tages",
    "irgendwann", "peut-être … un jour", "un jour peut-être", "pourrait un jour",
    "pourraient un jour", "pourrait-il un jour", "pourraient-ils un jour", "có lẽ",
    "một ngày nào đó", "いつか", "いずれ", "有朝一日", "或许", "也许", "언젠가",
)  # fmt: skip

# Closings that end a short line ("ご検討のほど、よろしくお願いいたします。",
# "박지훈 드림"): the signature follows or is on that line.
LINE_END_CLOSINGS: tuple[str, ...] = (
    "よろしくお願いいたします", "よろしくお願い申し上げます", "よろしくお願いします",
    "드림", "올림", "敬上", "谨上",
)  # fmt: skip

# A writer introducing itself ("村上でございます", "국제교류 담당 박지훈입니다",
# "I'm the economic development officer …"): the office it names (農林水産課) is
# no claim. Regexes, matched at the start of a sentence (CJK anywhere).
SELF_INTRODUCTIONS: tuple[str, ...] = (
    r"(?:課|局|部|室|係|班|センター|担当)の?\s*\S{1,8}?(?:です|でございます|と申します)",
    r"(?:과|팀|실|국|센터|담당|주무관)\s*\S{2,4}입니다",
    r"^(?:I am|I'm|My name is)\b[^.]{0,80}?\b(?:officer|director|manager|head|"
    r"coordinator|adviser|advisor|secretary|mayor|chair|chairperson|consul)\b",
    r"^(?:Je suis|Je m'appelle)\b[^.]{0,60}?\b(?:chargée?|directeur|directrice|"
    r"responsable|maire|conseill[eè]re?)\b",
    r"^(?:Ich bin|Mein Name ist)\b[^.]{0,60}?\b(?:leiter|leiterin|referent|"
    r"referentin|bürgermeister|bürgermeisterin|beauftragte)",
    r"^Tôi (?:là|tên là)\b[^.]{0,60}?\b(?:cán bộ|chuyên viên|trưởng phòng|giám đốc)",
    r"^我是[^。]{0,30}?(?:处|科|局|办公室)的",
    # a note on who translated the letter ("Thư này do một sinh viên … giúp dịch")
    r"\b(?:translated by|traduite? par|übersetzt von|giúp dịch|được dịch bởi)\b"
    r"|^(?:this letter|cette lettre|dieses schreiben|thư này)\b[^.]{0,80}?"
    r"\b(?:translat|tradui|übersetz|dịch)",
)

# How a Vietnamese news item names its own unit as a sentence's subject: the bare
# word, no name after it ("Thành phố tiếp tục …"), or one of its offices ("Sở Du
# lịch cho biết …"). What that unit does is not the foreign party's claim, unless
# the sentence speaks of the partner too (VN_PARTNER_SIDE, a foreign place).
VN_HOME_SUBJECTS: tuple[str, ...] = (
    "thành phố", "tỉnh", "lãnh đạo tỉnh", "lãnh đạo thành phố", "địa phương",
)  # fmt: skip
VN_HOME_OFFICES: tuple[str, ...] = ("sở", "ubnd", "ủy ban nhân dân", "hđnd")
VN_PARTNER_SIDE: tuple[str, ...] = ("phía bạn", "hai bên", "hai địa phương", "đối tác")

# -- sector roles (features.tagging.tagger) -----------------------------------------


def _cues(text: str) -> tuple[str, ...]:
    """Cue phrases from a ``|``-separated string."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


# Cue words per role, lowercased NFC; Latin cues match on word boundaries, CJK cues
# as substrings. Checked in the order need, interest, strength.
ROLE_CUES: dict[str, tuple[str, ...]] = {
    "need": _cues(
        "cần|thiếu|thiếu hụt|mong muốn được hỗ trợ|mong được hỗ trợ|mong được|"
        "đề nghị hỗ trợ|kêu gọi|khó khăn|hạn chế|yếu kém|còn yếu|chưa đáp ứng|"
        "chưa đủ|chưa có|quá tải|xuống cấp|bị ngập|ô nhiễm|thách thức|"
        "tìm kiếm đối tác|học hỏi|muốn học hỏi|cần hỗ trợ|hỗ trợ kỹ thuật|thấp hơn|"
        "mới đạt|chưa qua đào tạo|đang chịu|thất thoát|ép giá|đang thiếu|bất cập|"
        "vướng mắc|đòi hỏi|nhu cầu|gặp khó|chịu ảnh hưởng|thiệt hại|suy giảm|"
        "lo ngại|còn thấp|chưa cao|lạc hậu|cũ kỹ|mong nhận được|rất cần|need|needs|"
        "needed|lack|lacks|lacking|shortage|shortages|seek|seeks|seeking|"
        "looking for|in search of|require|requires|help to|help us|struggle|missing|"
        "would appreciate|facing|nous serions reconnaissants|wären dankbar|"
        "mong quý|"
        "struggles|problem|problems|insufficient|want to learn|would like to learn|"
        "suffers|suffer|overloaded|too few|not enough|under water|stay under|"
        "bottleneck|gap|gaps|limited|weak|poor|outdated|ageing|aging|challenge|"
        "only part of|reaches only|covers only|only a fraction|only half|"
        "only a third|"
        "challenges|would benefit|assistance|scarce|inadequate|urgently|besoin|"
        "besoins|manque|manquent|recherche|recherchent|cherche|cherchent|"
        "insuffisant|insuffisants|insuffisante|insuffisantes|difficulté|"
        "difficultés|pénurie|souhaite bénéficier|a besoin|faible|faibles|limité|"
        "limités|vétuste|vétustes|défi|défis|appui|déficit|bedarf|fehlt|fehlen|"
        "benötigt|benötigen|brauchen|braucht|suchen|sucht|mangel|engpass|engpässe|probleme|"
        "unterstützung bei|mangelt|schwach|veraltet|herausforderung|"
        "herausforderungen|fachkräftemangel|knapp|必要|不足|需要|課題|困難|求め|缺乏|短缺|急需|寻求|"
        "困って|深刻|필요|부족|어려움|과제|시급|ご支援を|ご助言を|ご指導を|贵方支持|"
        "贵方协助|지원을 요청|도움을 요청|자문을 요청"
    ),
    "interest": _cues(
        "hợp tác|mong muốn hợp tác|mong muốn|sẵn sàng|đề xuất|kết nối|trao đổi|"
        "giao lưu|thúc đẩy|tăng cường|ký kết|thỏa thuận|liên kết|mời|hướng tới|"
        "mở rộng|thiết lập|kết nghĩa|ghi nhớ|chia sẻ kinh nghiệm|cùng nhau|"
        "cooperate|cooperation|co-operation|collaborate|collaboration|partnership|"
        "partner with|would like|wish to|keen to|interested in|exchange|exchanges|"
        "joint|together|propose|proposes|welcome|could|open to|explore|"
        "look forward|invite|invites|sister city|twinning|jointly|mutual|"
        "share experience|share experiences|coopération|coopérer|partenariat|"
        "souhaite|souhaitent|souhaiterait|échange|échanges|conjoint|ensemble|"
        "aimerait|envisage|jumelage|inviter|partager|zusammenarbeit|"
        "zusammenarbeiten|kooperation|partnerschaft|möchte|möchten|austausch|"
        "gemeinsam|gemeinsame|würde|gerne|anstreben|interesse|einladen|"
        "städtepartnerschaft|würden|gern|協力|連携|交流|希望|合作|愿意|提案|建议|협력|교류|제안|"
        "희망"
    ),
    "strength": _cues(
        "thế mạnh|lợi thế|nổi tiếng|có kinh nghiệm|hàng đầu|đứng đầu|dẫn đầu|"
        "lớn nhất|hiện đại|đạt chuẩn|thu hút|tiên tiến|phát triển mạnh|có nhiều|"
        "sở hữu|expertise|leading|leader|leads|renowned|famous|known for|"
        "award-winning|strength|strengths|experienced|largest|modern|world-class|"
        "home to|hosts|specialise|specialize|our|savoir-faire|réputé|réputée|"
        "renommé|renommés|premier|première|reconnu|possède|kompetenz|führend|"
        "stärke|stärken|erfahrung|bekannt|moderne|unsere|強み|優れ|評価|有名|先進|优势|领先|著名|"
        "丰富|経験|実績|经验|강점|경험|실적|유명"
    ),
}

# Role prototypes: generic statements of each role, embedded once per tagger. They
# decide only for sentences with no cue word, and only with a clear lead.
ROLE_PROTOTYPES: dict[str, tuple[str, ...]] = {
    "strength": (
        "Tỉnh có nhiều kinh nghiệm và dẫn đầu cả nước trong lĩnh vực này.",
        "Thành phố đã xây dựng thành công và vận hành hiệu quả nhiều năm nay.",
        "Our region has decades of experience and is known for its achievements.",
        "The city already operates modern facilities that serve the whole population.",
        "Notre territoire dispose d'un savoir-faire reconnu et d'équipements modernes.",
        "Unsere Region verfügt über langjährige Erfahrung und moderne Einrichtungen.",
        "本県はこの分野で長年の経験と実績があり、先進的な施設を運営しています。",
        "我市在该领域经验丰富，拥有先进的设施和专业人才。",
        "우리 시는 이 분야에서 오랜 경험과 앞선 기술을 보유하고 있습니다.",
    ),
    "need": (
        "Tỉnh đang gặp nhiều khó khăn và rất cần được hỗ trợ về vốn và kỹ thuật.",
        "Địa phương còn thiếu nguồn lực, hạ tầng yếu kém chưa đáp ứng nhu cầu.",
        "The province faces serious problems and needs outside help and funding.",
        "We lack the skills and equipment to solve this and seek technical assistance.",
        "Le territoire manque de moyens et cherche un appui technique et financier.",
        "Der Region fehlen Mittel und Fachleute, sie braucht dringend Unterstützung.",
        "本県は人材と資金が不足しており、この課題の解決に支援を必要としています。",
        "我县资金和技术人才短缺，迫切需要外部支持。",
        "우리 군은 인력과 예산이 부족하여 외부 지원이 필요합니다.",
    ),
    "interest": (
        "Hai bên mong muốn hợp tác, trao đổi đoàn và ký kết thỏa thuận.",
        "Tỉnh đề xuất thiết lập quan hệ đối tác và triển khai dự án chung với bạn.",
        "Both sides would like to cooperate and exchange delegations.",
        "The city proposes a partnership and a joint project with its counterpart.",
        "Les deux collectivités souhaitent coopérer et lancer un projet commun.",
        "Beide Seiten möchten zusammenarbeiten und ein gemeinsames Projekt starten.",
        "両者で協力し、共同事業の実施と代表団の相互訪問をご提案いたします。",
        "双方愿意开展合作，互派代表团并实施共同项目。",
        "양측이 협력하여 대표단을 교환하고 공동 사업을 추진하기를 희망합니다.",
    ),
}

FUTURE_CUES = _cues(
    "sẽ|dự kiến|kế hoạch|định hướng|will|plan|plans|planned|intend|intends|aim|"
    "aims|va|vont|prévoit|projet|plant|予定|计划|将"
)
