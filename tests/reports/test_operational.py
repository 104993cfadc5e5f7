"""The operational report on the demo: every intervention, its figures as progress has them (zeros where it
has no allocation), each partner's part, the goals it moves; totals the sums of the lines."""

from decimal import Decimal

from service.domain.demo.data import DEMO as DATA
from tests.reports.conftest import figures, get, summed


def test_every_intervention_with_its_spend_as_progress_has_it(seeded):
    report = get(seeded, "reports/operational", as_of="December 2009")
    progress = {i["intervention_id"]: i for i in get(seeded, "progress", as_of="December 2009")["interventions"]}
    assert report["period"] == "December 2009" and report["months_elapsed"] == 9
    assert len(report["interventions"]) == len(DATA["interventions"]) > len(progress) > 0
    for line in report["interventions"]:
        mine = progress.get(line["intervention_id"])
        if mine is None:
            assert all(v == Decimal(0) for v in figures(line).values()) and line["by_partner"] == []
            continue
        assert figures(line) == figures(mine) == summed(line["by_partner"])
        assert {p["partner_id"]: figures(p) for p in line["by_partner"]} == {
            p["partner_id"]: figures(p) for p in mine["by_partner"]}
    assert figures(report["totals"]) == summed(report["interventions"]) == summed(list(progress.values()))
    assert [(i["theme_name"], i["intervention_name"]) for i in report["interventions"]] == sorted(
        (i["theme_name"], i["intervention_name"]) for i in report["interventions"])


def test_each_intervention_names_the_goals_it_moves_with_their_status(seeded):
    report = get(seeded, "reports/operational", as_of="2009-10 Q3")
    status = {g["goal_id"]: g["status"] for g in get(seeded, "progress", as_of="2009-10 Q3")["goals"]}
    codes = {g["key"]: g["indicator_code"] for g in DATA["goals"]}
    by_name = {i["intervention_name"]: i for i in report["interventions"]}
    for item in DATA["interventions"]:
        line = by_name[item["title"]]
        assert sorted(g["indicator_code"] for g in line["goals"]) == sorted(codes[e["goal"]] for e in item["effects"])
        assert all(g["status"] == status[g["goal_id"]] for g in line["goals"])
        assert line["lead_partner_name"] and line["theme_name"]
