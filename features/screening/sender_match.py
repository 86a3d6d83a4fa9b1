"""The catalog unit a sender writes with its type word: a match of a level it can be.

"Landkreis Görlitz" is the Kreis, not the city; "静岡県" is catalogued as 静岡,
"통영시" as Tongyeong and "寿光市" as Shouguang (the Latin reading of a Hangul or Han
name); a unit whose name the catalog cannot read ("ΠΕΡΙΦΕΡΕΙΑ ΚΡΗΤΗΣ") is the unit
of its level the sender's address names ("Héraklion, Crète – Grèce").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from features.catalog.countries import resolve_country
from features.errors import UnknownCountryError
from features.names.resolver import Candidate
from features.names.script import romanise_hangul, romanise_hanzi
from features.names.transcription import latin_reading, sound_key, sound_similarity
from features.screening.sender_unit import (
    ROMANISED_UNIT,
    WIDE_TYPE_ENDING,
    level_fit,
    script_country,
    written_level,
)

__all__ = [
    "SENDER_MIN_SCORE",
    "resolve_fit",
    "unit_in_address",
    "readable_name",
    "is_country",
    "sound_alike",
]

SENDER_MIN_SCORE = 0.85
# A foreign name written by ear in kana or Hangul and matched by its sound
# (:mod:`features.names.transcription`): likely, never sure, so it scores the
# least a sender match needs; the skeletons must be this alike, and the next
# place of the country clearly less so.
SOUND_SCORE = SENDER_MIN_SCORE
SOUND_MIN_SIMILARITY = 0.75
SOUND_MARGIN = 0.15
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANZI = re.compile(r"[\u4e00-\u9fff]{2,}")
# Scripts the catalog's names are read in: Latin, kana and Han, Hangul.
_READABLE = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff\u3040-\u9fff\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")
# The pieces of an address line ("Héraklion, Crète – Grèce").
_ADDRESS_BREAK = re.compile(r"\s*[,;·|/–—]\s*|\s+-\s+")


# The catalog levels a written type word prefers, best first.
_LEVEL_ORDER = {
    "admin1": ("admin1", "admin2"),
    "admin2": ("admin2", "admin1", "city"),
    "city": ("city", "admin2", "admin1"),
    "town": ("city",),
}


def resolve_fit(resolver, name: str, country: str | None, written: str | None):
    """The best foreign candidate (score ≥ 0.85) whose level can be the unit
    written (:func:`~features.screening.sender_unit.level_fit`), with that fit;
    when the country guessed holds none, the sure matches (score ≥ 0.95) the
    catalog holds anywhere, if all are in one country (a guess read off a moved
    footer, or off the kana a Japanese letter writes a foreign name in, may be
    wrong: サマルカンド州 is Samarkand's region)."""
    fitting = _fitting(resolver, name, country, written)
    if not fitting and country is not None:
        anywhere = [
            cf
            for cf in _fitting(resolver, name, None, written, romanise=False)
            if cf[0].score >= 0.95
        ]
        if len({c.country for c, _ in anywhere}) == 1:  # a city and its region
            fitting = anywhere
    if not fitting:
        return None
    # the level written first ("Ayuntamiento de Valencia" is the city, not the
    # region), then the resolver's order
    order = _LEVEL_ORDER.get(written or "", ())
    return min(
        fitting,
        key=lambda cf: order.index(cf[0].level) if cf[0].level in order else 9,
    )


def _fitting(
    resolver, name: str, country: str | None, written: str | None, romanise=True
):
    """The foreign candidates (score ≥ 0.85) of a level that can be the unit
    written, each with its fit, in the resolver's order; ``romanise``: also by the
    Latin reading of a Hangul or Han name (in the country the letter shows)."""
    try:
        found = resolver.resolve(name, country=country, limit=10)
    except UnknownCountryError:
        found = resolver.resolve(name, limit=10)
    core = WIDE_TYPE_ENDING.sub("", name)
    if (romanised := ROMANISED_UNIT.fullmatch(name)) is not None:
        core = romanised.group(1)  # "Hwasun-gun" is catalogued as Hwasun
    close = [c for c in found if c.score >= SENDER_MIN_SCORE]
    if not close and core != name and len(core) >= 2:  # 静岡県 is catalogued as 静岡
        found = [c for c in resolver.resolve(core, limit=10) if c.score >= 0.95]
    korean = country in (None, "KR") and _HANGUL.search(core) and len(core) >= 2
    if romanise and not found and korean:
        # a Korean unit the catalog holds only in Latin letters ("통영시": Tongyeong)
        latin = romanise_hangul(core)
        found = [c for c in resolver.resolve(latin, country="KR", limit=10)
                 if c.score >= 0.95]  # fmt: skip
    script = script_country(core)  # a kana or Hangul name of another country
    by_ear = script is not None and country not in (None, script)
    if romanise and not found and by_ear:
        # a foreign place written by ear ("ウムヌゴビ県" in Mongolia): Ömnögovi
        found = sound_alike(resolver, core, country, written)
    chinese = country in (None, "CN", "TW") and _HANZI.fullmatch(core)
    if romanise and not found and chinese:
        # a Chinese town the catalog holds only in Latin letters ("寿光市": Shouguang;
        # a Japanese letter shows its country in kana, so None here is not Japan)
        latin = romanise_hanzi(core)
        found = [c for c in resolver.resolve(latin, country=country, limit=10)
                 if c.score >= 0.95 and c.country in ("CN", "TW")]  # fmt: skip
    return [
        (c, fit)
        for c in found
        if c.country != "VN"
        and c.score >= SENDER_MIN_SCORE
        and (fit := level_fit(written, c.level)) is not None
    ]


@cache
def _sound_keys(resolver, country: str) -> tuple[tuple[str, str, str], ...]:
    """(id, Latin name, skeleton) of a country's places, type words dropped
    ("Selenge Province" is heard as Selenge)."""
    catalog = resolver.catalog
    places = {loc.id: loc for loc in catalog.localities if loc.country == country}
    forms = {(loc.id, form) for loc in places.values()
             for form in (loc.name, loc.name_en) if form}  # fmt: skip
    forms |= {(n.locality_id, n.name) for n in catalog.names if n.locality_id in places}
    out = []
    for lid, form in sorted(forms):  # in a set's order the kept form would vary
        words = [w for w in form.split() if written_level(w) is None]
        key = sound_key(" ".join(words))
        if len(key) >= 3:
            out.append((lid, form, key))
    return tuple(out)


def sound_alike(
    resolver, written: str, country: str, level: str | None = None
) -> list[Candidate]:
    """The places of ``country`` whose Latin name sounds most like a kana or Hangul
    name, of a level that can be the unit written: skeletons at least
    :data:`SOUND_MIN_SIMILARITY` alike and every other place :data:`SOUND_MARGIN`
    less (namesakes, a region and its city, tie), scored :data:`SOUND_SCORE`."""
    latin = latin_reading(written)
    key = sound_key(latin) if latin else ""
    if len(key) < 3:
        return []
    best: dict[str, tuple[float, str]] = {}
    for lid, form, other in _sound_keys(resolver, country):
        similarity = sound_similarity(key, other)
        if similarity > best.get(lid, (0.0, ""))[0]:
            best[lid] = (similarity, form)
    rows = {lid: resolver.catalog.get(lid) for lid in best}
    scored = [(sim, form, rows[lid]) for lid, (sim, form) in best.items()
              if level_fit(level, rows[lid].level) is not None]  # fmt: skip
    top = max((sim for sim, _, _ in scored), default=0.0)
    if top < SOUND_MIN_SIMILARITY:
        return []
    tied = [(form, row) for sim, form, row in scored if sim == top]
    if any(top - SOUND_MARGIN < sim < top for sim, _, _ in scored) or not (
        len(tied) == 1 or len(tied) == 2 and _one_unit(*(row for _, row in tied))
    ):
        return []
    return [Candidate(row.id, row.name, row.country, row.level, SOUND_SCORE, form,
                      "sound") for form, row in tied]  # fmt: skip


def _one_unit(a, b) -> bool:
    """Whether two places are one unit twice: a region and its same-sounding
    seat (Kyzylorda in Qyzylorda oblysy), or the same name at two levels."""
    return a.id == b.parent_id or b.id == a.parent_id or a.name == b.name


def readable_name(name: str) -> bool:
    """Whether a name is written in a script the catalog reads (Latin, CJK,
    Hangul); a Greek, Cyrillic, Thai or Khmer letterhead's is not."""
    letters = _LETTER.findall(name)
    return not letters or any(_READABLE.match(c) for c in letters)


def unit_in_address(resolver, lines: Iterable[str], country: str | None, written: str):
    """The unit of the written level an address names ("Héraklion, Crète – Grèce"
    under "ΠΕΡΙΦΕΡΕΙΑ ΚΡΗΤΗΣ": Crète, a region, not its seat city): the first
    piece of a line whose sure match (score ≥ 0.95) is of that very level; a
    country's name is no such piece."""
    for line in lines:
        for piece in _ADDRESS_BREAK.split(line.strip()):
            if len(piece) < 3 or is_country(piece):
                continue
            found = resolve_fit(resolver, piece, country, written)
            if (
                found is not None
                and found[0].score >= 0.95
                and (found[0].level == written)
            ):
                return found[0]
    return None


def is_country(name: str) -> bool:
    """Whether a name is a country's ("India", "Grèce"), by any name it goes by."""
    try:
        resolve_country(name)
    except UnknownCountryError:
        return False
    return True
