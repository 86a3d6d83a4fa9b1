"""World regions and groupings by name: "Châu Âu", "Đông Nam Á", "ASEAN" → countries.

Reads ``data/taxonomy/regions.json`` (built by ``features.build.regions``): the UN
M49 regions, sub-regions and intermediate regions as CLDR contains them, CLDR's
EU, euro-area and North America groupings, and the cited ASEAN and Mekong tables.
A region is named by its code ("035", "EU") or by its name in any stored language
(CLDR's, through Babel) or an alias; matching ignores case and accents. M49 places
Cyprus and Turkey in Western Asia (145), not in Europe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from features.errors import CatalogError, UnknownRegionError
from features.names.folding import compact_key

__all__ = ["Region", "Regions", "UnknownRegionError", "load_regions", "REGIONS_FILE"]

REGIONS_FILE = Path("taxonomy") / "regions.json"
_SUGGESTIONS = 3


@dataclass(frozen=True)
class Region:
    """A region or grouping: code, kind (m49/grouping), parent, member countries."""

    code: str
    kind: str
    parent: str | None
    members: frozenset[str]
    names: Mapping[str, str]
    source: str

    @property
    def name_vi(self) -> str:
        return self.names.get("vi", self.code)

    @property
    def name_en(self) -> str:
        return self.names.get("en", self.code)


class Regions:
    """All regions, found by code, name or alias (accent- and case-insensitive).

    Names are indexed in order: codes and aliases, then Vietnamese, English and
    the other languages; a later name whose folded form is taken is not indexed.
    """

    def __init__(self, regions: Mapping[str, Region], aliases, languages) -> None:
        self.regions = dict(regions)
        self._index: dict[str, str] = {}
        self._shown: dict[str, str] = {}
        for code in self.regions:
            for alias in (code, *aliases.get(code, ())):
                self._add(alias, code)
        for lang in languages:
            for code, region in self.regions.items():
                if lang in region.names:
                    self._add(region.names[lang], code)

    def _add(self, name: str, code: str) -> None:
        key = compact_key(name)
        if key and key not in self._index:
            self._index[key] = code
            self._shown[key] = name

    def __len__(self) -> int:
        return len(self.regions)

    def __iter__(self):
        return iter(self.regions.values())

    def get(self, name: str) -> Region:
        """The region named ``name``; raises UnknownRegionError with close names."""
        key = compact_key(name or "")
        if key in self._index:
            return self.regions[self._index[key]]
        hits = process.extract(
            key, list(self._index), scorer=fuzz.ratio, limit=_SUGGESTIONS * 4
        )
        suggestions: list[str] = []
        seen: set[str] = set()
        for hit, score, _ in hits:
            region = self.regions[self._index[hit]]
            if score >= 50 and region.code not in seen:
                seen.add(region.code)
                suggestions.append(f"{self._shown[hit]} ({region.name_en})")
        raise UnknownRegionError(name, suggestions[:_SUGGESTIONS])

    def countries(self, name: str) -> frozenset[str]:
        """ISO 3166-1 alpha-2 codes of the countries in the region named ``name``."""
        return self.get(name).members

    def containing(self, country: str) -> list[Region]:
        """The regions and groupings that contain ``country`` (alpha-2)."""
        return [r for r in self.regions.values() if country.upper() in r.members]


def load_regions(data_dir: Path) -> Regions:
    """Read ``data_dir/taxonomy/regions.json``; errors name the file and region."""
    path = Path(data_dir) / REGIONS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        entries = raw["regions"]
        languages = raw["languages"]
    except (OSError, ValueError, KeyError) as error:
        raise CatalogError(
            f"cannot read the regions table ({error})", file=str(path)
        ) from None
    regions, aliases = {}, {}
    for code, entry in entries.items():
        members = entry.get("members") or []
        if not all(isinstance(m, str) and len(m) == 2 for m in members) or not members:
            raise CatalogError(
                "members must be ISO alpha-2 codes", file=str(path), field=code
            )
        regions[code] = Region(
            code=code,
            kind=entry["kind"],
            parent=entry.get("parent"),
            members=frozenset(members),
            names=dict(entry.get("names") or {}),
            source=entry.get("source", ""),
        )
        aliases[code] = list(entry.get("aliases") or ())
    return Regions(regions, aliases, ("vi", "en", *languages))
