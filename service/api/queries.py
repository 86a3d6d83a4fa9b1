"""Requests into matcher queries: sector dicts to vectors, declared edits as overlay.

No scoring here: this only assembles ``matcher.Profile`` inputs and the displayed
profile from the catalog, the stored edits and the request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from features.catalog.loading import ProfileEntry
from features.errors import UnknownSectorError
from features.tagging.roles import PROFILE_ROLE_OF
from matcher.engine import Engine
from matcher.model import Profile
from service.api.schemas.recommendations import ProfileEntryOut

__all__ = [
    "sector_vector",
    "check_sectors",
    "locality_profile",
    "overlay_entries",
    "tags_to_sectors",
]


def check_sectors(
    values: Mapping[str, float], sectors: Sequence[str], field: str
) -> None:
    """Raise UnknownSectorError naming ``field.<id>`` for an id not in ``sectors``."""
    for sector in values:
        if sector not in sectors:
            raise UnknownSectorError(sector, sectors, field=f"{field}.{sector}")


def sector_vector(
    values: Mapping[str, float], sectors: Sequence[str], base: np.ndarray | None = None
) -> np.ndarray:
    """A vector in taxonomy order: ``values`` over ``base`` (NaN where both absent)."""
    vector = np.full(len(sectors), np.nan) if base is None else np.array(base, float)
    for sector, value in values.items():
        vector[sectors.index(sector)] = float(value)
    return vector


def _edit_values(entries: Sequence[Mapping], role: str) -> dict[str, float]:
    return {e["sector"]: float(e["value"]) for e in entries if e["role"] == role}


def locality_profile(
    engine: Engine, locality_id: str, edits: Sequence[Mapping]
) -> Profile:
    """The query of a catalog locality with its declared edits laid over its vectors."""
    fs = engine.feature_set
    row = fs.row(locality_id)
    loc = engine.catalog.get(locality_id)
    return Profile(
        strengths=sector_vector(
            _edit_values(edits, "strength"), fs.sectors, fs.strengths[row]
        ),
        needs=sector_vector(_edit_values(edits, "need"), fs.sectors, fs.needs[row]),
        country=loc.country,
        level=loc.level,
        text=fs.text[row] if fs.text_known[row] else None,
        population=loc.population,
        lat=loc.lat,
        lon=loc.lon,
        locality_id=locality_id,
    )


def overlay_entries(
    catalog_entries: Sequence[ProfileEntry], edits: Sequence[Mapping]
) -> list[ProfileEntryOut]:
    """The displayed profile: each edited (sector, role) replaces the catalog's."""
    edited = {(e["sector"], e["role"]) for e in edits}
    shown = [
        ProfileEntryOut(
            sector=e.sector,
            role=e.role,
            value=e.value,
            method=e.method,
            evidence=e.evidence,
            source=e.source,
            date=e.source_date,
            origin="catalog",
        )
        for e in catalog_entries
        if (e.sector, e.role) not in edited
    ]
    shown += [
        ProfileEntryOut(
            sector=e["sector"],
            role=e["role"],
            value=float(e["value"]),
            method="declared: edited through the API",
            evidence=e["evidence"],
            source=e["source"],
            date=e.get("date"),
            origin="declared_edit",
        )
        for e in edits
    ]
    return sorted(shown, key=lambda p: (p.role, -p.value, p.sector))


def tags_to_sectors(mentions) -> tuple[dict[str, float], dict[str, float], list[dict]]:
    """Strengths, needs and a report from a tagger's ``SectorMention`` list."""
    strengths: dict[str, float] = {}
    needs: dict[str, float] = {}
    report = []
    for m in mentions:
        role = PROFILE_ROLE_OF.get(m.role)
        target = strengths if role == "strength" else needs if role == "need" else None
        if target is not None:
            target[m.sector] = max(target.get(m.sector, 0.0), float(m.score))
        report.append(
            {
                "sector": m.sector,
                "role": m.role,
                "score": float(m.score),
                "used_as": role or "ignored",
            }
        )
    return strengths, needs, report
