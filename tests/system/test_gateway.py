"""Behind a council's API gateway: nginx serves the service under /lsp, Swagger UI works through it in
headless Chromium, and X-Forwarded-* headers count only when the trusted gateway sends them.

Real processes: the service started by docker/entrypoint.sh (as in the image), nginx and Chromium from
the OS packages (.ci/install-system-packages). Without them these tests skip and say which program is
missing; on CI a skip fails the run.
"""

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.demo.data import DEMO
from tests import processes as proc
from tests.system.gateway import browser

PREFIX = "/lsp"
GATEWAY_ADDRESS = "127.0.0.2"
TEST_KEY = "lsp_gateway_test_key_0123456789abcdef0123456789"


@dataclass(frozen=True)
class Gateway:
    url: str  # nginx, with the prefix
    service_url: str  # the service directly, as an untrusted client would reach it
    service_port: int
    env: dict[str, str]
    tmp: Path


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A migrated SQLite database with the demo, made by the image's own one-shot commands."""
    tmp = tmp_path_factory.mktemp("gateway-db")
    env = proc.service_environment(f"sqlite:///{tmp / 'lsp.db'}", DEV_ADMIN_KEY=TEST_KEY)
    proc.run_entrypoint("migrate", env)
    proc.run_entrypoint("seed-demo", env)
    return env


@pytest.fixture(scope="module")
def gateway(database: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Gateway]:
    proc.program("nginx", "/usr/sbin/nginx")
    tmp = tmp_path_factory.mktemp("gateway")
    port, nginx_port = proc.free_port(), proc.free_port()
    env = {**database, "PORT": str(port), "ROOT_PATH": PREFIX, "FORWARDED_ALLOW_IPS": GATEWAY_ADDRESS}
    log = tmp / "service.log"
    service = proc.start(["bash", str(proc.ENTRYPOINT), "serve"], env, log)
    try:
        proc.wait_until(proc.answers_200(f"http://127.0.0.1:{port}/livez"), service, log, "the service")
        nginx = proc.start_nginx(tmp, nginx_port, port, PREFIX, GATEWAY_ADDRESS)
        try:
            yield Gateway(f"http://127.0.0.1:{nginx_port}{PREFIX}", f"http://127.0.0.1:{port}", port, env, tmp)
        finally:
            proc.stop(nginx)
    finally:
        proc.stop(service)


def test_swagger_ui_through_the_gateway_authorises_and_tries_an_operation(gateway: Gateway, tmp_path: Path):
    with browser.chromium(tmp_path / "profile") as driver:
        try:
            ui = browser.SwaggerUI(driver)
            ui.open(f"{gateway.url}/docs")
            ui.authorize_bearer(TEST_KEY)
            block = ui.try_it_out("Partnerships", "get_partnership", {"partnership_id": str(DEMO_PARTNERSHIP_ID)})
            status, body = browser.live_response(block)
        except Exception:
            driver.save_screenshot(str(tmp_path / "swagger-ui.png"))
            print(f"screenshot: {tmp_path / 'swagger-ui.png'}", file=sys.stderr)
            raise
    assert status == "200", body
    shown = json.loads(body)
    assert shown["id"] == str(DEMO_PARTNERSHIP_ID) and shown["name"] == DEMO["partnership"]["name"]
    access_log = (gateway.tmp / "nginx-access.log").read_text()
    assert f"GET {PREFIX}/v1/partnerships/{DEMO_PARTNERSHIP_ID} HTTP/1.1\" 200" in access_log


def test_docs_and_openapi_document_resolve_through_the_prefix(gateway: Gateway):
    page = httpx.get(f"{gateway.url}/docs")
    assert page.status_code == 200
    assert f"url: '{PREFIX}/openapi.json'" in page.text
    assert f'src="{PREFIX}/docs-assets/swagger-ui-bundle.js"' in page.text
    assert httpx.get(f"{gateway.url}/docs-assets/swagger-ui-bundle.js").status_code == 200
    document = httpx.get(f"{gateway.url}/openapi.json").json()
    assert document["servers"] == [{"url": PREFIX}]
    assert "/v1/partnerships/{partnership_id}" in document["paths"]


def test_paths_the_service_builds_carry_the_prefix(gateway: Gateway):
    headers = {"Authorization": f"Bearer {TEST_KEY}"}
    missing = httpx.get(f"{gateway.url}/v1/partnerships/{DEMO_PARTNERSHIP_ID}/partners/nope", headers=headers)
    assert missing.status_code == 422
    assert missing.json()["instance"] == f"{PREFIX}/v1/partnerships/{DEMO_PARTNERSHIP_ID}/partners/nope"


def test_forwarded_headers_count_only_from_the_trusted_gateway(gateway: Gateway):
    # A trailing-slash redirect spells out the scheme and host the service believes it is served at.
    through_gateway = httpx.get(f"{gateway.url}/v1/partnerships/")
    assert through_gateway.status_code == 307
    nginx_host = httpx.URL(gateway.url).netloc.decode()
    assert through_gateway.headers["location"] == f"https://{nginx_host}{PREFIX}/v1/partnerships"

    forged = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    direct = httpx.get(f"{gateway.service_url}/v1/partnerships/", headers=forged)
    assert direct.status_code == 307
    assert direct.headers["location"] == f"http://127.0.0.1:{gateway.service_port}{PREFIX}/v1/partnerships"


def test_the_image_healthcheck_passes_only_while_the_service_answers(gateway: Gateway):
    healthcheck = [sys.executable, str(proc.REPO / "docker" / "healthcheck.py")]
    live = subprocess.run(healthcheck, env={**gateway.env, "PORT": str(gateway.service_port)},
                          capture_output=True, text=True, timeout=30)
    assert live.returncode == 0, live.stderr
    closed = subprocess.run(healthcheck, env={**gateway.env, "PORT": str(proc.free_port())},
                            capture_output=True, text=True, timeout=30)
    assert closed.returncode == 1 and "unhealthy" in closed.stderr


def test_sigterm_reaches_the_service_and_it_shuts_down_cleanly(database: dict[str, str], tmp_path: Path):
    port = proc.free_port()
    log = tmp_path / "service.log"
    service = proc.start(["bash", str(proc.ENTRYPOINT), "serve"], {**database, "PORT": str(port)}, log)
    try:
        proc.wait_until(proc.answers_200(f"http://127.0.0.1:{port}/livez"), service, log, "the service")
        # The entrypoint exec'd: the process the orchestrator signals is the service itself.
        command_line = Path(f"/proc/{service.pid}/cmdline").read_bytes().split(b"\0")
        assert command_line[1:5] == [b"-m", b"service", b"serve", b"--no-migrate"], command_line
        os.kill(service.pid, signal.SIGTERM)
        # uvicorn finishes its shutdown, then re-raises the signal so the exit status still says SIGTERM.
        assert service.wait(timeout=30) in (0, -signal.SIGTERM)
    finally:
        proc.stop(service)
    output = log.read_text()
    assert "Application shutdown complete" in output and "Finished server process" in output, output
