"""The one settings tree, read once at the edge (cli, app) and passed down."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel
from pydantic_settings import BaseSettings, SettingsConfigDict


def default_data_dir() -> Path:
    """Where the embedded mode keeps its database and caches."""
    return Path.home() / ".firstline"


class DatabaseSettings(BaseModel):
    """Where conversations are stored."""

    url: str | None = None
    """SQLAlchemy async URL; defaults to SQLite in the data directory."""


class UnderstandingSettings(BaseModel):
    """The embedded understanding's models."""

    intent_embedder: Literal["use", "e5"] = "use"
    knowledge_embedder: Literal["use", "e5"] = "e5"


class SystemSettings(BaseModel):
    """Where one of the company's systems (named in the pack's ``actions.yaml``) runs here."""

    url: str | None = None
    headers: dict[str, str] = {}
    """Added to (or replacing) the pack's headers; ``${NAME}`` placeholders work here too."""


class Settings(BaseSettings):
    """All of firstline's configuration; environment variables start with FIRSTLINE_."""

    model_config = SettingsConfigDict(env_prefix="FIRSTLINE_", env_nested_delimiter="__")

    company_dir: Path | None = None
    data_dir: Path = default_data_dir()
    cache_dir: Path | None = None
    """Embeddings of the pack's texts, kept between starts (default: ``data_dir/cache``)."""
    database: DatabaseSettings = DatabaseSettings()
    understanding: UnderstandingSettings = UnderstandingSettings()
    systems: dict[str, SystemSettings] = {}
    """Per system of ``actions.yaml``: its URL here (env ``FIRSTLINE_SYSTEMS__KUNDENSYSTEM__URL``)."""
    secrets: dict[str, str] = {}
    """Values for ``${NAME}`` in system headers (env ``FIRSTLINE_SECRETS__NAME``)."""
    max_message_chars: int = 4000
    """Longer customer messages are cut to this length (the full text is still stored)."""

    def embedding_cache_dir(self) -> Path:
        """Where vectors of the company pack's texts are kept between starts."""
        return self.cache_dir or self.data_dir / "cache"

    def database_url(self) -> str:
        """The configured database URL, or the embedded SQLite file."""
        if self.database.url:
            return self.database.url
        return f"sqlite+aiosqlite:///{self.data_dir / 'firstline.db'}"
