"""Dates as letters write them in the languages without a Latin month name:
Japanese eras (令和8年), Chinese and Korean year-month forms (二〇二六年十二月,
2026. 12. 1.), Vietnamese "ngày … tháng … năm …" (read by
:mod:`features.screening.concreteness`)."""

from __future__ import annotations

import re

__all__ = ["ERAS", "DATE_FORMS", "era_year", "date_key"]

_YEAR = r"(?:19|20)\d\d"

# Japanese eras: name → Gregorian year of its first year (元年 is year 1).
ERAS: dict[str, int] = {"令和": 2018, "平成": 1988, "昭和": 1925}

_ERA_NAMES = "|".join(ERAS)
_YEAR_NUMBER = r"(?:元|\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE_FORMS: dict[str, str] = {
    # 令和7年10月1日, 令和8年度, 令和元年
    "ja": rf"(?:{_ERA_NAMES})\s*{_YEAR_NUMBER}\s*年(?:度|\s*\d{{1,2}}\s*月)?",
    # 2025年3月, 2025年3月5日, Taiwan's 民國 years (116年4月12日), 二〇二六年十二月
    "zh": r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月|(?<!\d)1\d\d\s*年\s*\d{1,2}\s*月"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月",
    # 2025년 3월 5일, 2025년 3월, and the dotted 2026. 4. 6. (or 2027. 4.부터)
    "ko": r"(?:19|20)\d\d\s*년\s*\d{1,2}\s*월(?:\s*\d{1,2}\s*일)?"
    r"|(?:19|20)\d\d\.\s\d{1,2}\.\s\d{1,2}\."
    r"|(?:19|20)\d\d\.\s?\d{1,2}\.(?=[\uac00-\ud7a3])",
    # ngày 5 tháng 3 năm 2025, tháng 3 năm 2025, tháng 6/2025
    "vi": r"(?:ngày\s+\d{1,2}\s+)?tháng\s+\d{1,2}\s*(?:năm\s+|/\s*)(?:19|20)\d\d",
}


def era_year(era: str, number: str) -> int | None:
    """The Gregorian year of a Japanese era year ("令和", "7" → 2025; "元" → 2019).

    Returns None for an unknown era or a year written in kanji numerals.
    """
    if era not in ERAS:
        return None
    if number == "元":
        return ERAS[era] + 1
    return ERAS[era] + int(number) if number.isdigit() else None


_MONTH_NUMBERS = {
    name: n
    for n, names in enumerate(
        (
            "january jan januar jänner janvier",
            "february feb februar février",
            "march mar märz mars",
            "april apr avril",
            "may mai",
            "june jun juni juin",
            "july jul juli juillet",
            "august aug août",
            "september sep sept septembre",
            "october oct oktober octobre",
            "november nov novembre",
            "december dec dezember décembre",
        ),
        start=1,
    )
    for name in names.split()
}
_CJK_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_YEAR_OF = re.compile(
    rf"(?<!\d)({_YEAR})(?!\d)|([〇零一二三四五六七八九]{{4}})年"
    rf"|({'|'.join(ERAS)})\s*(元|\d{{1,2}})\s*年|(?<!\d)(1\d\d)\s*年"
)
_MONTH_OF = re.compile(
    rf"{_YEAR}\s*[年년.]\s*(\d{{1,2}})(?!\d)|\b\d{{1,2}}[/.-](\d{{1,2}})[/.-]{_YEAR}"
    r"|tháng\s+(\d{1,2})|(?<![\d/])(\d{1,2})\s*/\s*(?:19|20)\d\d"
    r"|年\s*(\d{1,2})\s*月|年([一二三四五六七八九十]{1,2})月"
    rf"|\b({'|'.join(_MONTH_NUMBERS)})\b",
    re.IGNORECASE,
)


def _cjk_number(text: str) -> int:
    """A number in CJK numerals: digit by digit ("二〇二六") or with 十 ("十二")."""
    if "十" in text:
        tens, _, ones = text.partition("十")
        return 10 * (_CJK_DIGITS.get(tens, 1) if tens else 1) + _CJK_DIGITS.get(ones, 0)
    return int("".join(str(_CJK_DIGITS[c]) for c in text))


def date_key(text: str) -> tuple[int, int | None] | None:
    """(year, month or None) of a date's text ("2. Dezember 2026" → (2026, 12),
    "二〇二六年十一月" → (2026, 11), "令和8年度" → (2026, None)); None without one."""
    y = _YEAR_OF.search(text)
    if y is None:
        return None
    if y.group(1):
        year = int(y.group(1))
    elif y.group(2):
        year = _cjk_number(y.group(2))
    elif y.group(3):
        year = era_year(y.group(3), y.group(4)) or 0
    else:
        year = 1911 + int(y.group(5))  # a Minguo year (民國 116年)
    month = None
    if (m := _MONTH_OF.search(text)) is not None:
        found = next(g for g in m.groups() if g)
        month = _MONTH_NUMBERS.get(found.casefold()) or (
            _cjk_number(found) if not found.isdigit() else int(found)
        )
    return (year, month if month and 1 <= month <= 12 else None)
