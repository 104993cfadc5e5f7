"""The operator's first steps on a production database: a partnership and its first admin key."""

import os
import subprocess
import sys
from pathlib import Path

from fastapi.testclient import TestClient

from service.api.deps import get_engine
from service.domain.common.db import make_engine
from service.main import app

ROOT = Path(__file__).resolve().parents[2]


def cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"DATABASE_URL": db_url, "LOG_JSON": "false"}
    return subprocess.run([sys.executable, "-m", "service", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def test_first_partnership_and_admin_key_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'prod.db'}"
    assert cli(url, "migrate").returncode == 0
    made = cli(url, "create-partnership", "--name", "Northshire LSP", "--area-code", "E06000047")
    partnership_id = made.stdout.strip()
    key = cli(url, "issue-key", "--partnership", partnership_id).stdout.strip()
    assert key.startswith("lsp_")
    refused = cli(url, "issue-key", "--partnership", "01900000-0000-7000-8000-000000000000")
    assert refused.returncode != 0 and "No partnership" in refused.stderr and "Traceback" not in refused.stderr
    engine = make_engine(url)

    app.dependency_overrides[get_engine] = lambda: engine
    try:
        with TestClient(app, headers={"Authorization": f"Bearer {key}"}) as client:
            listed = client.get("/v1/partnerships").json()["items"]
            assert [p["id"] for p in listed] == [partnership_id]
            assert client.post(f"/v1/partnerships/{partnership_id}/partners",
                               json={"name": "Council", "sector": "local_authority"}).status_code == 201
    finally:
        app.dependency_overrides.clear()
        engine.dispose()
