"""What a letter says outright about its roles: stated needs, strengths and offers.

* :data:`STATED_NEEDS` — a sender saying what it seeks ("we seek", "suchen wir",
  "求めています", "찾고 있습니다"), what it lacks, as a problem ("we face a
  shortage of", "nous manquons de", "…が不足しています", "…가 부족합니다"), or what
  it would learn from the partner's experience ("nous souhaitons bénéficier de
  l'expérience de votre province");
* :data:`STATED_STRENGTHS` — what it is strong in ("we are known for", "本県は…に
  強みがあり", "worauf wir … stolz sind");
* :data:`STATED_OFFERS` — what it offers or pays for ("we offer", "bieten wir …
  an", "partager cette expérience"), read as a strength;
* :data:`PARTNER_FOR_COOPERATION` — a partner sought *for cooperation* in a field
  ("sucht eine Partnerprovinz … für eine Zusammenarbeit in der Abfallwirtschaft",
  "공동 투자할 파트너를 찾고"): an interest both sides share, not a need (a partner
  sought *with* know-how, "we seek a partner with proven greenhouse know-how",
  stays a need);
* :data:`SECTOR_STATEMENTS` — statements that name a sector without its keywords:
  a shortage of workers ("shortage of nurses", "人手が不足", "일손이 부족") is a
  need for a workforce, vocational training, whatever industry it is in.

They decide a sentence's role before any weaker cue word
(:mod:`features.tagging.roles`). Matched as :mod:`features.text.letter_phrases`
phrases: Latin on word boundaries, case-insensitively; CJK and Hangul as
substrings; ``…`` stands for up to 40 characters.
"""

from __future__ import annotations

__all__ = [
    "STATED_NEEDS",
    "STATED_STRENGTHS",
    "STATED_OFFERS",
    "PARTNER_FOR_COOPERATION",
    "SECTOR_STATEMENTS",
]

STATED_NEEDS: dict[str, tuple[str, ...]] = {
    "en": ("we face a shortage", "we face a … shortage", "we are short of",
           "we lack", "we are lacking", "we suffer from a shortage",
                      "we would like to benefit from", "benefit from your experience",
           "learn from your experience", "your province has developed",
           "your city has developed", "your province has built up",
           "we seek", "we are seeking", "we are looking for", "we look for",
           "we would like to find", "we are searching for", "we need",
           "we are in need of", "we hope to find", "we wish to find",
           "we would welcome support", "we would like to learn", "we want to learn",
           "we're looking for", "we're seeking", "we're searching for",
           "what we are missing", "what we're missing", "what we lack",
           "to attract investors", "to attract investment", "to attract companies",
           "attract … companies", "attract … investors", "attract … investment",
           "we'd love to learn", "we would love to learn", "we'd like to learn"),
    "de": ("uns fehlen", "fehlt es uns", "mangelt es uns", "leiden wir unter",
           "von ihren erfahrungen", "von ihrer erfahrung",
           "ihre provinz hat … aufgebaut",
                      "suchen wir", "wir suchen", "sucht die stadt", "suchen nach",
           "wir benötigen", "benötigen wir", "wir brauchen", "brauchen wir",
           "sind wir auf der suche", "wir sind auf der suche", "möchten wir lernen",
           "würden wir gerne lernen", "was uns fehlt", "interessiert uns, wie",
           "investoren gewinnen", "unternehmen … ansiedeln", "ansiedlung von",
           "interessiert uns besonders, wie"),
    "fr": ("nous manquons", "nous faisons face à une pénurie",
           "nous souffrons d'un manque", "nous souhaitons bénéficier",
           "bénéficier de l'expérience de votre", "bénéficier de votre expérience",
           "votre province a conduit", "votre province a développé",
           "votre province a mis en place", "votre province a acquis",
           "nous souhaiterions bénéficier", "faute d'un", "faute de moyens",
           "reste difficile", "restent difficiles", "notre commune subit",
           "nous subissons", "souffre d'un manque",
           "nous recherchons", "nous cherchons", "nous sommes à la recherche",
           "nous avons besoin", "nous souhaitons trouver", "nous sommes en quête",
           "nous souhaiterions trouver", "nous aimerions apprendre",
           "ce qui nous manque", "il nous manque", "attirer des entreprises",
           "attirer des investisseurs", "attirer des investissements",
           "attirer … entreprises", "attirer … investisseurs"),
    "vi": ("chúng tôi đang thiếu", "chúng tôi thiếu", "đang thiếu hụt",
           "học hỏi kinh nghiệm của quý",
           "chúng tôi tìm kiếm", "chúng tôi đang tìm kiếm", "chúng tôi cần",
           "đang tìm kiếm đối tác", "mong muốn tìm kiếm", "chúng tôi đang cần",
           "chúng tôi mong muốn học hỏi", "mong muốn được học hỏi"),
    "ja": ("が不足しています", "が不足しております", "不足しています",
           "不足しております", "不足しており", "が足りません", "が足りておらず",
           "貴省の経験に学", "貴市の経験に学",
           "を求めています", "求めております", "を求める", "を探しています",
           "を探しております", "を必要としています", "を必要としております",
           "を募集しています", "を学びたい", "を求めており", "企業誘致", "投資を誘致",
           "を学ばせていただき", "技術を学び", "経験を学び", "ノウハウを学び",
           "投資誘致"),
    "zh": ("我们缺乏", "我县缺乏", "我市缺乏", "严重短缺", "十分短缺", "较为短缺",
           "学习贵省", "借鉴贵省", "借鉴贵方",
           "我们寻求", "寻求", "希望寻找", "正在寻找", "我们需要", "急需", "希望引进",
           "希望学习", "欢迎越南企业", "欢迎贵省企业", "招商引资", "吸引投资",
           "来投资", "前来投资"),
    "ko": ("가 부족합니다", "이 부족합니다", "부족한 실정", "부족한 상황",
           "크게 부족", "귀 성의 경험을 배우",
           "찾고 있습니다", "찾고 있으며", "필요로 합니다", "구하고 있습니다",
           "필요합니다", "찾고자 합니다", "배우고자 합니다", "투자 유치",
           "배우고 싶습니다", "경험을 배우고", "기술을 배우고", "노하우를 배우고",
           "기업 유치", "투자를 유치"),
}  # fmt: skip

STATED_STRENGTHS: dict[str, tuple[str, ...]] = {
    "en": ("we are proud of",
           "we are known for", "is known for", "we are strong in", "our strengths",
           "our strength", "we excel in", "is renowned for", "we have long experience",
           "has long experience", "we have extensive experience",
           "has extensive experience", "our expertise", "we have expertise"),
    "de": ("worauf wir … stolz sind", "darauf sind wir stolz",
           "wir sind stark in", "sind wir stark", "unsere stärken", "bekannt für",
           "ist stark in", "verfügen über langjährige erfahrung",
           "verfügt über langjährige erfahrung", "erfahrungen … gesammelt",
           "erfahrung … gesammelt", "wir verfügen über", "verfügen wir über"),
    "fr": ("nous sommes reconnus pour", "est reconnue pour", "est reconnu pour",
           "nos points forts", "notre savoir-faire", "notre expertise",
           "une longue expérience", "une solide expérience", "nous disposons d'une",
           "dispose d'une expertise", "dispose d'un savoir-faire"),
    "vi": ("thế mạnh của chúng tôi", "có thế mạnh", "thế mạnh về", "nổi tiếng về",
           "có nhiều kinh nghiệm", "giàu kinh nghiệm", "có kinh nghiệm lâu năm"),
    "ja": ("長年取り組んで", "長年取り組み", "を長年蓄積", "技術を蓄積",
           "強みがあり", "強みがある", "強みを持", "強みです", "に強み",
           "長年の経験を有", "経験を有して", "実績があり", "実績を有"),
    "zh": ("具有…优势", "具备…优势", "优势明显", "优势在于", "我们擅长",
           "享有盛誉", "经验丰富", "丰富的经验",
           "丰富经验", "历史悠久", "成熟的做法", "成熟经验", "积累了…经验"),
    "ko": ("축적한 경험", "축적한 노하우",
           "강점이 있습니다", "강점을 가지고", "잘 알려진", "으로 유명한",
           "경험을 보유", "노하우를 보유", "강점을 보유", "강점이 있으며",
           "강점이 있고"),
}  # fmt: skip

# The sender offering or paying for something: what it offers ("bieten wir … an",
# "do Vùng … tài trợ", "本市が負担"), read as role ``strength`` (an offer).
# (A partner sought for wanting to improve a field, "une ville désireuse
# d'améliorer son service d'eau", is offered that field, not seeking it.)
STATED_OFFERS: dict[str, tuple[str, ...]] = {
    "en": ("share this experience", "share this know-how",
           "we offer", "we can offer", "we would offer", "we will provide",
           "we can provide", "we will fund", "we will cover", "fully funded by",
           "will be funded by", "at our expense", "we are ready to share",
           "we would be glad to share", "we can share", "we are happy to share",
           "share our experience", "share our expertise", "share our know-how",
           "share its experience", "share their experience", "ready to share",
           "glad to share", "happy to share", "we will send … experts",
           "we can send … experts", "a partner that wants to improve",
           "a city that wants to improve", "a province that wants to improve"),
    "de": ("diese erfahrungen … teilen",
           "bieten wir", "wir bieten", "übernehmen wir", "wir übernehmen",
           "aus landesmitteln", "aus eigenen mitteln", "aus mitteln der stadt",
           "stellen wir … zur verfügung", "wir stellen … zur verfügung",
           "teilen wir … gern", "wir teilen … gern", "gerne teilen wir",
           "gern teilen wir", "bietet an", "bieten an", "erfahrungen … weitergeben",
           "erfahrungen … teilen", "unsere erfahrungen", "know-how … weitergeben",
           "entsenden wir", "wir entsenden", "verbessern möchte", "verbessern will"),
    "fr": ("partager cette expérience", "partager ce savoir-faire",
           "nous offrons", "nous pouvons offrir", "nous mettons à disposition",
           "nous mettrons à disposition", "pris en charge par", "prendra en charge",
           "financé par", "financée par", "financés par", "nous partagerons",
           "nous pouvons partager", "partager son expérience",
           "partager notre expérience", "partager leur expérience",
           "partager son savoir-faire", "partager notre savoir-faire",
           "prêts à partager", "prêtes à partager", "prêt à partager",
           "heureux de partager", "nous enverrons … experts",
           "nous pouvons envoyer … experts", "désireuse d'améliorer",
           "désireux d'améliorer"),
    "vi": ("do … tài trợ", "tài trợ toàn bộ", "sẵn sàng chia sẻ", "sẵn sàng hỗ trợ",
           "chúng tôi có thể cung cấp", "chúng tôi sẽ cung cấp", "chúng tôi đài thọ",
           "sẽ đài thọ",
           "chịu toàn bộ chi phí", "sẽ cử chuyên gia", "cử … chuyên gia sang",
           "do phía chúng tôi bố trí", "do phía chúng tôi đài thọ"),
    "ja": ("を提供いたします", "を提供します", "提供できます", "負担いたします",
           "が負担", "派遣いたします",
           "共有できれば", "ご紹介できれば", "技術支援を行", "経験を共有",
           "ノウハウを共有", "知見を共有", "ノウハウを提供"),
    "zh": ("我们可以提供", "我们将提供", "我方提供", "愿意分享", "由我方承担",
           "我方承担", "愿意派遣专家", "愿意提供", "分享经验", "分享…经验",
           "介绍…经验"),
    "ko": ("제공할 수 있습니다", "제공하겠습니다", "지원하겠습니다", "공유하고자",
           "부담합니다", "파견하겠습니다", "전수하고자", "나눌 준비가", "공유할 준비가",
           "나누고 싶습니다", "경험을 공유", "노하우를 공유", "노하우를 전수"),
}  # fmt: skip

# A partner sought for cooperation in a field, or to invest or work together: an
# interest of both sides (the sender brings the field too), not a need.
PARTNER_FOR_COOPERATION: dict[str, tuple[str, ...]] = {
    "en": ("a partner for cooperation", "a partner province for cooperation",
           "a partner for a cooperation", "partner … for cooperation in",
           "partner … for collaboration in", "partner … to co-invest",
           "partner … to invest jointly"),
    "de": ("für eine zusammenarbeit", "für eine kooperation",
           "für die zusammenarbeit", "partner … für eine zusammenarbeit"),
    "fr": ("partenaire pour une coopération", "partenaire … pour coopérer",
           "partenaire pour un partenariat", "partenaire … pour une coopération"),
    "vi": ("đối tác để hợp tác", "đối tác cùng đầu tư"),
    "ja": ("共同で投資するパートナー", "協力パートナーを探して", "連携先を探して"),
    "zh": ("合作伙伴", "共同投资的伙伴", "共同投资伙伴"),
    "ko": ("공동 투자할 파트너", "함께 … 파트너", "공동 … 파트너"),
}  # fmt: skip

# Statements naming a sector without its keywords: a shortage of workers is a
# need for a trained workforce (vocational training) in any industry; investing
# jointly is investment, whatever is built.
SECTOR_STATEMENTS: dict[str, dict[str, tuple[str, ...]]] = {
    # the field named as such ("im Umweltbereich", "dans le domaine de
    # l'environnement"), not one of its activities
    "environment": {
        "en": ("environmental field", "environmental sector",
               "field of the environment"),
        "de": ("umweltbereich", "im bereich umwelt", "bereich umweltschutz"),
        "fr": ("domaine de l'environnement", "domaine environnemental"),
        "vi": ("lĩnh vực môi trường",),
        "ja": ("環境分野",),
        "zh": ("环境领域", "环保领域"),
        "ko": ("환경 분야",),
    },
    "trade_investment": {
        "en": ("co-invest", "co-investment", "joint investment", "invest jointly"),
        "de": ("gemeinsam investieren", "gemeinsame investition"),
        "fr": ("co-investir", "co-investissement", "investir conjointement"),
        "vi": ("cùng đầu tư", "đồng đầu tư"),
        "ja": ("共同投資", "共同で投資"),
        "zh": ("共同投资", "联合投资"),
        "ko": ("공동 투자", "공동으로 투자"),
    },
    "vocational_training": {
        "en": ("shortage of nurses", "shortage of care workers", "shortage of workers",
               "shortage of staff", "shortage of skilled", "labour shortage",
               "labor shortage", "labour shortages", "labor shortages",
               "staff shortage", "staff shortages", "workforce shortage",
               "worker shortage", "worker shortages", "positions vacant",
               "vacant positions", "unfilled positions", "short of workers",
               "short of staff", "hard to recruit"),
        "de": ("fachkräftemangel", "mangel an fachkräften", "mangel an arbeitskräften",
               "personalmangel", "pflegekräftemangel", "dringend nachwuchs",
               "nachwuchs fehlt", "fehlt der nachwuchs", "fehlen fachkräfte",
               "fehlen uns fachkräfte", "fehlen arbeitskräfte", "offene stellen",
               "unbesetzte stellen"),
        "fr": ("pénurie de main-d'œuvre", "manque de main-d'œuvre",
               "pénurie de personnel", "manque de personnel", "manquons de personnel",
               "manquons de main-d'œuvre", "manquent de personnel",
               "manquent de main-d'œuvre", "pénurie d'infirmi", "manque de bras",
               "manquons de bras", "postes vacants", "difficultés de recrutement",
               "peinent à recruter", "peinons à recruter"),
        "vi": ("thiếu lao động", "thiếu nhân lực", "thiếu hụt lao động",
               "thiếu hụt nhân lực", "thiếu nhân công", "thiếu công nhân"),
        "ja": ("人手が不足", "人手不足", "人手が…不足", "人材不足", "人材が不足",
               "担い手が不足", "担い手不足", "働き手が不足", "労働力不足",
               "労働力が不足", "人員を確保", "人員の確保", "人材の確保", "人材確保",
               "人手の確保"),
        "zh": ("劳动力短缺", "劳动力不足", "用工短缺", "用工荒", "招工难", "人手短缺",
               "人手不足", "人才短缺", "人员短缺", "护理人员短缺"),
        "ko": ("일손이 부족", "일손이 … 부족", "일손 부족", "인력이 부족", "인력 부족",
               "인력난", "인력을 구하지", "구인난", "인력 확보"),
    },
}  # fmt: skip
