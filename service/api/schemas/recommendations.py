"""Request and response models of the API (pydantic), with constraints on fields."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from features.catalog.loading import LEVELS
from matcher.ranking import MAX_K, Filters
from matcher.variety import DEFAULT_MAX_PER_COUNTRY as DEFAULT_CAP

__all__ = [
    "InputModel",
    "MAX_COUNTRIES",
    "MAX_COUNTRY_LENGTH",
    "MAX_SECTOR_LENGTH",
    "MAX_FOCUS",
    "MAX_DEMOTE",
    "Focus",
    "Demote",
    "ErrorDetail",
    "ErrorResponse",
    "HealthOut",
    "ReadyOut",
    "LocalityCandidateOut",
    "LocalitySearchOut",
    "ProfileEntryOut",
    "TieOut",
    "TieFactOut",
    "LocalityOut",
    "SectorOut",
    "SectorsOut",
    "FiltersIn",
    "ProfileQueryIn",
    "ContributionOut",
    "EvidenceOut",
    "RecommendationOut",
    "FlagOut",
    "RecommendationQuery",
    "DEFAULT_K",
    "PartnerCount",
    "QueryOut",
    "TextTagOut",
    "RecommendationsOut",
    "VERDICTS",
    "LEVEL",
    "Share",
    "LocalityId",
]

VERDICTS = ("useful", "not_useful", "contacted", "agreement_signed")
LEVEL = Literal[LEVELS]  # a tuple subscript: Literal["admin1", "admin2", "city"]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
LocalityId = Annotated[str, Field(min_length=1, max_length=64)]


class InputModel(BaseModel):
    """A request body: unknown fields are refused (422), not ignored."""

    model_config = ConfigDict(extra="forbid")


# -- errors and health -----------------------------------------------------------


class ErrorDetail(BaseModel):
    """What went wrong: status, a stable code, one sentence, the field, suggestions."""

    status: int = Field(examples=[422])
    code: str = Field(examples=["validation_error"])
    message: str
    field: str | None = Field(default=None, examples=["k"])
    suggestions: list[str] = Field(default_factory=list)


class ErrorResponse(BaseModel):
    """The one error shape of every 4xx and 5xx answer."""

    error: ErrorDetail


class HealthOut(BaseModel):
    """The process answers."""

    status: Literal["ok"] = "ok"


class ReadyOut(BaseModel):
    """The engine is loaded and the database answers."""

    status: Literal["ready", "not_ready"]
    engine_loaded: bool
    database: bool
    weights_version: str | None = None


# -- localities ------------------------------------------------------------------


class LocalityCandidateOut(BaseModel):
    """A locality a searched name may mean, with a confidence in [0, 1]."""

    id: str
    name: str
    country: str
    level: str
    score: float | None = None
    matched_name: str | None = None
    note: str | None = None


class LocalitySearchOut(BaseModel):
    """Search results, best first; ``suggestions`` when nothing matched."""

    query: str | None
    results: list[LocalityCandidateOut]
    suggestions: list[str] = Field(default_factory=list)


class ProfileEntryOut(BaseModel):
    """A strength or need with its evidence; ``origin``: catalog or declared edit."""

    sector: str
    role: str
    value: float
    method: str
    evidence: str
    source: str
    date: str | None
    origin: Literal["catalog", "declared_edit"]


class TieOut(BaseModel):
    """A known partnership of the locality, one per catalog row: ``source`` names
    the list or dataset that records it, ``follow_through`` how far it is known to
    have gone (evidence level × recency, in [0, 1])."""

    partner_id: str
    partner_name: str
    partner_country: str
    evidence: str
    year: int | None
    kind: str
    follow_through: float = Field(ge=0.0, le=1.0)
    source: str


class TieFactOut(BaseModel):
    """A known tie of a candidate, one per partner: the earliest known year, the
    kind and evidence of its best-documented row, follow-through (evidence level ×
    recency, in [0, 1]) and every source that records it."""

    partner_id: str
    partner_name: str
    partner_country: str
    year: int | None
    kind: str
    evidence: str
    follow_through: float = Field(ge=0.0, le=1.0)
    sources: list[str]


class LocalityOut(BaseModel):
    """A locality with its profile (declared edits on top of the catalog) and ties."""

    id: str
    name: str
    name_en: str
    country: str
    country_name_en: str
    country_name_vi: str
    level: str
    type: str
    parent_id: str | None
    lat: float | None
    lon: float | None
    coord_source: str | None
    population: int | None
    population_source: str | None
    area_km2: float | None
    area_source: str | None
    region: str | None
    sources: list[str]
    other_names: list[str]
    profile: list[ProfileEntryOut]
    profile_version: int | None = Field(
        description="Version of the declared edits shown (None: catalog only)."
    )
    ties: list[TieOut]
    partners: list[TieFactOut] = Field(
        description="The same ties, one per partner, best followed-through first."
    )


class SectorOut(BaseModel):
    """A sector of the taxonomy."""

    id: str
    label_vi: str
    label_en: str
    description_vi: str
    description_en: str


class SectorsOut(BaseModel):
    """The taxonomy, in vector order."""

    version: str
    sectors: list[SectorOut]


# -- recommendations -------------------------------------------------------------


# Bounds of the filters, in the body (``FiltersIn``) and in query strings alike.
MAX_COUNTRIES = 50
MAX_COUNTRY_LENGTH = 60
MAX_SECTOR_LENGTH = 64
MAX_FOCUS = 16
DEFAULT_K = 20
# What the cooperation is about: one constraint for the query string, body and CLI.
Focus = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=MAX_SECTOR_LENGTH)]],
    Field(
        max_length=MAX_FOCUS,
        description="What the cooperation is about: sector ids (repeatable); "
        "default: the province's declared needs. Matched both ways: the partner "
        "strong in it, or needing it where we are strong.",
    ),
]
MAX_DEMOTE = 200
# Candidates an officer marked not useful: moved after the others, never dropped.
Demote = Annotated[
    list[LocalityId],
    Field(
        max_length=MAX_DEMOTE,
        description="Candidate ids marked not useful (repeatable): those among the "
        "results go after the others, their scores unchanged, each flagged "
        "'demoted'; other ids change nothing.",
    ),
]
# How many partners: one constraint for the query string, the body and the CLI.
PartnerCount = Annotated[
    int, Field(ge=1, le=MAX_K, description=f"Number of partners, 1–{MAX_K}.")
]


class FiltersIn(InputModel):
    """Hard filters on the partners, applied before the top-k cut.

    Each field is the ``matcher.Filters`` field of the same name (``country`` is
    ``countries``): a new filter is a field here and there, nothing else.
    """

    country: list[
        Annotated[str, Field(min_length=1, max_length=MAX_COUNTRY_LENGTH)]
    ] = Field(
        default_factory=list,
        max_length=MAX_COUNTRIES,
        description="Only these countries: ISO codes or names (repeatable).",
    )
    region: list[Annotated[str, Field(min_length=1, max_length=MAX_COUNTRY_LENGTH)]] = (
        Field(
            default_factory=list,
            max_length=MAX_COUNTRIES,
            description="Only these regions or groupings (repeatable): UN M49 regions, "
            "EU, ASEAN, Mekong, in English or Vietnamese ('Europe', 'Đông Nam Á'); "
            "intersected with country when both are given.",
        )
    )
    level: LEVEL | None = Field(
        default=None, description="Only partners of this level."
    )
    sector: str | None = Field(
        default=None,
        max_length=MAX_SECTOR_LENGTH,
        description="Only partners strong in this sector (a sector id).",
    )
    include_existing: bool = Field(default=False, description="Keep existing partners.")
    max_per_country: int | None = Field(
        default=None,
        ge=0,
        le=MAX_K,
        description=f"At most this many per country (default {DEFAULT_CAP} unless "
        "the filters narrow to one country; 0: no cap).",
    )
    allow_same_place: bool = Field(
        default=False,
        description="Keep a place twice (a city and its same-named province).",
    )
    no_focus_coverage: bool = Field(
        default=False,
        description="Rank by score alone: no slot kept for a focus sector that "
        "none of the top partners serves.",
    )

    def to_filters(self) -> Filters:
        """The matcher's filters, field by field."""
        values = {name: getattr(self, name) for name in FiltersIn.model_fields}
        values["countries"] = list(values.pop("country"))
        values["regions"] = list(values.pop("region"))
        return Filters(**values)

    def key(self) -> tuple:
        """The filters as a hashable value (a cache key's part)."""
        return tuple(
            (name, tuple(v) if isinstance(v, list) else v)
            for name in FiltersIn.model_fields
            for v in [getattr(self, name)]
        )


class RecommendationQuery(FiltersIn):
    """A recommendation query: how many partners and the filters, validated once.

    The query string of ``GET /v1/localities/{id}/recommendations`` (other
    parameters are ignored), its cached fast path and the CLI's ``recommend``.
    """

    model_config = ConfigDict(extra="ignore")

    k: PartnerCount = DEFAULT_K
    focus: Focus = Field(default_factory=list)
    demote: Demote = Field(default_factory=list)

    @property
    def filters(self) -> FiltersIn:
        """The filters alone."""
        return FiltersIn.model_construct(
            **{name: getattr(self, name) for name in FiltersIn.model_fields}
        )


class ProfileQueryIn(InputModel):
    """A province's own statement: its strengths and needs (0–1 by sector id).

    With ``locality_id`` the query starts from that locality's vectors, place and
    population and the given sectors replace its values.
    """

    locality_id: LocalityId | None = None
    country: str | None = Field(
        default=None, min_length=1, max_length=MAX_COUNTRY_LENGTH
    )
    level: LEVEL | None = None
    strengths: dict[str, Share] = Field(default_factory=dict, max_length=100)
    needs: dict[str, Share] = Field(default_factory=dict, max_length=100)
    text: str | None = Field(default=None, min_length=1, max_length=50_000)
    population: int | None = Field(default=None, gt=0)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    k: PartnerCount = DEFAULT_K
    focus: Focus = Field(default_factory=list)
    demote: Demote = Field(default_factory=list)
    filters: FiltersIn = Field(default_factory=FiltersIn)


class ContributionOut(BaseModel):
    """One facet's part of the score: ``value == weight * facet_value``."""

    facet: str
    value: float
    facet_value: float
    weight: float
    label_en: str
    label_vi: str


class EvidenceOut(BaseModel):
    """A fact behind a matched sector, with its source."""

    side: str
    locality_id: str
    sector: str
    role: str
    text: str
    source: str
    date: str | None


class FlagOut(BaseModel):
    """A flag: a stable code, the facts it names, and its sentence in the answer's
    language (``Accept-Language``; see :mod:`matcher.wording`)."""

    code: str
    params: dict[str, Any] = Field(default_factory=dict)
    message: str


class RecommendationOut(BaseModel):
    """A ranked partner with its full explanation (the CLI's JSON shape)."""

    id: str
    name: str
    country: str
    level: str
    score: float = Field(description="fit + feasibility: the sum of contributions.")
    fit: float = Field(
        description="Sum of the fit facets' contributions: what it offers on the "
        "focus (needs met either way, shared profile, text; no fit data: a penalty)."
    )
    feasibility: float = Field(
        description="Sum of the feasibility facets' contributions: distance, "
        "country ties, network, level, size, prominence."
    )
    contributions: list[ContributionOut]
    skipped_facets: list[str]
    needs_met: list[str]
    needs_total: int
    gaps: list[str]
    offers_to_them: list[str]
    evidence: list[EvidenceOut]
    flags: list[FlagOut]
    existing_ties: list[str]
    summary_vi: str
    summary_en: str
    # defaults: screenings stored before these fields existed still read
    lat: float | None = Field(
        default=None, description="The partner's latitude (None: unknown)."
    )
    lon: float | None = Field(
        default=None, description="The partner's longitude (None: unknown)."
    )
    distance_km: float | None = Field(
        default=None,
        description="Great-circle km from the query's place (None: either unknown).",
    )
    ties_vietnam: list[TieFactOut] = Field(
        default_factory=list,
        description="The partner's known ties with Vietnamese units, best first.",
    )
    ties_vietnam_total: int = 0
    ties_abroad: list[TieFactOut] = Field(
        default_factory=list,
        description="Its ties outside Vietnam and its own country, best first "
        "(at most 12; ``ties_abroad_total`` counts all).",
    )
    ties_abroad_total: int = 0


class QueryOut(BaseModel):
    """What was asked: the locality (if any) and the declared-edit version used."""

    locality_id: str | None
    name: str | None
    country: str
    level: str
    profile_version: int | None = None


class TextTagOut(BaseModel):
    """A sector read from the query's text, and how it was used."""

    sector: str
    role: str
    score: float
    used_as: Literal["strength", "need", "ignored"]


class RecommendationsOut(BaseModel):
    """Ranked partners, best first, each with its explanation."""

    query: QueryOut
    weights_version: str
    k: int
    results: list[RecommendationOut]
    text_tags: list[TextTagOut] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
