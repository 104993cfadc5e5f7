"""Numbers in a run's report as people and clients read them: named records, percentages to 0.1, and
fractions without arithmetic noise or negative zero."""

import json
import math

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.runs.report import percent, tidy

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def floats(node):
    if isinstance(node, float):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from floats(value)
    elif isinstance(node, list):
        for value in node:
            yield from floats(value)


def test_tidy_drops_noise_and_negative_zero_and_percent_rounds_to_a_tenth():
    assert tidy(0.8399999999000001) == 0.84 and math.copysign(1, tidy(-0.0)) == 1
    assert tidy(1234567.891234567) == 1234567.89 and tidy(-2.5e-12) == -2.5e-12
    assert percent(0.83449) == 83.4 and percent(0.8355) == 83.5 and math.copysign(1, percent(-0.0001)) == 1


def test_a_runs_report_names_its_records_and_states_its_precision(demo):
    run = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    report = run["result"]
    interventions = {i["id"]: i["title"] for i in demo.get(f"{BASE}/interventions?page_size=200").json()["items"]}
    contributors = [c for g in report["goals"] for c in g["top_contributors"]]
    assert contributors and all(c["name"] == interventions[c["intervention_id"]] for c in contributors)
    assert all(g["attainment_percent"] == round(g["attainment"] * 100, 1) for g in report["goals"])
    assert all(p["share_percent"] == round(p["share_of_total"] * 100, 1) for p in report["partners"])
    body = json.dumps(report)
    assert "-0.0," not in body and "-0.0}" not in body
    numbers = list(floats({k: v for k, v in report.items() if k != "solver"}))  # timings are the solver's own
    assert numbers and all(x == float(f"{x:.9g}") for x in numbers)
