"""Kummu et al.'s unit names with broken encoding, joined to catalog units anyway.

Some names in the file are mojibake of three kinds: Latin-1 or Central-European
bytes read as Mac Roman ("G‰vleborg" = Gävleborg, "⁄steck˝ kraj" = Ústecký kraj),
which re-encoding repairs; a lost letter written as U+FFFD read as Mac Roman
("ArdÔøΩche" = Ardèche), which nothing can repair, so the lost letter is matched
as a wildcard of one or two letters; and dropped letters ("Jnkping" = Jönköping),
matched as the catalog name without its non-ASCII letters. Each reading is tried
only when the name as written joins nothing, and only a unique unit is joined. In
Russia, Kazakhstan and Ukraine a Kummu noun may also join the one unit whose ISO
name begins with it (``stem_hits``: "Kursk" → Kurskaya oblast'). Names no rule
can read ("Maga Buryatdan", "NCT of Delhi") are in ``CROSSWALK``, checked by hand.
"""

from __future__ import annotations

import re

from features.names.folding import fold, strip_affixes

__all__ = ["ADJECTIVAL", "BROKEN", "CROSSWALK", "match_unit", "repairs", "stem_hits"]

# Countries whose ISO names are adjectives or genitives of Kummu's nouns ("Kursk"
# is Kurskaya oblast', "Aqmola" is Aqmola oblysy, "Volyn" is Volynska oblast).
ADJECTIVAL = {"RUS", "KAZ", "UKR"}
BROKEN = "ÔøΩ"  # U+FFFD (bytes EF BF BD) read as Mac Roman: the letter is lost
_MARK = "zqxqz"  # stands for the lost letter while the name is folded


def repairs(name: str) -> list[str]:
    """The name read again: Latin-1 or Central-European bytes read as Mac Roman."""
    if name.isascii() or BROKEN in name:
        return []
    try:
        raw = name.encode("mac_roman")
    except UnicodeEncodeError:
        return []
    found = []
    for encoding in ("cp1252", "cp1250"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if text != name and text.isprintable() and text not in found:
            found.append(text)
    return found


def _wildcards(name: str) -> list[re.Pattern]:
    """Folded patterns of a name with lost letters: each one is one or two letters."""
    if BROKEN not in name:
        return []
    folded = fold(name.replace(BROKEN, _MARK))
    forms = {folded, strip_affixes(folded)[0]}
    return [
        re.compile(re.escape(f).replace(_MARK, "[a-z]{1,2}"))
        for f in sorted(forms)
        if len(f.replace(_MARK, "")) >= 3
    ]


def match_unit(
    name: str,
    units: dict[str, set[str]],
    unit_keys,
    ascii_keys: dict[str, set[str]],
) -> tuple[set[str], str]:
    """Catalog units a Kummu name joins, and how: ``as written``, ``re-encoded``,
    ``lost letter`` or ``dropped letters`` (tried in that order while none joins).

    ``units``: id → folded keys of the country's units; ``unit_keys`` makes keys of
    a name; ``ascii_keys``: id → keys of the unit's names without non-ASCII letters.
    """
    keys = unit_keys(name)
    hits = {lid for lid, k in units.items() if keys & k}
    if hits:
        return hits, "as written"
    for text in repairs(name):
        keys = unit_keys(text)
        hits = {lid for lid, k in units.items() if keys & k}
        if hits:
            return hits, "re-encoded"
    patterns = _wildcards(name)
    if patterns:
        hits = {
            lid
            for lid, k in units.items()
            if any(p.fullmatch(key) for p in patterns for key in k)
        }
        return hits, "lost letter"
    if name.isascii():
        keys = unit_keys(name)
        hits = {lid for lid, k in ascii_keys.items() if keys & k}
        return hits, "dropped letters"
    return set(), "as written"


def stem_hits(name: str, units: dict[str, set[str]], unit_keys) -> set[str]:
    """Units whose folded name begins with the name (5 letters or more) and goes
    on ("kursk" → "kurskaya oblast"); for ``ADJECTIVAL`` countries only."""
    keys = {k for k in unit_keys(name) if len(k) >= 5}
    return {
        lid
        for lid, ks in units.items()
        if any(k.startswith(x) and k != x for x in keys for k in ks)
    }


# Kummu names that no rule above can read, each the same unit as the ISO code
# (GADM's spellings and older names, checked by hand against the ISO 3166-2 names
# in pycountry; the GDP ratios agree: Moscow City 2.35, "Moskva" oblast 1.01).
# Grouped units ("Crimea & Sevastopol", "Prachin Buri / Sa Kaeo"), units whose
# territory has changed (South Kazakhstan, NWFP, Papua, Dadra and Nagar Haveli)
# and names we could not place ("Fleri") are not listed.
CROSSWALK = {
    "RUS": {
        "Altay": "RU-ALT",  # Altai Krai; the republic is "Gorno-Altay"
        "City of St. Petersburg": "RU-SPE",
        "Gorno-Altay": "RU-AL",
        "Kabardin-Balkar": "RU-KB",
        "Kamchatka": "RU-KAM",
        "Karachay-Cherkess": "RU-KC",
        "Karelia": "RU-KR",
        "Khakass": "RU-KK",
        "Maga Buryatdan": "RU-MAG",  # GADM's name of Magadan oblast
        "Mordovia": "RU-MO",
        "Moscow City": "RU-MOW",
        "Moskva": "RU-MOS",  # Moscow oblast
        "North Ossetia": "RU-SE",
        "Omsk": "RU-OMS",
        "Orel": "RU-ORL",
        "Penza": "RU-PNZ",
        "Primor'ye": "RU-PRI",
        "Tula": "RU-TUL",
        "Tuva": "RU-TY",
        "Yamal-Nenets": "RU-YAN",
        "Yaroslavl'": "RU-YAR",
        "Zabaykal'ye": "RU-ZAB",
    },
    "THA": {
        "Ang Tong": "TH-15",
        "Bangkok Metropolis": "TH-10",
        "Chian Mai": "TH-50",
        "Kam Phaeng Phet": "TH-62",
        "Phachuap Khiri Khan": "TH-77",
        "Phra Nakhon Sri Ayuthaya": "TH-14",
        "Pratum Thani": "TH-13",
        "Singburi": "TH-17",
    },
    "MEX": {
        "Baja California Norte": "MX-BCN",
        "Coahuila": "MX-COA",
        "Distrito Federal": "MX-CMX",
        "Mexico": "MX-MEX",  # the State of México (the capital is listed apart)
        "Michoacan": "MX-MIC",
        "Veracruz": "MX-VER",
    },
    "UKR": {
        "Chernivtsi": "UA-77",
        "Khmelnytskiy": "UA-68",
        "Kyiv_sub": "UA-32",  # the oblast; the city is "Kyiv_city"
        "Mykolayiv": "UA-48",
        "Odesa": "UA-51",
        "Sumy": "UA-59",
        "Vinnytsya": "UA-05",
        "Zakarpattya": "UA-21",
        "Zaporizhzhya": "UA-23",
    },
    "UZB": {
        "Fergana": "UZ-FA",
        "Kashkadarya": "UZ-QA",
        "Khorezm": "UZ-XO",
        "Surkhandarya": "UZ-SU",
        "Syrdarya": "UZ-SI",
        "Tashkent": "UZ-TO",  # the region
        "Tashkent City": "UZ-TK",
    },
    "IRN": {
        "Chahar Mahall and Bakhtiari": "IR-14",
        "East Azarbaijan": "IR-03",
        "Kohgiluyeh and Buyer Ahmad": "IR-17",
        "North Khorasan": "IR-28",
        "South Khorasan": "IR-29",
        "West Azarbaijan": "IR-04",
    },
    "BLR": {
        "Brest": "BY-BR",
        "Homyel'": "BY-HO",
        "Hrodna": "BY-HR",
        "Mahilyow": "BY-MA",
        "Minsk city": "BY-HM",
        "Minsk oblast": "BY-MI",
        "Vitsyebsk": "BY-VI",
    },
    "KAZ": {"North Kazakhstan": "KZ-59", "West Kazakhstan": "KZ-27"},
    "IND": {"Andaman and Nicobar": "IN-AN", "NCT of Delhi": "IN-DL"},
    "PAK": {"Azad Kashmir Province": "PK-JK", "Northern Areas": "PK-GB"},
    "CHL": {
        "Aysén": "CL-AI",
        "Magallanes and Chilean Antarctica": "CL-MA",
        "O'Higgins": "CL-LI",
        "Santiago Metropolitan Region": "CL-RM",
    },
    "CHN": {
        "Beijing": "CN-BJ",
        "Chongqing": "CN-CQ",
        "Hainan": "CN-HI",
        "Jilin": "CN-JL",
        "Ningxia Hui": "CN-NX",
        "Shaanxi": "CN-SN",
        "Shanghai": "CN-SH",
        "Tianjin": "CN-TJ",
        "Xinjiang Uygur": "CN-XJ",
    },
    "TZA": {"D'Salaam": "TZ-02"},
    "JPN": {"Gumma": "JP-10"},
    "TUR": {"Afyon": "TR-03", "IÔøΩel": "TR-33"},  # İçel is Mersin's old name
    "HUN": {"CsongrÔøΩd": "HU-CS", "VeszprÔøΩm": "HU-VE"},  # the counties
    "BGR": {"Sofia": "BG-23", "Starazagora": "BG-24"},  # Sofia province
    "MYS": {"Trengganu": "MY-11"},
    "KGZ": {"Biškek": "KG-GB", "Osh": "KG-O", "Osh (city)": "KG-GO"},
    "IDN": {"Maluku": "ID-MA"},  # the province, not the island group
    "AUS": {"Capital Territory": "AU-ACT"},
    "NZL": {"Chatham Islands": "NZ-CIT"},
    "PAN": {"San Blas": "PA-KY"},  # Guna Yala's former name
    "BIH": {"Federacija Bosna i Hercegovina": "BA-BIH", "Repuplika Srpska": "BA-SRP"},
    "SRB": {"Autonomous Province of Vojvodina": "RS-VO", "City of Belgrade": "RS-00"},
    "ITA": {
        "Aosta Valley": "IT-23",
        "Bolzano-Bozen": "IT-BZ",
        "Genoa": "IT-GE",
        "Monza e della Brianza": "IT-MB",
        "Reggio di Calabria": "IT-RC",
        "Reggio nell'Emilia": "IT-RE",
        "Venice": "IT-VE",
    },
    "FRA": {"French Guiana": "FR-973"},
    "CHE": {"St. Gallen": "CH-SG"},
    "CZE": {
        "Jihoceck kraj": "CZ-31",
        "Plzensk kraj": "CZ-32",
        "Stredocesk kraj": "CZ-20",
    },
    "SVK": {"Kosick kraj": "SK-KI", "Presovsk kraj": "SK-PV", "Zilinsk kraj": "SK-ZI"},
    "FIN": {
        "Finland Proper": "FI-19",
        "Helsinki-Uusimaa": "FI-18",
        "Northern Savonia": "FI-15",
        "Southern Savonia": "FI-04",
        "Tavastia Proper": "FI-06",
    },
}
