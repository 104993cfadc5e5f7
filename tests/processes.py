"""Real processes for the gateway tests: the service through docker/entrypoint.sh, and nginx in front."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[1]
ENTRYPOINT = REPO / "docker" / "entrypoint.sh"
STARTUP_SECONDS = 120

NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log info;
events {{ worker_connections 64; }}
http {{
  access_log {tmp}/nginx-access.log;
  client_body_temp_path {tmp}/client-body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location {prefix}/ {{
      # The trailing slash strips the prefix; the service learns it from ROOT_PATH instead.
      proxy_pass http://127.0.0.1:{upstream}/;
      # Connect from 127.0.0.2, the one address the service trusts (FORWARDED_ALLOW_IPS), so that
      # a client talking to the service directly from 127.0.0.1 is an untrusted source.
      proxy_bind {gateway_address};
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # As the council's TLS-terminating gateway would say.
      proxy_set_header X-Forwarded-Proto https;
      # Workers may run as nobody and cannot write temp files under the test's directory.
      proxy_max_temp_file_size 0;
    }}
  }}
}}
"""


def program(name: str, *fallbacks: str) -> str:
    """The path of an OS program the test needs; skip (a failure on CI) saying which one is missing."""
    for candidate in (shutil.which(name), *fallbacks):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip(f"{name} is not installed (run .ci/install-system-packages)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_environment(database_url: str, **settings: str) -> dict[str, str]:
    """The process environment: this interpreter's `python` first on PATH, as in the image."""
    env = {k: v for k, v in os.environ.items() if k.upper() not in {"ROOT_PATH", "FORWARDED_ALLOW_IPS"}}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               ENVIRONMENT="development", DATABASE_URL=database_url, SEED_DEMO_WHEN_EMPTY="false",
               HOST="127.0.0.1", PYTHONUNBUFFERED="1", **settings)
    return env


def run_entrypoint(command: str, env: dict[str, str]) -> None:
    done = subprocess.run(["bash", str(ENTRYPOINT), command], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=STARTUP_SECONDS)
    assert done.returncode == 0, f"entrypoint {command} failed:\n{done.stdout}\n{done.stderr}"


def start(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(argv, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until(ready: Callable[[], bool], process: subprocess.Popen[bytes], log: Path, what: str) -> None:
    """Poll `ready` until it holds, the process exits or the deadline passes."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if ready():
            return
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"{what} exited with {process.returncode}:\n{log.read_text(errors='replace')}")
    pytest.fail(f"{what} was not ready within {STARTUP_SECONDS}s:\n{log.read_text(errors='replace')}")


def answers_200(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            return httpx.get(url, timeout=2).status_code == 200
        except httpx.TransportError:
            return False
    return ready


def stop(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM, then the exit status; kill only if the process outlives a generous deadline."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def start_nginx(tmp: Path, port: int, upstream: int, prefix: str, gateway_address: str) -> subprocess.Popen[bytes]:
    nginx = program("nginx", "/usr/sbin/nginx")
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, upstream=upstream, prefix=prefix,
                                      gateway_address=gateway_address))
    log = tmp / "nginx-stderr.log"
    process = start([nginx, "-p", str(tmp), "-e", str(tmp / "nginx-error.log"), "-c", str(conf),
                     "-g", "daemon off;"], os.environ.copy(), log)
    wait_until(answers_200(f"http://127.0.0.1:{port}{prefix}/livez"), process, log, "nginx")
    return process
