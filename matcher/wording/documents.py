"""Wording of exported documents and of a letter forwarded to a province (vi/en)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from matcher.wording.explanations import country_label, language

__all__ = [
    "DOCUMENT_WORDS",
    "SCREENING_STATUS_NAMES",
    "CONCRETENESS_NAMES",
    "document_word",
    "forward_summary",
]

# Headings and labels of exported documents (the tờ trình annex, the spreadsheet,
# the CSV header, the print view), keyed by a code.
DOCUMENT_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title_ranking": "Danh sách đối tác đề xuất",
        "title_shortlist": "Danh sách đối tác được chọn",
        "province": "Tỉnh/thành phố",
        "date": "Ngày lập",
        "focus": "Trọng tâm",
        "needs": "Nhu cầu của địa phương",
        "none": "không nêu",
        "candidates": "Các đối tác",
        "rank": "STT",
        "candidate": "Đối tác",
        "country": "Quốc gia",
        "score": "Điểm",
        "fit": "Phù hợp",
        "feasibility": "Khả thi",
        "distance_km": "Khoảng cách (km)",
        "unknown": "chưa rõ",
        "reasons": "Lý do",
        "summary": "Tóm tắt",
        "needs_met": "Nhu cầu được đáp ứng",
        "evidence": "Bằng chứng và nguồn",
        "source": "Nguồn",
        "flags": "Lưu ý",
        "ties": "Quan hệ hiện có",
        "note": "Ghi chú của cán bộ",
        "weights": "Phiên bản trọng số",
        "generated": "Lập bằng partner-match; điểm là tổng các thành phần nêu trên.",
    },
    "en": {
        "title_ranking": "Suggested partners",
        "title_shortlist": "Shortlisted partners",
        "province": "Province/city",
        "date": "Date",
        "focus": "Focus",
        "needs": "The locality's needs",
        "none": "none stated",
        "candidates": "Partners",
        "rank": "No.",
        "candidate": "Partner",
        "country": "Country",
        "score": "Score",
        "fit": "Fit",
        "feasibility": "Feasibility",
        "distance_km": "Distance (km)",
        "unknown": "unknown",
        "reasons": "Reasons",
        "summary": "Summary",
        "needs_met": "Needs met",
        "evidence": "Evidence and sources",
        "source": "Source",
        "flags": "Flags",
        "ties": "Existing ties",
        "note": "Officer's note",
        "weights": "Weight version",
        "generated": "Made with partner-match; a score is the sum of the parts above.",
    },
}

SCREENING_STATUS_NAMES: dict[str, dict[str, str]] = {
    "vi": {"new": "mới", "forwarded": "đã chuyển", "answered": "đã trả lời"},
    "en": {"new": "new", "forwarded": "forwarded", "answered": "answered"},
}

CONCRETENESS_NAMES: dict[str, dict[str, str]] = {
    "vi": {"vague": "chung chung", "moderate": "vừa phải", "concrete": "cụ thể"},
    "en": {"vague": "vague", "moderate": "moderate", "concrete": "concrete"},
}

_FORWARD = {
    "vi": {
        "head": "Kính gửi {province}: chuyển thư của {party} ({country}), "
        "nhận ngày {date} (mã sàng lọc {id}).",
        "unknown_party": "một bên nước ngoài chưa xác định",
        "offers": "Bên gửi có thế mạnh: {items}.",
        "seeks": "Bên gửi tìm kiếm: {items}.",
        "nothing": "không nêu rõ",
        "concreteness": "Mức độ cụ thể của thư: {level} ({score}).",
        "fit": "Trong 34 tỉnh, thành phố, {province} xếp thứ {rank} về mức phù hợp "
        "(điểm {score}).",
        "flags": "Lưu ý: {items}.",
    },
    "en": {
        "head": "To {province}: forwarding the letter of {party} ({country}), "
        "received on {date} (screening {id}).",
        "unknown_party": "an unidentified foreign party",
        "offers": "The sender offers: {items}.",
        "seeks": "The sender seeks: {items}.",
        "nothing": "not stated",
        "concreteness": "How concrete the letter is: {level} ({score}).",
        "fit": "Among the 34 provinces and cities, {province} ranks {rank} for fit "
        "(score {score}).",
        "flags": "Flags: {items}.",
    },
}


def document_word(code: str, lang: str) -> str:
    """The heading or label ``code`` of an exported document in ``lang``."""
    return DOCUMENT_WORDS[language(lang)][code]


def forward_summary(
    *,
    province: str,
    party: str | None,
    country: str | None,
    date: dt.date,
    screening_id: int,
    offers: Sequence[str],
    seeks: Sequence[str],
    level: str,
    score: float,
    rank: int | None,
    fit_score: float | None,
    flags: Sequence[str],
    lang: str = "vi",
) -> str:
    """A short note forwarding a screened letter to ``province``, one fact a line.

    Args:
        province: The receiving province's name.
        party, country: The sender as the screening read it (None: unknown).
        date: When the letter was screened (dd/mm/yyyy in Vietnamese, else ISO).
        offers, seeks: Sector labels in ``lang``.
        level, score: The concreteness level code and score.
        rank, fit_score: The province's place among the 34 for this letter.
        flags: Flag messages already in ``lang``.
    """
    words = _FORWARD[language(lang)]
    nothing = words["nothing"]
    lines = [
        words["head"].format(
            province=province,
            party=party or words["unknown_party"],
            country=country_label(country, lang) if country else nothing,
            date=date.strftime("%d/%m/%Y")
            if language(lang) == "vi"
            else date.isoformat(),
            id=screening_id,
        ),
        words["offers"].format(items=", ".join(offers) or nothing),
        words["seeks"].format(items=", ".join(seeks) or nothing),
        words["concreteness"].format(
            level=CONCRETENESS_NAMES[language(lang)].get(level, level),
            score=f"{score:.2f}",
        ),
    ]
    if rank is not None and fit_score is not None:
        lines.append(
            words["fit"].format(province=province, rank=rank, score=f"{fit_score:.2f}")
        )
    if flags:
        lines.append(words["flags"].format(items="; ".join(flags)))
    return "\n".join(lines)
