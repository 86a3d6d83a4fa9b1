"""Phrases per language that mark the parts and statements of a letter, in one place.

Screening reads letters in vi, en, fr, de, ja, zh and ko. The rules that depend on a
language's words live here, as plain lists a reader can check and extend:

* :data:`STATED_NEEDS` / :data:`STATED_STRENGTHS` — a sender saying outright what it
  seeks ("we seek", "suchen wir", "求めています", "찾고 있습니다") or what it is strong
  in ("we are known for", "wir sind stark in", "本県は…に強みがあり"). They decide a
  sentence's role before any weaker cue word (:mod:`features.tagging.tagger`).
* :data:`CLOSINGS`, :data:`SALUTATIONS`, :data:`STREET_WORDS`, :data:`CONTACT_WORDS`
  — the letterhead, address, contact and signature lines
  (:mod:`features.screening.letter_parts`): they name the sender but claim no sector.
* :data:`VN_SENDER_HEADS` — how a Vietnamese unit heads or signs its own letter.
* :data:`ERAS` and :data:`DATE_FORMS` — dates in Japanese era, Chinese, Korean and
  Vietnamese forms (:mod:`features.screening.concreteness`).

Latin phrases match on word boundaries, case-insensitively; CJK and Hangul phrases
as substrings. ``…`` in a phrase stands for up to 40 characters of anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = [
    "STATED_NEEDS",
    "STATED_STRENGTHS",
    "CLOSINGS",
    "SALUTATIONS",
    "STREET_WORDS",
    "CONTACT_WORDS",
    "VN_SENDER_HEADS",
    "ERAS",
    "DATE_FORMS",
    "phrase_pattern",
    "era_year",
]

STATED_NEEDS: dict[str, tuple[str, ...]] = {
    "en": ("we seek", "we are seeking", "we are looking for", "we look for",
           "we would like to find", "we are searching for"),
    "de": ("suchen wir", "wir suchen", "sucht die stadt", "suchen nach"),
    "fr": ("nous recherchons", "nous cherchons", "nous sommes à la recherche"),
    "vi": ("chúng tôi tìm kiếm", "chúng tôi đang tìm kiếm", "chúng tôi cần",
           "đang tìm kiếm đối tác", "mong muốn tìm kiếm"),
    "ja": ("を求めています", "求めております", "を求める", "を探しています"),
    "zh": ("我们寻求", "寻求", "希望寻找", "正在寻找"),
    "ko": ("찾고 있습니다", "찾고 있으며", "필요로 합니다", "구하고 있습니다"),
}  # fmt: skip

STATED_STRENGTHS: dict[str, tuple[str, ...]] = {
    "en": ("we are known for", "is known for", "we are strong in", "our strengths",
           "our strength", "we excel in", "is renowned for"),
    "de": ("wir sind stark in", "sind wir stark", "unsere stärken", "bekannt für",
           "ist stark in"),
    "fr": ("nous sommes reconnus pour", "est reconnue pour", "est reconnu pour",
           "nos points forts", "notre savoir-faire"),
    "vi": ("thế mạnh của chúng tôi", "có thế mạnh", "thế mạnh về", "nổi tiếng về"),
    "ja": ("強みがあり", "強みがある", "強みを持", "強みです", "に強み"),
    "zh": ("具有优势", "优势在于", "我们擅长", "享有盛誉"),
    "ko": ("강점이 있습니다", "강점을 가지고", "잘 알려진", "으로 유명한"),
}  # fmt: skip

# A line that ends the letter's body: the signature follows.
CLOSINGS: tuple[str, ...] = (
    "yours faithfully", "yours sincerely", "kind regards", "best regards",
    "with kind regards", "sincerely", "regards",
    "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße",
    "veuillez agréer", "nous vous prions d'agréer", "je vous prie d'agréer",
    "cordialement", "bien cordialement",
    "trân trọng", "xin trân trọng cảm ơn", "tm. ủy ban nhân dân", "giám đốc sở",
    "敬具", "此致", "敬礼",
)  # fmt: skip

# A line that opens the body: what comes before is letterhead and address.
SALUTATIONS: tuple[str, ...] = (
    "dear", "sehr geehrte", "sehr geehrter", "liebe", "madame", "monsieur",
    "kính gửi", "kính thưa", "拝啓", "尊敬的", "존경하는", "수신",
    "betreff", "objet", "subject", "v/v", "件名", "제목",
)  # fmt: skip

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

# Japanese eras: name → Gregorian year of its first year (元年 is year 1).
ERAS: dict[str, int] = {"令和": 2018, "平成": 1988, "昭和": 1925}

_ERA_NAMES = "|".join(ERAS)
_YEAR_NUMBER = r"(?:元|\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_FORMS: dict[str, str] = {
    # 令和7年10月1日, 令和8年度, 令和元年
    "ja": rf"(?:{_ERA_NAMES})\s*{_YEAR_NUMBER}\s*年(?:度|\s*\d{{1,2}}\s*月)?",
    # 2025年3月, 2025年3月5日
    "zh": r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月",
    # 2025년 3월 5일, 2025년 3월
    "ko": r"(?:19|20)\d\d\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?",
    # ngày 5 tháng 3 năm 2025, tháng 3 năm 2025, tháng 6/2025
    "vi": r"(?:ngày\s+\d{1,2}\s+)?tháng\s+\d{1,2}\s*(?:năm\s+|/\s*)(?:19|20)\d\d",
}


def _is_wide(phrase: str) -> bool:
    """CJK or Hangul: matched as a substring, not on word boundaries."""
    return any(
        "\u3040" <= ch <= "\u30ff" or "\u3400" <= ch <= "\u9fff"
        or "\uac00" <= ch <= "\ud7a3"
        for ch in phrase
    )  # fmt: skip


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern:
    """One case-insensitive regex for phrases (see the module docstring)."""
    latin, wide = [], []
    for p in sorted(set(phrases), key=len, reverse=True):
        body = r".{0,40}?".join(re.escape(part) for part in p.split("…"))
        (wide if _is_wide(p) else latin).append(body)
    parts = []
    if latin:
        parts.append(rf"(?<!\w)(?:{'|'.join(latin)})(?!\w)")
    if wide:
        parts.append("|".join(wide))
    return re.compile("|".join(parts) or r"(?!x)x", re.IGNORECASE)


def era_year(era: str, number: str) -> int | None:
    """The Gregorian year of a Japanese era year ("令和", "7" → 2025; "元" → 2019).

    Returns None for an unknown era or a year written in kanji numerals.
    """
    if era not in ERAS:
        return None
    if number == "元":
        return ERAS[era] + 1
    return ERAS[era] + int(number) if number.isdigit() else None
