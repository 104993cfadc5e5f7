"""The executive report on the demo: spend against allocation in total, by partner and by theme, reconciling
to the penny with progress and the agreed proposal; only the exceptions listed, at the threshold's boundary."""

import uuid
from decimal import Decimal

import pytest

from service.domain.common.demo_ids import demo_id
from service.domain.demo.agreement import PACE
from service.domain.reports.executive import exceptional
from service.settings import get_settings
from tests.reports.conftest import SPEND, figures, get, summed


@pytest.mark.parametrize("as_of", ["2009-10 Q1", "December 2009", "2009-10"])
def test_totals_reconcile_to_the_penny_with_progress_and_the_agreed_proposal(seeded, as_of):
    report = get(seeded, "reports/executive", as_of=as_of)
    progress = get(seeded, "progress", as_of=as_of)
    agreed = seeded.get(f"/v1/partnerships/{report['partnership_id']}/proposals/{report['proposal_id']}").json()
    assert agreed["status"] == "agreed" and report["proposal_id"] == progress["proposal_id"]
    totals = figures(report["totals"])
    assert totals == summed(progress["interventions"]) == summed(progress["partners"])
    assert totals == summed(report["by_partner"]) == summed(report["by_theme"])
    assert totals["allocation"] == Decimal(agreed["total"]) > 0
    for partner in report["by_partner"]:
        mine = next(p for p in progress["partners"] if p["partner_id"] == partner["partner_id"])
        assert figures(partner) == figures(mine) and partner["position"] == mine["position"]
    assert report["pool"] == progress["pool"]


def test_only_goals_red_or_amber_and_interventions_beyond_the_threshold_are_listed(seeded):
    report = get(seeded, "reports/executive", as_of="2009-10")
    progress = get(seeded, "progress", as_of="2009-10")
    behind = {g["goal_id"] for g in progress["goals"] if g["status"] in ("red", "amber")}
    assert {g["goal_id"] for g in report["goal_exceptions"]} == behind and behind
    assert [g["status"] for g in report["goal_exceptions"]] == sorted(
        (g["status"] for g in report["goal_exceptions"]), key=["red", "amber"].index)
    threshold = Decimal(report["variance_threshold"])
    assert threshold == get_settings().report_variance_threshold == Decimal("0.10")
    listed = {i["intervention_id"]: i for i in report["intervention_exceptions"]}
    for line in progress["interventions"]:
        variance, profile = Decimal(line["variance_to_profile"]), Decimal(line["profile_to_date"])
        assert (line["intervention_id"] in listed) == (abs(variance) > threshold * profile), line["name"]
    allocated = {i["intervention_id"] for i in progress["interventions"] if Decimal(i["allocation"]) > 0}
    paced = {str(demo_id("intervention", key)) for key in PACE} & allocated
    assert paced and paced <= set(listed)  # the demo's interventions run over or under all year
    for item in listed.values():
        assert Decimal(item["variance_share"]) == (Decimal(item["variance_to_profile"]) / Decimal(
            item["profile_to_date"])).quantize(Decimal("1e-6"))
    sizes = [abs(Decimal(i["variance_to_profile"])) for i in report["intervention_exceptions"]]
    assert sizes == sorted(sizes, reverse=True)


@pytest.mark.parametrize(("variance", "profile", "spent", "listed"), [
    ("1000.00", "10000.00", "11000.00", False),  # exactly 10 % ahead: at the threshold, not beyond it
    ("1000.01", "10000.00", "11000.01", True),
    ("-1000.00", "10000.00", "9000.00", False),  # exactly 10 % behind
    ("-1000.01", "10000.00", "8999.99", True),
    ("0.00", "0.00", "0.00", False),  # nothing profiled, nothing spent
    ("0.01", "0.00", "0.01", True),  # spend with nothing profiled
])
def test_an_intervention_is_an_exception_only_beyond_the_threshold(variance, profile, spent, listed):
    assert exceptional(Decimal(variance), Decimal(profile), Decimal(spent), Decimal("0.10")) is listed


def test_the_threshold_is_a_setting(seeded, monkeypatch):
    get_settings.cache_clear()
    monkeypatch.setenv("REPORT_VARIANCE_THRESHOLD", "0")
    try:
        every = get(seeded, "reports/executive", as_of="2009-10")
        moved = [i for i in get(seeded, "progress", as_of="2009-10")["interventions"]
                 if Decimal(i["variance_to_profile"]) != 0]
        assert every["variance_threshold"] == "0"
        assert {uuid.UUID(i["intervention_id"]) for i in every["intervention_exceptions"]} == {
            uuid.UUID(i["intervention_id"]) for i in moved}
        monkeypatch.setenv("REPORT_VARIANCE_THRESHOLD", "1")
        get_settings.cache_clear()
        assert get(seeded, "reports/executive", as_of="2009-10")["intervention_exceptions"] == []
    finally:
        get_settings.cache_clear()


def test_without_an_agreed_proposal_the_report_says_so_and_lists_no_spend(demo):
    report = get(demo, "reports/executive", as_of="2009-10 Q2")
    assert report["proposal_id"] is None and report["summary"].startswith("No proposal is agreed for 2009-10")
    assert all(report["totals"][name] == "0.00" for name in SPEND)
