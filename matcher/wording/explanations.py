"""Sentences of explanations, flags, notes and summaries, in Vietnamese and English.

The matcher and the screening return codes and numbers (a :class:`Flag` is a code
with its parameters); the words are chosen here, in the language asked for: flags,
notes, search notes, summaries and the screening's facet labels. Error messages are
the errors' own (``features.errors``). A new language is a new key in each table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from features.catalog.countries import country_name, country_name_vi
from features.errors import LANGUAGES

__all__ = [
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "FLAGS",
    "NOTES",
    "SEARCH_NOTES",
    "LEVEL_NAMES",
    "SENDER_FACET_LABELS",
    "PROVINCE_FACET_LABELS",
    "TIE_EVIDENCE_VI",
    "language",
    "flag_message",
    "note",
    "search_note",
    "summaries",
    "scope_note",
    "empty_sector_note",
    "country_label",
    "sector_labels",
]

# The language of answers to callers who name none (the CLI and JSON clients).
DEFAULT_LANGUAGE = "en"

# Level names where a sentence names a level (English keeps the level id).
LEVEL_NAMES: dict[str, dict[str, str]] = {
    "vi": {
        "admin1": "tỉnh/bang/vùng",
        "admin2": "cấp hai (quận, huyện…)",
        "city": "thành phố",
    },
    "en": {"admin1": "admin1", "admin2": "admin2", "city": "city"},
}

# Flag code → sentence per language, ``str.format`` over the flag's parameters
# (plus ``level_name`` and ``who``, derived in :func:`flag_message`).
FLAGS: dict[str, dict[str, str]] = {
    # a recommended partner (or a screened province)
    "candidate_hub": {
        "en": "hub: {ties} known ties already",
        "vi": "đầu mối: đã có {ties} quan hệ",
    },
    "weak_follow_through": {
        "en": "existing ties are old or visits-only (weak follow-through)",
        "vi": "các quan hệ hiện có đã cũ hoặc chỉ dừng ở thăm viếng (ít thực chất)",
    },
    "already_partner": {"en": "already a partner", "vi": "đã là đối tác"},
    "demoted": {
        "en": "marked not useful: shown after the other partners, its score unchanged",
        "vi": "đã được đánh dấu không hữu ích: xếp sau các đối tác khác, điểm giữ "
        "nguyên",
    },
    "namesake": {
        "en": "same place as {name} ({level}, {id}): a city and the unit of one name",
        "vi": "cùng một nơi với {name} ({level_name}, {id}): thành phố và đơn vị "
        "hành chính cùng tên",
    },
    "shared_history": {
        "en": "shared history: {projects} cooperation project(s) with the query, not "
        "counted in its cooperation record",
        "vi": "đã từng hợp tác: {projects} dự án với chính địa phương hỏi, không tính "
        "vào hồ sơ hợp tác",
    },
    "same_place_as_partner": {
        "en": "same place as an existing partner? {name} ({level}, {id}) has this name",
        "vi": "có thể trùng với đối tác hiện có: {name} ({level_name}, {id}) cùng tên",
    },
    "covers_focus": {
        "en": "in the list for {label_en}: no better-ranked partner serves it",
        "vi": "được đưa vào danh sách vì {label_vi}: chưa đối tác nào xếp trên "
        "đáp ứng lĩnh vực này",
    },
    "no_fit_data": {
        "en": "no data on the focus ({sectors}) for this place: ranked on "
        "feasibility alone, after a penalty",
        "vi": "chưa có dữ liệu về trọng tâm ({sectors}) của địa phương này: xếp hạng "
        "chỉ theo tính khả thi, sau khi trừ điểm",
    },
    # a screened letter
    "vietnamese_unit": {
        "en": "the sender is {name} ({id}), a Vietnamese unit: no province is ranked "
        "against it; name a foreign sender and country to screen its partner",
        "vi": "bên gửi là {name} ({id}), một đơn vị của Việt Nam: không xếp hạng tỉnh "
        "nào với đơn vị này; hãy nêu bên gửi nước ngoài và quốc gia để sàng lọc "
        "đối tác",
    },
    "sender_unresolved": {
        "en": "{who} is not in the catalog: screened as an ad-hoc party (confidence 0)",
        "vi": "{who} không có trong danh mục: sàng lọc như một bên gửi đặt tạm "
        "(độ tin cậy 0)",
    },
    "uncertain_party": {
        "en": "the party {name} ({id}) was resolved with confidence "
        "{confidence:.2f}; name the sender to be sure",
        "vi": "bên gửi được xác định là {name} ({id}) với độ tin cậy "
        "{confidence:.2f}; hãy nêu tên nơi gửi để chắc chắn",
    },
    "existing_partner": {
        "en": "{party} is already a partner of {partner_name} ({partner_id}): {tie}",
        "vi": "{party} đã là đối tác của {partner_name} ({partner_id}): {tie}",
    },
    "hub": {
        "en": "{name} already has {ties} known ties",
        "vi": "{name} đã có {ties} quan hệ được biết đến",
    },
    "no_sector": {
        "en": "no sector is named: goodwill only",
        "vi": "không nêu lĩnh vực nào: chỉ là thiện chí",
    },
    "ask_sender_sectors": {
        "en": "ask the sender which sectors the cooperation is about: the letter "
        "names none, so no province is ranked",
        "vi": "hãy hỏi bên gửi muốn hợp tác trong những lĩnh vực nào: thư không nêu "
        "lĩnh vực nào nên chưa xếp hạng tỉnh, thành nào",
    },
    "old_province": {
        "en": "{old_name} → {successor_name} ({successor_id}): the province no "
        "longer exists since 1 July 2025 (written {written!r})",
        "vi": "{old_name} → {successor_name} ({successor_id}): tỉnh này không còn "
        "từ ngày 1/7/2025 (viết là “{written}”)",
    },
    "historical_province": {
        "en": "{old_name} → {successor_name} ({successor_id}): a province dissolved "
        "before 2025 (written {written!r})",
        "vi": "{old_name} → {successor_name} ({successor_id}): tỉnh đã giải thể, "
        "chia tách trước năm 2025 (viết là “{written}”)",
    },
    "mostly_boilerplate": {
        "en": "{share:.0%} of the page is boilerplate (menus, other headlines, "
        "footers): check the party and the evidence",
        "vi": "{share:.0%} trang là nội dung thừa (menu, tiêu đề khác, chân trang): "
        "hãy kiểm tra bên gửi và bằng chứng",
    },
}

# The evidence levels of a known tie (features.catalog.loading.TIE_EVIDENCE) in
# Vietnamese; a flag's ``tie`` parameter starts with one (plus a year).
TIE_EVIDENCE_VI: dict[str, str] = {
    "twinning/sister (explicit)": "kết nghĩa (ghi rõ)",
    "formal agreement/MoU": "thỏa thuận chính thức/MoU",
    "cooperation/relations (no signed agreement text seen)": "hợp tác, quan hệ "
    "(chưa thấy văn bản ký kết)",
    "terminated": "đã chấm dứt",
    "listed twin (global network)": "có tên trong danh sách kết nghĩa (mạng toàn cầu)",
}

# Notes of a recommendation answer, by code.
NOTES: dict[str, dict[str, str]] = {
    "text_ignored": {
        "en": "text ignored: the sector tagger is not available",
        "vi": "bỏ qua văn bản: bộ nhận diện lĩnh vực chưa sẵn sàng",
    },
    "no_sector_in_text": {
        "en": "no sector was recognised in the text",
        "vi": "không nhận ra lĩnh vực nào trong văn bản",
    },
    "text_not_compared": {
        "en": "text not compared with profiles: the embedding model differs from "
        "the one the catalog's profile texts were embedded with",
        "vi": "văn bản không được so với hồ sơ: mô hình nhúng khác với mô hình đã "
        "dùng cho văn bản hồ sơ trong danh mục",
    },
    "place_and_size_only": {
        "en": "no strengths or needs given: only place and size facets can score",
        "vi": "chưa nêu thế mạnh hay nhu cầu: chỉ các yếu tố vị trí và quy mô được "
        "tính điểm",
    },
}

# A search result found by another name than its own, by how it matched.
SEARCH_NOTES: dict[str, dict[str, str]] = {
    "old_name": {
        "en": "{matched!r} is a pre-2025 province, now part of {name}",
        "vi": "“{matched}” là tỉnh cũ (trước 2025), nay thuộc {name}",
    },
    "historical_name": {
        "en": "{matched!r} is a former province, now part of {name}",
        "vi": "“{matched}” là tỉnh cũ, nay thuộc {name}",
    },
    "historical_split": {
        "en": "{matched!r} is a former province, now part of {name}; it was split "
        "among {count} current units: {successors}",
        "vi": "“{matched}” là tỉnh cũ, nay thuộc {name}; tỉnh này đã được chia cho "
        "{count} đơn vị hiện nay: {successors}",
    },
    "contained_place": {
        "en": "{matched!r} lies in {name}",
        "vi": "“{matched}” nằm trong {name}",
    },
}

# Facet → (English, Vietnamese) label where the recommendation's wording ("our
# needs", "our country") speaks for the query, in screening the foreign sender.
SENDER_FACET_LABELS: dict[str, tuple[str, str]] = {
    "needs_met": ("Meets the sender's needs", "Đáp ứng nhu cầu của bên gửi"),
    "needs_offered": (
        "The sender meets the province's needs",
        "Bên gửi đáp ứng nhu cầu của tỉnh",
    ),
    "country_ties": (
        "Already tied to the sender's country",
        "Đã có quan hệ với nước của bên gửi",
    ),
}

# Facet → (English, Vietnamese) label where the recommendation's wording speaks of a
# foreign candidate ("leading place of its country"), in screening a Vietnamese one.
PROVINCE_FACET_LABELS: dict[str, tuple[str, str]] = {
    "prominence": (
        "One of Vietnam's leading provinces",
        "Một trong những tỉnh, thành hàng đầu của Việt Nam",
    ),
}

# The needs clause of a partner summary when the caller named the focus.
_FOCUS_CLAUSE = {
    ("partner", "en"): "meets {met} of {total} focus sectors",
    ("partner", "vi"): "đáp ứng {met}/{total} lĩnh vực trọng tâm",
    # screening: the focus is what the letter offers and seeks
    ("sender", "en"): "serves {met} of the {total} sectors the letter names",
    ("sender", "vi"): "đáp ứng {met}/{total} lĩnh vực thư nêu",
}
# The subtotals clause: what it offers on the focus, and how workable the pair is.
_SUBTOTALS = {
    "en": "fit {fit:+.2f}, feasibility {feasibility:+.2f}",
    "vi": "phù hợp {fit:+.2f}, khả thi {feasibility:+.2f}",
}
_PROOF_CHARS = 90

# The parts of a summary: the needs clause and "main reasons", per side and language.
_SUMMARY = {
    ("partner", "en"): (
        "meets {met} of {total} declared needs",
        "no declared needs to match",
        "main reasons",
        "none",
    ),
    ("partner", "vi"): (
        "đáp ứng {met}/{total} nhu cầu đã nêu",
        "chưa có nhu cầu được nêu để so khớp",
        "lý do chính",
        "không có",
    ),
    ("sender", "en"): (
        "meets {met} of the {total} sectors the sender seeks",
        "the sender seeks no named sector",
        "main reasons",
        "none",
    ),
    ("sender", "vi"): (
        "đáp ứng {met}/{total} lĩnh vực bên gửi đang tìm",
        "bên gửi chưa nêu lĩnh vực cần tìm",
        "lý do chính",
        "không có",
    ),
}


def language(value: str | None) -> str:
    """``value`` if it is a supported language, else :data:`DEFAULT_LANGUAGE`."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def flag_message(code: str, params: Mapping[str, Any], lang: str) -> str:
    """The sentence of flag ``code`` with ``params`` in ``lang`` (vi or en).

    An unknown code is said as the code itself, so a new flag never breaks an answer.
    """
    templates = FLAGS.get(code)
    if templates is None:
        return code
    lang = language(lang)
    values = dict(params)
    if "level" in values:
        values["level_name"] = LEVEL_NAMES[lang].get(values["level"], values["level"])
    if "focus" in values:
        values["sectors"] = ", ".join(values["focus"])
    tie = values.get("tie")
    if lang == "vi" and isinstance(tie, str):
        for en, vi in TIE_EVIDENCE_VI.items():
            if tie.startswith(en):
                values["tie"] = vi + tie[len(en) :]
                break
    if code == "sender_unresolved":
        name = values.get("name")
        if lang == "en":
            values["who"] = repr(name) if name else "the sender"
        else:
            values["who"] = f"“{name}”" if name else "Bên gửi"
    return templates[lang].format(**values)


def note(code: str, lang: str) -> str:
    """The note ``code`` of a recommendation answer in ``lang``."""
    return NOTES[code][language(lang)]


def search_note(
    match: str, matched: str, name: str, lang: str, successors: tuple[str, ...] = ()
) -> str | None:
    """Why a search result of another name is shown; None when nothing to say.

    Args:
        match: How it matched (``old_name``, ``contained_place``, …).
        matched: The name that matched; ``name``: the result's own name.
    """
    templates = SEARCH_NOTES.get(match)
    if templates is None:
        return None
    return templates[language(lang)].format(
        matched=matched,
        name=name,
        count=len(successors),
        successors=", ".join(successors),
    )


@cache
def country_label(code: str, lang: str) -> str:
    """The country's name in ``lang`` (CLDR through Babel)."""
    return country_name_vi(code) if lang == "vi" else country_name(code)


def summaries(
    name: str,
    country: str,
    *,
    met: Sequence[tuple[str, str]],
    needs_total: int,
    reasons: Sequence[tuple[str, str]],
    side: str = "partner",
    weak: Sequence[tuple[str, str]] = (),
    unknown: Sequence[tuple[str, str]] = (),
    proof: Sequence[str] = (),
    subtotals: tuple[float, float] | None = None,
    focus_given: bool = False,
) -> tuple[str, str]:
    """The one-line English and Vietnamese summaries of an explained candidate.

    It leads with what the candidate offers on the focus and its evidence.

    Args:
        name, country: The candidate's name and ISO country.
        met: (English, Vietnamese) labels of the needs (focus sectors) it meets.
        needs_total: How many needs (focus sectors) were declared or named.
        reasons: (English, Vietnamese) labels of its main positive facets.
        weak, unknown: (English, Vietnamese) labels of the needs it does not meet:
            known to be weak there, or without data (unknown is not weak).
        side: ``"partner"`` (recommendation) or ``"sender"`` (screening: the needs
            are the sender's).
        proof: The first piece of evidence of each sector of ``met`` ("" none).
        subtotals: ``(fit, feasibility)``, shown after the needs clause.
        focus_given: The caller named the focus (else the declared needs are it).

    Returns:
        ``(summary_en, summary_vi)``.
    """
    out = []
    proof = list(proof) + [""] * (len(met) - len(proof))
    for i, lang in enumerate(("en", "vi")):
        needs, no_needs, why, nothing = _SUMMARY[side, lang]
        if focus_given:
            needs = _FOCUS_CLAUSE[side, lang]
        if needs_total:
            clause = needs.format(met=len(met), total=needs_total)
            if met:
                clause += (
                    " ("
                    + "; ".join(
                        label[i] + (f": “{_cut(text)}”" if text else "")
                        for label, text in zip(met, proof, strict=False)
                    )
                    + ")"
                )
        else:
            clause = no_needs
        if subtotals is not None:
            fit, feasibility = subtotals
            clause += "; " + _SUBTOTALS[lang].format(fit=fit, feasibility=feasibility)
        because = ", ".join(_lower_first(label[i]) for label in reasons) or nothing
        line = f"{name} ({country_label(country, lang)}): {clause}; {why}: {because}."
        no_data, is_weak = _GAPS[lang]
        if unknown:
            sectors = ", ".join(label[i] for label in unknown).lower()
            line += no_data.format(name=name, sectors=sectors)
        if weak:
            sectors = ", ".join(label[i] for label in weak).lower()
            line += is_weak.format(name=name, sectors=sectors)
        out.append(line)
    return out[0], out[1]


# Needs a candidate does not meet: no data there (unknown), or known to be weak.
_GAPS = {
    "en": (" No data on {sectors} for {name}.", " {name} is weak in {sectors}."),
    "vi": (
        " Chưa có dữ liệu về {sectors} của {name}.",
        " {name} còn yếu về {sectors}.",
    ),
}

# Evidence whose value is its country's, copied onto the locality.
_SCOPE_NOTES = {"country": ("country-level value", "giá trị cấp quốc gia")}


def sector_labels(labels, ids) -> list[tuple[str, str]]:
    """(English, Vietnamese) labels of sector ``ids`` from ``labels`` (id → sector);
    an unlabelled id stands for itself in both."""
    return [
        (labels[s].label_en, labels[s].label_vi) if s in labels else (s, s) for s in ids
    ]


def scope_note(scope: str) -> tuple[str, str] | None:
    """(English, Vietnamese) note of a value's scope; None for locality-level."""
    return _SCOPE_NOTES.get(scope)


_EMPTY_SECTOR = {
    "en": (
        "no candidate is strong in {sector}: {with_data} of the candidates have data "
        "on it; closest sectors with strong candidates: {near}",
        "none",
    ),
    "vi": (
        "không có ứng viên nào mạnh về {sector}: {with_data} ứng viên có dữ liệu về "
        "lĩnh vực này; các lĩnh vực gần nhất có ứng viên mạnh: {near}",
        "không có",
    ),
}


def empty_sector_note(notice, lang: str) -> str:
    """Why a sector filter left no candidate (a ``matcher.ranking.SectorNotice``)."""
    template, nothing = _EMPTY_SECTOR[language(lang)]
    near = ", ".join(f"{s} ({n})" for s, n in notice.closest) or nothing
    return template.format(sector=notice.sector, with_data=notice.with_data, near=near)


def _lower_first(label: str) -> str:
    """A facet label inside a sentence: its first letter in lower case ("Vietnam's"
    keeps its capital)."""
    return label[:1].lower() + label[1:]


@lru_cache(maxsize=8192)
def _cut(text: str) -> str:
    """``text`` on one line, cut to ``_PROOF_CHARS`` characters (evidence recurs
    across cards and requests: cut once)."""
    text = " ".join(text.split())
    return text if len(text) <= _PROOF_CHARS else text[: _PROOF_CHARS - 1] + "…"
