"""Localities: search by name, a locality's profile and ties, the sectors, edits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from features.catalog.countries import country_name, country_name_vi, resolve_country
from features.errors import UnknownLocalityError
from matcher.engine import Engine
from matcher.network import tie_follow_through
from matcher.ties import sorted_ties, tie_fact
from matcher.wording import search_note
from service.api.deps import EngineDep, ReaderDep, SessionDep, StateDep, require_roles
from service.api.errors import ApiError, responses
from service.api.language import LanguageDep
from service.api.queries import check_sectors, overlay_entries
from service.api.schemas.feedback import (
    ProfileEditIn,
    ProfileEditOut,
    ProfileHistoryOut,
)
from service.api.schemas.recommendations import (
    LEVEL,
    LocalityCandidateOut,
    LocalityOut,
    LocalitySearchOut,
    SectorOut,
    SectorsOut,
    TieOut,
)
from service.api.serialisation import tie_json
from service.storage.database import as_utc
from service.storage.keys import Principal
from service.storage.profile_edits import (
    add_profile_edit,
    latest_profile_edit,
    profile_history,
)

__all__ = ["router", "known_locality", "LocalityPath"]

router = APIRouter(prefix="/v1", tags=["localities"])

LocalityPath = Annotated[
    str, Path(min_length=1, max_length=64, description="A catalog id, e.g. vn:48.")
]
_NAME_KINDS = ("english", "old_name", "historical_name", "vi_exonym", "iso")


def known_locality(engine: Engine, locality_id: str, field: str | None = None):
    """The catalog locality; UnknownLocalityError with the closest names otherwise."""
    if locality_id in engine.catalog:
        return engine.catalog.get(locality_id)
    suggestions = engine.resolver.suggest(locality_id)
    raise UnknownLocalityError(locality_id, suggestions, field=field)


@router.get(
    "/localities",
    summary="Search localities by any name (diacritics optional, old names too)",
    response_model=LocalitySearchOut,
    responses=responses(401, 422),
)
def search_localities(
    engine: EngineDep,
    lang: LanguageDep,
    _reader: ReaderDep,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="A name, any spelling."),
    ] = None,
    country: Annotated[
        str | None, Query(min_length=1, max_length=60, description="ISO code or name.")
    ] = None,
    level: Annotated[LEVEL | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> LocalitySearchOut:
    """Ranked candidates for ``q``; without ``q``, localities by country/level."""
    if q is None:
        code = resolve_country(country) if country else None
        found = [
            LocalityCandidateOut(
                id=loc.id, name=loc.name, country=loc.country, level=loc.level
            )
            for loc in engine.catalog.localities
            if (code is None or loc.country == code)
            and (level is None or loc.level == level)
        ]
        return LocalitySearchOut(
            query=None, results=sorted(found, key=lambda c: c.name)[:limit]
        )
    candidates = engine.resolver.resolve(q, country=country, level=level, limit=limit)
    return LocalitySearchOut(
        query=q,
        results=[
            LocalityCandidateOut(
                id=c.id,
                name=c.name,
                country=c.country,
                level=c.level,
                score=c.score,
                matched_name=c.matched_name,
                note=c.note
                and search_note(c.note, c.matched_name, c.name, lang, c.successors),
            )
            for c in candidates
        ],
        suggestions=[] if candidates else engine.resolver.suggest(q),
    )


@router.get(
    "/sectors",
    summary="The sector taxonomy (the order of every sector vector)",
    response_model=SectorsOut,
    responses=responses(401),
)
def list_sectors(engine: EngineDep, _reader: ReaderDep) -> SectorsOut:
    """Every sector with its Vietnamese and English label and description."""
    taxonomy = engine.catalog.taxonomy
    return SectorsOut(
        version=taxonomy.version,
        sectors=[
            SectorOut(
                id=s.id,
                label_vi=s.label_vi,
                label_en=s.label_en,
                description_vi=s.description_vi,
                description_en=s.description_en,
            )
            for s in taxonomy.sectors
        ],
    )


@router.get(
    "/localities/{locality_id}",
    summary="A locality: its data, profile with evidence and sources, and its ties",
    response_model=LocalityOut,
    responses=responses(401, 404, 422),
)
def get_locality(
    locality_id: LocalityPath,
    engine: EngineDep,
    session: SessionDep,
    _reader: ReaderDep,
) -> LocalityOut:
    """The profile shows declared edits over the catalog (``origin`` says which)."""
    loc = known_locality(engine, locality_id)
    catalog = engine.catalog
    edit = latest_profile_edit(session, locality_id)
    names = sorted(
        {
            n.name
            for n in catalog.names
            if n.locality_id == locality_id
            and n.kind.split(":")[0] in _NAME_KINDS
            and n.name != loc.name
        }
    )
    ties, by_partner = [], {}
    for tie in catalog.ties_of(locality_id):
        other = catalog.get(tie.b_id if tie.a_id == locality_id else tie.a_id)
        by_partner.setdefault(other.id, (other, []))[1].append(tie)
        ties.append(
            TieOut(
                partner_id=other.id,
                partner_name=other.name,
                partner_country=other.country,
                evidence=tie.evidence,
                year=tie.year,
                kind=tie.kind,
                follow_through=tie_follow_through(tie.evidence, tie.year),
                source=tie.source_detail or tie.origin,
            )
        )
    return LocalityOut(
        id=loc.id,
        name=loc.name,
        name_en=loc.name_en,
        country=loc.country,
        country_name_en=country_name(loc.country),
        country_name_vi=country_name_vi(loc.country),
        level=loc.level,
        type=loc.type,
        parent_id=loc.parent_id,
        lat=loc.lat,
        lon=loc.lon,
        coord_source=loc.coord_source,
        population=loc.population,
        population_source=loc.population_source,
        area_km2=loc.area_km2,
        area_source=loc.area_source,
        region=loc.region,
        sources=list(loc.sources),
        other_names=names[:50],
        profile=overlay_entries(
            catalog.profile(locality_id), edit.entries if edit else []
        ),
        profile_version=edit.version if edit else None,
        ties=ties,
        partners=[
            tie_json(fact)
            for fact in sorted_ties(
                tie_fact(other.id, other.name, other.country, rows)
                for other, rows in by_partner.values()
            )
        ],
    )


def _edit_out(row) -> ProfileEditOut:
    return ProfileEditOut(
        locality_id=row.locality_id,
        version=row.version,
        entries=row.entries,
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
    )


@router.put(
    "/localities/{locality_id}/profile",
    summary="Replace the declared strengths and needs of a locality (new version)",
    response_model=ProfileEditOut,
    responses=responses(401, 403, 404, 409, 413, 422),
)
def put_profile(
    locality_id: LocalityPath,
    body: ProfileEditIn,
    engine: EngineDep,
    state: StateDep,
    principal: Annotated[Principal, Depends(require_roles("editor"))],
) -> ProfileEditOut:
    """Store the entries as the locality's next version (editor or admin).

    The catalog stays read-only: reads and recommendations lay the newest version
    over it. An empty ``entries`` list returns the locality to the catalog alone.
    """
    known_locality(engine, locality_id)
    sectors = engine.catalog.taxonomy.ids
    seen = set()
    for i, entry in enumerate(body.entries):
        check_sectors({entry.sector: 0.0}, sectors, f"entries.{i}")
        if (entry.sector, entry.role) in seen:
            raise ApiError(
                422,
                f"entries.{i}: {entry.sector} as {entry.role} is given twice",
                field=f"entries.{i}.sector",
            )
        seen.add((entry.sector, entry.role))
    entries = [e.model_dump(mode="json") for e in body.entries]
    with state.store.transaction() as session:
        row = add_profile_edit(session, locality_id, entries, actor=principal.actor)
    return _edit_out(row)


@router.get(
    "/localities/{locality_id}/profile/history",
    summary="Every version of a locality's declared edits, newest first",
    response_model=ProfileHistoryOut,
    responses=responses(401, 404, 422),
)
def get_profile_history(
    locality_id: LocalityPath,
    engine: EngineDep,
    session: SessionDep,
    _reader: ReaderDep,
) -> ProfileHistoryOut:
    """Who changed what, when."""
    known_locality(engine, locality_id)
    return ProfileHistoryOut(
        locality_id=locality_id,
        versions=[_edit_out(r) for r in profile_history(session, locality_id)],
    )
