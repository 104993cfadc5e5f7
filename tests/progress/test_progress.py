"""Progress: status at each threshold boundary, forecasts on hand-computed points, spend that reconciles."""

from decimal import Decimal
from typing import Any

import pytest

from tests import builders as b


@pytest.fixture
def reg(client):
    """A goal from 40 at the end of 2008-09 to 30 at the end of 2010-11: 35 expected on 31 March 2010."""
    p = b.partnership(client)
    theme = b.theme(client, p)
    partner = b.partner(client, p)
    goal = b.goal(client, p, theme["id"], baseline_value="40", baseline_year="2008-09", target_value="30",
                  target_year="2010-11")
    return {"p": p, "goal": goal, "partner": partner}


def observe(client, reg, period: str, value: str) -> None:
    b.created(client.post(b.under(reg["p"], "observations"), json={
        "goal_id": reg["goal"]["id"], "partner_id": reg["partner"]["id"], "period": period, "value": value}))


def goal_progress(client, p, **params: Any) -> dict[str, Any]:
    response = client.get(b.under(p, "progress"), params={"financial_year": "2009-10", **params})
    assert response.status_code == 200, response.text
    return response.json()["goals"][0]


@pytest.mark.parametrize(("value", "status"), [
    ("34", "green"),  # ahead of the trajectory
    ("35.5", "green"),  # exactly 5 % of the planned 10 behind
    ("35.50000001", "amber"),
    ("36.5", "amber"),  # exactly 15 % behind
    ("36.50000001", "red"),
])
def test_status_at_each_threshold_boundary(client, reg, value, status):
    observe(client, reg, "2009-10", value)
    found = goal_progress(client, reg["p"])
    assert found["expected_at_latest"] == "35" and found["status"] == status
    assert Decimal(found["behind_share"]) == ((Decimal(value) - 35) / 10).quantize(Decimal("1e-6"))


def test_thresholds_come_from_the_settings(client, reg, monkeypatch):
    monkeypatch.setenv("PROGRESS_GREEN_BEHIND", "0.2")
    monkeypatch.setenv("PROGRESS_AMBER_BEHIND", "0.3")
    from service.settings import get_settings
    get_settings.cache_clear()
    try:
        observe(client, reg, "2009-10", "36.5")
        response = client.get(b.under(reg["p"], "progress"), params={"financial_year": "2009-10"}).json()
        assert response["thresholds"] == {"green_behind": "0.2", "amber_behind": "0.3"}
        assert response["goals"][0]["status"] == "green"
    finally:
        get_settings.cache_clear()


def test_no_observation_is_no_data_and_no_forecast(client, reg):
    found = goal_progress(client, reg["p"])
    assert (found["status"], found["latest"], found["forecast"]["value_at_target"]) == ("no_data", None, None)
    assert found["forecast"]["method"].startswith("not enough observations")


def test_one_observation_is_not_enough_for_a_forecast(client, reg):
    observe(client, reg, "2009-10 Q1", "40")
    found = goal_progress(client, reg["p"])
    assert found["forecast"]["observations"] == 1 and found["forecast"]["value_at_target"] is None
    assert found["forecast"]["method"].startswith("not enough observations")


def test_the_forecast_is_the_least_squares_line_on_hand_computed_points(client, reg):
    # quarter ends 91, 183 and 275 days after 31 March 2009, values falling by 1 each: the line falls 1/92 a
    # day through (183, 39); on 31 March 2011 (day 730) it is 39 - 547/92 = 33.05434782608...
    for period, value in [("2009-10 Q1", "40"), ("2009-10 Q2", "39"), ("2009-10 Q3", "38")]:
        observe(client, reg, period, value)
    found = goal_progress(client, reg["p"])
    assert found["forecast"]["value_at_target"] == "33.05434783"
    assert found["forecast"]["trend_per_year"] == "-3.9673913"  # -365/92
    assert found["forecast"]["meets_target"] is False and found["forecast"]["observations"] == 3
    assert "least-squares" in found["forecast"]["method"]
    assert found["latest"]["period"] == "2009-10 Q3" and found["latest"]["value"] == "38"


def test_observations_after_as_of_are_left_out(client, reg):
    observe(client, reg, "2009-10 Q1", "40")
    observe(client, reg, "2009-10 Q3", "30")
    assert goal_progress(client, reg["p"], as_of="2009-10 Q2")["latest"]["period"] == "2009-10 Q1"


def test_as_of_outside_the_year_is_422(client, reg):
    b.assert_problem(client.get(b.under(reg["p"], "progress"), params={
        "financial_year": "2009-10", "as_of": "2010-11 Q1"}), 422, "outside")
