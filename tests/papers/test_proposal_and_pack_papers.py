"""The proposal's and the scrutiny pack's board papers on the demo, once the board has agreed a proposal of
its run: their figures are the JSON's, and the PDFs have their pages with the same figures."""

from collections import defaultdict
from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_RUN_ID
from tests import builders as b
from tests.papers.conftest import DEMO, HTML, PDF, RUN, agree, paper
from tests.papers.reading import Paper, assert_figures, assert_prints, pounds

YEAR = "2009-10"


def percent(fraction):
    return round(fraction * 100, 1)


@pytest.fixture
def agreed(seeded):
    return seeded, agree(seeded)


def test_the_proposal_paper_shows_the_proposals_and_its_runs_figures(agreed):
    client, proposal = agreed
    run = client.get(RUN).json()["result"]
    read = Paper(paper(client, f"{DEMO}/proposals/{proposal['id']}", HTML).text)
    assert "script" not in read.tags and read.references == []
    assert proposal["summary"]["sentence"] in read.summary
    assert dict(read.summary_facts)["Total allocated"] == pounds(proposal["summary"]["total_allocated"])
    assert_figures(read.tables["sign_offs"], {s["partner_id"]: {"contribution": s["contribution"]}
                                              for s in proposal["sign_offs"]}, money={"contribution"})
    assert {r.cells["status"].text for r in read.tables["sign_offs"]} == {"confirmed"}
    assert_figures(read.tables["lines"], {f"{ln['funding_stream_id']}/{ln['intervention_id']}": {
        "amount": ln["amount"]} for ln in proposal["allocation"]}, money={"amount"})
    by_intervention, by_theme = defaultdict(Decimal), defaultdict(Decimal)
    for line in proposal["allocation"]:
        by_intervention[line["intervention_id"]] += Decimal(line["amount"])
        by_theme[line["theme_id"]] += Decimal(line["amount"])
    assert_figures(read.tables["by_intervention"], {i: {"amount": a} for i, a in by_intervention.items()},
                   money={"amount"})
    assert_figures(read.tables["by_theme"], {t: {"amount": a} for t, a in by_theme.items()}, money={"amount"})
    assert_figures(read.tables["goals"], {g["goal_id"]: {"projected": g["projected"], "attainment_percent":
                                                         g["attainment_percent"]} for g in run["goals"]},
                   percents={"attainment_percent"})
    assert_figures(read.tables["shares"], {p["partner_id"]: {"contribution": p["contribution"],
                                                             "share_of_money_percent": p["share_percent"]}
                                           for p in run["partners"]},
                   money={"contribution"}, percents={"share_of_money_percent"})


def test_the_scrutiny_pack_paper_shows_the_packs_figures(agreed):
    client, proposal = agreed
    pack = client.get(f"{DEMO}/scrutiny-pack", params={"financial_year": YEAR}).json()
    read = Paper(paper(client, f"{DEMO}/scrutiny-pack", HTML, financial_year=YEAR).text)
    assert "script" not in read.tags and read.references == []
    assert client.get(RUN).json()["summary"]["sentence"] in read.summary  # the agreed run's summary
    goals = {g["goal_id"]: {"weight": g["weight"], "baseline_value": g["baseline_value"],
                            "target_value": g["target_value"],
                            "attainment_percent": percent(g["attainment_in_agreed_allocation"])}
             for t in pack["themes"] for g in t["goals"]}
    assert_figures(read.tables["pack_goals"], goals, percents={"attainment_percent"})
    assert {d["id"]: d["attainment_percent"] for d in read.charts["goals"]} == {
        g: v["attainment_percent"] for g, v in goals.items()}
    shares = {p["partner_id"]: {"contribution": p["contribution"],
                                "share_of_money_percent": percent(p["share_of_contribution"]),
                                "share_of_attainment_percent": percent(p["share_of_attainment"])}
              for p in pack["partners"]}
    assert_figures(read.tables["shares"], shares, money={"contribution"},
                   percents={"share_of_money_percent", "share_of_attainment_percent"})
    assert_figures(read.tables["by_theme"], {t["theme_id"]: {"amount": t["agreed_amount"]} for t in pack["themes"]
                                             if Decimal(t["agreed_amount"])}, money={"amount"})
    assert_figures(read.tables["by_intervention"], {i["intervention_id"]: {"amount": i["amount"]}
                                                    for t in pack["themes"] for i in t["agreed_interventions"]},
                   money={"amount"})
    assert_figures(read.tables["runs"], {r["run_id"]: {"weighted_attainment": r["weighted_attainment"],
                                                       "total_allocated": r["total_allocated"]} for r in pack["runs"]},
                   money={"total_allocated"})
    assert_figures(read.tables["agreed_sign_offs"], {s["partner_id"]: {"contribution": s["contribution"]}
                                                     for s in pack["agreed_proposal"]["sign_offs"]},
                   money={"contribution"})
    assert pack["agreed_proposal"]["proposal_id"] == proposal["id"]


@pytest.mark.parametrize("kind", ["proposal", "scrutiny"])
def test_the_proposal_and_pack_papers_print_with_their_pages_and_figures(agreed, tmp_path, kind):
    client, proposal = agreed
    path, params = ((f"{DEMO}/proposals/{proposal['id']}", {}) if kind == "proposal"
                    else (f"{DEMO}/scrutiny-pack", {"financial_year": YEAR}))
    assert_prints(client, path, tmp_path, **params)


def test_json_stays_the_default_and_an_unknown_run_is_a_problem_whatever_is_accepted(seeded):
    for accept in ("*/*", "application/json", "application/json, text/html;q=0.5", ""):
        response = seeded.get(RUN, headers={"Accept": accept})
        assert response.headers["content-type"].startswith("application/json"), accept
        assert response.json()["id"] == str(DEMO_RUN_ID)
    assert seeded.get(RUN, headers={"Accept": "application/json;q=0.5, text/html"}).headers[
        "content-type"].startswith(HTML)
    unknown = f"{DEMO}/runs/00000000-0000-0000-0000-000000000000"
    for media in (HTML, PDF):
        b.assert_problem(seeded.get(unknown, headers={"Accept": media}), 404)
        b.assert_problem(seeded.get(f"{DEMO}/proposals/00000000-0000-0000-0000-000000000000",
                                    headers={"Accept": media}), 404)
