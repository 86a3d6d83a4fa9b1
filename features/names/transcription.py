"""Foreign place names written by ear in kana or Hangul, compared with Latin forms.

A Japanese letter writes Mongolia's Ömnögovi aimag as ウムヌゴビ, a Korean one
Kazakhstan's Kyzylorda as 크즐오르다; the catalog holds such places in Latin
letters only. Both forms are reduced to a consonant skeleton (:func:`sound_key`):
vowels, which kana and Hangul add after every consonant, are dropped, and the
consonants these scripts cannot tell apart fall together (l and r, b and v, the
sibilants, the voiced and voiceless stops).
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from features.names.folding import fold
from features.names.script import romanise_hangul

__all__ = ["latin_reading", "sound_key", "sound_similarity"]

_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Letter groups read as one sound, longest first ("sch", "kh", "ng", "x" = ks).
# "ng" is one sound only before a consonant or at the end ("Hong", not "Selenge").
_GROUPS = re.compile(
    r"sch|tch|sh|ch|zh|ts|tz|dz|dj|kh|gh|ph|th|ck|ng(?![aeiouy])|qu|x|c(?=[eiy])"
)
_GROUP_SOUND = {"kh": "h", "gh": "k", "ph": "p", "th": "t", "ck": "k", "ng": "n",
                "qu": "k", "x": "ks"}  # fmt: skip
# Consonants kana and Hangul write alike fall together; h, y and vowels drop.
_CLASSES = str.maketrans(
    {
        "v": "b",
        "w": "b",
        "f": "p",
        "g": "k",
        "q": "k",
        "c": "k",
        "j": "s",
        "z": "s",
        "l": "r",
        "d": "t",
    }  # fmt: skip
)
_NOT_KEPT = re.compile(r"[^bpkstrmn]")
_REPEAT = re.compile(r"(.)\1+")


def latin_reading(name: str) -> str | None:
    """The Latin letters a kana or Hangul name is read as ("ウムヌゴビ" →
    "umunugobi", "크즐오르다" → "keujeuroreuda"); None for other scripts or a
    name mixing Han characters in (a Japanese or Chinese name is not by ear)."""
    if re.search(r"[\u3400-\u9fff]", name):
        return None
    if _KANA.search(name) and not _HANGUL.search(name):
        import jaconv  # imported on first use: a cold start does not pay for it

        return jaconv.kata2alphabet(jaconv.hira2kata(name)).replace("-", "")
    if _HANGUL.search(name):
        return romanise_hangul(name)
    return None


def sound_key(latin: str) -> str:
    """The consonant skeleton of a name in Latin letters ("Kyzylorda" → "ksrt",
    "keujeuroreuda" → "ksrt", "Ömnögovi" → "mnkb")."""
    text = re.sub(r"[^a-z]", "", fold(latin).lower())
    text = _GROUPS.sub(lambda m: _GROUP_SOUND.get(m.group(), "s"), text)
    text = _NOT_KEPT.sub("", text.translate(_CLASSES))
    return _REPEAT.sub(r"\1", text)


def sound_similarity(a: str, b: str) -> float:
    """How alike two skeletons are, 0 to 1 (1 − normalised edit distance)."""
    return Levenshtein.normalized_similarity(a, b)
