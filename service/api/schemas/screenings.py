"""Request and response models of screening (``/v1/screenings``).

The result is :func:`service.api.serialisation.screening_json` (the CLI's
``screen --json`` too): provinces in the recommendation shape
(:class:`service.api.schemas.recommendations.RecommendationOut`), flags as
:class:`~service.api.schemas.recommendations.FlagOut` (``existing_partner``,
``hub``, ``old_province``, …) with messages in the answer's language.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from features.text.reading import MAX_BYTES
from service.api.schemas.recommendations import FlagOut, RecommendationOut

__all__ = [
    "ScreeningIn",
    "PartyRefOut",
    "PartyOut",
    "SectorClaimOut",
    "ConcretenessPartOut",
    "ConcretenessOut",
    "FlagOut",
    "OldProvinceOut",
    "MentionOut",
    "TextInfoOut",
    "ScreeningResultOut",
    "ScreeningInputOut",
    "ScreeningInputFullOut",
    "ScreeningOut",
    "ScreeningDetailOut",
    "ScreeningSummaryOut",
    "ScreeningListOut",
    "SCREENING_MAX_CHARS",
    "PlainLine",
]

# A screened text is at most this many characters (and MAX_BYTES in UTF-8, checked
# by the screening); the service's max_body_bytes usually refuses it first (413).
SCREENING_MAX_CHARS = MAX_BYTES


def _plain_text(value: str) -> str:
    """Refuse control characters and lone surrogates (they cannot be stored)."""
    if any(
        ord(ch) < 32 or ord(ch) == 127 or 0xD800 <= ord(ch) < 0xE000 for ch in value
    ):
        raise ValueError("must be plain text, without control characters")
    return value


PlainLine = Annotated[str, AfterValidator(_plain_text)]


class ScreeningIn(BaseModel):
    """An inbound letter, e-mail or pasted page to screen, with optional hints."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        min_length=1,
        max_length=SCREENING_MAX_CHARS,
        description="The text (vi/en/fr/de/ja/zh); stored with the screening.",
    )
    sender: PlainLine | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="The sender's name, any spelling (else read from the text).",
    )
    country: PlainLine | None = Field(
        default=None,
        min_length=1,
        max_length=60,
        description="The sender's country: ISO code or name.",
    )


class PartyRefOut(BaseModel):
    """The foreign party in short: catalog id (None: ad hoc), name, country."""

    id: str | None
    name: str | None
    country: str | None
    confidence: float


class PartyOut(PartyRefOut):
    """The foreign party: a catalog locality, or ad hoc (``id`` None, confidence 0).

    ``source``: ``"sender"`` (the hint), ``"text"``, ``"e-mail domain"`` (read off
    the sender's e-mail or web address) or ``"ad hoc"``; ``kind``:
    ``"foreign"``, or ``"vietnamese_unit"`` when a Vietnamese unit writes (then no
    province is ranked).
    """

    level: str | None
    source: str
    matched: str | None = None
    kind: Literal["foreign", "vietnamese_unit"] = "foreign"


class SectorClaimOut(BaseModel):
    """A sector the party offers or seeks, with the sentences that show it."""

    sector: str
    label_en: str
    label_vi: str
    role: str
    score: float
    weight: float
    evidence: list[str]


class ConcretenessPartOut(BaseModel):
    """One signal's part of the concreteness: ``value == weight * signal_value``."""

    name: str
    value: float
    signal_value: float
    weight: float
    evidence: str | None


class ConcretenessOut(BaseModel):
    """How concrete the text is: level, score (sum of the parts) and the parts."""

    level: Literal["vague", "moderate", "concrete"]
    score: float
    contributions: list[ConcretenessPartOut]


class OldProvinceOut(BaseModel):
    """A pre-2025 province named in the text and its successor."""

    written: str
    old_name: str
    successor_id: str
    successor_name: str


class MentionOut(BaseModel):
    """A catalog locality the text names."""

    id: str
    name: str
    country: str
    mentions: int


class TextInfoOut(BaseModel):
    """How the text was read: ``letter`` or ``page``, sentences, share dropped."""

    kind: str
    sentences: int
    boilerplate_share: float


class ScreeningResultOut(BaseModel):
    """A screening (the CLI's ``screen --json``; provinces as recommendations)."""

    party: PartyOut
    offers: list[SectorClaimOut]
    seeks: list[SectorClaimOut]
    focus: list[str] = Field(
        default_factory=list,
        description="The sectors the letter offers or seeks: the ranking's focus.",
    )
    ask_sender_sectors: bool = Field(
        default=False,
        description="The letter names no sector: no province is ranked; ask the "
        "sender which sectors (flag ask_sender_sectors).",
    )
    provinces: list[RecommendationOut] = Field(
        description="All 34 units, by the number of focus sectors each serves, "
        "then score, each explained; none when ask_sender_sectors."
    )
    concreteness: ConcretenessOut
    flags: list[FlagOut]
    old_provinces: list[OldProvinceOut]
    localities: list[MentionOut]
    text: TextInfoOut
    weights_version: str | None


class ScreeningInputOut(BaseModel):
    """What was given: the hints, the text's length and SHA-256 (of its UTF-8)."""

    sender: str | None
    country: str | None
    chars: int
    sha256: str


class ScreeningInputFullOut(ScreeningInputOut):
    """What was given, with the text itself."""

    text: str


class ScreeningOut(ScreeningResultOut):
    """A stored screening: id, who asked and when, the input, the result."""

    id: int
    created_at: dt.datetime
    created_by: str
    status: str = Field(default="new", description="new, forwarded or answered")
    input: ScreeningInputOut


class ScreeningDetailOut(ScreeningOut):
    """A stored screening with the screened text."""

    input: ScreeningInputFullOut


class ScreeningSummaryOut(BaseModel):
    """A line of the list of stored screenings."""

    id: int
    created_at: dt.datetime
    created_by: str
    party: PartyRefOut
    concreteness_level: str
    n_flags: int
    flags: list[str] = Field(description="The flag codes.")
    chars: int
    status: str = Field(default="new", description="new, forwarded or answered")


class ScreeningListOut(BaseModel):
    """Stored screenings, newest first."""

    total: int
    limit: int
    offset: int
    items: list[ScreeningSummaryOut]
