"""ASGI middleware: the request-body limit, the last-resort error boundary, and
the limits on requests answered at once (one lane for texts, one for the rest)."""

from __future__ import annotations

import asyncio
import logging

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.errors import ApiError, error_response, payload_too_large_message
from service.api.language import answer_language
from service.memory import release_free_memory

__all__ = [
    "BodyLimitMiddleware",
    "ErrorBoundaryMiddleware",
    "BodyTooLargeError",
    "ConcurrencyLimitMiddleware",
    "MAX_IN_FLIGHT",
    "MAX_TEXT_IN_FLIGHT",
    "TEXT_ROUTES",
]

# Requests answered at once; the rest wait in the event loop (no thread, no
# database connection). Below the 40 threads of the pool that runs the sync
# routes; with MAX_TEXT_IN_FLIGHT and service.api.cached_reads.MAX_PROBES within the
# 40 database connections (16 × 2 + 1 × 2 + 4: a write may hold two).
MAX_IN_FLIGHT = 16
# Requests that embed and tag a text (≈ 0.7 s of CPU each) answered at once, as
# many as service.api.text_lane.TEXT_WORKERS: they queue in their own lane so that
# they never hold the slots of quick reads.
MAX_TEXT_IN_FLIGHT = 1
TEXT_ROUTES = frozenset({("POST", "/v1/screenings"), ("POST", "/v1/recommendations")})

logger = logging.getLogger("partner_match.service")


class BodyTooLargeError(ApiError):
    """The request body passed ``max_body_bytes`` (413)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(413, payload_too_large_message(limit, "en"), field="body")


def _lang(scope: Scope) -> str:
    """The answer's language from the request's Accept-Language header."""
    header = dict(scope.get("headers") or ()).get(b"accept-language", b"")
    return answer_language(header.decode("latin-1"))


class BodyLimitMiddleware:
    """Refuse bodies over ``limit`` bytes: by Content-Length, and while streaming."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                too_large = False
            if too_large:
                response = error_response(
                    413,
                    payload_too_large_message(self.limit, _lang(scope)),
                    field="body",
                )
                await response(scope, receive, send)
                return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLargeError(self.limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLargeError as error:
            if started:
                raise
            message = payload_too_large_message(error.limit, _lang(scope))
            response = error_response(413, message, field="body")
            await response(scope, receive, send)


class ErrorBoundaryMiddleware:
    """Turn an unhandled exception into a 500 in the error shape, logged in one line.

    Neither the answer nor the log line carries the traceback, the request's
    headers or any key.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:  # noqa: BLE001 - the boundary catches everything
            route = getattr(scope.get("route"), "path", "unmatched")
            logger.error(
                "unhandled %s while answering %s %s",
                type(exc).__name__,
                scope.get("method"),
                route,
            )
            if not started:
                response = error_response(
                    500, "internal error; the request was not completed"
                )
                await response(scope, receive, send)


class ConcurrencyLimitMiddleware:
    """Answer at most ``limit`` HTTP requests at once, and at most ``text_limit`` of
    the ``TEXT_ROUTES``, in a lane of their own; later ones wait their turn.

    Without it, a burst of requests can take every worker thread while waiting
    for a database connection that requests without a thread hold: a deadlock
    until the pool's timeout (found by ``benchmarks/load_test.py``). After a text
    request, memory freed by the model is given back to the system.
    """

    def __init__(
        self,
        app: ASGIApp,
        limit: int = MAX_IN_FLIGHT,
        text_limit: int = MAX_TEXT_IN_FLIGHT,
    ) -> None:
        self.app = app
        self.slots = asyncio.Semaphore(limit)
        self.text_slots = asyncio.Semaphore(text_limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if (scope.get("method"), scope.get("path")) not in TEXT_ROUTES:
            async with self.slots:
                await self.app(scope, receive, send)
            return
        async with self.text_slots:
            try:
                await self.app(scope, receive, send)
            finally:
                await run_in_threadpool(release_free_memory)
