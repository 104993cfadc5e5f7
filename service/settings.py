"""The service's one settings object, read from the environment."""

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATABASE_URL = f"sqlite:///{PROJECT_DIR / 'var' / 'lsp.db'}"
DEV_ADMIN_KEY = "lsp_dev_admin_key_for_local_use_only"


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

    root_path: str = Field("", description="Path prefix the gateway serves the service under, e.g. /lsp")
    forwarded_allow_ips: str = Field(
        "127.0.0.1", description="Comma-separated proxy addresses whose X-Forwarded-* headers are trusted")
    metrics_token: str | None = Field(
        None, min_length=16, description="When set, /metrics on the API port needs 'Authorization: Bearer <token>'")
    metrics_port: int | None = Field(
        None, ge=1, le=65535, description="When set, /metrics is served on this port only, not on the API's")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = Field(True, description="One JSON object per log line")
    max_body_bytes: int = Field(4_000_000, ge=1_000, description="Largest JSON request body")
    max_upload_bytes: int = Field(5_000_000, ge=1_000, description="Largest CSV upload")
    max_upload_rows: int = Field(10_000, ge=1, description="Most rows in one CSV upload")
    progress_green_behind: Decimal = Field(
        Decimal("0.05"), ge=0, le=1, description="A goal is green while its latest observation is at most this share "
        "of the planned improvement (target minus baseline) behind its trajectory, or ahead of it")
    progress_amber_behind: Decimal = Field(
        Decimal("0.15"), ge=0, le=1, description="A goal is amber while at most this share behind its trajectory "
        "(and more than the green share); red beyond")
    report_variance_threshold: Decimal = Field(
        Decimal("0.10"), ge=0, le=1, description="The executive report lists an intervention as an exception when "
        "its spend to date is off its profile to date by more than this share of the profile (exactly at it, not)")
    run_burst: int = Field(10, ge=1, description="Optimisation runs one partnership may start per window")
    run_burst_window_seconds: int = Field(60, ge=1)
    optimiser_workers: int = Field(
        2, ge=0, le=64, description="Runs this web process solves at once, each in a child process; 0 leaves "
        "them to `python -m service worker` processes (which take WORKER_CONCURRENCY each)")
    worker_concurrency: int = Field(2, ge=1, le=64, description="Runs one `python -m service worker` solves at once")
    job_heartbeat_seconds: float = Field(
        2.0, gt=0, le=60, description="How often a worker shows a run is alive and looks for a cancellation")
    job_stale_seconds: float = Field(
        15.0, gt=0, le=3600, description="A running run with no sign of life for this long has lost its worker: "
        "it is queued again, or failed after JOB_MAX_ATTEMPTS")
    job_max_attempts: int = Field(2, ge=1, le=10, description="Attempts before a run whose workers die is failed")
    job_shutdown_grace_seconds: float = Field(
        10.0, ge=0, le=300, description="How long a stopping worker lets its runs finish before it hands them "
        "back to the queue for another worker")

    max_concurrent_requests: int = Field(
        16, ge=1, le=1000, description="Requests that may use the database at once; the rest wait in line "
        "without holding a thread or a connection")
    max_concurrent_writes: int = Field(
        8, ge=1, le=1000, description="How many of those may be writes, so that writers waiting for a long "
        "write (a large import) leave room for reads")
    request_queue_seconds: float = Field(
        30.0, gt=0, le=600, description="How long a request waits in that line before 503 with Retry-After")
    worker_threads: int = Field(64, ge=8, le=1000, description="Threads for synchronous request handling")
    db_pool_size: int = Field(20, ge=1, le=1000, description="Database connections kept open per process")
    db_max_overflow: int = Field(5, ge=0, le=1000, description="Extra connections opened under load")
    db_pool_timeout_seconds: float = Field(10.0, gt=0, le=300,
                                           description="Wait for a free connection before 503")
    sqlite_busy_timeout_seconds: float = Field(
        30.0, ge=0, le=600, description="SQLite only: how long a write waits for another to finish")
    deadline_warning_days: int = Field(
        14, ge=0, le=366, description="A pending sign-off is flagged near when its partner's budget-setting date "
        "is this many days away or fewer (and past after it)")
    dev_admin_key: str | None = Field(
        None, description="A key with every role in every partnership, for development only; "
        "production refuses to start while it is set. The embedded set-up gets one by default.")
    oidc_issuer: str | None = None
    oidc_audience: str | None = None
    oidc_jwks_url: str | None = Field(None, description="The identity provider's JWKS document")
    oidc_algorithms: list[str] = ["RS256", "ES256", "PS256"]
    oidc_leeway_seconds: int = Field(30, ge=0, le=300)
    oidc_jwks_cache_seconds: int = Field(300, ge=0)
    oidc_jwks_cooldown_seconds: float = Field(
        30.0, ge=0, description="Least time between two fetches of the key set (after a failure, or for "
        "an unknown key id)")
    oidc_jwks_timeout_seconds: float = Field(5.0, gt=0, le=60)
    oidc_role_claim: str = "lsp_role"
    oidc_partnership_claim: str = "lsp_partnership_id"
    oidc_partner_claim: str = "lsp_partner_id"

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("production needs DATABASE_URL to name a PostgreSQL database")
        if self.environment == "production" and self.dev_admin_key:
            raise ValueError("production refuses DEV_ADMIN_KEY: unset it and issue real API keys")
        if self.environment == "production" and not (self.metrics_token or self.metrics_port):
            raise ValueError("production needs METRICS_PORT (a port of its own for /metrics) or METRICS_TOKEN: "
                             "the metrics are not for the public API port")
        if self.metrics_port is not None and self.metrics_port == self.port:
            raise ValueError("METRICS_PORT must differ from PORT")
        if self.environment == "production" and "*" in self.forwarded_allow_ips:
            raise ValueError("production refuses FORWARDED_ALLOW_IPS='*': name the gateway's addresses")
        if self.oidc_jwks_url and not (self.oidc_issuer and self.oidc_audience):
            raise ValueError("OIDC_JWKS_URL needs OIDC_ISSUER and OIDC_AUDIENCE too")
        if "none" in {a.lower() for a in self.oidc_algorithms} or any(a.startswith("HS") for a in self.oidc_algorithms):
            raise ValueError("OIDC_ALGORITHMS may list only public-key algorithms")
        if self.progress_green_behind > self.progress_amber_behind:
            raise ValueError("progress_green_behind must not be above progress_amber_behind")
        if self.default_page_size > self.max_page_size:
            raise ValueError("DEFAULT_PAGE_SIZE exceeds MAX_PAGE_SIZE")
        if self.job_stale_seconds < 3 * self.job_heartbeat_seconds:
            raise ValueError("JOB_STALE_SECONDS must be at least three JOB_HEARTBEAT_SECONDS, so that one slow "
                             "heartbeat does not take a run from a live worker")
        if self.db_pool_size + self.db_max_overflow < self.connections_needed:
            raise ValueError(
                f"DB_POOL_SIZE + DB_MAX_OVERFLOW must be at least {self.connections_needed}: one connection per "
                "admitted request (MAX_CONCURRENT_REQUESTS), one per optimiser worker, two for the background")
        if self.max_concurrent_writes > self.max_concurrent_requests:
            raise ValueError("MAX_CONCURRENT_WRITES exceeds MAX_CONCURRENT_REQUESTS")
        if self.worker_threads < self.max_concurrent_requests + 8:
            raise ValueError("WORKER_THREADS must exceed MAX_CONCURRENT_REQUESTS by at least 8")
        return self

    @property
    def connections_needed(self) -> int:
        """Connections one process may hold at once: admitted requests, solves storing, background work."""
        return self.max_concurrent_requests + self.optimiser_workers + 2

    @property
    def development_key(self) -> str | None:
        """The development admin key in force, if any: set, or implied by the embedded default."""
        if self.dev_admin_key:
            return self.dev_admin_key
        embedded = self.environment == "development" and self.database_url == EMBEDDED_DATABASE_URL
        return DEV_ADMIN_KEY if embedded else None

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
