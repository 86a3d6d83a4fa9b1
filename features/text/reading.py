"""Reading and cleaning input text: strict decoding, sentences, news-page boilerplate.

Three steps, each usable alone:

* :func:`read_text` decodes bytes as strict UTF-8 (or checks a ``str``), rejects what
  is not usable text with a one-sentence :class:`~features.errors.TextInputError`,
  and returns NFC text with ``\\n`` line ends.
* :func:`split_sentences` cuts a text into :class:`Sentence` records (text, offset,
  line) for Vietnamese, English, French, German, Japanese and Chinese.
* :func:`main_content` marks the lines of a pasted news page that are not the article
  (menus, related-headline lists, footers, duplicates) and reports the share of
  characters dropped, for screening's "mostly boilerplate" flag.

The boilerplate rules look at structure only: line length, sentence punctuation,
capitalisation, duplication, and a few section markers common to news sites in
vi/en/fr/de/zh/ja/ko ("Tin liên quan", "Most read", "Lire aussi", "Meistgelesen",
"相关新闻", "関連記事", "관련 기사" …).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from features.errors import TextInputError

__all__ = [
    "MAX_BYTES",
    "Sentence",
    "Line",
    "MainContent",
    "read_text",
    "split_sentences",
    "main_content",
]

MAX_BYTES = 2_000_000
_BINARY_SHARE = 0.1  # more than this share of control characters: not text

# ---------------------------------------------------------------------------
# reading


def read_text(data: bytes | str, *, max_bytes: int = MAX_BYTES) -> str:
    """Decode and check an input text.

    Args:
        data: Raw bytes (decoded as strict UTF-8, a BOM is dropped) or a str.
        max_bytes: Largest accepted size in UTF-8 bytes.

    Returns:
        The text in Unicode NFC with ``\\n`` line ends.

    Raises:
        TextInputError: The input is larger than ``max_bytes``, contains NUL bytes
            or is mostly control characters (binary), is not valid UTF-8, or has no
            letter or digit (empty, whitespace or punctuation only).
    """
    if isinstance(data, str):
        size = (
            len(data) if len(data) > max_bytes else len(data.encode("utf-8", "replace"))
        )
        raw: bytes | None = None
    elif isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
        size = len(raw)
    else:
        raise TypeError(f"data must be bytes or str, got {type(data).__name__}")
    if size > max_bytes:
        raise TextInputError(
            reason="too_large", params={"size": size, "max_bytes": max_bytes}
        )
    if raw is not None:
        if b"\x00" in raw:
            raise TextInputError(reason="nul_bytes")
        try:
            text = raw.decode("utf-8-sig", errors="strict")
        except UnicodeDecodeError as exc:
            raise TextInputError(
                reason="not_utf8", params={"byte": raw[exc.start], "offset": exc.start}
            ) from None
    else:
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            raise TextInputError(reason="nul_characters")
    controls = sum(
        1
        for ch in text
        if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\t\n\r\f"
    )
    if text and controls / len(text) > _BINARY_SHARE:
        raise TextInputError(
            reason="control_characters", params={"share": controls / len(text)}
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise TextInputError(reason="empty" if not text.strip() else "no_letters")
    return text


# ---------------------------------------------------------------------------
# sentences


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text, character offset in the source text, line index."""

    text: str
    start: int
    line: int

    @property
    def end(self) -> int:
        """Offset just past the sentence in the source text."""
        return self.start + len(self.text)


# Words that end with a full stop without ending a sentence (compared lowercased,
# without the stop). Single letters (initials) are handled separately.
_ABBREVIATIONS = frozenset(
    """
    tp tt tx q p ts ths pgs gs bs ks ths ncs th ông bà st mr mrs ms dr prof sr jr
    mt mts vs etc e.g i.e eg ie approx ca no nr nos vol fig inc ltd co corp dept
    gov univ ave rd jan feb mar apr jun jul aug sep sept oct nov dec m mme mlle mm
    dr pr me ste st av bd env cf z.b bzw usw ggf evtl inkl str hr fr dipl ing
    u.a s.o z.t d.h bspw vgl
    """.split()
)
_LATIN_END = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)")
# A German ordinal before a month ("am 1. März 2026", "bis zum 30. September").
_ORDINAL_MONTH = re.compile(
    r"\s+(?:Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)\b"
)
# The next part of a dotted date ("2026. 4. 6.", "2025. 11. 24."): a number and a stop.
_DOTTED_DATE_NEXT = re.compile(r"\s\d{1,2}\.")
_CJK_END = re.compile(r"[。！？]+[」』”’）)]*")
_NEXT_START = re.compile(r"\s+([\"'«“‘(\[]?\s*)(\S)")


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    """Whether the Latin end mark in ``match`` closes a sentence."""
    mark = match.group()
    if mark[0] == ".":
        word = re.search(r"([\w.'’]+)$", line[: match.start()])
        token = word.group(1).lower() if word else ""
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            return False
        if (
            token.isdigit()
            and len(token) <= 2
            and _ORDINAL_MONTH.match(line, match.end())
        ):
            return False
        if token.isdigit() and _DOTTED_DATE_NEXT.match(line, match.end()):
            return False  # a dotted date: "2026. 4. 6."
    after = _NEXT_START.match(line, match.end())
    if after is None:
        return True
    first = after.group(2)
    # A sentence starts with a capital, a digit, a quote or a CJK character; a
    # lowercase word after ". " means the stop belonged to an abbreviation.
    return not first.islower()


def _split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of one line, stripped of spaces."""
    cuts = [m.end() for m in _CJK_END.finditer(line)]
    cuts += [m.end() for m in _LATIN_END.finditer(line) if _is_boundary(line, m)]
    spans = []
    start = 0
    for cut in sorted(set(cuts)) + [len(line)]:
        piece = line[start:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = cut
    return spans


def split_sentences(text: str, *, offset: int = 0, line: int = 0) -> list[Sentence]:
    """Split a text into sentences; every line break also ends a sentence.

    Ends a sentence at ``. ! ? …`` followed by a space and a word that does not start
    lowercase (so "TP. Huế", "Mr. Smith", "z.B. die" and "1.5" stay whole), and at
    the CJK marks ``。！？``.

    Args:
        text: The text (NFC).
        offset: Added to every start offset (for a piece of a larger text).
        line: Index given to the first line (for a piece of a larger text).

    Returns:
        The sentences in order; blank ones are skipped.
    """
    out: list[Sentence] = []
    pos = 0
    for i, raw_line in enumerate(text.split("\n")):
        for a, b in _split_line(raw_line):
            out.append(Sentence(raw_line[a:b], offset + pos + a, line + i))
        pos += len(raw_line) + 1
    return out


# ---------------------------------------------------------------------------
# boilerplate

# A line that is only one of these opens a list of other articles' headlines.
_SECTION_MARKERS = frozenset(
    """
    tin liên quan|tin bài liên quan|bài liên quan|bài viết liên quan|các tin bài khác
    |các tin khác|tin khác|tin cùng chuyên mục|cùng chuyên mục|đọc nhiều|đọc nhiều nhất
    |xem nhiều|xem nhiều nhất|tin mới|tin mới nhất|tin nổi bật|xem thêm
    |có thể bạn quan tâm
    |bạn có thể quan tâm|tin đọc nhiều|most read|most popular|most viewed|related
    |related articles|related news|related stories|related content|read more|read also
    |see also|more news|more stories|latest news|latest|trending|you may also like
    |recommended|more from|top stories|lire aussi|à lire aussi|a lire aussi
    |à lire également|voir aussi|les plus lus|les plus lues|articles liés
    |sur le même sujet|dernières actualités|dernières infos|à la une|meistgelesen
    |meistgelesene artikel|auch interessant|das könnte sie auch interessieren
    |mehr zum thema|weitere artikel|weitere nachrichten|verwandte artikel
    |lesen sie auch|neueste artikel|ähnliche artikel|aktuelle nachrichten
    |相关新闻|相关阅读|推荐阅读|热点新闻|相關新聞|関連記事|関連ニュース
    |관련 기사|관련기사|많이 본 뉴스
    """.replace("\n", "").split("|")
)
_SECTION_MARKERS = frozenset(m.strip() for m in _SECTION_MARKERS if m.strip())
# Inline "see also" links: the marker, a colon, then another article's title.
_INLINE_LINK = re.compile(
    r"^(?:xem thêm|đọc thêm|tin liên quan|read more|read also|see also|related"
    r"|lire aussi|à lire aussi|voir aussi|lesen sie auch|mehr zum thema)\s*[:>»]",
    re.IGNORECASE,
)
_NAV_WORDS = re.compile(
    r"\b(?:trang chủ|đăng nhập|đăng ký|đăng xuất|tìm kiếm|liên hệ|home|log ?in"
    r"|sign ?in|sign up|subscribe|search|menu|accueil|connexion|s'abonner"
    r"|startseite|anmelden|abonnieren|suche)\b",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"©|\bcopyright\b|bản quyền|all rights reserved|tous droits réservés"
    r"|alle rechte vorbehalten|giấy phép (?:số|xuất bản)|ghi rõ nguồn"
    r"|phiên bản di động|xin chờ trong giây lát|mobile version|version mobile"
    r"|\bimpressum\b|datenschutz|mentions légales|privacy policy|terms of use"
    r"|cookie|tổng biên tập|editor-in-chief|rédacteur en chef|chefredakt",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:nguồn|theo|source|sources|quelle|photo|ảnh|foto|crédit)\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
_SENTENCE_PUNCT = re.compile(r"[.!?…。！？][\"'»”’)\]」』）]*\s*$")
_VI_DIACRITIC = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)
_PIPES = re.compile(r"^\s*\|\s*|\s*\|\s*$")
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\[[^\]]*\]\([^)]*\)")
_TITLE_MAX_WORDS = 22
_PROSE_MIN_CHARS = 120
_WIDE_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


@dataclass(frozen=True)
class Line:
    """A non-blank line of the source: cleaned text, offset, index, verdict.

    ``reason`` is None for main content, otherwise why the line was dropped:
    ``"navigation"``, ``"section"`` (inside a related/most-read list),
    ``"headlines"`` (a run of title-like lines), ``"footer"``, ``"byline"``,
    ``"duplicate"``, ``"fragment"`` (too short or no words) or ``"slug"``.
    """

    text: str
    start: int
    index: int
    reason: str | None = None


@dataclass(frozen=True)
class MainContent:
    """The lines of a text with their verdicts, and the share of characters dropped."""

    lines: tuple[Line, ...]
    boilerplate_share: float

    @property
    def kept(self) -> list[Line]:
        """The main-content lines, in order."""
        return [line for line in self.lines if line.reason is None]

    @property
    def text(self) -> str:
        """The main content, one kept line per line."""
        return "\n".join(line.text for line in self.kept)

    def sentences(self) -> list[Sentence]:
        """Sentences of the kept lines, with offsets into the source text."""
        out: list[Sentence] = []
        for line in self.kept:
            out.extend(split_sentences(line.text, offset=line.start, line=line.index))
        return out


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)


def _is_title_like(text: str) -> bool:
    """Short, no sentence-final punctuation, not an introduction ending with ':'."""
    words = _words(text)
    return (
        2 <= len(words) <= _TITLE_MAX_WORDS
        and not _SENTENCE_PUNCT.search(text)
        and not text.rstrip().endswith((":", "："))
    )


def _is_prose(text: str) -> bool:
    # a CJK or Hangul character holds about three Latin letters' worth of text
    width = len(text) + 2 * len(_WIDE_CHAR.findall(text))
    return width >= _PROSE_MIN_CHARS and bool(_SENTENCE_PUNCT.search(text))


def _marker(text: str) -> bool:
    norm = re.sub(r"[\W\d_]+", " ", text.casefold()).strip()
    return norm in _SECTION_MARKERS


def _half_duplicate(text: str) -> bool:
    """A headline printed twice on one line ("A A"), as teaser links are."""
    n = len(text)
    if n < 20:
        return False
    for mid in range(n // 2 - 2, n // 2 + 3):
        left, right = text[:mid].strip(), text[mid:].strip()
        if left and _key(left) == _key(right):
            return True
    return False


def _line_reason(text: str, *, diacritic_doc: bool) -> str | None:
    """The verdict on one line taken alone (None: keep for now)."""
    words = _words(text)
    letters = sum(ch.isalpha() for ch in text)
    if letters < 3 or (len(words) <= 2 and not _SENTENCE_PUNCT.search(text)):
        if not any("\u3040" <= ch <= "\u9fff" for ch in text) or letters < 3:
            return "fragment"
    if _FOOTER.search(text) and len(words) <= 40:
        return "footer"
    if _BYLINE.match(text):
        return "byline"
    if _INLINE_LINK.match(text):
        return "section"
    visible = sum(not ch.isspace() for ch in text)
    if letters < 0.3 * visible:
        return "fragment"  # dates, times, numbers, symbols
    if (
        not _SENTENCE_PUNCT.search(text)
        and len(words) <= 15
        and not text.endswith((":", "："))
    ):
        if _NAV_WORDS.search(text):
            return "navigation"
        caps = sum(w[0].isupper() for w in words)
        if len(words) >= 4 and caps / len(words) >= 0.75 and "," not in text:
            return "navigation"
    if (
        diacritic_doc
        and len(words) >= 5
        and text.isascii()
        and not _SENTENCE_PUNCT.search(text)
    ):
        return "slug"  # Vietnamese written without diacritics: image alt text, URLs
    if _half_duplicate(text):
        return "duplicate"
    return None


def main_content(text: str) -> MainContent:
    """Mark the boilerplate lines of a pasted news page.

    Rules, in order: a line that is only a section marker ("Tin liên quan",
    "Most read", "Lire aussi", "Meistgelesen" …) opens a list of other articles,
    dropped until two prose paragraphs follow each other (a teaser summary always
    follows a headline); lines that are menus (navigation words, or mostly
    capitalised short lines), footers, bylines, fragments, slugs (unaccented
    Vietnamese in an accented text) or a headline printed twice are dropped; a run of
    two adjacent title-like lines, or of three separated only by blank lines, is a
    headline list; a line seen before (ignoring case, spaces and punctuation) is a
    duplicate. Markdown-style table pipes and image markup are removed first.

    Args:
        text: The text (NFC, as returned by :func:`read_text`).

    Returns:
        A :class:`MainContent`: every non-blank line with its verdict, and the
        fraction of the non-blank characters that were dropped.
    """
    raw_lines = text.split("\n")
    cleaned: list[tuple[str, int, int, bool]] = []  # text, start, index, blank before
    pos = 0
    blank_before = True
    for i, raw in enumerate(raw_lines):
        stripped = _MARKUP.sub(" ", raw)
        stripped = _PIPES.sub("", stripped).strip()
        if stripped:
            lead = raw.find(stripped[:8])
            if lead < 0:
                lead = len(raw) - len(raw.lstrip())
            cleaned.append((stripped, pos + lead, i, blank_before))
            blank_before = False
        else:
            blank_before = True
        pos += len(raw) + 1
    n_diacritic = sum(bool(_VI_DIACRITIC.search(t)) for t, *_ in cleaned)
    diacritic_doc = bool(cleaned) and n_diacritic / len(cleaned) >= 0.3
    reasons: list[str | None] = [
        _line_reason(t, diacritic_doc=diacritic_doc) for t, *_ in cleaned
    ]
    # Section lists: from a marker line until two prose paragraphs in a row.
    in_section = False
    prose_run = 0
    seen_prose = False
    for j, (t, _, _, _) in enumerate(cleaned):
        if _marker(t):
            if seen_prose:
                in_section, prose_run = True, 0
            reasons[j] = "section"
            continue
        if in_section:
            prose = _is_prose(t) and reasons[j] is None
            prev_title = j > 0 and _is_title_like(cleaned[j - 1][0])
            prose_run = prose_run + 1 if prose and not prev_title else 0
            if prose_run >= 2:
                in_section = False
                reasons[j - 1] = None
                continue
            reasons[j] = reasons[j] or "section"
        elif _is_prose(t) and reasons[j] is None:
            seen_prose = True
    # Runs of title-like lines: two adjacent, or three separated by blank lines.
    j = 0
    while j < len(cleaned):
        if reasons[j] is not None or not _is_title_like(cleaned[j][0]):
            j += 1
            continue
        k = j
        adjacent = False
        while (
            k + 1 < len(cleaned)
            and reasons[k + 1] in (None, "duplicate")
            and _is_title_like(cleaned[k + 1][0])
        ):
            adjacent = adjacent or not cleaned[k + 1][3]
            k += 1
        titles = [m for m in range(j, k + 1) if reasons[m] is None]
        if len(titles) >= 3 or (len(titles) >= 2 and adjacent):
            for m in titles:
                reasons[m] = "headlines"
        j = k + 1
    # Duplicates of an earlier line (kept or not).
    seen: set[str] = set()
    for j, (t, _, _, _) in enumerate(cleaned):
        key = _key(t)
        if key in seen and reasons[j] is None:
            reasons[j] = "duplicate"
        seen.add(key)
    lines = tuple(
        Line(t, start, index, reason)
        for (t, start, index, _), reason in zip(cleaned, reasons, strict=True)
    )
    total = sum(len(line.text) for line in lines)
    dropped = sum(len(line.text) for line in lines if line.reason is not None)
    return MainContent(lines=lines, boilerplate_share=dropped / total if total else 0.0)
