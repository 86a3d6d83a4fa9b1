"""Build ``data/taxonomy/regions.json``: world regions and groupings as country sets.

The containment is CLDR's ``territoryContainment`` (the UN M49 regions,
sub-regions and intermediate regions, plus CLDR's EU, euro-area and North America
groupings), read once from the ``cldr-core`` package (Unicode-3.0); region names
in every listed language are CLDR's, through Babel. ASEAN and the Mekong countries,
which CLDR lacks, come from the cited table ``data/taxonomy/groupings.tsv``.

Run after ``npm pack cldr-core@48.2.0 && tar xzf cldr-core-48.2.0.tgz``::

    python -m features.build.regions package/supplemental/territoryContainment.json
"""

from __future__ import annotations

import csv
import json
import sys
from importlib.metadata import version
from pathlib import Path

from babel import Locale

from features.catalog.countries import NAME_LANGUAGES
from features.errors import CatalogError

__all__ = ["build_regions", "REGION_LANGUAGES", "CLDR_VERSION"]

CLDR_VERSION = "48.2.0"
# The languages of the product's country names, and those of Vietnam's neighbours.
REGION_LANGUAGES = (*NAME_LANGUAGES, "th", "lo", "km", "pt", "nl", "sv")
# CLDR-only nodes left out: the UN members, and "Outlying Oceania" (QO: Antarctica
# and uninhabited islands, which M49 places in no region).
_SKIPPED = frozenset({"UN", "QO"})
_GROUPINGS = {
    "EU": "European Union (CLDR grouping)",
    "EZ": "euro area (CLDR grouping)",
    "003": "North America (CLDR grouping: Northern America, Central America, "
    "Caribbean)",
}


def _countries(code: str, tree: dict[str, list[str]]) -> set[str]:
    """The ISO alpha-2 codes under ``code``, through every level of containment."""
    out: set[str] = set()
    for child in tree.get(code, ()):
        if child in _SKIPPED:
            continue
        out |= _countries(child, tree) if child in tree else {child}
    return out


def _names(code: str) -> dict[str, str]:
    return {
        lang: Locale.parse(lang).territories[code]
        for lang in REGION_LANGUAGES
        if code in Locale.parse(lang).territories
    }


def build_regions(containment: Path, groupings: Path, out: Path) -> dict:
    """Write the regions table to ``out`` and return it."""
    try:
        raw = json.loads(Path(containment).read_text(encoding="utf-8"))
        nodes = raw["supplemental"]["territoryContainment"]
    except (OSError, ValueError, KeyError) as error:
        raise CatalogError(
            f"not a CLDR territoryContainment.json ({error})", file=str(containment)
        ) from None
    tree = {
        code: node["_contains"]
        for code, node in nodes.items()
        if "-status-" not in code and code not in _SKIPPED
    }
    parents: dict[str, str] = {}
    for code, children in tree.items():
        for child in children:
            if child in tree and code.isdigit() and code not in _GROUPINGS:
                parents.setdefault(child, code)
    # M49 places Sub-Saharan Africa and Latin America and the Caribbean between the
    # continent and its intermediate regions; CLDR lists them as groupings.
    for code, node in nodes.items():
        if code.endswith("-status-grouping"):
            for child in node["_contains"]:
                if child.isdigit() and child in tree and child not in _GROUPINGS:
                    parents[child] = code.split("-")[0]
                    for grandchild in tree[child]:
                        if grandchild in tree:
                            parents[grandchild] = child
    regions = {}
    for code in sorted(tree):
        regions[code] = {
            "kind": "grouping" if code in _GROUPINGS else "m49",
            "parent": parents.get(code),
            "members": sorted(_countries(code, tree)),
            "names": _names(code),
            "aliases": [code],
            "source": f"CLDR {CLDR_VERSION} territoryContainment"
            + (f"; {_GROUPINGS[code]}" if code in _GROUPINGS else "; UN M49"),
        }
    with Path(groupings).open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), 2):
            members = sorted(m for m in row["members"].split(";") if m)
            if not members or row["code"] in regions:
                raise CatalogError(
                    "a grouping needs members and a new code",
                    file=str(groupings),
                    row=number,
                )
            vi, en = row["names_vi"].split(";"), row["names_en"].split(";")
            regions[row["code"]] = {
                "kind": "grouping",
                "parent": None,
                "members": members,
                "names": {"vi": vi[0], "en": en[0]},
                "aliases": sorted({row["code"], *vi, *en}),
                "source": f"{row['source']} ({row['source_date']}); {row['note']}",
            }
    if "EU" in regions:  # CLDR's Vietnamese name capitalises "Minh"; usage does not
        regions["EU"]["aliases"].append("Liên minh châu Âu")
    table = {
        "provenance": (
            f"UN M49 containment from CLDR {CLDR_VERSION} (cldr-core npm package, "
            f"supplemental/territoryContainment.json); names from CLDR through Babel "
            f"{version('babel')}; ASEAN and Mekong from data/taxonomy/groupings.tsv"
        ),
        "licence": "CLDR data: Unicode-3.0 (https://www.unicode.org/copyright.html); "
        "groupings.tsv: facts restated with their sources",
        "languages": list(REGION_LANGUAGES),
        "regions": regions,
    }
    Path(out).write_text(
        json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return table


if __name__ == "__main__":  # pragma: no cover - a build step
    root = Path(__file__).resolve().parents[2] / "data" / "taxonomy"
    build_regions(Path(sys.argv[1]), root / "groupings.tsv", root / "regions.json")
