"""Countries by ISO 3166-1 code, or by name in English, Vietnamese and the languages
letters arrive in (names from CLDR through Babel, and from ISO 3166-1 via iso-codes)."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from babel import Locale
from rapidfuzz import fuzz, process

from features.errors import UnknownCountryError
from features.names.folding import compact_key

__all__ = ["resolve_country", "country_name", "country_name_vi", "NAME_LANGUAGES"]

NAME_LANGUAGES = ("vi", "en", "fr", "de", "ja", "zh", "ko", "ru", "es", "it")

# Forms in everyday use that the ISO names lack (the ISO names stay the reference).
_COMMON = {
    "UK": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Britain": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "Korea": "KR",
    "North Korea": "KP",
    "Laos": "LA",
    "Taiwan": "TW",
    "Vietnam": "VN",
    "Czech Republic": "CZ",
    "Iran": "IR",
    "Syria": "SY",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Turkey": "TR",
    "Ivory Coast": "CI",
    "Macau": "MO",
    "Hong Kong": "HK",
}


@cache
def _vi() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["vi"])


@cache
def _index() -> dict[str, str]:
    """Compact key → alpha-2 over English, official, common and Vietnamese names."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        forms = [c.name, getattr(c, "official_name", ""), getattr(c, "common_name", "")]
        forms.append(_vi().gettext(c.name))
        forms.extend(
            Locale(lang).territories.get(c.alpha_2, "") for lang in NAME_LANGUAGES
        )
        for form in forms:
            if form:
                index.setdefault(compact_key(form), c.alpha_2)
                if ", " in form:  # "Korea, Republic of" is written "Republic of Korea"
                    head, tail = form.split(", ", 1)
                    index.setdefault(compact_key(f"{tail} {head}"), c.alpha_2)
                # "Hoà Lan" is also written "Hà Lan"; "Cộng hoà ..." prefixes dropped.
                vi = compact_key(form)
                for prefix in ("conghoa", "vuongquoc", "nhanuoc", "lienbang"):
                    if vi.startswith(prefix) and len(vi) > len(prefix) + 2:
                        index.setdefault(vi[len(prefix) :], c.alpha_2)
    for name, code in _COMMON.items():
        index.setdefault(compact_key(name), code)
    return index


def resolve_country(text: str) -> str:
    """ISO alpha-2 code of a country given by code, English or Vietnamese name.

    A misspelt name resolves when one country is clearly closest; otherwise
    :class:`UnknownCountryError` suggests up to three distinct countries, closest first.
    """
    raw = text.strip()
    if "," in raw:
        try:
            return resolve_country(raw.rsplit(",", 1)[1])
        except UnknownCountryError:
            pass
    if (len(raw) == 2 or (len(raw) == 3 and raw.isupper())) and raw.isalpha():
        found = pycountry.countries.get(alpha_2=raw.upper()) or pycountry.countries.get(
            alpha_3=raw.upper()
        )
        if found:
            return found.alpha_2
    key = compact_key(raw)
    index = _index()
    if key in index:
        return index[key]
    closest: dict[str, float] = {}
    for k, score, _ in process.extract(key, list(index), scorer=fuzz.ratio, limit=20):
        closest.setdefault(index[k], score)
    best = list(closest.items())[:3]
    if best and best[0][1] >= 85 and (len(best) < 2 or best[1][1] < best[0][1] - 3):
        return best[0][0]
    raise UnknownCountryError(text, [country_name(code) for code, _ in best])


def country_name(code: str) -> str:
    """English short name of an ISO alpha-2 country."""
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or found.name if found else code


def country_name_vi(code: str) -> str:
    """Vietnamese name of an ISO alpha-2 country (CLDR)."""
    return Locale("vi").territories.get(code, code)
