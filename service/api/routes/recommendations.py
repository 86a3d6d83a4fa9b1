"""Recommendations: ranked partners with explanations, for a locality or a statement."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic_core import to_json

from features.catalog.countries import resolve_country
from features.errors import (
    UnknownCountryError,
    UnknownRegionError,
    UnknownSectorError,
)
from features.text.reading import read_text
from matcher.engine import Engine
from matcher.ranking import Filters, recommend, sector_notice
from matcher.wording import empty_sector_note, note
from service.api.cached_reads import CachedRanking, ranking_key
from service.api.deps import EngineDep, ReaderDep, SessionDep, StateDep
from service.api.errors import responses
from service.api.language import LanguageDep
from service.api.queries import (
    check_sectors,
    locality_profile,
    sector_vector,
    tags_to_sectors,
)
from service.api.routes.localities import LocalityPath, known_locality
from service.api.schemas.recommendations import (
    FiltersIn,
    ProfileQueryIn,
    QueryOut,
    RecommendationQuery,
    RecommendationsOut,
    TextTagOut,
)
from service.api.serialisation import recommendation_json
from service.storage.profile_edits import latest_profile_edit

__all__ = ["router", "plain_ranking"]

router = APIRouter(prefix="/v1", tags=["recommendations"])


def _filters(engine: Engine, given: FiltersIn, prefix: str) -> Filters:
    """Matcher filters; unknown sector or country errors name ``prefix + field``."""
    sectors = engine.catalog.taxonomy.ids
    if given.sector is not None and given.sector not in sectors:
        raise UnknownSectorError(given.sector, sectors, field=f"{prefix}sector")
    for country in given.country:
        try:
            resolve_country(country)
        except UnknownCountryError as error:
            field = f"{prefix}country"
            raise UnknownCountryError(
                error.name, error.suggestions, field=field
            ) from None
    for region in given.region:
        if engine.regions is None:
            break  # the matcher says the table is missing
        try:
            engine.regions.get(region)
        except UnknownRegionError as error:
            field = f"{prefix}region"
            raise UnknownRegionError(
                error.name, error.suggestions, field=field
            ) from None
    return given.to_filters()


def _focus(engine: Engine, focus) -> list[str]:
    """The focus sector ids; an unknown one is a 422 naming the valid ids."""
    sectors = engine.catalog.taxonomy.ids
    for sector in focus:
        if sector not in sectors:
            raise UnknownSectorError(sector, sectors, field="focus")
    return list(focus)


def _ranking(
    engine, query, query_out: QueryOut, k, filters, lang, focus=(), demote=()
) -> CachedRanking:
    """The top ``k`` for ``query`` as JSON pieces, ready to answer any ``k``' ≤ k
    (without ``demote`` and with ``no_focus_coverage``; else ``k`` alone)."""
    results = recommend(
        engine.matcher,
        query,
        k=k,
        filters=filters,
        focus=list(focus) or None,
        regions=engine.regions,
        demote=demote,
    )
    head = b"".join(
        (
            b'{"query":',
            to_json(query_out.model_dump()),
            b',"weights_version":',
            to_json(engine.weights.version),
            b',"k":',
        )
    )
    notes = ()
    if not results and filters.sector is not None:
        notice = sector_notice(engine.matcher, query, filters, engine.regions)
        notes = (empty_sector_note(notice, lang),)
    return CachedRanking(
        head=head,
        results=tuple(to_json(recommendation_json(r, lang)) for r in results),
        complete=len(results) < k,
        notes=notes,
    )


def plain_ranking(engine: Engine, locality_id: str, query: RecommendationQuery, lang):
    """The route's ranking of a catalog locality without declared edits, or None
    where the route would answer otherwise (an unknown id, sector or country).

    For :class:`service.api.cached_reads.CachedRecommendationsMiddleware`, with the
    query it validated.
    """
    if locality_id not in engine.catalog:
        return None
    try:
        filters = _filters(engine, query.filters, "")
        focus = _focus(engine, query.focus)
        loc = engine.catalog.get(locality_id)
        query_out = QueryOut(
            locality_id=loc.id, name=loc.name, country=loc.country, level=loc.level
        )
        return _ranking(
            engine, locality_id, query_out, query.k, filters, lang, focus, query.demote
        )
    except (ValueError, LookupError):
        return None


def _answer(
    engine, query, query_out, k, filters, lang, notes=(), tags=(), focus=(), demote=()
) -> bytes:
    """The ``RecommendationsOut`` JSON of a ranking with its text tags and notes."""
    ranking = _ranking(engine, query, query_out, k, filters, lang, focus, demote)
    return ranking.answer(k, text_tags=[t.model_dump() for t in tags], notes=notes)


@router.get(
    "/localities/{locality_id}/recommendations",
    summary="Foreign partners suggested for a locality, each with its explanation",
    response_model=RecommendationsOut,
    responses=responses(401, 404, 422),
)
def locality_recommendations(
    locality_id: LocalityPath,
    query: Annotated[RecommendationQuery, Query()],
    engine: EngineDep,
    state: StateDep,
    session: SessionDep,
    lang: LanguageDep,
    _reader: ReaderDep,
) -> Response:
    """The ranking uses the locality's declared edits when it has some; candidates
    in ``demote`` (marked not useful) go after the others, flagged.

    Rankings are remembered per parameters, weight set and declared-edit version;
    one answers every smaller ``k`` too.
    """
    loc = known_locality(engine, locality_id)
    filters = _filters(engine, query.filters, "")
    focus = _focus(engine, query.focus)
    edit = latest_profile_edit(session, locality_id)
    asked = locality_profile(engine, locality_id, edit.entries) if edit else locality_id
    query_out = QueryOut(
        locality_id=loc.id,
        name=loc.name,
        country=loc.country,
        level=loc.level,
        profile_version=edit.version if edit else None,
    )
    key = ranking_key(
        locality_id,
        query.filters,
        focus=focus,
        demote=query.demote,
        k=query.k,
        lang=lang,
        weights_marker=state.weights_marker,
        weights_version=engine.weights.version,
        profile_version=edit.version if edit else None,
    )
    ranking = state.responses.get(key)
    body = None if ranking is None else ranking.answer(query.k)
    if body is None:
        ranking = _ranking(
            engine, asked, query_out, query.k, filters, lang, focus, query.demote
        )
        state.responses.put(key, ranking)
        body = ranking.answer(query.k)
    return Response(content=body, media_type="application/json")


@router.post(
    "/recommendations",
    summary="Partners for an ad-hoc statement of strengths and needs",
    response_model=RecommendationsOut,
    responses=responses(401, 404, 413, 422),
)
def profile_recommendations(
    body: ProfileQueryIn,
    engine: EngineDep,
    state: StateDep,
    session: SessionDep,
    lang: LanguageDep,
    _reader: ReaderDep,
) -> Response:
    """Sector values are 0–1 by sector id; a given ``text`` is tagged into sectors
    and embedded for the ``text_similarity`` facet.

    Values given explicitly win over those read from the text, which win over the
    locality's own (when ``locality_id`` is given); so does the text's vector.
    """
    sectors = engine.catalog.taxonomy.ids
    check_sectors(body.strengths, sectors, "strengths")
    check_sectors(body.needs, sectors, "needs")
    filters = _filters(engine, body.filters, "filters.")
    focus = _focus(engine, body.focus)
    notes: list[str] = []
    tags: list[TextTagOut] = []
    text_vector = None
    strengths, needs = dict(body.strengths), dict(body.needs)
    if body.text is not None:
        text = read_text(body.text)  # empty, binary or oversized: 422 invalid_text

        def read():
            tagger = state.tagger()
            if tagger is None:
                return None
            return tagger.tag(text).sectors, state.text_vector(text)

        found = state.text_lane.run(read)
        if found is None:
            notes.append(note("text_ignored", lang))
        else:
            mentions, text_vector = found
            tagged_s, tagged_n, report = tags_to_sectors(mentions)
            strengths = {**tagged_s, **strengths}
            needs = {**tagged_n, **needs}
            tags = [TextTagOut(**item) for item in report]
            if not report:
                notes.append(note("no_sector_in_text", lang))
            if text_vector is None:
                notes.append(note("text_not_compared", lang))
    country = resolve_country(body.country) if body.country else None
    if body.locality_id is not None:
        loc = known_locality(engine, body.locality_id, field="locality_id")
        edit = latest_profile_edit(session, loc.id)
        profile = locality_profile(engine, loc.id, edit.entries if edit else [])
        profile.strengths = sector_vector(strengths, sectors, profile.strengths)
        profile.needs = sector_vector(needs, sectors, profile.needs)
        profile.country = country or profile.country
        profile.level = body.level or profile.level
        if text_vector is not None:
            profile.text = text_vector
        for name in ("population", "lat", "lon"):
            if getattr(body, name) is not None:
                setattr(profile, name, getattr(body, name))
        query_out = QueryOut(
            locality_id=loc.id,
            name=loc.name,
            country=profile.country,
            level=profile.level,
            profile_version=edit.version if edit else None,
        )
    else:
        from matcher.model import Profile

        profile = Profile(
            strengths=sector_vector(strengths, sectors),
            needs=sector_vector(needs, sectors),
            country=country or "VN",
            level=body.level or "admin1",
            text=text_vector,
            population=body.population,
            lat=body.lat,
            lon=body.lon,
        )
        query_out = QueryOut(
            locality_id=None, name=None, country=profile.country, level=profile.level
        )
    if not strengths and not needs and body.locality_id is None:
        notes.append(note("place_and_size_only", lang))
    content = _answer(
        engine, profile, query_out, body.k, filters, lang, notes, tags, focus,
        body.demote,
    )  # fmt: skip
    return Response(content=content, media_type="application/json")
