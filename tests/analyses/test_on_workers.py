"""An analysis is solved by the same workers as runs, in their child processes, on both databases."""

import pytest

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from tests.live import DEMO, serving, working


@pytest.mark.parametrize("kind", ["sqlite", "postgres"])
def test_a_worker_process_computes_an_analysis(kind, tmp_path):
    with (serving(kind, tmp_path, optimiser_workers="0", run_wait_seconds="30") as live, working(live),
          live.client() as client):
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        assert run.status_code == 201, run.text
        answer = client.post(f"{DEMO}/runs/{run.json()['id']}/analyses",
                             json={"kind": "comparison", "compared_with_run_id": run.json()["id"]})
        assert answer.status_code == 201, answer.text
        analysis = answer.json()
        assert analysis["status"] == "done" and analysis["worker"].startswith("worker@")
        assert analysis["attempts"] == 1 and analysis["findings"]
        assert client.get(answer.headers["location"]).json() == analysis
