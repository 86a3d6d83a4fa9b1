"""The sector taxonomy: the vocabulary of strengths and needs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from features.errors import CatalogError, UnknownSectorError
from features.names.folding import nfc

__all__ = ["Sector", "Taxonomy", "load_taxonomy", "LANGUAGES"]

LANGUAGES = ("vi", "en", "fr", "de", "ja", "zh", "ko")
_REQUIRED = ("id", "label_vi", "label_en", "description_en", "description_vi")


@dataclass(frozen=True)
class Sector:
    """One sector: labels, a description to embed, and keywords per language."""

    id: str
    label_vi: str
    label_en: str
    description_en: str
    description_vi: str
    keywords: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Taxonomy:
    """The ordered sectors; the order fixes the columns of every sector vector."""

    version: str
    sectors: tuple[Sector, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sectors)

    def __len__(self) -> int:
        return len(self.sectors)

    def index(self, sector_id: str) -> int:
        """Column of ``sector_id``; raises UnknownSectorError listing valid ids."""
        try:
            return self.ids.index(sector_id)
        except ValueError:
            raise UnknownSectorError(sector_id, self.ids) from None

    def get(self, sector_id: str) -> Sector:
        return self.sectors[self.index(sector_id)]


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and validate ``sectors.json``; errors name the file, sector and field."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CatalogError(f"cannot read the taxonomy: {exc}", file=str(path)) from exc
    sectors = []
    seen: set[str] = set()
    for row, item in enumerate(raw.get("sectors", []), start=1):
        for field in _REQUIRED:
            if not isinstance(item.get(field), str) or not item[field].strip():
                raise CatalogError(
                    "a non-empty text is required", file=str(path), row=row, field=field
                )
        if item["id"] in seen:
            raise CatalogError(
                f"duplicate sector id {item['id']!r}",
                file=str(path),
                row=row,
                field="id",
            )
        seen.add(item["id"])
        keywords = item.get("keywords") or {}
        for lang in ("vi", "en", "fr", "de"):
            if not keywords.get(lang):
                raise CatalogError(
                    f"keywords in {lang!r} are required",
                    file=str(path),
                    row=row,
                    field=f"keywords.{lang}",
                )
        sectors.append(
            Sector(
                id=item["id"],
                label_vi=nfc(item["label_vi"]),
                label_en=item["label_en"],
                description_en=item["description_en"],
                description_vi=nfc(item["description_vi"]),
                keywords={
                    lang: tuple(nfc(k).lower() for k in keywords.get(lang, ()))
                    for lang in LANGUAGES
                },
            )
        )
    if len(sectors) < 12:
        raise CatalogError(
            f"the taxonomy needs at least 12 sectors; found {len(sectors)}",
            file=str(path),
        )
    return Taxonomy(version=str(raw.get("version", "1")), sectors=tuple(sectors))
