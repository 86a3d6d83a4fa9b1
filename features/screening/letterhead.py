"""The sender a letterhead or signature names, and the words around that name.

A letterhead ("Landkreis Görlitz · Der Landrat", "長野県小布施町役場 企画政策課",
"PROVINCE OF BOHOL") or a signature ("Nordland fylkeskommune", "TM. CHÍNH QUYỀN
HUYỆN XAY, TỈNH OUDOMXAY") names the sender among institution words, titles and
type words (:data:`INSTITUTION_WORDS`): :func:`letterhead_sender` reads it, with
the level its type word means (:mod:`features.screening.sender_unit`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from features.catalog.countries import resolve_country
from features.errors import UnknownCountryError
from features.names.folding import ORDINAL_DISTRICT, compact_key, fold
from features.names.mentions import STOP_WORDS
from features.screening.letter_parts import LetterParts, header_value
from features.screening.sender_unit import (
    MULTI_WORD_TYPES,
    ROMANISED_UNIT,
    leading_country,
    unit_chain,
    written_level,
)
from features.text.letter_phrases import DOCUMENT_WORDS
from features.text.unit_words import (
    NAME_FIRST_TYPES,
    ORGANISATION_FIELDS,
    RECIPIENT_BODIES,
    SENDER_TITLES,
    UNIT_TYPE_WORDS,
)

__all__ = [
    "INSTITUTION_WORDS",
    "SenderHead",
    "name_runs",
    "strip_institution",
    "institution_name",
    "letterhead_sender",
    "own_columns",
]

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# A letter-spaced CJK or Hangul line, one character a token ("수 원 시", "제 주 도").
_SPACED = re.compile(
    r"^\s*[\u3400-\u9fff\uac00-\ud7a3](?:[ \u3000][\u3400-\u9fff\uac00-\ud7a3])+\s*$"
)
# A form's organisation field ("Organization:   Township of …"): group 1 its value.
_ORG_FIELD = re.compile(
    r"^\s*(?:"
    + "|".join(map(re.escape, sorted(ORGANISATION_FIELDS, key=len, reverse=True)))
    + r")(?:\s+name)?\s*[:：]\s*(\S.*)$",
    re.IGNORECASE,
)
# The pieces of a header line ("KakaoTalk | 김해시 국제통상과 박주무관").
_PIECE_BREAK = re.compile(r"\s*[|｜]\s*")
# The columns of a two-column letterhead ("대한민국 ○○시장      베트남 ○○성 …").
_COLUMN_GAP = re.compile(r"\s{3,}|\t+|\u3000{2,}")
# The last piece of an address line ("…, Hanoi, Viet Nam"; "Héraklion – Grèce").
_LAST_PART = re.compile(r"(?:^|[,·|/–—]\s*)([^,·|/–—]+?)\s*$")
# A CJK or Hangul first word ("ベトナム国", "越南"), and the recipient's bodies.
_WIDE_START = re.compile(r"[\u3040-\u9fff\uac00-\ud7a3]")
_RECIPIENT_KEYS = tuple(sorted({fold(b) for b in RECIPIENT_BODIES}))
_RUN_SPAN = re.compile(r"[^,;:·|–—()\n]+")
_SENDER_FIELD = re.compile(
    r"^\s*(?:from|von|de|expéditeur|差出人|发件人)\s*[:：]", re.I
)
_LATIN_TOKEN = re.compile(r"[^\W\d_][\w’']*")
_PARTICLES = frozenset(
    "de du des la le les sur sous lès en am an der im upon on di del".split()
)
# Institution words around a place name in a sender phrase (compared folded).
INSTITUTION_WORDS = frozenset(
    compact_key(w)
    for w in """borough council city town county district government municipality
    provincial prefectural office bureau department international cooperation
    administrative organization organisation metropolitan special autonomous
    relations freistaat freistaates freistaats hansestadt universitätsstadt
    landeshauptstadt stadt landkreis region région province prefecture conseil
    départemental municipal ville commune thủ đô hội đồng thị trấn vùng tỉnh
    thành phố ủy ban communauté service mairie wirtschaftsförderung büro
    referat rathaus office offices amt landesregierung abteilung regierung
    government collège communal conseil council association agency agence
    marktgemeinde gemeinde shire borough canton kanton consulat consulate embassy
    ambassade botschaft konsulat generalkonsulat""".split()
) | frozenset(
    compact_key(w)
    for w in (*DOCUMENT_WORDS, *SENDER_TITLES, *UNIT_TYPE_WORDS["admin1"],
              *UNIT_TYPE_WORDS["admin2"], *UNIT_TYPE_WORDS["city"],
              *UNIT_TYPE_WORDS["town"])
    if " " not in w and not (_CJK.search(w) or _HANGUL.search(w))
)  # fmt: skip


# "… of [the] Name" after an institution ("Provincial Government of Bohol").
_OF_NAME = re.compile(
    r"\s+(?:of|de|du|des|di|der|des)\s+(?:the\s+)?([A-ZÀ-Ý][^,;:·|–—()\n]*)"
)
# An elided particle before a capital ("d'Aoste", "dell'Emilia", "l'Isle").
_ELIDED = re.compile(r"(?:d|l|dell|nell|all|sull)['’][A-ZÀ-Ý]")


def name_runs(segment: str) -> list[str]:
    """Runs of capitalised words (joined by a space or dash, with particles)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _LATIN_TOKEN.finditer(segment)]
    runs, i = [], 0
    while i < len(tokens):
        if not tokens[i][2][0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and segment[tokens[j][1] : tokens[j + 1][0]] in (
            " ",
            "-",
        ):
            nxt = tokens[j + 1][2]
            if nxt[0].isupper() or _ELIDED.match(nxt):  # "Vallée d'Aoste"
                j += 1
            elif (
                nxt.lower() in _PARTICLES
                and j + 2 < len(tokens)
                and segment[tokens[j + 1][1] : tokens[j + 2][0]] in (" ", "-")
                and tokens[j + 2][2][0].isupper()
            ):
                j += 2
            else:
                break
        runs.append(segment[tokens[i][0] : tokens[j][1]])
        i = j + 1
    return runs


def strip_institution(run: str) -> str:
    """A run without institution words at either end ("Port Harrowby Borough Council"
    → "Port Harrowby", "Freistaates Sachsen" → "Sachsen"), nor stop words
    (:data:`~features.names.mentions.STOP_WORDS`) before it."""
    words = run.split(" ")
    generic = INSTITUTION_WORDS | _PARTICLES | {"of", "the"}

    def is_generic(word: str, stop: bool = True) -> bool:  # "Governor's", "Boards"
        key = compact_key(word)
        return (
            key in generic
            or (key.endswith("s") and key[:-1] in generic)
            or (stop and key in STOP_WORDS)
        )

    while words and is_generic(words[0]):
        words = words[1:]
    # a stop word may end a name ("Chiang Mai": "mai" is a French month)
    while words and is_generic(words[-1], stop=False):
        words = words[:-1]
    if words and (m := _ELIDED.match(words[0])):  # "Commune d'Agadir" → "Agadir"
        words[0] = words[0][m.end() - 1 :]
    return " ".join(words)


@dataclass(frozen=True)
class SenderHead:
    """The sender a letterhead or signature names: the name, the level its type
    word means (None without one) and the units written around it (长野県 for
    小布施町)."""

    name: str
    level: str | None = None
    outer: tuple[str, ...] = ()


def _country_code(text: str) -> str | None:
    try:
        return resolve_country(text.strip(" .,;:()[]"))
    except UnknownCountryError:
        return None


def _recipient_column(text: str) -> bool:
    """Whether a letterhead column is the Vietnamese recipient's: it names Vietnam
    as a country ("Viet Nam", "…, Hanoi, Viet Nam", "ベトナム国　フエ市…") or a
    People's Committee in another language (:data:`~features.text.unit_words.
    RECIPIENT_BODIES`); a letter from abroad puts the addressee among its
    letterhead lines."""
    folded = fold(text)
    if any(body in folded for body in _RECIPIENT_KEYS):
        return True
    last = _LAST_PART.search(text.strip())
    first = text.split()[0] if text.split() else ""
    return "VN" in (
        _country_code(text),
        _country_code(last.group(1)) if last else None,
        _country_code(first) if _WIDE_START.match(first) else None,
    )


def own_columns(text: str) -> str:
    """A letterhead or signature line without the recipient's columns
    (:func:`_recipient_column`); empty when the whole line is the recipient's."""
    columns = [c for c in _COLUMN_GAP.split(text) if c.strip()]
    kept = [c for c in columns if not _recipient_column(c)]
    return text if len(kept) == len(columns) else "   ".join(kept)


def _typed_name(text: str) -> SenderHead | None:
    """The first name on a line written with its type word ("Kreis Nordfriesland",
    "Sleman Regency", "Nordland fylkeskommune", "tỉnh Khövsgöl", "CHÍNH QUYỀN
    HUYỆN XAY, TỈNH OUDOMXAY" → "XAY" inside "OUDOMXAY"), or None."""
    if (district := ORDINAL_DISTRICT.search(text)) is not None:
        # "Mairie du 13e arrondissement de Paris": the district, not its city
        return SenderHead(district.group(), "town")
    heads: list[SenderHead] = []
    for m in _RUN_SPAN.finditer(text):
        for run in name_runs(m.group()):
            start = text.find(run, m.start())
            before = text[max(0, start - 20) : start].split()[-2:]
            if fold(" ".join(before)) in MULTI_WORD_TYPES:  # "thành phố Kōbe"
                before = [" ".join(before)]
            before = before[-1:]
            after = text[start + len(run) : start + len(run) + 25].split()[:1]
            words = run.split(" ")
            typed = [i for i, w in enumerate(words) if written_level(w)]
            romanised = ROMANISED_UNIT.search(run)
            if romanised:  # "Hwasun-gun Office": the name with its ending
                name, level = romanised.group(), written_level(romanised.group())
            elif typed:  # the name follows its last type word, or precedes the
                # first; an adjective follows it ("Chiang Mai Provincial …")
                ahead = strip_institution(" ".join(words[: typed[0]]))
                tail = strip_institution(" ".join(words[typed[-1] + 1 :]))
                first = fold(words[typed[0]])
                if (first.endswith("al") or first in NAME_FIRST_TYPES) and ahead:
                    tail = ""  # "Kobe City Waterworks Bureau" → Kobe
                name = tail or ahead
                level = written_level(words[typed[-1] if tail else typed[0]])
                if not name and (of := _OF_NAME.match(text, start + len(run))):
                    name = strip_institution(of.group(1))  # "… Government of Bohol"
            elif (
                before
                and written_level(before[-1])
                or after
                and written_level(after[0])
            ):
                name = strip_institution(run)
                level = written_level(" ".join((*before, *after)))
            else:
                continue
            if len(compact_key(name)) >= 3:
                heads.append(SenderHead(name, level))
    if not heads:
        return None
    return SenderHead(heads[0].name, heads[0].level, tuple(h.name for h in heads[1:]))


def letterhead_sender(letter: LetterParts) -> SenderHead | None:
    """The sender a letterhead or signature names: a name written with its type
    word first ("Kreis Nordfriesland", "長野県小布施町役場" → "小布施町"), else the
    first name in the letterhead ("Ville de Lisière-sur-Aube — Service …" →
    "Lisière-sur-Aube"), institution words removed; else an institution's name in
    the signature; None without one. A name with its type word in the sender's
    address counts after the letterhead's and signature's; a form's organisation
    field ("Organization: …") before all. The recipient's lines and columns among
    them (:func:`own_columns`) are not the sender's."""
    lines = [
        (own_columns(text) if kind in ("letterhead", "signature") else text, kind)
        for text, kind in zip(letter.lines, letter.kinds, strict=True)
    ]
    own = [
        (header_value(text) or text, kind)
        for text, kind in lines
        if kind in ("letterhead", "signature")
        and text.strip()
        and (header_value(text) is None or _SENDER_FIELD.match(text))
    ]
    for text, _ in own:  # a form's organisation field says it outright
        if (field := _ORG_FIELD.match(text)) is not None:
            value = field.group(1)
            head = _wide_name(value) or _typed_name(value) or institution_name(value)
            if head:
                return head
    for text, _ in own:
        head = _wide_name(text) or _typed_name(text)
        if head:
            return head
    # a name written with its type word in the sender's address ("Région Normandie
    # — Abbaye-aux-Dames, …, Caen" under a signature that names a person only)
    for text, kind in lines:
        if kind == "address" and header_value(text) is None:
            head = _typed_name(text)
            if head:
                return head
    for text, kind in lines:
        if kind != "letterhead":
            continue
        value = header_value(text)
        if value is not None:  # "From: …": an office's name, not a person's
            head = institution_name(value)
            if head:
                return head
            continue
        for run in name_runs(text):
            name = strip_institution(run)
            if len(compact_key(name)) >= 4:
                return SenderHead(name, written_level(text))
    for text, kind in lines:
        if kind == "signature":
            head = institution_name(text)
            if head:
                return head
    return None


def _wide_name(text: str) -> SenderHead | None:
    """The innermost unit of the chain a CJK or Hangul line opens with, after
    the country's name if any ("長野県小布施町役場" → "小布施町"; "창원특례시" → the
    city "창원시": a special city is catalogued as a city); a letter-spaced line
    ("수 원 시") is read joined, and a line of pieces ("KakaoTalk | 김해시
    국제통상과 …") piece by piece."""
    if _SPACED.match(text):
        text = "".join(text.split())
    text = leading_country(text)[1]  # "モンゴル国 ウムヌゴビ県知事"
    chain = next(
        (c for piece in (text, *_PIECE_BREAK.split(text)) if (c := unit_chain(piece))),
        None,
    )
    if not chain:
        return None
    name, level = chain[-1]
    return SenderHead(name, level, tuple(n for n, _ in chain[:-1]))


def institution_name(text: str) -> SenderHead | None:
    """A signature line's name of an institution ("Kettle Ridge County" → "Kettle
    Ridge"), not a person's name: the run must hold an institution word."""
    for run in name_runs(text):
        words = {compact_key(w) for w in run.split(" ")}
        name = strip_institution(run)
        if words & INSTITUTION_WORDS and len(compact_key(name)) >= 4:
            return SenderHead(name, written_level(run))
    return None
