"""Concreteness of an inbound letter: named, additive contributions with evidence.

A letter that names sectors, a project, dates, money, a contact person and an
agreement is something an officer can act on; one that only sends greetings is
goodwill. :func:`assess_concreteness` scores the sentences of a text on six
documented signals (:data:`CONCRETENESS_SIGNALS`), each ``weight × value`` with the
value in [0, 1] and the snippet that shows it. The weights sum to 1, so the total is
in [0, 1] and is exactly the sum of the contributions; the level reads the total
against :data:`LEVEL_THRESHOLDS`.

Patterns cover vi, en, fr, de, ja, zh and ko (dates of the CJK, Korean and
Vietnamese forms from :data:`features.text.date_forms.DATE_FORMS`). They are
deliberately literal (currency
words, date shapes, e-mail and phone shapes, agreement words): a reader can check
every contribution against its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from features.text.date_forms import DATE_FORMS, date_key

__all__ = [
    "CONCRETENESS_SIGNALS",
    "LEVEL_THRESHOLDS",
    "CONCRETE_SECTOR_SCORE",
    "ConcretenessSignal",
    "ConcretenessPart",
    "Concreteness",
    "assess_concreteness",
    "concreteness_level",
    "date_key",
]

# A sector counts as named when the tagger scores it at least this high.
CONCRETE_SECTOR_SCORE = 0.6
# total < 0.25: "vague"; 0.25 ≤ total < 0.6: "moderate"; total ≥ 0.6: "concrete".
LEVEL_THRESHOLDS = (("vague", 0.0), ("moderate", 0.25), ("concrete", 0.6))
_EVIDENCE_CHARS = 160


@dataclass(frozen=True)
class ConcretenessSignal:
    """A documented signal: stable name, weight (the weights sum to 1) and help."""

    name: str
    weight: float
    help: str


CONCRETENESS_SIGNALS: tuple[ConcretenessSignal, ...] = (
    ConcretenessSignal(
        "named_sectors",
        0.30,
        "Sectors the screening claims (offered or sought; without screening, "
        "the tagger's sectors with score ≥ 0.6): 1 for two or more, 0.5 for one; "
        "one with a concrete action proposed in its sentence (inviting, sending "
        "or hosting people, experts advising on site, sharing its experience "
        "with a partner, learning from each other: inviter, einladen, beraten … "
        "vor Ort, partager cette expérience avec, 互相学习, 受け入れ, 초청) is 1.",
    ),
    ConcretenessSignal(
        "named_projects",
        0.15,
        "A named project (a quoted title or 'Tên dự án:', 'Title:', '事業名') or "
        "an activity (project, pilot, workshop, summer school, dự án, Projekt, 事業, "
        "研修, 项目) with a next step (video meeting, working group, オンライン会議) "
        "or with a date (a day or a month, not a year alone) in its sentence (a "
        "dated plan) is 1; either alone 0.5.",
    ),
    ConcretenessSignal(
        "dates_deadlines",
        0.15,
        "Dates with a year (14/5/2025, tháng 6/2025, ngày 5 tháng 3 năm 2025, "
        "1. März 2026, October 2025, 2025年10月, 令和7年10月1日, 令和8年度, "
        "2025년 3월 5일, 民國 116年4月12日) or a reply deadline (before …, までに, "
        "前, 까지, 截止), outside the letterhead, header and signature (the letter's "
        "own date is no plan, nor a date before it: a past event): 1 for a deadline "
        "or two dates, 0.5 for one; a year alone (en 2027, năm 2027) counts half.",
    ),
    ConcretenessSignal(
        "budgets_amounts",
        0.15,
        "An amount with a currency (EUR, €, USD, VND, tỷ đồng, triệu, won, JPY, "
        "Mio., 万円, 万元, 人民币六十万元, 1억 2천만 원, PHP …): 1; without one, costs "
        "the sender bears "
        "(本市が負担, 우리 시 부담, übernimmt die Kosten, Kosten trägt die Stadt) or "
        "a number of people (5名, 10명, 30 Plätze, 25 technicians, drei Ingenieure, "
        "huit pêcheurs, 20 người): 0.5; both "
        "(who pays, for how many): 1.",
    ),
    ConcretenessSignal(
        "contact_persons",
        0.15,
        "An e-mail address or phone number: 1; a named contact line only "
        "(Contact:, Ansprechpartner, Interlocutrice, Đầu mối liên hệ, 担当): 0.5.",
    ),
    ConcretenessSignal(
        "agreements",
        0.10,
        "A signed or planned agreement (MoU, memorandum, agreement, biên bản ghi "
        "nhớ, thỏa thuận, accord, convention, Absichtserklärung, Vereinbarung, "
        "覚書, 协议 …): 1.",
    ),
)


@dataclass(frozen=True)
class ConcretenessPart:
    """One signal's part of the total: ``value == weight * signal_value``."""

    name: str
    value: float
    signal_value: float
    weight: float
    evidence: str | None


@dataclass(frozen=True)
class Concreteness:
    """Level, total (the sum of the parts' values) and the parts, in signal order."""

    level: str
    score: float
    contributions: tuple[ConcretenessPart, ...]


_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|januar|jänner|februar|märz"
    r"|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre"
    # seasons: "autumn 2026", "Frühjahr 2026", "printemps 2026"
    r"|spring|summer|autumn|fall|winter|frühjahr|frühling|sommer|herbst"
    r"|printemps|été|automne|hiver"
)
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]{_YEAR}\b"  # 14/5/2025, 1.3.2026
    rf"|\btháng\s+\d{{1,2}}\s*/\s*{_YEAR}\b"  # tháng 6/2025
    rf"|\b\d{{1,2}}\s*/\s*{_YEAR}\b"  # 3/2025
    rf"|\b(?:\d{{1,2}}(?:er)?\.?\s+)?(?:{_MONTHS})\.?\s+{_YEAR}\b"  # 1. März 2026
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}},?\s+{_YEAR}\b"  # March 6, 2025
    rf"|\b(?:năm|year|in|en|im)\s+{_YEAR}\b"  # Năm 2025
    # 令和7年10月1日, 令和8年度, 2025年3月, 2025년 3월 5일, ngày 5 tháng 3 năm 2025
    + "".join(f"|{form}" for form in DATE_FORMS.values()),
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(rf"(?:năm|year|in|en|im)\s+{_YEAR}", re.IGNORECASE)
_DEADLINE = re.compile(
    r"\b(?:trước ngày|trước|chậm nhất|hạn chót|before|by|no later than|deadline"
    r"|avant le|avant|au plus tard|bis zum|bis spätestens|bis)\b|までに|之前|以前"
    r"|截止|截至|締切|締め切り|마감",
    re.IGNORECASE,
)
# A deadline word after a date ("2027年2月26日までに", "116年1月31日前", "5일까지").
_DEADLINE_AFTER = re.compile(
    r"\s*(?:\d{1,2}\s*[日일])?\s*(?:までに|まで|前(?!後)|之前|以前|까지)"
)
_CURRENCY = (
    r"eur|euro|euros|€|usd|us\$|\$|dollars?|vnd|vnđ|đồng|tỷ đồng|triệu đồng|won|krw"
    r"|jpy|yen|円|万円|億円|cny|rmb|元|万元|亿元|gbp|£|chf|thb|baht|aud|sgd|원"
    r"|twd|nt\$|新臺幣|新台币|新台幣|php|peso|pesos|idr|rupiah|myr|ringgit|inr|nzd|cad|sek|nok|dkk|kronor|pln"
    r"|złoty|czk|huf"
)
# A currency before the figure starts a word ("€ 50", "USD 2 million"), never ends
# one ("전문 병원 500여 곳": 원 ends 병원, hospital).
_AMOUNT = re.compile(
    rf"(?<![^\W\d_])(?:{_CURRENCY})\s?\d[\d.,  ]*"
    rf"(?:\s?(?:million|mio\.?|millionen|billion|tỷ|triệu|k))?"
    rf"|\d[\d.,  ]*\s?(?:million|mio\.?|millionen|milliarden|billion|tỷ|triệu|nghìn"
    rf"|ngàn|千万|百万|万|萬|億|亿|千|천만|백만|억|만)?\s?(?:{_CURRENCY})(?![a-z])"
    # an amount in CJK numerals with its magnitude ("人民币六十万元", "三百万円")
    r"|[〇零一二三四五六七八九十两兩]+[百千万萬亿億]+\s?(?:元|円|圆|美元|日元|韩元)",
    re.IGNORECASE,
)
# Costs borne by the sender, without a figure ("本市が負担", "우리 시 부담").
_COSTS_BORNE = re.compile(
    r"\b(?:at our expense|covered by (?:the|our)|will be covered|übernimmt|übernehmen"
    r"|pris en charge|prend en charge|prendra en charge|chịu toàn bộ chi phí"
    r"|kosten trägt|trägt die kosten|tragen wir|bear the costs?|bears the costs?"
    r"|đài thọ)\b|が負担|負担いたします|우리 시 부담|부담합니다|承担|由我方负担",
    re.IGNORECASE,
)
# Numbers written as words, in the letters' Latin languages ("huit pêcheurs").
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    "|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt"
    "|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig"
)
# A number of people ("5名", "10명", "30 Plätze", "25 local technicians").
_PEOPLE = re.compile(
    rf"(?<![\d.,])\b(?:\d{{1,4}}|{_NUMBER_WORDS})\s+(?:[a-zà-ÿ-]+\s+)?(?:people|persons|participants|trainees"
    r"|technicians|students|nurses|officials|experts|teilnehmende|teilnehmer"
    r"|plätze|fachkräfte|personnes|participants|stagiaires|étudiants|người"
    r"|học viên|chuyên gia|pêcheurs|techniciens|experts|étudiants|doctorants"
    r"|fishers|farmers|officers|doctors|bác sĩ|cán bộ|fachleute|schüler"
    r"|engineers|ingenieure|ingenieurinnen|ingénieurs|kỹ sư"
    r"|studierende|schülerinnen|schülern|lehrkräfte|jugendliche|pupils|teachers"
    r"|élèves|enseignants|jeunes|học sinh|giáo viên)\b|\d{1,4}\s*(?:名|명|人)(?!口)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“„«「『][^\"“”„«»「」『』]{6,120}[\"”“»」』]")
_PROJECT_NAME = re.compile(
    r"tên dự án\s*:|tên chương trình\s*:|project title\s*:|title\s*:|intitulé\s*:"
    r"|事業名\s*[:：\u3000]|项目名称\s*[:：]|사업명\s*[:：]",
    re.IGNORECASE,
)
_PROJECT_WORD = re.compile(
    r"\b(?:dự án|chương trình|mô hình thí điểm|khóa đào tạo|hội thảo|project|projects"
    r"|programme|program|pilot|workshop|projet|programme|atelier|projekt|programm"
    r"|workshop|pilotprojekt|summer school|training course|study tour|internship"
    r"|scholarship|université d'été|stage|séminaire|bourse|praktikum|studienreise"
    r"|schulung|seminar|khóa học|tập huấn|thực tập)\b"
    r"|\b\w+projekte?\b"  # a German compound: "Theaterprojekte", "Schulprojekt"
    r"|事業|プロジェクト|项目|研修"
    r"|研習|研习|培训|研讨会|論壇|论坛|ワークショップ|セミナー|사업|교류 주간|프로그램"
    r"|연수|초청 연수|워크숍|워크샵|세미나|포럼|공동 연구",
    re.IGNORECASE,
)
# A proposed next step: a meeting or working group to take the matter forward.
_NEXT_STEP = re.compile(
    r"\b(?:video meeting|online meeting|video conference|videokonferenz"
    r"|visioconférence|working group|arbeitsgruppe|groupe de travail"
    r"|tổ công tác|nhóm công tác|họp trực tuyến)\b|オンライン会議|テレビ会議|工作组"
    r"|视频会议|화상 회의",
    re.IGNORECASE,
)
# A concrete action proposed: inviting, sending or hosting people, or learning from
# each other ("inviter une troupe", "互相学习…经验", "研修生を受け入れ", "초청").
_ACTION = re.compile(
    r"\b(?:invite|inviting|(?:send|host) (?:a|an|our|your|\w+)(?: \w+)? (?:delegation"
    r"|team|students|experts|musicians|artists|staff|trainees|specialists)"
    r"|learn from each other|exchange of (?:students|experts|artists|staff|trainees)"
    r"|inviter|envoyer|accueillir|échanger nos expériences|einladen|entsenden"
    r"|voneinander lernen|auszutauschen|austauschen"
    r"|(?:exchange|échanger) (?:our |nos |des |d'|de )?(?:students|teachers|pupils"
    r"|élèves|étudiants|enseignants|stagiaires|artistes)"
    # experts advising on site ("beraten Ihre Stadtverwaltung … vor Ort")
    r"|beraten\b.{0,60}?\bvor ort|advise\b.{0,60}?\bon site"
    r"|conseiller\b.{0,60}?\bsur place"
    r"|partager (?:cette|notre) expérience avec|share (?:this|our) experience with"
    r"|mời đoàn|cử đoàn|cử chuyên gia|cử cán bộ|tiếp nhận"
    r"|học hỏi lẫn nhau)\b|互相学习|相互学习|互派|派遣|邀请|接待|招へい|招聘"
    r"|受け入れ|学び合|초청|파견|서로 배우",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?:\+|\b00)\d{1,3}[\s().-]*\d(?:[\s().-]*\d){6,}")
# A domestic phone number after its word ("電話 052-000-0000", "Tel. 04841 00-0").
_LOCAL_PHONE = re.compile(
    r"(?:\btel\b|\btelefon\b|\bphone\b|\btéléphone\b|điện thoại|電話|电话|전화|TEL)"
    r"\.?\s*[:：]?\s*\(?\d[\d\s().-]{6,}\d",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?:contact person|contact|ansprechpartner(?:in)?|interlocut(?:eur|rice)"
    r"|personne de contact|đầu mối liên hệ|liên hệ|người liên hệ)\b\s*[:：]?"
    r"|担当\s*[:：]?\s*\S|担当者|联系人|連絡先|담당자|承辦人|承办人",
    re.IGNORECASE,
)
_AGREEMENT = re.compile(
    r"\b(?:mou|memorandum|memoranda|letter of intent|agreement|agreements"
    r"|biên bản ghi nhớ|thỏa thuận|thoả thuận|hiệp ước|ký kết|accord"
    r"|accords|convention de coopération|convention|lettre d'intention"
    r"|absichtserklärung|vereinbarung|abkommen|partnerschaftsvertrag|kooperationsvertrag)\b"
    r"|覚書|協定|合意書|备忘录|协议|协定|양해각서|협약",
    re.IGNORECASE,
)


def _snippet(text: str, start: int, end: int) -> str:
    """The sentence text around a match, cut to about 160 characters."""
    if len(text) <= _EVIDENCE_CHARS:
        return text
    half = (_EVIDENCE_CHARS - (end - start)) // 2
    a = max(0, start - max(half, 20))
    b = min(len(text), a + _EVIDENCE_CHARS)
    return ("…" if a > 0 else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def _first(pattern: re.Pattern, sentences: Sequence[str]) -> tuple[str, int] | None:
    """(evidence snippet, number of matches in all sentences) for a pattern."""
    found: str | None = None
    count = 0
    for text in sentences:
        for m in pattern.finditer(text):
            count += 1
            if found is None:
                found = _snippet(text, m.start(), m.end())
    return (found, count) if found is not None else None


# The field named before, taken up again ("in diesem Bereich", "in this field").
_THIS_FIELD = re.compile(
    r"\b(?:in (?:this|that) (?:field|area|sector)|in diesem (?:bereich|feld|sektor)"
    r"|dans ce (?:domaine|secteur)|trong lĩnh vực này)\b|この分野|该领域|这一领域"
    r"|이 분야",
    re.IGNORECASE,
)


def _sector_signal(
    sectors: Sequence, min_score: float, plan: Sequence[str] = ()
) -> tuple[float, str | None]:
    named = [s for s in sectors if s.score >= min_score]
    if not named:
        return 0.0, None
    names = ", ".join(s.sector for s in named)
    if len(named) == 1:  # one sector, and a concrete action proposed in it (in
        # "this field" too: "Wir bieten an, … in diesem Bereich auszutauschen"): 1
        back = [t for t in plan if _THIS_FIELD.search(t)]
        for text in (*named[0].evidence, *back):
            if (m := _ACTION.search(text)) is not None:
                return 1.0, f"{names}: {_snippet(text, m.start(), m.end())}"
    value = 1.0 if len(named) >= 2 else 0.5
    first = named[0].evidence[0] if named[0].evidence else ""
    return value, f"{names}: {_snippet(first, 0, 0)}"


def _project_signal(
    sentences: Sequence[str], dated: Sequence[str]
) -> tuple[float, str | None]:
    for text in sentences:
        if (m := _PROJECT_NAME.search(text)) is not None:
            return 1.0, _snippet(text, m.start(), m.end())
    for text in sentences:
        quoted = _QUOTED.search(text)
        if quoted is not None and _PROJECT_WORD.search(text):
            return 1.0, _snippet(text, quoted.start(), quoted.end())
    hit = _first(_PROJECT_WORD, sentences)
    step = _first(_NEXT_STEP, sentences)
    if hit and step:  # an activity and the step to start it
        return 1.0, hit[0]
    for text in dated:  # an activity with its dates: a dated plan
        if (m := _PROJECT_WORD.search(text)) is not None:
            return 1.0, _snippet(text, m.start(), m.end())
    hit = hit or step
    return (0.5, hit[0]) if hit else (0.0, None)


def _before(key: tuple[int, int | None], own: tuple[int, int | None]) -> bool:
    """Whether a date is before the letter's own date (by month when both say it)."""
    if key[0] != own[0]:
        return key[0] < own[0]
    return key[1] is not None and own[1] is not None and key[1] < own[1]


def _date_signal(
    sentences: Sequence[str], own: tuple[int, int | None] | None = None
) -> tuple[float, str | None]:
    """Dates in the plan; a date before the letter's own date ``own`` is a past
    event ("last month, on 18 November", "settled here in 1980"), no plan."""
    dated = [
        (t, m)
        for t in sentences
        for m in _DATE.finditer(t)
        if own is None or (k := date_key(m.group())) is None or not _before(k, own)
    ]
    if not dated:
        return 0.0, None
    for text, m in dated:
        if _DEADLINE.search(
            text[max(0, m.start() - 40) : m.start() + 1]
        ) or _DEADLINE_AFTER.match(text, m.end()):
            return 1.0, _snippet(text, m.start(), m.end())
    # a year alone ("en 2027", "năm 2027") is a timeframe: half a date
    count = sum(0.5 if _BARE_YEAR.fullmatch(m.group()) else 1.0 for _, m in dated)
    value = 1.0 if count >= 2 else 0.5 if count >= 1 else 0.25
    text, m = dated[0]
    return value, _snippet(text, m.start(), m.end())


def _contact_signal(sentences: Sequence[str]) -> tuple[float, str | None]:
    for pattern in (_EMAIL, _PHONE, _LOCAL_PHONE):
        hit = _first(pattern, sentences)
        if hit:
            return 1.0, hit[0]
    hit = _first(_CONTACT, sentences)
    return (0.5, hit[0]) if hit else (0.0, None)


def _budget_signal(sentences: Sequence[str]) -> tuple[float, str | None]:
    """1 for an amount with a currency; 0.5 for costs borne or a number of people."""
    hit = _first(_AMOUNT, sentences)
    if hit:
        return 1.0, hit[0]
    costs, people = _first(_COSTS_BORNE, sentences), _first(_PEOPLE, sentences)
    if costs and people:  # who pays, and for how many: a costed plan
        return 1.0, costs[0]
    hit = costs or people
    return (0.5, hit[0]) if hit else (0.0, None)


def _plain(pattern: re.Pattern, sentences: Sequence[str]) -> tuple[float, str | None]:
    hit = _first(pattern, sentences)
    return (1.0, hit[0]) if hit else (0.0, None)


def concreteness_level(score: float) -> str:
    """The level of a total: the last threshold of :data:`LEVEL_THRESHOLDS` reached."""
    level = LEVEL_THRESHOLDS[0][0]
    for name, low in LEVEL_THRESHOLDS:
        if score >= low - 1e-12:
            level = name
    return level


def assess_concreteness(
    sentences: Sequence[str],
    sectors: Sequence,
    *,
    min_score: float = CONCRETE_SECTOR_SCORE,
    plan: Sequence[str] | None = None,
) -> Concreteness:
    """Score how concrete a letter is (see :data:`CONCRETENESS_SIGNALS`).

    Args:
        sentences: The texts of the sentences screened (main content), in order.
        sectors: The tagger's :class:`~features.tagging.tagger.SectorMention` list.
        min_score: A sector counts as named from this score (screening passes the
            sectors it claims, already checked, with 0).
        plan: The sentences whose dates count (a letter without its letterhead,
            header and signature lines: its own date is no plan); default all.

    Returns:
        A :class:`Concreteness` whose ``score`` is the sum of the contributions'
        values, in [0, 1].
    """
    plan = sentences if plan is None else plan
    # the letter's own date: the earliest outside the plan (letterhead, header,
    # signature; a plan's line misread as a header is later, a recalled year earlier
    # and harmless)
    planned = set(plan)
    own = min(
        (
            k
            for t in sentences
            if t not in planned  # not an event's date in a header or subject line
            and not (_PROJECT_WORD.search(t) or _DEADLINE.search(t))
            for m in _DATE.finditer(t)
            if (k := date_key(m.group())) is not None
        ),
        key=lambda k: (k[0], k[1] or 0),
        default=None,
    )
    # a dated plan names a day or a month, not a year alone
    dated = [
        t
        for t in plan
        if any(not _BARE_YEAR.fullmatch(m.group()) for m in _DATE.finditer(t))
    ]
    signals = {
        "named_sectors": _sector_signal(sectors, min_score, plan),
        "named_projects": _project_signal(sentences, dated),
        "dates_deadlines": _date_signal(plan, own),
        "budgets_amounts": _budget_signal(sentences),
        "contact_persons": _contact_signal(sentences),
        "agreements": _plain(_AGREEMENT, sentences),
    }
    parts = tuple(
        ConcretenessPart(
            name=s.name,
            value=s.weight * signals[s.name][0],
            signal_value=signals[s.name][0],
            weight=s.weight,
            evidence=signals[s.name][1],
        )
        for s in CONCRETENESS_SIGNALS
    )
    total = sum(p.value for p in parts)
    return Concreteness(concreteness_level(total), total, parts)
