"""API keys and roles: random tokens, stored as SHA-256, compared in constant time.

Roles: ``editor`` (declared profiles, feedback), ``analyst`` (weights, feedback and
its export) and ``admin`` (everything). A token is shown once, when created.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from features.digests import text_sha256
from service.storage import audit
from service.storage.errors import ConflictError, NotFoundError
from service.storage.models import ApiKey, utcnow
from service.storage.roles import KEY_ROLES

__all__ = [
    "KEY_ROLES",
    "KEY_PREFIX",
    "Principal",
    "ANONYMOUS",
    "new_token",
    "hash_token",
    "token_matches",
    "role_allows",
    "sent_token",
    "MalformedAuthorizationError",
    "create_key",
    "find_key",
    "list_keys",
    "revoke_key",
]

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
    return text_sha256(token)


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


# -- stored keys -----------------------------------------------------------------


def create_key(
    session: Session, *, name: str, role: str, actor: str
) -> tuple[ApiKey, str]:
    """Store a new key; returns the row and the token (shown once, never stored)."""
    if role not in KEY_ROLES:
        raise ValueError(f"role must be one of {list(KEY_ROLES)}; got {role!r}")
    token, prefix = new_token()
    row = ApiKey(name=name, role=role, key_hash=hash_token(token), prefix=prefix)
    session.add(row)
    session.flush()
    audit.record_audit(
        session, actor, "key.create", f"key:{row.id}", {"name": name, "role": role}
    )
    return row, token


def find_key(session: Session, token: str) -> ApiKey | None:
    """The active key whose token this is, or None."""
    digest = hash_token(token)
    row = session.scalar(
        select(ApiKey).where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None))
    )
    if row is None or not token_matches(token, row.key_hash):
        return None
    return row


def list_keys(session: Session) -> list[ApiKey]:
    """Every key, revoked ones too, oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(session: Session, ident: str, *, actor: str) -> ApiKey:
    """Revoke the key with this id (or unique name); raises NotFoundError."""
    query = select(ApiKey).where(ApiKey.revoked_at.is_(None))
    if ident.isdigit():
        rows = list(session.scalars(query.where(ApiKey.id == int(ident))))
    else:
        rows = list(session.scalars(query.where(ApiKey.name == ident)))
    if not rows:
        raise NotFoundError(f"no active key with id or name {ident!r}")
    if len(rows) > 1:
        raise ConflictError(f"{len(rows)} active keys are named {ident!r}; give the id")
    row = rows[0]
    row.revoked_at = utcnow()
    audit.record_audit(
        session, actor, "key.revoke", f"key:{row.id}", {"name": row.name}
    )
    return row
