"""Errors of stored data, part of the product's one hierarchy (``features.errors``).

PartnerMatchError
└── StorageError                 503 storage_unavailable: the database fails
    ├── ConflictError (ValueError)   409 conflict: clashes with stored data
    └── NotFoundError (LookupError)  404 not_found: no such stored row
"""

from __future__ import annotations

from features.errors import PartnerMatchError

__all__ = ["StorageError", "ConflictError", "NotFoundError"]


class StorageError(PartnerMatchError):
    """The database cannot be reached, opened or migrated."""

    status = 503
    code = "storage_unavailable"
    internal = True


class ConflictError(StorageError, ValueError):
    """The write clashes with stored data (e.g. a weight version that exists)."""

    status = 409
    code = "conflict"
    internal = False


class NotFoundError(StorageError, LookupError):
    """No stored row matches."""

    status = 404
    code = "not_found"
    internal = False
