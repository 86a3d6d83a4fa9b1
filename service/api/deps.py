"""FastAPI dependencies: the service state, the engine, the database, the caller.

Dependencies without I/O are ``async`` so that FastAPI runs them on the event loop
instead of handing each one to a worker thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from matcher.engine import Engine
from service.api.errors import ApiError
from service.api.state import ServiceState
from service.settings import Settings
from service.storage.keys import (
    ANONYMOUS,
    MalformedAuthorizationError,
    Principal,
    find_key,
    role_allows,
    sent_token,
)

__all__ = [
    "get_state",
    "get_app_settings",
    "get_session",
    "get_engine",
    "get_principal",
    "require_read",
    "require_roles",
    "require_feedback_writer",
    "StateDep",
    "SessionDep",
    "EngineDep",
    "PrincipalDep",
    "ReaderDep",
]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="partner-match"'}


async def get_state(request: Request) -> ServiceState:
    """The state of the app serving this request."""
    return request.app.state.service


StateDep = Annotated[ServiceState, Depends(get_state)]


async def get_app_settings(state: StateDep) -> Settings:
    """The settings of the app (as given to ``create_app``)."""
    return state.settings


def get_session(state: StateDep) -> Iterator[Session]:
    """A database session for reads, closed after the request."""
    with state.store.reading() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_engine(state: StateDep, session: SessionDep) -> Engine:
    """The engine with the active weights; 503 before it is loaded."""
    if not state.ready:
        raise ApiError(503, "the engine is still loading; try again shortly")
    return state.sync(session)


EngineDep = Annotated[Engine, Depends(get_engine)]


def _token(request: Request) -> str | None:
    try:
        return sent_token(
            request.headers.get("x-api-key"), request.headers.get("authorization")
        )
    except MalformedAuthorizationError:
        raise ApiError(
            401, "the Authorization header must be 'Bearer <key>'", headers=_CHALLENGE
        ) from None


def get_principal(request: Request, session: SessionDep) -> Principal:
    """Who calls: the key's owner, or anonymous without a key; 401 for a bad key."""
    token = _token(request)
    if token is None:
        return ANONYMOUS
    row = find_key(session, token)
    if row is None:
        raise ApiError(401, "the API key is unknown or revoked", headers=_CHALLENGE)
    return Principal(key_id=row.id, name=row.name, role=row.role)


PrincipalDep = Annotated[Principal, Depends(get_principal)]


async def require_read(state: StateDep, principal: PrincipalDep) -> Principal:
    """Reading: open unless ``open_read`` is off, then any valid key."""
    if not state.settings.open_read and principal.role is None:
        raise ApiError(
            401, "reading needs an API key (open_read is off)", headers=_CHALLENGE
        )
    return principal


ReaderDep = Annotated[Principal, Depends(require_read)]


def require_roles(*roles: str) -> Callable[..., Principal]:
    """A dependency admitting keys with one of ``roles`` (admin always)."""

    async def dependency(principal: PrincipalDep) -> Principal:
        if principal.role is None:
            raise ApiError(401, "this needs an API key", headers=_CHALLENGE)
        if not role_allows(principal.role, roles):
            wanted = " or ".join((*roles, "admin"))
            raise ApiError(
                403, f"this needs the role {wanted}; the key is {principal.role}"
            )
        return principal

    return dependency


async def require_feedback_writer(
    state: StateDep, principal: PrincipalDep
) -> Principal:
    """Feedback: any key (editor, analyst, admin); anyone with open_feedback."""
    if principal.role is None and not state.settings.open_feedback:
        raise ApiError(401, "feedback needs an API key", headers=_CHALLENGE)
    return principal
