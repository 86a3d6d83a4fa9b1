"""Errors raised by partner-match, one hierarchy for the whole product.

    PartnerMatchError
    ├── CatalogError (ValueError)          a catalog or reference file is malformed
    ├── UnknownNameError (LookupError)     a locality, sector or country is unknown
    │   ├── UnknownLocalityError
    │   ├── UnknownSectorError
    │   └── UnknownCountryError
    ├── InvalidParameterError (ValueError) a parameter is outside its valid values
    └── TextInputError (ValueError)        a text is empty, binary or too large

The service maps each to one JSON error shape; the CLI prints the message and exits 1.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "PartnerMatchError",
    "CatalogError",
    "UnknownNameError",
    "UnknownLocalityError",
    "UnknownSectorError",
    "UnknownCountryError",
    "InvalidParameterError",
    "TextInputError",
]


class PartnerMatchError(Exception):
    """Base of every error partner-match raises on purpose."""


class CatalogError(PartnerMatchError, ValueError):
    """A data file is malformed; the message names the file, row and field."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.row, self.field = file, row, field
        where = ", ".join(
            part
            for part in (
                f"file {file}" if file else "",
                f"row {row}" if row is not None else "",
                f"field {field!r}" if field else "",
            )
            if part
        )
        super().__init__(f"{where}: {message}" if where else message)


_SHOWN_CHARS = 80


def _shown(value: object) -> str:
    """``repr(value)``, cut to 80 characters (with the full length) for messages."""
    text = repr(value)
    if len(text) <= _SHOWN_CHARS:
        return text
    size = f" ({len(value):,} characters)" if isinstance(value, str) else ""
    return f"{text[:_SHOWN_CHARS]}…{size}"


class UnknownNameError(PartnerMatchError, LookupError):
    """A name did not resolve; ``suggestions`` holds the closest known names."""

    kind = "name"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = f"; closest: {', '.join(self.suggestions)}" if self.suggestions else ""
        super().__init__(f"unknown {self.kind} {_shown(name)}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownLocalityError(UnknownNameError):
    """No locality in the catalog carries this name or id."""

    kind = "locality"


class UnknownSectorError(UnknownNameError):
    """The sector id is not in the taxonomy."""

    kind = "sector"


class UnknownCountryError(UnknownNameError):
    """The country is neither an ISO 3166-1 code nor a known country name."""

    kind = "country"


class InvalidParameterError(PartnerMatchError, ValueError):
    """A parameter is outside its valid values; says which, what is valid, what came."""

    def __init__(self, name: str, expected: str, got: object) -> None:
        self.name, self.expected, self.got = name, expected, got
        super().__init__(
            f"the {name!r} parameter must be {expected}; got {_shown(got)}"
        )


class TextInputError(PartnerMatchError, ValueError):
    """A text input cannot be used: empty, not UTF-8, binary or too large."""
