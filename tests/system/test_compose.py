"""docker/compose.yaml, parsed and rendered into the service's own settings (no Docker engine needed):
PostgreSQL healthy, then a one-shot migration, then the service; no secrets in the file."""

import re
from pathlib import Path

import pytest
import yaml

from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
DOCKER = REPO / "docker"

COMPOSE = yaml.safe_load((DOCKER / "compose.yaml").read_text())
SERVICES = COMPOSE["services"]
SECRET_NAME = re.compile("KEY|PASSWORD|SECRET|TOKEN")


def interpolate(value: str, env: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error}, enough for this file."""
    def substitute(match: re.Match[str]) -> str:
        name, operator, argument = match.group(1), match.group(2), match.group(3)
        if env.get(name):
            return env[name]
        if operator == ":?":
            raise LookupError(f"{name}: {argument}")
        return argument if operator == ":-" else ""
    return re.sub(r"\$\{(\w+)(?:(:[-?])([^}]*))?\}", substitute, value)


def test_compose_migrates_once_before_the_service_starts():
    migrate, service, postgres = SERVICES["migrate"], SERVICES["service"], SERVICES["postgres"]
    assert migrate["command"] == ["migrate"] and migrate["restart"] == "no"
    assert migrate["depends_on"] == {"postgres": {"condition": "service_healthy"}}
    assert service["command"] == ["serve"] and "MIGRATE_ON_START" not in service["environment"]
    assert service["depends_on"] == {"postgres": {"condition": "service_healthy"},
                                     "migrate": {"condition": "service_completed_successfully"}}
    assert migrate["image"] == service["image"] and migrate["build"] == service["build"]
    assert (DOCKER / migrate["build"]["context"]).resolve() == REPO
    assert (REPO / migrate["build"]["dockerfile"]).is_file()
    assert "build" not in postgres


def test_compose_runs_workers_of_their_own_and_scales_the_web_replicas():
    worker, service = SERVICES["worker"], SERVICES["service"]
    assert worker["command"] == ["worker"] and worker["depends_on"] == service["depends_on"]
    assert worker["image"] == service["image"] and "ports" not in worker
    assert rendered_settings("service", {"POSTGRES_PASSWORD": "pw"}).optimiser_workers == 0
    assert rendered_settings("worker", {"POSTGRES_PASSWORD": "pw"}).worker_concurrency == 2
    # A range of host ports, one per replica: a fixed port would stop a second replica from starting.
    assert [interpolate(port, {}) for port in service["ports"]] == ["127.0.0.1:8000-8009:8000"]
    assert all("9100" not in str(port) for name in SERVICES for port in SERVICES[name].get("ports", []))


def test_compose_postgres_has_a_healthcheck_and_a_named_volume():
    postgres = SERVICES["postgres"]
    assert postgres["healthcheck"]["test"][:2] == ["CMD", "pg_isready"]
    assert {"interval", "timeout", "retries"} <= set(postgres["healthcheck"])
    volume, _, mount = postgres["volumes"][0].partition(":")
    assert volume in COMPOSE["volumes"] and mount == "/var/lib/postgresql/data"


def test_compose_stops_gracefully_under_an_init():
    assert all(SERVICES[name]["init"] is True for name in ("migrate", "service", "worker"))
    # Longer than uvicorn's 10 s graceful shutdown, so in-flight requests finish before SIGKILL.
    assert int(SERVICES["service"]["stop_grace_period"].removesuffix("s")) > 10


def test_compose_bakes_in_no_secrets():
    for name, service in SERVICES.items():
        for key, value in service.get("environment", {}).items():
            if SECRET_NAME.search(key):
                assert re.fullmatch(r"\$\{\w+(:\?[^}]*|:-)?\}", value), f"{name}.{key} has a default"
            assert not re.search(r"://[^:/]+:[^$@]+@", value), f"{name}.{key} holds a password"
    assert not (DOCKER / ".env").exists()


def rendered_settings(service: str, env: dict[str, str]) -> Settings:
    values = {key.lower(): interpolate(value, env) for key, value in SERVICES[service]["environment"].items()}
    return Settings(_env_file=None, **values)


def test_compose_renders_to_settings_that_production_accepts():
    for service in ("migrate", "service", "worker"):
        settings = rendered_settings(service, {"POSTGRES_PASSWORD": "correct-horse"})
        assert settings.environment == "production" and settings.development_key is None
        assert settings.sqlalchemy_url == "postgresql+psycopg://lsp:correct-horse@postgres:5432/lsp"
    gateway = rendered_settings("service", {"POSTGRES_PASSWORD": "pw", "ROOT_PATH": "/lsp",
                                            "FORWARDED_ALLOW_IPS": "10.20.0.5"})
    assert (gateway.root_path, gateway.forwarded_allow_ips) == ("/lsp", "10.20.0.5")


def test_compose_refuses_to_start_without_a_database_password_or_with_the_dev_key_in_production():
    with pytest.raises(LookupError, match="POSTGRES_PASSWORD"):
        rendered_settings("service", {})
    with pytest.raises(ValueError, match="DEV_ADMIN_KEY"):
        rendered_settings("service", {"POSTGRES_PASSWORD": "pw", "DEV_ADMIN_KEY": "lsp_try_me"})
