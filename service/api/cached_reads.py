"""Remembered recommendation answers, and the fast path that serves them.

``GET /v1/localities/{locality_id}/recommendations`` rankings are cached as JSON
pieces (:class:`CachedRanking`) under :func:`ranking_key`, which holds every input
but ``k``: the top ``k`` is the first ``k`` of any longer ranking with the same
inputs (one total order, ties broken by row), so a ranking answers every smaller
``k``; the key holds the answer's language too. The query string is validated
once, by the route's own model
(:class:`~service.api.schemas.recommendations.RecommendationQuery`).
:class:`CachedRecommendationsMiddleware` answers a request whose answer is
cached without FastAPI's routing and dependencies: one database round
trip (the active weight set, the locality's newest declared-edit version and,
when a key is sent, whether it is active) says whether the cached ranking is
still the one the route would give. On a miss for a locality without declared
edits it computes the ranking with the route's own function
(``routes_recommendations.plain_ranking``). Anything else — declared edits, an
unusual or refused parameter, a malformed key header, an engine not yet loaded —
goes on to the route, which computes, caches and validates as usual.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import get_args, get_origin
from urllib.parse import parse_qsl

from fastapi import FastAPI
from pydantic import ValidationError
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from service.api.language import answer_language
from service.api.schemas.recommendations import FiltersIn, RecommendationQuery
from service.storage.keys import MalformedAuthorizationError, sent_token
from service.storage.weight_sets import read_probe

__all__ = [
    "CachedRanking",
    "CachedRecommendationsMiddleware",
    "ranking_key",
    "RECOMMENDATIONS_PATH",
    "MAX_PROBES",
    "MAX_COMPUTING",
]

RECOMMENDATIONS_PATH = "/v1/localities/{locality_id}/recommendations"
# Cache probes at once (each holds a worker thread and a connection briefly).
MAX_PROBES = 4
# Rankings computed at once on a miss (CPU-bound: one per core).
MAX_COMPUTING = 2

_PATH = re.compile(r"/v1/localities/([^/]{1,64})/recommendations")


def _plain_form(annotation) -> re.Pattern | None:
    """The plain spelling of a number or a truth value (others: any string)."""
    kinds = {annotation, *get_args(annotation)}
    if bool in kinds:
        return re.compile("true|false")
    if int in kinds:
        return re.compile("[0-9]{1,4}")
    return None


# The query model's parameters: those that repeat (lists), and the plain spelling
# of the others; anything else (``k=2_0``, ``include_existing=1``) goes to the route.
_LISTS = frozenset(
    name
    for name, field in RecommendationQuery.model_fields.items()
    if get_origin(field.annotation) is list
)
_PLAIN = {
    name: _plain_form(field.annotation)
    for name, field in RecommendationQuery.model_fields.items()
}
_MALFORMED = object()

logger = logging.getLogger("partner_match.service")


def ranking_key(
    locality_id: str,
    filters: FiltersIn,
    *,
    focus=(),
    demote=(),
    k: int | None = None,
    lang: str,
    weights_marker: int | None,
    weights_version: str,
    profile_version: int | None,
) -> Hashable:
    """The cache key of a locality's ranking: every input it depends on but ``k``
    (the focus, and the answer's language: flag messages are worded in it).

    With ``demote``, or with the focus coverage on (the default), the key holds
    ``k`` too: demoted candidates go last among the top ``k``, and a card that came
    in to cover a focus sector depends on ``k``, so a shorter ranking is not then
    the first part of a longer one.
    """
    return (
        "locality",
        locality_id,
        tuple(sorted(set(focus))),
        tuple(sorted(set(demote))),
        k if demote or not filters.no_focus_coverage else None,
        filters.key(),
        lang,
        weights_marker,
        weights_version,
        profile_version,
    )


@dataclass(frozen=True)
class CachedRanking:
    """A ranking as JSON pieces: the ``RecommendationsOut`` around its results.

    Attributes:
        head: ``{"query":…,"weights_version":…,"k":`` as bytes.
        results: One ``RecommendationOut`` JSON object per result, best first.
        complete: Whether no candidate is left beyond ``results``.
        notes: Notes of the ranking itself (why a sector filter left none).
    """

    head: bytes
    results: tuple[bytes, ...]
    complete: bool
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.head) + sum(map(len, self.results))

    def answer(self, k: int, *, text_tags=(), notes=()) -> bytes | None:
        """The answer for ``k`` (None when this ranking is too short to tell).

        ``text_tags`` (plain ``TextTagOut`` data) and ``notes`` complete the answer
        of a query that came with a text.
        """
        if k > len(self.results) and not self.complete:
            return None
        return b"".join(
            (
                self.head,
                str(k).encode(),
                b',"results":[',
                b",".join(self.results[:k]),
                b'],"text_tags":',
                to_json(list(text_tags)),
                b',"notes":',
                to_json([*self.notes, *notes]),
                b"}",
            )
        )


def _query(query_string: bytes) -> RecommendationQuery | None:
    """The route's query from a plain query string (read as Starlette reads it);
    None for anything the route should answer (a refused or unknown parameter)."""
    found: dict = {}
    for name, value in parse_qsl(
        query_string.decode("latin-1"), keep_blank_values=True
    ):
        if name in _LISTS:
            found.setdefault(name, []).append(value)
            continue
        if name in found or name not in _PLAIN:
            return None
        plain = _PLAIN[name]
        if plain is not None and not plain.fullmatch(value):
            return None
        found[name] = value
    try:
        return RecommendationQuery.model_validate(found)
    except ValidationError:
        return None


def _token(scope: Scope) -> object:
    """The API key sent (as ``service.api.deps`` reads it), None, or ``_MALFORMED``."""
    headers = Headers(scope=scope)
    try:
        return sent_token(headers.get("x-api-key"), headers.get("authorization"))
    except MalformedAuthorizationError:
        return _MALFORMED


class CachedRecommendationsMiddleware:
    """Answer cached locality recommendations before routing (see module docstring).

    Args:
        app: The next ASGI app.
        owner: The FastAPI app (its ``state.service``). The route that answered is
            remembered, so that metrics count the answers given here under it.
        compute: ``compute(engine, locality_id, query, lang)``: the route's ranking
            (``query`` a validated :class:`RecommendationQuery`) as a
            :class:`CachedRanking`, or None to leave the request to the route.
    """

    def __init__(
        self,
        app: ASGIApp,
        owner: FastAPI,
        compute: Callable[..., CachedRanking | None],
    ) -> None:
        self.app = app
        self.owner = owner
        self.compute = compute
        self.probes = asyncio.Semaphore(MAX_PROBES)
        self.computing = asyncio.Semaphore(MAX_COMPUTING)
        self._route = None

    async def _cached(self, scope: Scope) -> bytes | None:
        match = _PATH.fullmatch(scope.get("path", ""))
        state = getattr(self.owner.state, "service", None)
        if match is None or state is None or not state.ready:
            return None
        query = _query(scope.get("query_string", b""))
        token = _token(scope)
        if query is None or token is _MALFORMED:
            return None
        if token is None and not state.settings.open_read:
            return None
        locality_id = match.group(1)
        async with self.probes:
            weights_id, version, key_ok = await run_in_threadpool(
                read_probe, state.store, locality_id, token
            )
        engine = state.engine_if_current(weights_id)
        if engine is None or (token is not None and not key_ok):
            return None
        lang = answer_language(Headers(scope=scope).get("accept-language"))
        key = ranking_key(
            locality_id,
            query.filters,
            focus=query.focus,
            demote=query.demote,
            k=query.k,
            lang=lang,
            weights_marker=weights_id,
            weights_version=engine.weights.version,
            profile_version=version,
        )
        ranking = state.responses.get(key)
        body = None if ranking is None else ranking.answer(query.k)
        if body is not None or version is not None or self._route is None:
            return body
        async with self.computing:
            ranking = await run_in_threadpool(
                self.compute, engine, locality_id, query, lang
            )
        if ranking is None:
            return None
        state.responses.put(key, ranking)
        return ranking.answer(query.k)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        try:
            body = await self._cached(scope)
        except Exception as exc:  # noqa: BLE001 - the route answers instead
            logger.warning("cache probe failed (%s); routing", type(exc).__name__)
            body = None
        if body is None:
            await self.app(scope, receive, send)
            route = scope.get("route")
            if getattr(route, "path", None) == RECOMMENDATIONS_PATH:
                self._route = route
            return
        if self._route is not None:
            scope["route"] = self._route
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
