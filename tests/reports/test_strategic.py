"""The strategic report on the demo: every goal's outcome by theme as progress has it, the LAA targets, and
a period outside the year refused."""

import pytest

from service.domain.demo.data import DEMO as DATA
from tests import builders as b
from tests.reports.conftest import DEMO, YEAR, get


@pytest.mark.parametrize("as_of", ["2009-10 Q2", "March 2010", None])
def test_each_theme_holds_its_goals_outcomes_as_progress_has_them(seeded, as_of):
    asked = {"as_of": as_of} if as_of else {}
    report = get(seeded, "reports/strategic", **asked)
    progress = {g["goal_id"]: g for g in get(seeded, "progress", **asked)["goals"]}
    assert report["as_of"] == get(seeded, "progress", **asked)["as_of"]
    found = [g for t in report["themes"] for g in t["goals"]]
    assert sorted(g["goal_id"] for g in found) == sorted(progress)
    for goal in found:
        mine = progress[goal["goal_id"]]
        assert (goal["status"], goal["behind_share"], goal["expected_at_latest"]) == (
            mine["status"], mine["behind_share"], mine["expected_at_latest"])
        assert (goal["latest_value"], goal["latest_period"]) == (mine["latest"]["value"], mine["latest"]["period"])
        assert goal["forecast_at_target"] == mine["forecast"]["value_at_target"]
    themes = {t["theme_name"]: t for t in report["themes"]}
    for theme in DATA["themes"]:
        counted = themes[theme["name"]]["statuses"]
        assert sum(counted.values()) == sum(g["theme"] == theme["key"] for g in DATA["goals"])
    laa = {g["goal_id"]: g for g in report["laa_targets"]}
    assert len(laa) == len(report["laa_targets"]) and laa == {g["goal_id"]: g for g in found if g["is_laa_target"]}


def test_the_demo_year_ends_with_red_amber_and_green_in_words(seeded):
    report = get(seeded, "reports/strategic", as_of="2009-10 Q4")
    assert report["period"] == "2009-10 Q4" and report["as_of"] == "2010-03-31"
    assert report["cadence"].startswith("3 to 4 times a year")
    statuses = {g["indicator_code"]: g["status"] for g in report["laa_targets"]}
    assert statuses == {"NI 112": "amber", "NI 111": "green", "NI 16": "green", "NI 40": "red", "NI 21": "green",
                        "NI 39": "red", "NI 192": "amber", "NI 186": "green"}
    assert report["summary"] == ("To the end of 2009-10 Q4: of 12 goals, 7 green, 3 amber and 2 red; 4 of the 8 "
                                 "designated LAA targets are green.")
    safer = next(t for t in report["themes"] if t["theme_name"] == "Safer and stronger communities")
    assert safer["sentence"] == ("Safer and stronger communities: of 4 goals, 2 green, 1 amber and 1 red. Behind its "
                                 "trajectory: NI 40 (red), NI 15 (amber).")


@pytest.mark.parametrize("layer", ["strategic", "executive", "operational"])
@pytest.mark.parametrize(("as_of", "field"), [("2010-11 Q1", "as_of"), ("March 2009", "as_of"),
                                               ("sometime", "as_of")])
def test_a_period_outside_the_year_or_none_at_all_is_a_422_naming_it(seeded, layer, as_of, field):
    response = seeded.get(f"{DEMO}/reports/{layer}", params={"financial_year": YEAR, "as_of": as_of})
    problem = b.assert_problem(response, 422)
    assert any(error["loc"][-1] == field for error in problem["errors"]), problem


@pytest.mark.parametrize("layer", ["strategic", "executive", "operational"])
def test_an_unknown_partnership_is_a_404_in_every_format(client, layer):
    for accept in ("application/json", "text/csv", "application/pdf"):
        response = client.get(f"/v1/partnerships/00000000-0000-0000-0000-000000000000/reports/{layer}",
                              params={"financial_year": YEAR}, headers={"Accept": accept})
        b.assert_problem(response, 404)
