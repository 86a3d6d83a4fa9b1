"""Request and response models of what practitioners write: feedback on a
recommended partner and declared profile edits."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from service.api.schemas.recommendations import InputModel, LocalityId, Share

__all__ = [
    "FeedbackIn",
    "FeedbackOut",
    "FeedbackListOut",
    "ProfileEntryIn",
    "ProfileEditIn",
    "ProfileEditOut",
    "ProfileHistoryOut",
]


class FeedbackIn(InputModel):
    """A verdict on one recommended partner."""

    province_id: LocalityId
    candidate_id: LocalityId
    verdict: Literal["useful", "not_useful", "contacted", "agreement_signed"]
    note: str = Field(default="", max_length=2000)


class FeedbackOut(BaseModel):
    """A stored verdict."""

    id: int
    province_id: str
    candidate_id: str
    verdict: str
    note: str
    weights_version: str
    created_by: str
    created_at: dt.datetime


class FeedbackListOut(BaseModel):
    """The caller's newest verdict on each candidate for a province."""

    province_id: str
    items: list[FeedbackOut]


class ProfileEntryIn(InputModel):
    """A declared strength or need, with its evidence and source."""

    sector: str = Field(min_length=1, max_length=64)
    role: Literal["strength", "need"]
    value: Share
    evidence: str = Field(min_length=1, max_length=2000)
    source: str = Field(min_length=1, max_length=500)
    date: dt.date | None = None


class ProfileEditIn(InputModel):
    """The full set of declared edits of a locality (replaces the previous version)."""

    entries: list[ProfileEntryIn] = Field(max_length=200)


class ProfileEditOut(BaseModel):
    """One stored version of a locality's declared edits."""

    locality_id: str
    version: int
    entries: list[ProfileEntryIn]
    created_by: str
    created_at: dt.datetime


class ProfileHistoryOut(BaseModel):
    """Every version of a locality's declared edits, newest first."""

    locality_id: str
    versions: list[ProfileEditOut]
