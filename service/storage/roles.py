"""The roles an API key can have, weakest first (a light module: the CLI reads it)."""

__all__ = ["KEY_ROLES"]

# editor: declared profiles, feedback, shortlists; analyst: weights too; admin: keys.
KEY_ROLES = ("editor", "analyst", "admin")
