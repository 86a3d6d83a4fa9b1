"""Request and response models of the facet weights (``/v1/weights``)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

from service.api.schemas.recommendations import InputModel

__all__ = [
    "WeightFileIn",
    "WeightsOut",
    "WeightVersionOut",
    "WeightHistoryOut",
]


class WeightFileIn(InputModel):
    """A weight file exactly as ``matcher.save_weights`` writes it."""

    format: Literal["partner-match-weights/1"]
    version: str = Field(min_length=1, max_length=100, pattern=r"^[\w.:+-]+$")
    weights: dict[str, Any] = Field(
        description="Every facet once, a finite number ≥ 0 (checked by "
        "matcher.validate_weights)."
    )
    trained_on: dict[str, Any] = Field(default_factory=dict)
    code_version: str = Field(default="", max_length=200)
    metrics: dict[str, Any] = Field(default_factory=dict)
    note: str = Field(default="", max_length=2000)


class WeightsOut(BaseModel):
    """The active weights (the weight-file JSON) and where they came from."""

    source: Literal["shipped", "database"]
    version: str
    file: dict[str, Any]
    activated_by: str | None = None
    activated_at: dt.datetime | None = None
    shipped_version: str


class WeightVersionOut(BaseModel):
    """A stored weight set."""

    version: str
    active: bool
    created_by: str
    created_at: dt.datetime
    activated_by: str | None
    activated_at: dt.datetime | None


class WeightHistoryOut(BaseModel):
    """Stored weight sets, newest first, and the shipped file's version."""

    shipped_version: str
    versions: list[WeightVersionOut]
