"""The parts of a letter: letterhead, address, contact, signature and body lines.

A letter's letterhead ("Landeshauptstadt Erfurt · Fischmarkt 1"), address, contact
and signature lines name the sender but claim nothing: a street named after a fish
market is not a fisheries offer. :func:`letter_parts` marks every line of a letter:

* ``letterhead`` — the lines before the salutation or subject line ("Dear",
  "Sehr geehrte", "Kính gửi", "拝啓", "尊敬的", "Betreff", "件名" …,
  :data:`~features.text.letter_phrases.SALUTATIONS`); in a letter without one, the
  opening run of short lines (≤ 60 characters) without a sentence end;
* ``signature`` — the closing line ("Mit freundlichen Grüßen", "Trân trọng",
  "敬具" …) and every line after it;
* ``salutation`` — a greeting or recipient line ("Dear Colleagues,", "Kính gửi: Sở
  …", "尊敬的…：", "省人民委員会 御中", an e-mail's "To: …"): it names the
  recipient, so it neither claims a sector nor names the sender (a subject line is
  body: it states the topic);
* ``address`` — a short line with a street word next to a name or a number, or a
  postal code ("Fischmarkt 1 · 99084 Erfurt", "2 rue de la Pêcherie");
* ``contact`` — a short line with an e-mail address, a phone number or a contact
  word ("Tel.", "E-Mail", "電話");
* ``attachment`` — a list of attachments: its head ("Anlagen:", "붙임", "Annex 1
  – …", "Please find the following documents attached:") and the list items after
  it; a brochure listed there is no offer; a distribution list ("Nơi nhận:", "Copy
  furnished", "抄送") too: it names recipients, not the sender. A fax or e-mail
  header field ("Attn:", "From:", "Pages:",
  :data:`~features.text.letter_phrases.HEADER_FIELDS`) is ``letterhead`` (a
  subject field stays body), and two of them open a letter;
* ``body`` — everything else.

Screening tags sectors on body lines only and reads the sender from the letterhead
and the signature (:func:`features.screening.facts.detect_party`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from features.names.script import phrase_pattern
from features.text.letter_phrases import (
    ATTACHMENT_HEADS,
    CLOSINGS,
    CONTACT_WORDS,
    HEADER_FIELDS,
    LINE_CLOSINGS,
    LINE_END_CLOSINGS,
    RECIPIENT_MARKS,
    SALUTATIONS,
    SENDER_FIELDS,
    STATED_NEEDS,
    STREET_WORDS,
    SUBJECT_WORDS,
    VN_SENDER_HEADS,
)
from features.text.reading import Sentence

__all__ = [
    "LINE_KINDS",
    "header_value",
    "LetterParts",
    "letter_parts",
    "opens_like_a_letter",
    "split_stated_needs",
    "carry_stated_needs",
]

LINE_KINDS = (
    "letterhead", "address", "contact", "salutation", "signature", "attachment",
    "body",
)  # fmt: skip
_SHORT = 110  # characters: longer lines are prose, never letterhead or signature
_HEAD_LINE = 60  # without a salutation, a letterhead line is at most this long
_HEAD_LINES = 10
_SIGNATURE_LINES = 12  # a closing further from the end is not the letter's closing

_statement = partial(phrase_pattern, kind="statement")
_SALUTATION = re.compile(
    r"^\s*(?:" + _statement(SALUTATIONS).pattern + r")", re.IGNORECASE
)
# A greeting or recipient line ("Dear Colleagues,", "Kính gửi: Sở …", "尊敬的…：",
# "省人民委員会 御中"): it names the recipient, neither a claim nor the sender.
_GREETING = re.compile(
    r"^\s*(?:"
    + _statement(p for p in SALUTATIONS if p not in SUBJECT_WORDS).pattern
    + r")",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(
    r"(?:" + "|".join(map(re.escape, RECIPIENT_MARKS)) + r")\s*[:：,、]?\s*$"
)
# An e-mail's recipient header ("To: …", "Cc: …", "An: …", "À : …", "宛先：…").
_TO_HEADER = re.compile(r"^\s*(?:to|cc|an|à|宛先|받는 사람|người nhận)\s*[:：]", re.I)
_GREETING_LINE = 90  # characters: a longer line is prose after the greeting
# "To" alone on its line heads the recipient's address block (Indian and British
# official letters: "To / The Director, / Department of …").
_TO_BLOCK = re.compile(r"^\s*(?:to|an|à)\s*[,:]?\s*$", re.IGNORECASE)
_CLOSING = re.compile(
    r"^\s*(?:" + _statement(CLOSINGS).pattern + r")[\s,.!]*"
    r"|^\s*(?:" + _statement(LINE_CLOSINGS).pattern + r")[\s,.!。！]*$"
    r"|(?:" + _statement(LINE_END_CLOSINGS).pattern + r")[\s,.!。！]*$",
    re.IGNORECASE,
)
# A separator line ("━━━━", "-- ", "=====") before a signature block.
_SEPARATOR = re.compile(r"^\s*(?:--|[-─━=＿_~*・]{3,})\s*$")
# (not inside a place's name: "Freiburg im Breisgau", "Frankfurt am Main")
_STREET = re.compile(
    r"(?<![^\W\d_]\s)(?i:\b(?:"
    + "|".join(STREET_WORDS["before_name"])
    + r"))\s+(?:(?i:de|du|des|la|le|der|dem)\s+|[lL]['’])*[A-ZÀ-ÝÄÖÜ][\w'’-]+"
    r"|\b[A-Z][\w'’-]+\s+(?:" + "|".join(STREET_WORDS["after_name"]) + r")\b"
    r"|(?i:[\w-]+(?:"
    + "|".join(re.escape(w) for w in STREET_WORDS["compound_end"])
    + r"))\s*\d{1,4}\b"
)
_POSTCODE = re.compile(  # "99084 Erfurt", "KB4 2TT"
    r"\b\d{5}\s+[A-ZÀ-Ý][\w-]+|\b[A-Z]{1,2}\d{1,2}[A-Z]?\s\d[A-Z]{2}\b"
)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?:\+|\b00)\d{1,3}[\s().-]*\d(?:[\s().-]*\d){6,}")
_CONTACT = re.compile(
    r"^\s*(?:" + _statement(CONTACT_WORDS).pattern + r")\s*[:：.]?", re.IGNORECASE
)
# A fax or e-mail header field ("Attn: …", "宛先：…"); subject fields are body.
_HEADER = re.compile(
    r"^\s*(?:" + _statement(HEADER_FIELDS).pattern + r")\s*[:：]", re.IGNORECASE
)
_SENDER_FIELD = re.compile(
    r"^\s*(?:" + _statement(SENDER_FIELDS).pattern + r")\s*[:：]\s*", re.IGNORECASE
)
_SUBJECT_FIELD = re.compile(
    r"^\s*(?:" + _statement((*SUBJECT_WORDS, "re", "sub")).pattern + r")\s*[:：]",
    re.IGNORECASE,
)
_ATTACHMENT_HEAD = re.compile(
    r"^\s*(?:" + _statement(ATTACHMENT_HEADS).pattern + r")(?:\s|[:：.\d–-]|$)",
    re.IGNORECASE,
)
_ATTACHMENT_INTRO = re.compile(  # "Please find the following documents attached:"
    r"(?:" + _statement(ATTACHMENT_HEADS).pattern + r")\s*[:：]\s*$", re.IGNORECASE
)
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–•·*]|[a-z가-힣][.)])\s")
# Stated needs whose object follows the phrase ("… suchen wir eine Partnerprovinz,
# die …"); in CJK and Korean the object comes first, so those are not split.
_NEED_BEFORE_OBJECT = _statement(
    p for lang in ("en", "de", "fr", "vi") for p in STATED_NEEDS[lang]
)
_MIN_PURPOSE_WORDS = 3
# A stated need that introduces a list ("we seek a partner with experience in:").
_NEED_INTRO = _statement(p for ps in STATED_NEEDS.values() for p in ps)
_ITEM = re.compile(
    r"^\s*(?:\d{1,2}[.)、]|[-–•·*]|[a-z가-힣][.)]|[一二三四五六七八九十]、|[（(]\d{1,2}[)）]"
    r"|[①-⑩])\s*"
)
_PROSE_END = re.compile(r"[.!?。！？]\s*$")
# A line holding only a dotted date ("2026. 11. 30.", "30.11.2026"): no prose end.
_DATE_LINE = re.compile(r"^\s*\d{1,4}\.\s?\d{1,2}\.\s?\d{1,4}\.?\s*$")
# (after a signer's title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN")
_VN_HEAD = re.compile(
    r"^\s*(?:(?:tm|kt)\.\s*)?(?:(?:phó\s+)?(?:chủ tịch|giám đốc)\s+)?(?:"
    + _statement(VN_SENDER_HEADS).pattern
    + r")\s+(.{2,40})$",
    re.IGNORECASE,
)
# The state motto heading a Vietnamese official document (right column).
_VN_MOTTO = re.compile(
    r"cộng hòa xã hội chủ nghĩa việt nam|độc lập\s*[-–]\s*tự do\s*[-–]\s*hạnh phúc",
    re.IGNORECASE,
)
# The columns of a two-column letterhead (the unit left, the national motto right).
_COLUMN_GAP = re.compile(r"\s{3,}|\t+")


@dataclass(frozen=True)
class LetterParts:
    """The kind of each line (``kinds[i]`` for line ``i``, in :data:`LINE_KINDS`)."""

    kinds: tuple[str, ...]
    lines: tuple[str, ...]

    def kind(self, line: int) -> str:
        """The kind of line ``line`` (``"body"`` past the end)."""
        return self.kinds[line] if 0 <= line < len(self.kinds) else "body"

    def names_places(self, line: int) -> bool:
        """Whether the places named on ``line`` count (not on an address, contact,
        greeting, attachment or header line: "From: Marion Tate" is a person)."""
        if self.kind(line) in ("address", "contact", "salutation", "attachment"):
            return False
        return not (0 <= line < len(self.lines) and header_value(self.lines[line]))

    def claims(self, line: int) -> bool:
        """Whether a sentence on ``line`` may claim a sector (a body line)."""
        return self.kind(line) == "body"

    @property
    def sender_text(self) -> str:
        """The letterhead and signature lines that are not address, contact or
        header lines ("From: Marion Tate <…>" names a person, not a place)."""
        return "\n".join(
            text
            for text, kind in zip(self.lines, self.kinds, strict=True)
            if kind in ("letterhead", "signature") and header_value(text) is None
        )

    def vietnamese_sender(self) -> str | None:
        """The unit a Vietnamese letterhead or signature names ("Lâm Đồng"), if any;
        a unit written over two lines of the left column ("ỦY BAN NHÂN DÂN" above
        "TỈNH QUẢNG NGÃI", the motto to their right) is read as one."""
        left = [
            _COLUMN_GAP.split(text.strip())[0] if kind in ("letterhead", "signature")
            else ""
            for text, kind in zip(self.lines, self.kinds, strict=True)
        ]  # fmt: skip
        for i, text in enumerate(left):
            nxt = left[i + 1] if i + 1 < len(left) else ""
            for candidate in (text, f"{text} {nxt}" if text and nxt else ""):
                m = _VN_HEAD.match(candidate)
                if m:
                    return m.group(1).strip(" .,:")
        return None


def header_value(text: str) -> str | None:
    """The value of a fax or e-mail header line ("From: Kettle Ridge County <…>" →
    "Kettle Ridge County"), without e-mail addresses; None for another line or a
    subject line (it is body)."""
    m = _HEADER.match(text)
    if m is None or _SUBJECT_FIELD.match(text):
        return None
    return _EMAIL.sub("", text[m.end() :]).strip(" <>()[],;")


def _column_width(text: str) -> int:
    """The length of a line's widest column (:data:`_COLUMN_GAP`)."""
    return max((len(c) for c in _COLUMN_GAP.split(text.strip())), default=0)


def _short(text: str) -> bool:
    return len(text) <= _SHORT


def _line_kind(text: str) -> str | None:
    """``address`` or ``contact`` for a short line that is one, else None."""
    if not _short(text) or not text.strip():
        return None
    if _EMAIL.search(text) or _PHONE.search(text) or _CONTACT.match(text):
        return "contact"
    if (_STREET.search(text) or _POSTCODE.search(text)) and not _PROSE_END.search(text):
        return "address"
    return None


def _greeting(text: str) -> bool:
    """Whether a line is a greeting or a recipient line (see the module docstring)."""
    exclaimed = text.rstrip().endswith(("!", "！"))  # "Hey there!", "Liebe Kollegen!"
    if len(text) > _GREETING_LINE or (_PROSE_END.search(text) and not exclaimed):
        return False
    return bool(
        _GREETING.match(text) or _RECIPIENT.search(text) or _TO_HEADER.match(text)
    )


def opens_like_a_letter(text: str) -> bool:
    """Whether one of the first 15 lines is a salutation or subject line or the
    Vietnamese state motto that heads every official document ("CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA VIỆT NAM", a memorandum's draft too), or two are fax or e-mail header
    fields ("To: …", "Attn: …")."""
    head = text.split("\n")[:15]
    return (
        any(_SALUTATION.match(line) or _VN_MOTTO.search(line) for line in head)
        or sum(bool(_HEADER.match(line)) for line in head) >= 2
    )


def _attachments(lines: list[str], filled: list[int]) -> list[int]:
    """The lines of a list of attachments: a head line and the list items after it."""
    out: list[int] = []
    inside = False
    for i in filled:
        text = lines[i]
        if not _short(text):
            inside = False
            continue
        if _ATTACHMENT_HEAD.match(text) or _ATTACHMENT_INTRO.search(text):
            inside = True
            out.append(i)
        elif inside and _LIST_ITEM.match(text):
            out.append(i)
        else:
            inside = False
    return out


def _closing_run(lines: list[str], last: list[int]) -> int | None:
    """Without a closing line: the first of the closing run of two or more short
    lines without a sentence end (a name, an office, the date "2026. 11. 30."),
    after a prose line; None when the letter ends in prose, a list (marked, or under
    a line ending in a colon) or one line (a news item's byline)."""
    start, run = None, 0
    for i in reversed(last):
        text = lines[i]
        dated = _DATE_LINE.match(text) is not None
        if not _short(text) or (_PROSE_END.search(text) and not dated):
            break
        if _LIST_ITEM.match(text) or _HEADER.match(text):
            break  # a list or a header field ends the run
        if _ATTACHMENT_HEAD.match(text):
            continue  # a distribution list after the signature ("抄送：…")
        if text.rstrip().endswith((":", "：")):
            return None  # "Areas of interest:" above the lines: a list, not a name
        start, run = i, run + 1
    if start is None or start == last[0] or run < 2:
        return None  # no prose before it: not a signature under a letter
    return start


def letter_parts(text: str) -> LetterParts:
    """Mark the lines of a letter (see the module docstring).

    Args:
        text: The letter (NFC, ``\\n`` line ends); line ``i`` is the ``i``-th
            line of ``text``.

    Returns:
        A :class:`LetterParts` with one kind per line.
    """
    lines = text.split("\n")
    kinds = ["body"] * len(lines)
    filled = [i for i, t in enumerate(lines) if t.strip()]
    # Letterhead: short lines before the salutation or subject line; without one,
    # the opening run of short lines without a sentence end.
    opening = []
    for i in filled:
        if _SALUTATION.match(lines[i]) or _SUBJECT_FIELD.match(lines[i]):
            opening = [j for j in filled if j < i]
            break
        # a longer line introducing a list ("…现将有关事项函告如下：") is prose
        intro = len(lines[i]) > _HEAD_LINE and lines[i].rstrip().endswith((":", "："))
        if not _short(lines[i]) or _PROSE_END.search(lines[i]) or intro:
            # (a two-column line is as wide as its widest column: "ỦY BAN NHÂN
            # DÂN" left, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" right)
            opening = [j for j in opening if _column_width(lines[j]) <= _HEAD_LINE]
            break
        opening.append(i)
    for j in opening[:_HEAD_LINES]:
        kinds[j] = "letterhead"
    # Signature: from the last closing line near the end, else from a separator
    # line followed by short lines only ("━━━━" above a name and an office).
    last = filled[-_SIGNATURE_LINES:]
    start = next(
        (i for i in reversed(last) if _CLOSING.search(lines[i]) and _short(lines[i])),
        None,
    )
    if start is None:
        start = next(
            (
                i
                for i in last
                if _SEPARATOR.match(lines[i])
                and all(_short(lines[j]) for j in filled if j > i)
            ),
            None,
        )
    if start is None:
        start = _closing_run(lines, last)
    if start is not None:
        for j in filled:
            if j >= start and _short(lines[j]):
                kinds[j] = "signature"
    for i in filled:
        found = _line_kind(lines[i])
        if _SENDER_FIELD.match(lines[i]) and _short(lines[i]):
            kinds[i] = "letterhead"  # "From: …" names the sender, e-mail or not
        elif found is not None:
            kinds[i] = found
        elif kinds[i] != "signature" and _greeting(lines[i]):
            kinds[i] = "salutation"
        elif (
            kinds[i] == "body"
            and _short(lines[i])
            and _HEADER.match(lines[i])
            and not _SUBJECT_FIELD.match(lines[i])
        ):
            kinds[i] = "letterhead"
    for i in filled:
        if _TO_BLOCK.match(lines[i]) and kinds[i] != "signature":
            j = i
            while j < len(lines) and lines[j].strip() and _short(lines[j]):
                kinds[j] = "salutation"  # the recipient's block, to a blank line
                j += 1
    for i in _attachments(lines, filled):
        if kinds[i] in ("body", "signature"):
            kinds[i] = "attachment"
    return LetterParts(tuple(kinds), tuple(lines))


def split_stated_needs(sentences: list[Sentence]) -> list[Sentence]:
    """Sentences with a purpose before a stated need cut in two ("Für ein
    gemeinsames Ausbildungsprojekt | suchen wir eine Partnerprovinz, die …"): the
    purpose is read on its own, so its sector is not taken for what is sought."""
    out = []
    for s in sentences:
        m = _NEED_BEFORE_OBJECT.search(s.text)
        purpose = s.text[: m.start()].strip(" ,;:") if m else ""
        if len(purpose.split()) < _MIN_PURPOSE_WORDS:
            out.append(s)
            continue
        out.append(Sentence(purpose, s.start, s.line))
        out.append(Sentence(s.text[m.start() :], s.start + m.start(), s.line))
    return out


def carry_stated_needs(sentences: list[Sentence]) -> list[Sentence]:
    """The items of a list that a stated need introduces ("we seek a partner with
    experience in:" above "1. composting household waste") read with that need:
    what is listed is sought, not offered."""
    out: list[Sentence] = []
    intro: Sentence | None = None
    for s in sentences:
        if intro is not None and _ITEM.match(s.text):
            out.append(Sentence(f"{intro.text} {s.text}", s.start, s.line))
            continue
        ends_intro = s.text.rstrip().endswith((":", "："))
        intro = s if ends_intro and _NEED_INTRO.search(s.text) else None
        out.append(s)
    return out
