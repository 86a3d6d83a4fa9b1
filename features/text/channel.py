"""The letter inside its channel: quote marks, forward and reply chains, page
furniture, hard line wraps and odd spaces undone.

Letters reach a desk pasted from a PDF (lines broken in mid-sentence, words
hyphenated across lines, "Page 1 of 2"), forwarded or answered by e-mail
("---------- Forwarded message ---------", "> " quotes, "On … wrote:"), or typed
with tabs and no-break spaces. Screening reads lines and sentences (a letterhead is
the opening run of short lines, a stated need is one sentence), so
:func:`unwrap_letter` hands it the letter as its writer wrote it:

* no-break and zero-width spaces become plain spaces or nothing, a tab four spaces,
  full-width digits and Latin letters ASCII ones (２０２７年 → 2027年);
* quoted lines: a reply of its own words above a quote is the letter and the quote
  (the other side's words) is dropped; a short note above a quote only passes it on,
  so the quote, unquoted, is the letter;
* a forward marker: what follows it (its header fields kept) is the letter, the
  forwarder's note above it is dropped; a reply marker ("-----Original Message-----",
  "Am … schrieb …:", or an earlier message under a subject "RE: …") ends the letter
  unless the text above it is only a short note;
* page numbers and running headers repeated beside them are dropped;
* a hard-wrapped paragraph is joined again: a line that fills the block's width and
  ends in mid-sentence runs on into the next, and a word hyphenated at the line end
  is whole again ("Partner-/schaft" → "Partnerschaft", "Baden-/Württemberg" keeps
  its hyphen).

Structure only: no place, sector or sender is read here.
"""

from __future__ import annotations

import re

from features.names.script import phrase_pattern
from features.text.letter_phrases import (
    CLOSINGS,
    LINE_CLOSINGS,
    SALUTATIONS,
    SENDER_FIELDS,
)

__all__ = ["unwrap_letter"]

_SPACES = re.compile(r"[\u00a0\u2007\u202f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# full-width digits and Latin letters (２０２７年, ＡＢＣ) as the ASCII ones they are
_HALF_WIDTH = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF20: 0x40,
}
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_QUOTED = re.compile(r"^[ \t]*>")
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+")

_FORWARD_WORDS = (
    r"forwarded message|forwarded by|weitergeleitete nachricht|message transféré|"
    r"message transfere|mensaje reenviado|messaggio inoltrato|thư chuyển tiếp|"
    r"tin nhắn đã chuyển tiếp|chuyển tiếp|転送メッセージ|転送|转发的邮件|转发邮件|"
    r"转发|轉寄|전달된 메시지|전달 메시지"
)
_FORWARD = re.compile(
    rf"^\s*(?:[-=_*]{{2,}}\s*(?:{_FORWARD_WORDS})\s*[-=_*:]*|"
    r"begin forwarded message:?|anfang der weitergeleiteten nachricht:?|"
    r"début du message réexpédié\s*:?)\s*$",
    re.IGNORECASE,
)
_ORIGINAL = re.compile(
    r"^\s*[-=_*]{2,}\s*(?:original message|ursprüngliche nachricht|"
    r"original-nachricht|message d'origine|message d’origine|mensaje original|"
    r"thư gốc|元のメッセージ|原始邮件|原始郵件|원본 메시지|원래 메시지)\s*[-=_*]*\s*$",
    re.IGNORECASE,
)
_WROTE = re.compile(
    r"^\s*(?:on .{5,160}\bwrote:|am .{5,160}\bschrieb .{1,120}:|"
    r"le .{5,160}\ba écrit ?:|vào .{5,160}\bđã viết:|在.{5,160}写道[：:]|"
    r".{3,160}さんは書きました[：:]?|.{3,160}\bwrote:|.{3,160}님이 작성:)\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*[_─]{10,}\s*$")
# A line drawn of one mark ("━━━━", "=====", "・・・"): a separator, never prose.
_SEPARATOR = re.compile(r"^\s*([-_=─━═~*#・.])\1{4,}\s*$")
# The sender's header field (:data:`SENDER_FIELDS`; Korean clients also write
# "보낸사람" without its space).
_FROM_FIELD = re.compile(
    r"^\s*(?:"
    + "|".join(
        re.escape(f).replace(r"\ ", r"\s?" if _HANGUL.match(f) else r"\ ")
        for f in SENDER_FIELDS
    )
    + r")\s*[:：]",
    re.IGNORECASE,
)
_SUBJECT_FIELD = re.compile(
    r"^\s*(?:subject|betreff|objet|asunto|chủ đề|tiêu đề|件名|主题|主旨|제목)\s*[:：]"
    r"\s*(.*)$",
    re.IGNORECASE,
)
_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:\[?(?:fwd?|wg|tr|rv|enc|i|転送|转发|전달)\]?\s*[:：])", re.IGNORECASE
)
_REPLY_SUBJECT = re.compile(
    r"^\s*(?:\[?(?:re|aw|antw|sv|r|回复|回覆|답장)\]?\s*[:：])", re.IGNORECASE
)

_PAGE_MARK = (
    r"(?:[-–—]\s*\d{1,3}\s*[-–—]|[－]\s*[０-９\d]{1,3}\s*[－]|\d{1,3}\s*/\s*\d{1,3}|"
    r"(?:page|seite|página|pagina|trang)\s+\d{1,3}(?:\s*(?:of|von|sur|de|/|trên)"
    r"\s*\d{1,3})?|[\d０-９]{1,3}\s*(?:ページ|页|쪽)|第\s*[\d０-９]{1,3}\s*[页頁]"
    r"(?:\s*[,，]?\s*共\s*[\d０-９]{1,3}\s*[页頁])?)"
)
_PAGE = re.compile(rf"^\s*{_PAGE_MARK}\s*$", re.IGNORECASE)
_PAGE_TAIL = re.compile(rf"(?:\s*[|·•–]\s*|\s{{3,}}){_PAGE_MARK}\s*$", re.IGNORECASE)
_FOOTER_LINES = 4  # a page's footer or running header is a short block
_SENTENCE_END = re.compile(r"(?:[.!?:;。！？：；…]['\"’”」』)）]*|[\]】])\s*$")
_LIST_ITEM = re.compile(
    r"^\s*(?:[-–—•·*▪◦○●■□※►→]|[(（]?[0-9０-９]{1,2}[.)．）、]|\(?[a-zA-Z][.)]\s|"
    r"[①-⑳]|[0-9０-９]{1,2}\u3000|[가-힣][.)]\s|[一二三四五六七八九十]+[、.．])"
)
_COLUMNS = re.compile(r"\S {3,}\S")
_HEADER_FIELD = re.compile(r"^\s*[\w .-]{1,24}\s*[:：]\s*\S")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_GREETINGS = phrase_pattern([*SALUTATIONS, *CLOSINGS, *LINE_CLOSINGS], kind="statement")
_GREETING = re.compile(r"^\s*(?:" + _GREETINGS.pattern + r")", re.IGNORECASE)
_OPENING = re.compile(
    r"^\s*(?:" + phrase_pattern(SALUTATIONS, kind="statement").pattern + r")",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^\s*(?:" + phrase_pattern(CLOSINGS, kind="statement").pattern + r")",
    re.IGNORECASE,
)
_MIN_WORDS = 30  # a note shorter than this only passes a letter on
_SLACK = 15  # a wrapped Latin line ends at most this many characters short of the width
_FONT_SLACK = 3  # a PDF's proportional font may wrap a short word this much early
_LAYOUT_INDENT = 6  # a line indented more is placed (a signature, a date), not wrapped


def _words(lines: list[str]) -> int:
    """Words of a writer's own, header fields left out (CJK characters count half)."""
    text = " ".join(x for x in lines if not _HEADER_FIELD.match(x))
    return len(re.findall(r"[^\W\d_]{2,}", text)) + len(_CJK.findall(text)) // 2


def _unquote(lines: list[str]) -> list[str]:
    """A reply above a quote keeps its own lines; a short note above one passes the
    quote on, which is then the letter (module doc)."""
    quoted = [i for i, line in enumerate(lines) if _QUOTED.match(line)]
    if not quoted:
        return lines
    own = [x for x in lines if not _QUOTED.match(x) and not _WROTE.match(x)]
    if _words(own) >= _MIN_WORDS:
        return own
    return [_QUOTE_MARKS.sub("", line) for line in lines[quoted[0] :]]


def _marker(lines: list[str], i: int) -> str | None:
    """What the line ``i`` opens: a ``forward``, a ``reply``'s quoted original, an
    earlier ``message`` of either kind, or nothing."""
    line = lines[i]
    if _FORWARD.match(line):
        return "forward"
    if _WROTE.match(line):
        return "reply"
    after = [x for x in lines[i + 1 : i + 9] if x.strip()]
    if not (
        _ORIGINAL.match(line)
        or (_RULE.match(line) and after and _FROM_FIELD.match(after[0]))
    ):
        return None
    subject = _subject(after)
    if _FORWARD_SUBJECT.match(subject):
        return "forward"
    return "reply" if _REPLY_SUBJECT.match(subject) else "message"


def _subject(lines: list[str]) -> str:
    """The value of the first subject field among the lines, or ""."""
    return next((m.group(1) for x in lines if (m := _SUBJECT_FIELD.match(x))), "")


def _chain(lines: list[str]) -> list[str]:
    """The letter of a forward or reply chain (module doc); an earlier message below
    a long text of its own is kept with it, as it is unclear which one is the letter."""
    for i in range(len(lines)):
        kind = _marker(lines, i)
        if kind is None:
            continue
        own = _words(lines[:i]) >= _MIN_WORDS
        replies = _REPLY_SUBJECT.match(_subject(lines[:i]))  # "Tiêu đề: RE: …"
        if own and (kind == "reply" or kind == "message" and replies):
            return lines[:i]  # the quoted original, however short, is not the letter
        if _words(lines[i + 1 :]) < _MIN_WORDS:
            continue
        if kind == "message" and own:
            return lines
        below = lines[i + 1 :]
        return _chain(_transmission_dropped(below) if kind == "forward" else below)
    return lines


def _transmission_dropped(lines: list[str]) -> list[str]:
    """A forwarded message whose body is a letter with its own letterhead, without
    the e-mail's header fields: placed above the letterhead they would end it. An
    e-mail that opens with its salutation keeps them (its sender, its subject)."""
    first = next(
        (i for i, x in enumerate(lines) if x.strip() and not _HEADER_FIELD.match(x)),
        len(lines),
    )
    if _OPENING.match(lines[first] if first < len(lines) else ""):
        return lines
    # above the first other line there are only header fields and blank lines
    return [x for i, x in enumerate(lines) if i >= first or not x.strip()]


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each run of non-blank lines."""
    out, start = [], None
    for i, line in enumerate([*lines, ""]):
        if line.strip() and start is None:
            start = i
        elif not line.strip() and start is not None:
            out.append((start, i))
            start = None
    return out


def _drop_page_furniture(lines: list[str]) -> tuple[list[str], list[str]]:
    """Page numbers dropped; a page's footer moved once to the end and its running
    header dropped, so the paragraph a page break cut runs on (module doc). The
    first page's head stays where it is: it is the letterhead."""
    blocks = _blocks(lines)
    zone: set[int] = set()
    for n, (start, end) in enumerate(blocks):
        marks = [
            i
            for i in range(start, end)
            if _PAGE.match(lines[i]) or _PAGE_TAIL.search(lines[i])
        ]
        if not marks or n == 0:
            continue
        if end - start <= _FOOTER_LINES:
            zone.update(range(start, end))
        for i in marks:
            rule = next(
                (
                    j
                    for j in range(i, max(start, i - 3) - 1, -1)
                    if _RULE.match(lines[j])
                ),
                i,
            )
            zone.update(range(rule, i + 1))
        if n + 1 < len(blocks):
            s2, e2 = blocks[n + 1]
            earlier = {_PAGE_TAIL.sub("", x).strip() for x in lines[:start]}
            if e2 - s2 <= _FOOTER_LINES and all(
                _PAGE_TAIL.sub("", x).strip() in earlier or _PAGE.match(x)
                for x in lines[s2:e2]
            ):
                zone.update(range(s2, e2))
    head = blocks[0] if blocks else (0, 0)
    lines = [
        _PAGE_TAIL.sub("", x) if head[0] <= i < head[1] else x
        for i, x in enumerate(lines)
    ]
    if not zone:
        return lines, []
    seen = {x.strip() for i, x in enumerate(lines) if i not in zone}
    kept: list[str] = []
    footer: list[str] = []
    breaks: list[int] = []  # where in ``kept`` a zone was cut out
    for i, line in enumerate(lines):
        if i not in zone:
            kept.append(line)
            continue
        if i - 1 not in zone:
            breaks.append(len(kept))
        rest = _PAGE_TAIL.sub("", line).strip()
        if rest and not _PAGE.match(line) and not _RULE.match(line):
            if rest not in footer and rest not in seen:
                footer.append(rest)
    for at in reversed(breaks):
        before = at
        while before > 0 and not kept[before - 1].strip():
            before -= 1
        after = at
        while after < len(kept) and not kept[after].strip():
            after += 1
        if 0 < before and after < len(kept):
            cut = not _SENTENCE_END.search(kept[before - 1])
            kept[before:after] = [] if cut else [""]
    return kept, footer


def _wrap_width(lines: list[str], cjk: bool) -> int:
    """The width a text was hard-wrapped at: the longest line of its script that at
    least three lines come close to, with at most two lines (a URL) running over
    it; else 0 (a text of long unwrapped paragraphs has no such width)."""
    sizes = sorted(
        (len(x.rstrip()) for x in lines if len(x.strip()) >= (10 if cjk else 20)
         and _cjk_line(x) == cjk),
        reverse=True,
    )  # fmt: skip
    slack = 2 if cjk else _SLACK
    close = (n for n in sizes[:3] if sum(n - slack <= m <= n for m in sizes) >= 3)
    return next(close, 0)


def _runs_on(line: str, nxt: str, widths: tuple[int, int], body: bool) -> bool:
    """Whether ``line`` was cut by a hard wrap in the sentence ``nxt`` goes on with:
    it is as long as the text's wrap width allows and ``nxt``'s first word would not
    have fitted on it."""
    head, tail = line.rstrip(), nxt.strip()
    if not tail or _SENTENCE_END.search(head) or _LIST_ITEM.match(nxt):
        return False
    if _SEPARATOR.match(head) or _SEPARATOR.match(tail):
        return False
    if _cjk_line(head) != _cjk_line(tail):  # a script changes: another line
        return False
    if len(head) - len(head.lstrip()) >= _LAYOUT_INDENT or head.strip().isupper():
        return False
    if _COLUMNS.search(head.strip()) or _COLUMNS.search(tail) or tail.isupper():
        return False
    hyphenated = bool(re.search(r"[^\W\d_]-$", head)) and tail[:1].islower()
    if _HEADER_FIELD.match(tail):
        return False
    if _GREETING.match(head) or _GREETING.match(tail):
        return False
    cjk = _cjk_line(head)
    width = widths[cjk]
    if not width or len(head) > width:
        return False
    if cjk:
        return body and len(head) >= width - 2 and _cjk_line(tail)
    first = tail.split()[0]
    if hyphenated:  # a subject line may break a word early
        return len(head) >= width - _SLACK or bool(_HEADER_FIELD.match(head))
    # a proportional font wraps a few characters early
    fits = len(head) + 1 + len(first) <= width - _FONT_SLACK
    return body and len(head) >= width - _SLACK and not fits


def _join(line: str, nxt: str) -> str:
    head, tail = line.rstrip(), nxt.strip()
    if re.search(r"[^\W\d_]-$", head) and tail[:1].isalpha():
        return head[:-1] + tail if tail[:1].islower() else head + tail
    if _cjk_line(head) and _cjk_line(tail):
        hangul = _HANGUL.match(head[-1]) or _HANGUL.match(tail[0])
        return f"{head} {tail}" if hangul else head + tail
    return f"{head} {tail}"


def _cjk_line(line: str) -> bool:
    """A line written in Chinese, Japanese or Korean (a third of it or more)."""
    return len(_CJK.findall(line)) * 3 >= len(line.strip()) > 0


def _body_span(lines: list[str]) -> tuple[int, int]:
    """The lines between the salutation (else the first block) and the closing:
    only there may a line run on before a capital, never in a letterhead, an
    address or a signature."""
    opening = next((i for i, x in enumerate(lines) if _OPENING.match(x)), None)
    if opening is None:
        opening = next((i for i, x in enumerate(lines) if not x.strip() and i), 0)
    closing = next(
        (i for i in range(len(lines) - 1, opening, -1) if _CLOSING.match(lines[i])),
        len(lines),
    )
    return opening, closing


def _reflow(lines: list[str]) -> list[str]:
    """Hard-wrapped paragraphs joined into one line each (module doc); outside the
    body only a word hyphenated at the line end is joined."""
    widths = (_wrap_width(lines, cjk=False), _wrap_width(lines, cjk=True))
    if not any(widths):
        return lines
    start, end = _body_span(lines)
    out: list[str] = []
    previous = ""
    for i, line in enumerate(lines):
        body = start < i < end
        if out and previous.strip() and _runs_on(previous, line, widths, body):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
        previous = line
    return out


def unwrap_letter(text: str) -> str:
    """``text`` (NFC, ``\\n`` line ends) without its channel's traces (module doc)."""
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text)).replace("\t", "    ")
    text = text.translate(_HALF_WIDTH)
    lines = _chain(_unquote(text.replace("\f", "\n").split("\n")))
    body, footer = _drop_page_furniture(lines)
    return "\n".join([*_reflow(body), *([""] + footer if footer else [])])
