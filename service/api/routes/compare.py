"""Two or three candidates side by side for a locality, explained as in a ranking.

``GET /v1/localities/{locality_id}/compare?candidates=a,b[,c]``: the scores, facet
contributions, evidence, flags and ties come from the matcher's one explanation
path (:func:`matcher.comparison.compare`), the distance in km from the catalog's
coordinates; the JSON is :func:`service.api.serialisation.compared_json`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from matcher.comparison import MAX_COMPARED, compare
from matcher.engine import Engine
from service.api.deps import EngineDep, ReaderDep, SessionDep
from service.api.errors import responses
from service.api.language import LanguageDep
from service.api.queries import locality_profile
from service.api.routes.localities import LocalityPath, known_locality
from service.api.routes.recommendations import _focus
from service.api.schemas.desk import ComparisonOut
from service.api.schemas.recommendations import MAX_FOCUS, QueryOut
from service.api.serialisation import compared_json
from service.storage.profile_edits import latest_profile_edit

__all__ = ["router", "asked_query", "split_ids", "FocusParam"]

router = APIRouter(prefix="/v1", tags=["recommendations"])


# The focus of a ranking, repeated in the query string of what follows from one
# (a comparison, a shortlist's document): the same sectors, the same numbers.
FocusParam = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_FOCUS,
        description="The ranking's focus: sector ids (repeatable); default: the "
        "province's declared needs.",
    ),
]


def asked_query(engine: Engine, session, locality_id: str):
    """What a ranking for ``locality_id`` asks: its declared edits laid over its
    catalog profile when it has some, else the id; and the edit version."""
    edit = latest_profile_edit(session, locality_id)
    if edit is None:
        return locality_id, None
    return locality_profile(engine, locality_id, edit.entries), edit.version


def split_ids(value: str) -> list[str]:
    """Comma-separated ids, stripped, empty ones dropped."""
    return [part.strip() for part in value.split(",") if part.strip()]


@router.get(
    "/localities/{locality_id}/compare",
    summary="Two or three candidates side by side, each with its explanation",
    response_model=ComparisonOut,
    responses=responses(401, 404, 422),
)
def compare_candidates(
    locality_id: LocalityPath,
    candidates: Annotated[
        str,
        Query(
            min_length=1,
            max_length=(64 + 1) * MAX_COMPARED,
            description="2 or 3 catalog ids separated by commas.",
        ),
    ],
    engine: EngineDep,
    session: SessionDep,
    lang: LanguageDep,
    _reader: ReaderDep,
    focus: FocusParam = None,
) -> ComparisonOut:
    """Each candidate as the locality's ranking for ``focus`` explains it (declared
    edits included), with its distance in km from the locality (null when unknown).
    """
    loc = known_locality(engine, locality_id)
    focus = _focus(engine, focus or [])
    asked, version = asked_query(engine, session, locality_id)
    compared = compare(
        engine.matcher, asked, split_ids(candidates), focus=focus or None
    )
    return ComparisonOut(
        query=QueryOut(
            locality_id=loc.id,
            name=loc.name,
            country=loc.country,
            level=loc.level,
            profile_version=version,
        ),
        weights_version=engine.weights.version,
        candidates=[compared_json(c, lang) for c in compared],
    )
