"""Schemathesis against the service's own OpenAPI document, authenticated, with every check it has:
no server errors and no response that breaks the schema. Seeded and bounded, on SQLite and PostgreSQL."""

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig
from sqlalchemy import Engine

from service.api.deps import get_engine
from service.main import app
from service.settings import get_settings
from tests.conftest import DEV_AUTH, migrated_database

schema = schemathesis.openapi.from_asgi(
    "/openapi.json", app, config=SchemathesisConfig.from_path(Path(__file__).parent / "schemathesis.toml"))
EXAMPLES = 12


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def fuzz_engine(request, tmp_path_factory) -> Iterator[Engine]:
    """A committed database with the demo loaded: fuzzing needs real rows behind real ids."""
    with migrated_database(request.param, tmp_path_factory.mktemp("fuzz"), demo=True) as engine:
        yield engine


@pytest.fixture
def fuzz_app(fuzz_engine, monkeypatch):
    # Throttling is tested on its own; here it would only turn runs the schema allows into 429s.
    monkeypatch.setattr(get_settings(), "run_burst", 1_000_000)
    app.dependency_overrides[get_engine] = lambda: fuzz_engine
    yield
    app.dependency_overrides.clear()


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
def test_api_survives_fuzzing(fuzz_app, case):
    # A fresh Idempotency-Key per call: replays are tested on their own, a reused key is a 422 by design.
    case.call_and_validate(headers=DEV_AUTH | {"Idempotency-Key": str(uuid.uuid4())})
