"""The service's one settings object, read from the environment."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATABASE_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'lsp.db'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    database_url: str = EMBEDDED_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    max_page_size: int = Field(200, ge=1, le=10_000)
    default_page_size: int = Field(50, ge=1)
    seed_demo_when_empty: bool = True
    run_wait_seconds: float = Field(20.0, ge=0, le=120, description="How long POST /runs waits "
                                    "for the optimiser before answering 202 and finishing later")
    max_problem_pairs: int = Field(4_000_000, ge=1, description="Largest streams x interventions "
                                   "a run may optimise")

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("production needs DATABASE_URL to name a PostgreSQL database")
        if self.default_page_size > self.max_page_size:
            raise ValueError("DEFAULT_PAGE_SIZE exceeds MAX_PAGE_SIZE")
        return self

    def embedded_database_dir(self) -> Path:
        """Where the embedded SQLite file lives (created on start-up); the project dir otherwise."""
        return (PROJECT_DIR / "var") if self.database_url == EMBEDDED_DATABASE_URL else PROJECT_DIR

    @property
    def sqlalchemy_url(self) -> str:
        """The URL with the psycopg 3 driver named, so plain postgresql:// URLs work."""
        for prefix in ("postgresql://", "postgres://"):
            if self.database_url.startswith(prefix):
                return "postgresql+psycopg://" + self.database_url[len(prefix):]
        return self.database_url


@lru_cache
def get_settings() -> Settings:
    return Settings()
