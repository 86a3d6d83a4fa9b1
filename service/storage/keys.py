"""API keys and roles: random tokens, stored as SHA-256, compared in constant time.

Roles: ``editor`` (declared profiles, feedback), ``analyst`` (weights, feedback and
its export) and ``admin`` (everything). A token is shown once, when created.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

__all__ = [
    "ROLES",
    "KEY_PREFIX",
    "Principal",
    "ANONYMOUS",
    "new_token",
    "hash_token",
    "token_matches",
    "role_allows",
    "sent_token",
    "MalformedAuthorizationError",
]

ROLES = ("editor", "analyst", "admin")
KEY_PREFIX = "pm_"
_DISPLAY_CHARS = 8


@dataclass(frozen=True)
class Principal:
    """Who makes a request: a key's id, name and role (``None`` for anonymous)."""

    key_id: int | None
    name: str
    role: str | None

    @property
    def actor(self) -> str:
        """The name recorded in the audit log."""
        return (
            f"key:{self.key_id}:{self.name}" if self.key_id is not None else "anonymous"
        )


ANONYMOUS = Principal(key_id=None, name="anonymous", role=None)


def new_token() -> tuple[str, str]:
    """A fresh token (256 random bits) and its display prefix (safe to store)."""
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    return token, token[: len(KEY_PREFIX) + _DISPLAY_CHARS]


def hash_token(token: str) -> str:
    """Hex SHA-256 of a token (a high-entropy token needs no slow hash)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str, stored_hash: str) -> bool:
    """Whether ``token`` hashes to ``stored_hash``, compared in constant time."""
    return hmac.compare_digest(hash_token(token), stored_hash)


def role_allows(role: str | None, allowed: tuple[str, ...]) -> bool:
    """Whether ``role`` may act where ``allowed`` roles may (admin always may)."""
    return role is not None and (role == "admin" or role in allowed)


class MalformedAuthorizationError(ValueError):
    """An ``Authorization`` header that is not ``Bearer <key>``."""


def sent_token(api_key: str | None, authorization: str | None) -> str | None:
    """The key a request sends: ``X-API-Key``, else a Bearer ``Authorization``.

    None without either; raises MalformedAuthorizationError for another scheme.
    """
    if api_key:
        return api_key.strip()
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    raise MalformedAuthorizationError(authorization)
