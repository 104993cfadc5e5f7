"""The seeded demo with its run solved, as `service seed-demo` leaves it, and what the papers need of it."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID
from service.domain.demo.run import solve_demo_run

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
RUN = f"{DEMO}/runs/{DEMO_RUN_ID}"
HTML, PDF = "text/html", "application/pdf"


@pytest.fixture
def seeded(demo: TestClient, session: Session) -> TestClient:
    solve_demo_run(session)
    return demo


def analyse(client: TestClient, kind: str, **asked: Any) -> dict[str, Any]:
    response = client.post(f"{RUN}/analyses", json={"kind": kind, **asked})
    assert response.status_code == 201, response.text
    return response.json()


def agree(client: TestClient) -> dict[str, Any]:
    """A proposal of the demo's run, confirmed by every partner and approved by the board."""
    def act(proposal: dict[str, Any], action: str, body: Any = None) -> dict[str, Any]:
        response = client.post(f"{DEMO}/proposals/{proposal['id']}/{action}", json=body,
                               headers={"If-Match": f'"v{proposal["version"]}"'})
        assert response.status_code == 200, response.text
        return response.json()

    proposal = client.post(f"{DEMO}/proposals", json={"run_id": str(DEMO_RUN_ID), "title": "Pooled budget 2009-10"})
    assert proposal.status_code == 201, proposal.text
    found = act(proposal.json(), "submit")
    for sign_off in found["sign_offs"]:
        found = act(found, "confirm", {"partner_id": sign_off["partner_id"], "comment": "Within our budget."})
    return act(found, "approve", {"reason": "Agreed at the board of 3 March."})


def paper(client: TestClient, path: str, media: str, **params: Any) -> Any:
    response = client.get(path, headers={"Accept": media}, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    extension = "html" if media == HTML else "pdf"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["content-disposition"].endswith(f'.{extension}"')
    return response
