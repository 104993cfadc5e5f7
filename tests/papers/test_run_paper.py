"""The run's board paper on the seeded demo: every figure in its tables and charts is the JSON's own, the
HTML refers to nothing outside itself, and the PDF has its pages, none blank."""

from collections import defaultdict
from decimal import Decimal

import pytest

from service.domain.common.demo_ids import demo_id
from tests.papers.conftest import DEMO, HTML, RUN, analyse, paper
from tests.papers.reading import Paper, assert_figures, assert_prints, pounds

SAFER_FIRST = {"name": "Safer communities first", "financial_year": "2009-10", "mode": "maximise_attainment",
               "options": {"theme_floors": [{"theme_id": str(demo_id("theme", "safer")), "share": "0.2"}]}}


@pytest.fixture
def analysed(seeded):
    found = {kind: analyse(seeded, kind)["result"] for kind in ("fair_shares", "frontier", "robustness")}
    scenario = seeded.post(f"{DEMO}/scenarios", json=SAFER_FIRST).json()
    other = seeded.post(f"{DEMO}/scenarios/{scenario['id']}/runs").json()
    found["comparison"] = analyse(seeded, "comparison", compared_with_run_id=other["id"])["result"]
    return seeded, found


def test_the_run_paper_shows_the_runs_own_figures(analysed):
    client, found = analysed
    run = client.get(RUN).json()
    result, allocation = run["result"], client.get(f"{RUN}/allocation").json()
    theme_of = {i["id"]: i["theme_id"] for i in client.get(f"{DEMO}/interventions", params={"page_size": 200})
                .json()["items"]}
    rmap = client.get(f"{DEMO}/resource-map", params={"financial_year": run["financial_year"]}).json()
    text = paper(client, RUN, HTML).text
    read = Paper(text)

    assert "script" not in read.tags and read.references == []  # self-contained: nothing fetched, nothing run
    summary = run["summary"]
    assert read.summary[0] == summary["sentence"]  # the answer's own summary leads the paper
    facts = dict(read.summary_facts)
    assert facts["Goals at or above 75 % of target"] == (
        f"{summary['goals_at_or_above_threshold']} of {summary['goals_total']}")
    assert facts["Total allocated"] == pounds(summary["total_allocated"])
    assert facts["Pooling saves"] == pounds(summary["pooling_saves"])
    assert facts["LAA targets missed"].startswith(f"{len(summary['laa_targets_missed'])} of ")
    joint = result["joint_working"]
    in_silos = {g["goal_id"]: g["attainment_percent"] for g in joint["goals"]}
    assert set(in_silos) == {g["goal_id"] for g in result["goals"]}
    goals = {g["goal_id"]: {**{k: g[k] for k in ("baseline", "projected", "target", "weight", "attainment_percent")},
                            "silo_attainment_percent": in_silos[g["goal_id"]]} for g in result["goals"]}
    assert_figures(read.tables["goals"], goals, percents={"attainment_percent", "silo_attainment_percent"})
    assert {d["id"]: (d["attainment_percent"], d["silo_attainment_percent"]) for d in read.charts["goals"]} == {
        g: (v["attainment_percent"], v["silo_attainment_percent"]) for g, v in goals.items()}
    assert_figures(read.tables["joint_working"], {
        "maximum": {"value": sum(g["weight"] for g in result["goals"])},
        "total_allocated": {"value": result["total_allocated"]},
        **{k: {"value": joint[k]} for k in ("pooled_attainment", "silo_attainment", "attainment_gained",
                                            "silo_spend", "pooled_money_for_silo_attainment", "money_saved")}},
        money={"value"} if False else set())
    money_rows = [r for r in read.tables["joint_working"] if r.cells["value"].text.startswith("£")]
    assert {r.id for r in money_rows} == {"silo_spend", "pooled_money_for_silo_attainment", "money_saved",
                                          "total_allocated"}
    assert all(r.cells["value"].text == pounds(r.cells["value"].value) for r in money_rows)
    assert {d["id"]: d["value"] for d in read.charts["joint"]} == {
        "maximum": 26.0, "pooled_attainment": joint["pooled_attainment"], "silo_attainment": joint["silo_attainment"],
        "silo_spend": joint["silo_spend"], "total_allocated": result["total_allocated"],
        "pooled_money_for_silo_attainment": joint["pooled_money_for_silo_attainment"]}

    fair = {p["partner_id"]: p for p in found["fair_shares"]["partners"]}
    points = sum(p["attainment_attributed"] for p in fair.values())
    shares = {p["partner_id"]: {
        "contribution": p["contribution"], "share_of_money_percent": p["share_percent"],
        "share_of_attainment_percent": round(100 * fair[p["partner_id"]]["attainment_attributed"] / points, 1),
        "shapley_share_percent": fair[p["partner_id"]]["share_of_gain_percent"]} for p in result["partners"]}
    assert_figures(read.tables["shares"], shares, money={"contribution"},
                   percents={"share_of_money_percent", "share_of_attainment_percent", "shapley_share_percent"})
    assert {d["id"]: {k: d[k] for k in shares[d["id"]]} for d in read.charts["shares"]} == shares

    by_intervention = {s["id"]: {"amount": s["amount"]} for s in allocation["by_intervention"]}
    assert_figures(read.tables["by_intervention"], by_intervention, money={"amount"})
    total = next(r for r in read.tables["by_intervention"] if r.kind == "total")
    assert total.cells["amount"].text == pounds(allocation["total"])
    by_theme, by_partner_theme = defaultdict(Decimal), defaultdict(Decimal)
    for line in allocation["lines"]:
        by_theme[theme_of[line["intervention_id"]]] += Decimal(line["amount"])
        by_partner_theme[line["partner_id"], theme_of[line["intervention_id"]]] += Decimal(line["amount"])
    assert_figures(read.tables["by_theme"], {t: {"amount": a} for t, a in by_theme.items()}, money={"amount"})
    drawn = read.charts["money"]
    assert {(d["partner_id"], d["theme_id"]): Decimal(d["amount"]) for d in drawn if "partner_id" in d} == \
        dict(by_partner_theme)
    assert {d["intervention_id"]: d["amount"] for d in drawn if "intervention_id" in d} == {
        i: v["amount"] for i, v in by_intervention.items()}
    assert_figures(read.tables["lines"], {f"{ln['funding_stream_id']}/{ln['intervention_id']}": {"amount": ln["amount"]}
                                          for ln in allocation["lines"]}, money={"amount"})

    cells = {p["partner_id"]: {t["theme_id"]: t["may_use"] for t in p["themes"]} | {
        "total": p["totals"]["most_contribution"]} for p in rmap["partners"]}
    assert_figures(read.tables["resource_map"], cells, money={*cells[next(iter(cells))]})
    assert {(c["partner_id"], c["theme_id"]): c["may_use"] for c in read.charts["resource_map"]} == {
        (p, t): v for p, row in cells.items() for t, v in row.items() if t != "total"}

    assert_figures(read.tables["binding"], {f"{e['kind']}/{e['id']}": {"bound": e["bound"]}
                                            for e in result["binding_constraints"]}, money={"bound"})
    frontier = found["frontier"]["points"]
    assert [(d["budget"], d["weighted_attainment"]) for d in read.charts["frontier"]] == [
        (p["budget"], p["weighted_attainment"]) for p in frontier]
    assert_figures(read.tables["frontier"], {p["budget"]: {"budget": p["budget"], "weighted_attainment":
                                                           p["weighted_attainment"]} for p in frontier},
                   money={"budget"})
    robust = found["robustness"]
    assert_figures(read.tables["robustness"], {i["intervention_id"]: {
        "proposed": i["proposed"], "worst_case": i["worst_case"], "funded_in_percent": i["funded_in_percent"]}
        for i in robust["interventions"]}, money={"proposed", "worst_case"}, percents={"funded_in_percent"})
    assert {d["id"]: d["value"] for d in read.charts["robustness"] if "value" in d} == {
        k: robust[k] for k in ("proposal_at_low", "proposal_at_central", "proposal_at_high", "worst_case_attainment",
                               "attainment_5th_percentile", "median_attainment", "attainment_95th_percentile")}

    changes = found["comparison"]["changes"]
    goal_changes = {c["id"]: {"before": c["before"], "after": c["after"], "change": c["change"]}
                    for c in changes if c["kind"] == "goal"}
    assert_figures(read.tables["comparison_goals"], goal_changes, percents={"before", "after"})
    drawn_goals = {d["id"]: {k: d[k] for k in ("before", "after", "change")} for d in read.charts["comparison"]}
    assert drawn_goals == goal_changes
    moved = {f"{c['kind']}/{c['id']}": {"before": c["before"], "after": c["after"], "change": c["change"]}
             for c in changes if c["kind"] == "partner" or (c["kind"] != "goal" and Decimal(c["change"]))}
    assert any(Decimal(v["change"]) for v in moved.values())  # the floor moves money: the table shows it
    assert_figures(read.tables["comparison_money"], moved, money={"before", "after", "change"})


def test_the_run_paper_prints_as_a_pdf_with_a_page_per_section_and_the_same_figures(analysed, tmp_path):
    assert_prints(analysed[0], RUN, tmp_path)
