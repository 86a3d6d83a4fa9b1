"""Tests for features.text.reading: reading, sentence splitting, boilerplate removal."""

import time
import unicodedata

import pytest

from features.errors import PartnerMatchError, TextInputError
from features.text import reading as text_module
from features.text.reading import Sentence, main_content, read_text, split_sentences


def test_public_api():
    assert set(text_module.__all__) == {
        "MAX_BYTES",
        "Sentence",
        "Line",
        "MainContent",
        "read_text",
        "split_sentences",
        "main_content",
    }


# -- read_text ----------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", "", "   \n\t ", b"  \r\n "])
def test_empty_text_is_rejected(data):
    with pytest.raises(TextInputError, match="empty"):
        read_text(data)


@pytest.mark.parametrize("data", ["...!!! ???", b"-- * -- ;;", "。。！"])
def test_punctuation_only_is_rejected(data):
    with pytest.raises(TextInputError, match="only punctuation"):
        read_text(data)


def test_ten_megabytes_is_rejected_fast():
    data = ("Tỉnh có nhiều nhà máy xử lý nước thải. " * 300_000).encode()
    assert len(data) > 10_000_000
    started = time.perf_counter()
    with pytest.raises(TextInputError, match=r"too large \(1\d,\d{3},\d{3} bytes\)"):
        read_text(data)
    with pytest.raises(TextInputError, match="too large"):
        read_text(data.decode())
    assert time.perf_counter() - started < 1.0


def test_invalid_utf8_names_the_byte_and_offset():
    with pytest.raises(TextInputError) as info:
        read_text("Hà Nội".encode() + b"\xff\xfe tail")
    message = str(info.value)
    assert "not valid UTF-8" in message and "0xff" in message and "offset 9" in message
    assert message.count(". ") == 0  # one sentence
    assert isinstance(info.value, ValueError) and isinstance(
        info.value, PartnerMatchError
    )


def test_latin1_text_is_invalid_utf8():
    with pytest.raises(TextInputError, match="not valid UTF-8"):
        read_text("Coopération décentralisée".encode("latin-1"))


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # NUL bytes
        "Hà Nội".encode("utf-16"),  # UTF-16 has NULs
        b"\x01\x02\x03\x04\x05\x06\x07\x08abc" * 50,  # control characters
    ],
)
def test_binary_input_is_rejected(data):
    with pytest.raises(TextInputError, match="binary"):
        read_text(data)


def test_text_is_nfc_with_unix_line_ends_and_no_bom():
    decomposed = unicodedata.normalize("NFD", "Hội An\r\nĐà Nẵng")
    out = read_text(b"\xef\xbb\xbf" + decomposed.encode())
    assert out == "Hội An\nĐà Nẵng"
    assert unicodedata.is_normalized("NFC", out)
    assert read_text(decomposed) == "Hội An\nĐà Nẵng"


# -- split_sentences ------------------------------------------------------------


def _texts(sentences: list[Sentence]) -> list[str]:
    return [s.text for s in sentences]


def test_vietnamese_sentences_keep_abbreviations_and_numbers():
    text = (
        "Đoàn công tác của TP. Hồ Chí Minh đã tới thăm Hội An. Tăng trưởng đạt 1.5% "
        "trong năm, cao hơn TP.HCM! Hai bên có hợp tác không?"
    )
    assert _texts(split_sentences(text)) == [
        "Đoàn công tác của TP. Hồ Chí Minh đã tới thăm Hội An.",
        "Tăng trưởng đạt 1.5% trong năm, cao hơn TP.HCM!",
        "Hai bên có hợp tác không?",
    ]


def test_english_sentences_keep_titles_and_initials():
    text = "Mr. Smith met Dr. Lee at St. Mary's. J. R. Brown signed the deal. Done."
    assert _texts(split_sentences(text)) == [
        "Mr. Smith met Dr. Lee at St. Mary's.",
        "J. R. Brown signed the deal.",
        "Done.",
    ]


def test_french_and_german_sentences():
    fr = "M. Dupont a signé l'accord. La ville souhaite coopérer, etc. avec Huế. Fin."
    assert _texts(split_sentences(fr)) == [
        "M. Dupont a signé l'accord.",
        "La ville souhaite coopérer, etc. avec Huế.",
        "Fin.",
    ]
    de = "Die Stadt, z.B. Leipzig, wächst. Sie sucht Partner."
    assert _texts(split_sentences(de)) == [
        "Die Stadt, z.B. Leipzig, wächst.",
        "Sie sucht Partner.",
    ]


def test_japanese_and_chinese_sentences():
    text = (
        "本県は再生可能エネルギーを推進しています。協力を希望します！\n"
        "我们希望合作。可以吗？"
    )
    assert _texts(split_sentences(text)) == [
        "本県は再生可能エネルギーを推進しています。",
        "協力を希望します！",
        "我们希望合作。",
        "可以吗？",
    ]


def test_offsets_and_lines_point_into_the_text():
    text = "  First one. Second one!\n\nThird line here\n  Last?"
    sentences = split_sentences(text, offset=100, line=5)
    assert [s.line for s in sentences] == [5, 5, 7, 8]
    for s in sentences:
        assert text[s.start - 100 : s.end - 100] == s.text


# -- main_content -----------------------------------------------------------------

ARTICLE = [
    "Tỉnh Quảng Ninh và vùng Normandie ký thỏa thuận hợp tác về du lịch di sản và "
    "bảo tồn các công trình kiến trúc cổ trong giai đoạn 2025-2030.",
    "Theo thỏa thuận, hai bên sẽ trao đổi chuyên gia trùng tu, tổ chức các khóa "
    "đào tạo hướng dẫn viên và cùng quảng bá tuyến du lịch biển đảo tới du khách "
    "châu Âu.",
    "Phía Normandie cho biết vùng có nhiều kinh nghiệm quản lý các bảo tàng và khu di "
    "tích, đồng thời mong muốn học hỏi mô hình du lịch cộng đồng của Quảng Ninh.",
]
NEWS_PAGE = "\n".join(
    [
        "Trang chủ Thời sự Kinh tế Văn hóa Đăng nhập",
        "08:15 | 12/03/2025 GMT+7",
        "",
        "Quảng Ninh hợp tác với Normandie về du lịch di sản",
        "",
        ARTICLE[0],
        "Hà Nội đón khách quốc tế dịp lễ Hà Nội đón khách quốc tế dịp lễ",
        "",
        ARTICLE[1],
        "",
        ARTICLE[2],
        ARTICLE[2],
        "Theo TTXVN",
        "",
        "Tin liên quan",
        "",
        "Giá vàng hôm nay tăng mạnh",
        "",
        "Giá vàng hôm nay tăng mạnh",
        "",
        "Giá vàng trong nước tăng thêm 500.000 đồng mỗi lượng so với phiên hôm qua, "
        "theo ghi nhận của phóng viên tại các cửa hàng ở Hà Nội.",
        "Thời tiết cuối tuần: miền Bắc mưa rét",
        "Đọc nhiều",
        "Đội tuyển bóng đá thắng đậm trong trận giao hữu",
        "Lễ hội hoa xuân khai mạc tại công viên",
        "Khai trương tuyến xe buýt điện mới",
        "© 2025 Báo Mẫu. Bản quyền thuộc về Báo Mẫu. Ghi rõ nguồn khi phát hành lại.",
    ]
)


def test_boilerplate_is_removed_from_a_news_page():
    content = main_content(NEWS_PAGE)
    kept = [line.text for line in content.kept]
    assert kept == ["Quảng Ninh hợp tác với Normandie về du lịch di sản", *ARTICLE]
    reasons = {line.text[:20]: line.reason for line in content.lines}
    assert reasons["Trang chủ Thời sự Ki"] == "navigation"
    assert reasons["08:15 | 12/03/2025 G"] == "fragment"
    assert reasons["Hà Nội đón khách quố"] == "duplicate"
    assert reasons["Tin liên quan"] == "section"
    assert reasons["Giá vàng trong nước "] == "section"
    assert reasons["© 2025 Báo Mẫu. Bản "] == "footer"
    dropped = sum(len(line.text) for line in content.lines if line.reason)
    total = sum(len(line.text) for line in content.lines)
    assert content.boilerplate_share == pytest.approx(dropped / total)
    assert 0.3 < content.boilerplate_share < 0.7


def test_clean_text_keeps_everything_and_offsets():
    text = "\n\n".join(ARTICLE)
    content = main_content(text)
    assert content.boilerplate_share == 0.0
    assert content.text == "\n".join(ARTICLE)
    for sentence in content.sentences():
        assert text[sentence.start : sentence.end] == sentence.text


def test_runs_of_headlines_and_english_markers():
    page = "\n".join(
        [
            "The port of Le Havre has signed a logistics agreement with Hai Phong, "
            "covering container shipping and the training of crane operators.",
            "Both cities expect the first joint shipments to leave before the summer.",
            "Related",
            "Stocks rally as inflation cools",
            "Ten recipes for a rainy weekend",
            "Council approves new bike lanes",
        ]
    )
    content = main_content(page)
    assert [line.text[:12] for line in content.kept] == ["The port of ", "Both cities "]


def test_a_menu_marker_before_the_article_does_not_hide_it():
    page = "Tin mới\n" + "\n".join(ARTICLE)
    assert [line.text for line in main_content(page).kept] == ARTICLE
