"""The wording of flags, notes and summaries, in Vietnamese and English."""

from __future__ import annotations

import pytest

from features.screening.facts import FLAG_CODES
from matcher.wording import (
    FLAGS,
    LANGUAGES,
    NOTES,
    SEARCH_NOTES,
    flag_message,
    search_note,
    summaries,
)


def test_every_sentence_is_in_every_language():
    for table in (FLAGS, NOTES, SEARCH_NOTES):
        for code, said in table.items():
            assert set(said) == set(LANGUAGES), code
            assert all(text.strip() for text in said.values()), code


def test_every_screening_flag_code_is_worded():
    assert set(FLAG_CODES) <= set(FLAGS)


@pytest.mark.parametrize(
    ("code", "params", "en", "vi"),
    [
        (
            "candidate_hub",
            {"ties": 45},
            "hub: 45 known ties already",
            "đầu mối: đã có 45 quan hệ",
        ),
        ("already_partner", {}, "already a partner", "đã là đối tác"),
        (
            "same_place_as_partner",
            {"name": "Phnom Penh", "level": "city", "id": "gn:1821306"},
            "same place as an existing partner? Phnom Penh (city, gn:1821306) has "
            "this name",
            "có thể trùng với đối tác hiện có: Phnom Penh (thành phố, gn:1821306) "
            "cùng tên",
        ),
        (
            "sender_unresolved",
            {"name": None},
            "the sender is not in the catalog: screened as an ad-hoc party "
            "(confidence 0)",
            "Bên gửi không có trong danh mục: sàng lọc như một bên gửi đặt tạm "
            "(độ tin cậy 0)",
        ),
        (
            "mostly_boilerplate",
            {"share": 0.625},
            "62% of the page is boilerplate (menus, other headlines, footers): "
            "check the party and the evidence",
            "62% trang là nội dung thừa (menu, tiêu đề khác, chân trang): hãy kiểm "
            "tra bên gửi và bằng chứng",
        ),
    ],
)
def test_flags_are_said_in_the_language_asked(code, params, en, vi):
    assert flag_message(code, params, "en") == en
    assert flag_message(code, params, "vi") == vi
    assert flag_message(code, params, "fr") == en  # the default language


def test_an_unknown_flag_is_said_as_its_code():
    assert flag_message("something_new", {"x": 1}, "vi") == "something_new"


def test_search_notes():
    assert search_note("old_name", "Quảng Nam", "Đà Nẵng", "en") == (
        "'Quảng Nam' is a pre-2025 province, now part of Đà Nẵng"
    )
    assert "Đà Nẵng" in search_note("old_name", "Quảng Nam", "Đà Nẵng", "vi")
    assert search_note("exact", "Huế", "Huế", "vi") is None


def test_summaries_of_both_sides():
    en, vi = summaries(
        "Sendai",
        "JP",
        met=[("Water", "Nước")],
        needs_total=2,
        reasons=[("Needs met", "Đáp ứng nhu cầu")],
    )
    assert (
        en == "Sendai (Japan): meets 1 of 2 declared needs (Water); main reasons: "
        "needs met."
    )
    assert vi.startswith("Sendai (Nhật Bản): đáp ứng 1/2 nhu cầu đã nêu (Nước)")
    en, vi = summaries("Huế", "VN", met=[], needs_total=0, reasons=[], side="sender")
    assert en == "Huế (Vietnam): the sender seeks no named sector; main reasons: none."
    assert vi.endswith("bên gửi chưa nêu lĩnh vực cần tìm; lý do chính: không có.")


def test_tie_evidence_is_said_in_vietnamese():
    from features.catalog.loading import TIE_EVIDENCE
    from matcher.wording import TIE_EVIDENCE_VI

    assert set(TIE_EVIDENCE_VI) == set(TIE_EVIDENCE)
    params = {
        "party": "Toulouse",
        "partner_name": "Hà Nội",
        "partner_id": "vn:01",
        "tie": "twinning/sister (explicit) (1996)",
    }
    assert flag_message("existing_partner", params, "vi").endswith(
        ": kết nghĩa (ghi rõ) (1996)"
    )
    assert flag_message("existing_partner", params, "en").endswith(
        ": twinning/sister (explicit) (1996)"
    )
