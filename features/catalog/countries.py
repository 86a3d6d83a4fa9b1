"""Countries by ISO 3166-1 code, or by name in English, Vietnamese and the languages
letters arrive in (names from CLDR through Babel, and from ISO 3166-1 via iso-codes)."""

from __future__ import annotations

import gettext
import re
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages
from rapidfuzz import fuzz, process

from features.errors import UnknownCountryError
from features.names.folding import compact_key, fold

__all__ = [
    "resolve_country",
    "exact_country",
    "country_name",
    "country_name_vi",
    "NAME_LANGUAGES",
]

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
def _iso_names(lang: str) -> gettext.NullTranslations:
    """The ISO 3166-1 names in ``lang`` (iso-codes), or the English ones."""
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
    )


def _own_names(country) -> list[str]:
    """A country's names in its own official languages (CLDR: "Монгол", "ไทย";
    iso-codes: "ราชอาณาจักรไทย")."""
    out = []
    for lang in get_official_languages(country.alpha_2, de_facto=True):
        try:
            out.append(Locale.parse(lang).territories.get(country.alpha_2, ""))
        except (ValueError, UnknownLocaleError):
            continue
        names = _iso_names(lang.split("_")[0])
        out.append(names.gettext(country.name))
        if official := getattr(country, "official_name", ""):
            out.append(names.gettext(official))
    return out


# A state word around a country's name in a letterhead ("République libanaise",
# "Монгол Улс", "Royaume du Cambodge"), folded: the name resolves without it.
_STATE_WORDS = re.compile(
    r"^(?:republique|republic|republik|royaume|kingdom|konigreich|state|etat"
    r"|cong hoa|vuong quoc)(?: (?:of the|of|du|de la|de l|des|de|der|d))? "
    r"| (?:улс|republic|state)$"
)


@cache
def _index() -> dict[str, str]:
    """Compact key → alpha-2 over English, official, common and Vietnamese names,
    the ISO names (short and official) in :data:`NAME_LANGUAGES` and each
    country's name in its own official languages."""
    index: dict[str, str] = {}
    for c in pycountry.countries:
        official = getattr(c, "official_name", "")
        forms = [c.name, official, getattr(c, "common_name", "")]
        forms.append(_vi().gettext(c.name))
        forms.extend(
            Locale(lang).territories.get(c.alpha_2, "") for lang in NAME_LANGUAGES
        )
        if official:
            forms.extend(_iso_names(lang).gettext(official) for lang in NAME_LANGUAGES)
        forms.extend(_own_names(c))
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
    bare = compact_key(_STATE_WORDS.sub("", fold(raw).lower()))
    if bare != key and bare in index:  # "Монгол Улс" → Монгол
        return index[bare]
    closest: dict[str, float] = {}
    for k, score, _ in process.extract(key, list(index), scorer=fuzz.ratio, limit=20):
        closest.setdefault(index[k], score)
    best = list(closest.items())[:3]
    if best and best[0][1] >= 85 and (len(best) < 2 or best[1][1] < best[0][1] - 3):
        return best[0][0]
    raise UnknownCountryError(text, [country_name(code) for code, _ in best])


def exact_country(text: str) -> str | None:
    """The country a name is, spelt exactly as one of its names (no misspelling
    forgiven: a fragment of text is not a country because it is close to one);
    a CJK or Hangul name may end in 国 or 국 ("蒙古国", "몽골국")."""
    index = _index()
    key = compact_key(text)
    if key in index:
        return index[key]
    if text.endswith(("国", "國", "국")) and len(key) > 2:
        return index.get(compact_key(text[:-1]))
    return None


def country_name(code: str) -> str:
    """English short name of an ISO alpha-2 country."""
    found = pycountry.countries.get(alpha_2=code)
    return getattr(found, "common_name", None) or found.name if found else code


def country_name_vi(code: str) -> str:
    """Vietnamese name of an ISO alpha-2 country (CLDR)."""
    return Locale("vi").territories.get(code, code)
