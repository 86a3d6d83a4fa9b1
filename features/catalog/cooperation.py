"""The cooperation record: cited projects of foreign local governments, by sector.

Written by the build (``cooperation.csv.gz``) from the curated tables and read here,
validated row by row like the rest of the catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from features.catalog.csvfiles import (
    parse_field,
    read_rows,
    require_fields,
    row_error,
)
from features.catalog.taxonomy import Taxonomy

__all__ = [
    "COOPERATION_COLUMNS",
    "COOPERATION_FILE",
    "CooperationProject",
    "load_cooperation",
]

COOPERATION_COLUMNS = (
    "foreign_id",
    "partner_id",
    "partner_country",
    "partner_locality",
    "foreign_name",
    "sectors",
    "theme",
    "programme",
    "start",
    "end",
    "url",
    "source",
    "retrieved",
)
COOPERATION_FILE = "cooperation.csv.gz"


@dataclass(frozen=True)
class CooperationProject:
    """A cited cooperation project a foreign local government ran with a partner.

    ``partner_id`` is ``None`` when the partner is not a catalog locality (or not
    named precisely); ``sectors`` may be empty (a project outside the taxonomy).
    """

    foreign_id: str
    partner_id: str | None
    partner_country: str
    partner_locality: str
    foreign_name: str
    sectors: tuple[str, ...]
    theme: str
    programme: str
    start: int | None
    end: int | None
    url: str
    source: str
    retrieved: str | None

    @property
    def years(self) -> str:
        """ "2013–2016", "since 2013", "until 2016" or "" (years not stated)."""
        if self.start and self.end:
            return (
                f"{self.start}–{self.end}"
                if self.end != self.start
                else str(self.start)
            )
        if self.start:
            return f"since {self.start}"
        return f"until {self.end}" if self.end else ""


def _opt_year(text: str) -> int | None:
    if text == "":
        return None
    year = int(text)
    if not 1800 <= year <= 2100:
        raise ValueError(f"{year} is not a plausible year")
    return year


def load_cooperation(
    path: Path, ids: set[str], taxonomy: Taxonomy
) -> tuple[CooperationProject, ...]:
    """The cooperation record; a catalog built before it had one has none."""
    if not path.exists():
        return ()
    sector_ids = set(taxonomy.ids)
    projects = []
    for number, row in read_rows(path, COOPERATION_COLUMNS):
        require_fields(path, number, row, "foreign_id", "url", "source")
        for side in ("foreign_id", "partner_id"):
            if row[side] and row[side] not in ids:
                raise row_error(
                    path, number, side, f"unknown locality id {row[side]!r}"
                )
        sectors = tuple(s for s in row["sectors"].split(";") if s)
        unknown = [s for s in sectors if s not in sector_ids]
        if unknown:
            raise row_error(
                path,
                number,
                "sectors",
                f"unknown sector {unknown[0]!r}; valid: {sorted(sector_ids)}",
            )
        if row["partner_country"] and (
            len(row["partner_country"]) != 2 or not row["partner_country"].isupper()
        ):
            raise row_error(
                path,
                number,
                "partner_country",
                "partner_country must be an ISO 3166-1 alpha-2 code or empty; "
                f"got {row['partner_country']!r}",
            )
        projects.append(
            CooperationProject(
                foreign_id=row["foreign_id"],
                partner_id=row["partner_id"] or None,
                partner_country=row["partner_country"],
                partner_locality=row["partner_locality"],
                foreign_name=row["foreign_name"],
                sectors=sectors,
                theme=row["theme"],
                programme=row["programme"],
                start=parse_field(path, number, row, "start", _opt_year),
                end=parse_field(path, number, row, "end", _opt_year),
                url=row["url"],
                source=row["source"],
                retrieved=row["retrieved"] or None,
            )
        )
    return tuple(projects)
