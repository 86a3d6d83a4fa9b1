"""Request and response models of the officer's desk: shortlists, comparisons,
screening status and forwarding."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from service.api.schemas.recommendations import QueryOut, RecommendationOut
from service.storage.models import SCREENING_STATUSES

__all__ = [
    "MAX_NOTE",
    "ExportFormat",
    "ShortlistItemIn",
    "ShortlistItemOut",
    "ShortlistOut",
    "ComparisonOut",
    "ScreeningStatusIn",
    "ScreeningStatusOut",
    "ForwardOut",
]

MAX_NOTE = 2000
ExportFormat = Literal["docx", "xlsx", "csv", "html"]
Status = Literal[SCREENING_STATUSES]  # type: ignore[valid-type]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ShortlistItemIn(_In):
    """A candidate to keep, with the officer's note (may be empty)."""

    note: str = Field(default="", max_length=MAX_NOTE)


class ShortlistItemOut(BaseModel):
    """A kept candidate: who, where, the note and when."""

    province_id: str
    candidate_id: str
    name: str
    country: str
    note: str
    created_at: dt.datetime
    updated_at: dt.datetime


class ShortlistOut(BaseModel):
    """The caller's shortlist for one province, in the order it was made."""

    province_id: str
    items: list[ShortlistItemOut]


class ComparisonOut(BaseModel):
    """Two or three candidates side by side, in the order asked."""

    query: QueryOut
    weights_version: str
    candidates: list[RecommendationOut]


class ScreeningStatusIn(_In):
    """The new triage status of a stored screening."""

    status: Status = Field(description="new, forwarded or answered")


class ScreeningStatusOut(BaseModel):
    """A stored screening's status, who set it and when."""

    id: int
    status: str
    status_by: str | None
    status_at: dt.datetime | None


class ForwardOut(BaseModel):
    """A short note forwarding a screened letter to a province."""

    screening_id: int
    province_id: str
    province_name: str
    lang: str
    text: str
