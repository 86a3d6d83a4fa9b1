"""Folding of place names into comparable keys (diacritics, case, punctuation)."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold",
    "compact_key",
    "phonetic_key",
    "nfc",
    "strip_affixes",
    "ORDINAL_DISTRICT",
    "district_form",
]

_SPECIAL = str.maketrans(
    {
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ʻ": "",
        "ʼ": "",
        "’": "",
        "'": "",
        "`": "",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)

# Words that qualify a name's administrative type rather than identify it, in the
# languages officers write. Matched as whole words at either end of a folded name.
_LEVEL_WORDS: dict[str, str | None] = {
    "province": "admin1",
    "provincia": "admin1",
    "provinz": "admin1",
    "tinh": "admin1",
    "prefecture": "admin1",
    "ken": "admin1",
    "state": "admin1",
    "oblast": "admin1",
    "krai": "admin1",
    "region": "admin1",
    "regione": "admin1",
    "autonomous region": "admin1",
    "special self governing province": "admin1",
    "special self governing city": "admin1",
    "special autonomous region": "admin1",
    "special administrative region": "admin1",
    "metropolitan city": "admin1",
    "zhuang autonomous region": "admin1",
    "governorate": "admin1",
    "land": "admin1",
    "bundesland": "admin1",
    "departement": "admin2",
    "department": "admin2",
    "county": "admin2",
    "city": "city",
    "thanh pho": "city",
    "tp": "city",
    "ville de": "city",
    "ville": "city",
    "stadt": "city",
    "shi": "city",
    "si": "city",
    "municipality": "city",
    "commune": "city",
    "town": "city",
    "thi xa": "city",
    "huyen": None,
    "district": None,
}
_AFFIX_RE = re.compile(
    r"^(?:(?P<pre>"
    + "|".join(sorted((re.escape(w) for w in _LEVEL_WORDS), key=len, reverse=True))
    + r")\s+)+|(?:\s+(?P<suf>"
    + "|".join(sorted((re.escape(w) for w in _LEVEL_WORDS), key=len, reverse=True))
    + r"))+$"
)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC, the form every stored text uses."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Lowercase, drop diacritics (đ → d), turn punctuation into single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_SPECIAL).lower()
    return _NON_WORD.sub(" ", text).replace("_", " ").strip()


def compact_key(text: str) -> str:
    """Folded name without spaces: "Hồ Chí Minh" and "Hochiminh" share a key."""
    return fold(text).replace(" ", "")


_PHONETIC_RULES = (
    ("ph", "f"),
    ("kh", "k"),
    ("gh", "g"),
    ("ch", "c"),
    ("x", "s"),
    ("z", "s"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("ea", "ia"),
    ("ou", "u"),
    ("oo", "u"),
    ("h", ""),
)


def phonetic_key(text: str) -> str:
    """A coarse sound key so Vietnamese spellings meet romanised ones.

    "Chăm-pa-xắc" and "Champasak" share a key, as do "Xiêm Riệp" and "Siem Reap".
    """
    key = compact_key(text)
    for old, new in _PHONETIC_RULES:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def strip_affixes(folded: str) -> tuple[str, str | None]:
    """Remove type words ("tinh", "prefecture", "oblast", "city" …) from a folded name.

    Returns the core name and the administrative level the words imply, if any.
    The name is returned unchanged when stripping would leave nothing.
    """
    level: str | None = None
    core = folded
    while True:
        match = _AFFIX_RE.search(core)
        if not match or match.end() - match.start() == 0:
            break
        word = (match.group("pre") or match.group("suf") or "").strip()
        stripped = (core[: match.start()] + " " + core[match.end() :]).strip()
        if not stripped:
            break
        level = level or _LEVEL_WORDS.get(word)
        core = stripped
    return core, level


# A city district written by its number ("13e arrondissement de Paris", "Mairie
# du 1er arrondissement de Lyon"): group 1 the number, group 2 the city.
ORDINAL_DISTRICT = re.compile(
    r"\b(\d{1,2})\s*(?:e|ème|eme|er|re)\s+arrondissement\s+(?:de\s+|du\s+|d['’])?"
    r"([^\W\d_][\w'’-]*(?:[ -][^\W\d_][\w'’-]*){0,2})",
    re.IGNORECASE,
)


def district_form(text: str) -> str | None:
    """The catalog's form of a numbered city district ("13e arrondissement de Paris"
    → "Paris 13e Arrondissement", as GeoNames names it), or None for another name."""
    m = ORDINAL_DISTRICT.search(text)
    if m is None:
        return None
    number = int(m.group(1))
    return f"{m.group(2)} {number}{'er' if number == 1 else 'e'} Arrondissement"
