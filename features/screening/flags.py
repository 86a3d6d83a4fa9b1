"""A flag on a recommendation or a screening: a stable code and the facts it names.

In its own module so that explaining a recommendation does not load the letter
readers of :mod:`features.screening.facts` (a tenth of a second at each start).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Flag"]


@dataclass(frozen=True)
class Flag:
    """A flag: a stable code and the facts it names (JSON values, by name).

    The sentence is said in the reader's language by ``matcher.wording``.
    """

    code: str
    params: dict = field(default_factory=dict)
