"""Sector strengths from what a place's universities and ports specialise in.

A university whose own name states its field (a medical, agricultural, maritime
university …) trains people for that sector where it lies; a port with a large dry
dock or major repair yards has a ship-repair and shipbuilding industry; a port whose
main use is fishing has a fishing industry. The places are those the build already
attributed the university or port to (``indicators``); here only the field is read.
Vietnamese units keep their declared profiles: only foreign places get these rows.
The rules are tabled in ``data/README.md``.
"""

from __future__ import annotations

import re

from features.names.folding import fold

__all__ = [
    "FIELD_WORDS",
    "FISHING_METHOD",
    "SHIPYARD_METHOD",
    "UNIVERSITY_FIELDS",
    "fishing_port_rows",
    "shipyard_rows",
    "strength_row",
    "specialised_university_rows",
    "university_fields",
]

# (sector, pattern on the folded name). Names in the list are mostly English; the
# German, French, Spanish, Italian, Portuguese and Dutch words it has are matched.
UNIVERSITY_FIELDS: tuple[tuple[str, str], ...] = (
    (
        "healthcare",
        r"\b(medical|(?<!veterinary )medicine|medizin\w*|medecine|medicina|"
        r"health(?! and sport)|pharmac\w*|nursing|dental|dentistry|stomatolog\w*|"
        r"pflege)\b",
    ),
    (
        "agriculture",
        r"\b(agricultur\w*|agrar\w*|agronom\w*|agricoles?|forestry|forstwirtschaft|"
        r"veterinar\w*|horticultur\w*|bodenkultur|landwirtschaft\w*|landbouw\w*|"
        r"animal husbandry)\b",
    ),
    (
        "fisheries",
        r"\b(fisheries|fishery|fischerei|aquaculture|oceans?|oceanograph\w*|"
        r"marine (sciences?|biolog\w*|resources)|peche|pesca|pesquer\w*)\b",
    ),
    (
        "ports_logistics",
        r"\b(maritime|maritima|maritimo|nautical|nautica|nautique|merchant marine|"
        r"mercantile marine|logistics|transport|transportation|railway)\b|zeevaart",
    ),
    (
        "digital_technology",
        r"\b(information technology|information technologies|informatics?|"
        r"informatique|informatica|informatik|computers?|computing|"
        r"telecommunications?|telecom|radio ?electronics|electronic science|"
        r"electro communications?|software|artificial intelligence|"
        r"information and communications? technology)\b",
    ),
    (
        "vocational_training",
        r"\b(universit(y|ies) of applied sciences?|applied sciences? university|"
        r"fachhochschule|angewandte wissenschaft\w*|technical colleges?|vocational|"
        r"community colleges?|tafe|fh|ammattikorkeakoulu|"
        r"polytechnic(?! university| institute| normal)|instituto politecnico d[aeo])\b"
        r"|hogeschool",
    ),
    (
        "urban_development",
        r"\b(architecture|architektur|arquitectura|architettura|civil engineering|"
        r"construction|urban|town planning|city planning|bauwesen|bauhaus)\b",
    ),
    ("environment", r"\b(environment\w*(?! health)|ecolog\w*|umwelt)\b"),
    (
        "water",
        r"\b(water(?! transport)|water resources|hydraulic\w*|hydrolog\w*|"
        r"wasser\w*|de l eau|irrigation|melioration)\b",
    ),
    (
        "manufacturing",
        r"\b(industrial|industries|industry|textiles?|chemical technology|"
        r"metallurg\w*|steel|petroleum|aeronaut\w*|aerospace|automobile|"
        r"automotive|mechanical|shipbuilding)\b",
    ),
)
# Engineering schools train for industry: manufacturing, unless the name states
# another field ("Technical University of Construction and Architecture").
ENGINEERING = (
    r"\b(engineering|polytechnic (university|institute)|polytechnical|"
    r"ecole polytechnique|institut (national )?polytechnique|politecnica|"
    r"university of technology|institute of technology|technical university|"
    r"technische (universitat|hochschule)|technological university|"
    r"universidad tecnologica|ingenieur\w*|ingenier\w*)\b"
)
_FIELDS = tuple((s, re.compile(p)) for s, p in UNIVERSITY_FIELDS)
_ENGINEERING = re.compile(ENGINEERING)

# Field and type words that name no place: "Kyoto Pharmaceutical University",
# "Medizinische Universität Wien" and "University of Agriculture in Krakow" are
# named for Kyoto, Wien and Krakow (read by ``indicators._place_keys``).
FIELD_WORDS = frozenset(
    "medical medicine medizinische pharmaceutical pharmacy dental nursing health "
    "agricultural agriculture agrarian veterinary veterinarmedizinische forestry "
    "fisheries fishery ocean marine maritime technology technological technical "
    "technische engineering industrial informatics information computer "
    "telecommunication telecommunications applied sciences science architecture "
    "environmental water and in of for fur und".split()
)

UNIVERSITY_METHOD = (
    "indicator: universities named for the place whose name states its field "
    "({sector}; the words are tabled in data/README.md); value "
    "0.5 × (1 − 0.75^n): half the higher-education value of n universities, "
    "since a university trains people for the sector rather than proving "
    "the sector's industry"
)
SHIPYARD_METHOD = (
    "indicator: seaports with a large dry dock or major repairs (World Port Index "
    "facilities) are ship-repair and shipbuilding yards, credited to the port's "
    "first-level unit and nearest city (≤ 15 km); port score: both 1, "
    "large dry dock .75, major repairs .5; value 0.5 × (1 − Π(1 − score)): "
    "moderate, one industry of the manufacturing sector"
)
FISHING_METHOD = (
    "indicator: seaports whose harbour use is fishing (World Port Index), credited "
    "to the port's first-level unit and nearest city (≤ 15 km); value "
    "1 − 0.5^n for n fishing ports"
)


def university_fields(name: str) -> dict[str, str]:
    """Sectors a university's own name states a field in: {sector: matched words}."""
    folded = fold(name)
    found: dict[str, str] = {}
    for sector, pattern in _FIELDS:
        words = sorted({m.group(0) for m in pattern.finditer(folded)})
        if words:
            found[sector] = ", ".join(words)
    words = sorted({m.group(0) for m in _ENGINEERING.finditer(folded)})
    if words and set(found) <= {"manufacturing"}:
        found["manufacturing"] = ", ".join(
            sorted({*found.get("manufacturing", "").split(", "), *words} - {""})
        )
    return found


def strength_row(lid, sector, value, evidence, source, date, method) -> dict:
    """A profile row of a strength with its evidence (value clipped to [0, 1])."""
    return {
        "locality_id": lid,
        "sector": sector,
        "role": "strength",
        "value": f"{min(max(value, 0.0), 1.0):.4f}",
        "method": method,
        "evidence": evidence,
        "source": source,
        "source_date": date,
    }


def specialised_university_rows(
    found: dict[str, set[str]], source: str, date: str
) -> list[dict]:
    """One row per (place, sector) its attributed universities' names state."""
    out = []
    for lid, names in sorted(found.items()):
        by_sector: dict[str, list[str]] = {}
        for name in sorted(names):
            for sector, words in university_fields(name).items():
                by_sector.setdefault(sector, []).append(f"{name} ({words})")
        for sector, unis in sorted(by_sector.items()):
            n = len(unis)
            evidence = (
                f"{n} universit{'y' if n == 1 else 'ies'} named for the place "
                f"whose name states its field ({sector.replace('_', ' ')}): "
                + "; ".join(unis[:6])
            )
            method = UNIVERSITY_METHOD.format(sector=sector.replace("_", " "))
            out.append(
                strength_row(
                    lid, sector, 0.5 * (1 - 0.75**n), evidence, source, date, method
                )
            )
    return out


def _shipyard_score(port: dict) -> float:
    large, major = port["Dry Dock"] == "Large", port["Repairs"] == "Major"
    return 1.0 if large and major else 0.75 if large else 0.5 if major else 0.0


def shipyard_rows(
    ports: list[tuple[dict, set[str], set[str]]], source: str
) -> list[dict]:
    """Manufacturing strengths of the home places (unit and nearest city) of ports
    with shipyards: a yard is a local industry, unlike the port's catchment."""
    by_place: dict[str, list[dict]] = {}
    for port, _, home in ports:
        if _shipyard_score(port) > 0:
            for lid in home:
                if lid[:3] == "vn:":
                    continue
                by_place.setdefault(lid, []).append(port)
    out = []
    for lid, found in sorted(by_place.items()):
        found = sorted(found, key=lambda p: (-_shipyard_score(p), p["Main Port Name"]))
        rest = 1.0
        for port in found:
            rest *= 1 - _shipyard_score(port)
        parts = [
            f"seaport {p['Main Port Name']}: "
            + ", ".join(
                f
                for f, yes in (
                    ("large dry dock", p["Dry Dock"] == "Large"),
                    ("major repairs", p["Repairs"] == "Major"),
                )
                if yes
            )
            for p in found[:5]
        ]
        evidence = "Ship repair and building: " + "; ".join(parts)
        out.append(
            strength_row(
                lid,
                "manufacturing",
                0.5 * (1 - rest),
                evidence,
                source,
                "",
                SHIPYARD_METHOD,
            )
        )
    return out


def fishing_port_rows(
    ports: list[tuple[dict, set[str], set[str]]], source: str
) -> list[dict]:
    """Fisheries strengths of the home places (unit and nearest city) of ports used
    for fishing."""
    by_place: dict[str, set[str]] = {}
    for port, _, home in ports:
        if port["Harbor Use"].strip() == "Fishing":
            for lid in home:
                if lid[:3] != "vn:":
                    by_place.setdefault(lid, set()).add(port["Main Port Name"])
    return [
        strength_row(
            lid,
            "fisheries",
            1 - 0.5 ** len(names),
            "Fishing port(s) (harbour use: fishing): " + "; ".join(sorted(names)),
            source,
            "",
            FISHING_METHOD,
        )
        for lid, names in sorted(by_place.items())
    ]
