"""The demo as `service seed-demo` leaves it (its runs solved, the revised proposal agreed, a year of spend),
and each layer's report of it beside the progress report it is built on."""

from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.demo.run import solve_demo_run

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
YEAR = "2009-10"
SPEND = ["allocation", "spend_to_date", "profile_to_date", "variance_to_profile", "remaining", "forecast_outturn",
         "forecast_variance"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def seeded(demo: TestClient, session: Session) -> TestClient:
    solve_demo_run(session)
    return demo


def get(client: TestClient, what: str, accept: str = "application/json", **params: Any) -> Any:
    response = client.get(f"{DEMO}/{what}", params={"financial_year": YEAR, **params}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    return response.json() if accept == "application/json" else response


def summed(lines: list[dict[str, Any]]) -> dict[str, Decimal]:
    return {name: sum((Decimal(line[name]) for line in lines), Decimal("0.00")) for name in SPEND}


def figures(line: dict[str, Any]) -> dict[str, Decimal]:
    return {name: Decimal(line[name]) for name in SPEND}
