"""Remembered recommendation answers, and the fast path that serves them.

``GET /v1/localities/{locality_id}/recommendations`` rankings are cached as JSON
pieces (:class:`CachedRanking`) under :func:`ranking_key`, which holds every input
but ``k``: the top ``k`` is the first ``k`` of any longer ranking with the same
inputs (one total order, ties broken by row), so a ranking answers every smaller
``k``. :class:`CachedRecommendationsMiddleware` answers a request whose answer is
cached without FastAPI's routing, dependencies and validation: one database round
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
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from fastapi import FastAPI
from pydantic_core import to_json
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from service.storage.database import read_probe
from service.storage.keys import MalformedAuthorizationError, sent_token

__all__ = [
    "CachedRanking",
    "CachedRecommendationsMiddleware",
    "ranking_key",
    "DEFAULT_K",
    "RECOMMENDATIONS_PATH",
    "MAX_PROBES",
    "MAX_COMPUTING",
]

DEFAULT_K = 20
RECOMMENDATIONS_PATH = "/v1/localities/{locality_id}/recommendations"
# Cache probes at once (each holds a worker thread and a connection briefly).
MAX_PROBES = 4
# Rankings computed at once on a miss (CPU-bound: one per core).
MAX_COMPUTING = 2

_PATH = re.compile(r"/v1/localities/([^/]{1,64})/recommendations")
_INT = re.compile(r"[0-9]{1,4}")
_LEVELS = frozenset({"admin1", "admin2", "city"})
_BOOLS = {"true": True, "false": False}
_MALFORMED = object()

logger = logging.getLogger("partner_match.service")


def ranking_key(
    locality_id: str,
    *,
    country: Sequence[str],
    sector: str | None,
    level: str | None,
    include_existing: bool,
    max_per_country: int | None,
    weights_marker: int | None,
    weights_version: str,
    profile_version: int | None,
) -> Hashable:
    """The cache key of a locality's ranking: every input it depends on but ``k``."""
    return (
        "locality",
        locality_id,
        tuple(country),
        sector,
        level,
        include_existing,
        max_per_country,
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


def _params(query_string: bytes) -> dict | None:
    """The route's parameters from a plain query string; None for anything unusual."""
    found: dict = {"country": []}
    for name, value in parse_qsl(
        query_string.decode("latin-1"), keep_blank_values=True
    ):
        if name == "country":
            found["country"].append(value)
            continue
        if name in found:
            return None
        if name in ("k", "max_per_country") and _INT.fullmatch(value):
            found[name] = int(value)
        elif name == "level" and value in _LEVELS:
            found[name] = value
        elif name == "sector" and value:
            found[name] = value
        elif name == "include_existing" and value in _BOOLS:
            found[name] = _BOOLS[value]
        else:
            return None
    return {
        "k": found.get("k", DEFAULT_K),
        "country": found["country"],
        "sector": found.get("sector"),
        "level": found.get("level"),
        "include_existing": found.get("include_existing", False),
        "max_per_country": found.get("max_per_country"),
    }


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
        compute: ``compute(engine, locality_id, k, params)``: the route's ranking
            as a :class:`CachedRanking`, or None to leave the request to the route.
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
        params = _params(scope.get("query_string", b""))
        token = _token(scope)
        if params is None or token is _MALFORMED:
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
        k = params.pop("k")
        key = ranking_key(
            locality_id,
            **params,
            weights_marker=weights_id,
            weights_version=engine.weights.version,
            profile_version=version,
        )
        ranking = state.responses.get(key)
        body = None if ranking is None else ranking.answer(k)
        if body is not None or version is not None or self._route is None:
            return body
        async with self.computing:
            ranking = await run_in_threadpool(
                self.compute, engine, locality_id, k, params
            )
        if ranking is None:
            return None
        state.responses.put(key, ranking)
        return ranking.answer(k)

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
