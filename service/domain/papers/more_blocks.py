"""Sections on the register and the analyses: the resource map, binding limits, the frontier, robustness."""

from decimal import Decimal
from typing import Any

from service.domain.papers import analysis_charts
from service.domain.papers.document import Column, Row, Section, Table, Unit


def resource_map(found: dict[str, Any]) -> Section:
    """The resource map (ResourceMap) for the year as a partner × theme heat map and table of may_use."""
    themes = [{"id": t["theme_id"], "name": t["theme"]} for t in found["themes"]]
    partners = [{"id": p["partner_id"], "name": p["partner"]} for p in found["partners"]]
    cells = [{"partner_id": p["partner_id"], "theme_id": t["theme_id"], "may_use": t["may_use"]}
             for p in found["partners"] for t in p["themes"]]
    rows = [Row(p["partner_id"], {"name": p["partner"], "total": p["totals"]["most_contribution"],
                                  **{t["theme_id"]: t["may_use"] for t in p["themes"]}}) for p in found["partners"]]
    columns = [Column("name", "Partner"), *[Column(t["id"], t["name"], Unit.MONEY) for t in themes],
               Column("total", "Most contributions", Unit.MONEY)]
    table = Table("resource_map", f"Resource map {found['financial_year']}: what each partner's streams may spend "
                  "on each theme", columns, rows,
                  total=Row("total", {"name": "All partners", "total": found["totals"]["most_contribution"],
                                      **{t["theme_id"]: t["may_use"] for t in found["themes"]}}), note=found["note"])
    return Section("Resource map", [found["note"]], [analysis_charts.heat_map(cells, partners, themes), table])


def binding(result: dict[str, Any]) -> Section:
    rows = [Row(f"{e['kind']}/{e['id']}", e) for e in result["binding_constraints"]]
    table = Table("binding", "Limits that bind, and what £1m more of each would add", [
        Column("name", "Limit on"), Column("bound", "Limit", Unit.MONEY), Column("sentence", "In words")], rows)
    return Section("What limits the allocation", [], [table])


def frontier(found: dict[str, Any], result: dict[str, Any]) -> Section:
    points = [{"budget": p["budget"], "weighted_attainment": p["weighted_attainment"], "funded": p["funded"]}
              for p in found["points"]]
    chart = analysis_charts.frontier(points, found["maximum"], {
        "total_allocated": result["total_allocated"], "weighted_attainment": result["weighted_attainment"]})
    table = Table("frontier", "Points on the frontier", [
        Column("budget", "Pooled money", Unit.MONEY), Column("weighted_attainment", "Weighted attainment", Unit.POINTS),
        Column("funded", "Interventions funded", Unit.COUNT)], [Row(p["budget"], p) for p in points])
    said = "Exact." if found["exact"] else "Sampled at evenly spaced budgets."
    return Section("The efficient frontier", [said, *[s["sentence"] for s in found["segments"][:3]]], [chart, table])


ROBUST = [("proposal_at_low", "Allocation, effects at their low ends"),
          ("proposal_at_central", "Allocation, central effects"),
          ("proposal_at_high", "Allocation, effects at their high ends"),
          ("worst_case_attainment", "Best worst-case allocation"),
          ("attainment_5th_percentile", "Re-optimised draws: 5th percentile"),
          ("median_attainment", "Re-optimised draws: median"),
          ("attainment_95th_percentile", "Re-optimised draws: 95th percentile")]


def robustness(found: dict[str, Any], findings: list[str]) -> Section:
    summary = [{"id": field, "label": label, "value": found[field]} for field, label in ROBUST
               if found.get(field) is not None]
    interventions = [{"intervention_id": i["intervention_id"], "intervention_name": i["intervention_name"],
                      "funded_in_percent": i["funded_in_percent"], "proposed": i["proposed"],
                      "worst_case": i["worst_case"]} for i in found["interventions"]]
    table = Table("robustness", f"Each intervention over {found['draws']} draws of the evidence (seed "
                  f"{found['seed']})", [Column("intervention_name", "Intervention"),
                                        Column("proposed", "Proposed", Unit.MONEY),
                                        Column("worst_case", "Best for the worst case", Unit.MONEY),
                                        Column("funded_in_percent", "Funded in", Unit.PERCENT)],
                  [Row(i["intervention_id"], i) for i in interventions])
    points = Table("robustness_summary", "Weighted attainment under uncertainty", [
        Column("label", "Case"), Column("value", "Weighted attainment", Unit.POINTS)],
        [Row(s["id"], s) for s in summary])
    return Section("Robustness", findings[:3], [analysis_charts.robustness(summary, interventions), points, table])


def comparison(found: dict[str, Any], findings: list[str]) -> Section:
    """A comparison analysis of the run (Comparison): goals' attainment and the money that moved."""
    goals = [{"id": c["id"], "name": c["name"], "before": c["before"], "after": c["after"], "change": c["change"]}
             for c in found["changes"] if c["kind"] == "goal"]
    moved = [c for c in found["changes"] if c["kind"] != "goal" and (c["kind"] == "partner" or Decimal(c["change"]))]
    goal_table = Table("comparison_goals", "Attainment by goal, before and after", [
        Column("name", "Goal"), Column("before", "Before", Unit.PERCENT), Column("after", "After", Unit.PERCENT),
        Column("change", "Change (points)", Unit.MEASURE)], [Row(g["id"], g) for g in goals])
    money_table = Table("comparison_money", "Money by partner, and the streams and interventions whose money moved", [
        Column("kind", "Kind"), Column("name", "Name"), Column("before", "Before", Unit.MONEY),
        Column("after", "After", Unit.MONEY), Column("change", "Change", Unit.MONEY)],
        [Row(f"{c['kind']}/{c['id']}", {**c, "kind": c["kind"].replace("_", " ")}) for c in moved])
    return Section(f"Compared with run {found['compared_with_run_id']}", findings[:1],
                   [analysis_charts.comparison(goals), goal_table, money_table])
