"""The board paper for a run: its results, the value of joint working, who pays, where the money goes, the
resource map, and the frontier and robustness where those analyses of the run exist."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain.papers import blocks, more_blocks, sources, summary
from service.domain.papers.document import Paper, Section
from service.domain.scrutiny.attribution import NOTE


def title_facts(partnership: str, body: dict[str, Any]) -> list[tuple[str, str]]:
    at = body.get("finished_at")
    finished = at[:16].replace("T", " ") + " UTC" if at else "not yet"
    return [("Partnership", partnership), ("Scenario", body["scenario_name"]),
            ("Financial year", body["financial_year"]), ("Run", body["id"]),
            ("Mode", body["mode"].replace("_", " ")), ("Status", body["status"]), ("Finished", finished)]


def partner_shares(result: dict[str, Any], attributed: dict[str, float],
                   fair: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Each partner's share of the money (the run's) and of the attainment its money buys (proportionally
    attributed; the fair-shares analysis's own attribution when there is one), and its Shapley share."""
    by_fair = {p["partner_id"]: p for p in (fair or {}).get("partners", [])}
    points = {pid: p["attainment_attributed"] for pid, p in by_fair.items()} if by_fair else attributed
    total = sum(points.values())
    rows = []
    for partner in result["partners"]:
        mine = by_fair.get(partner["partner_id"], {})
        rows.append({"id": partner["partner_id"], "name": partner["name"], "contribution": partner["contribution"],
                     "share_of_money_percent": partner["share_percent"],
                     "attainment_attributed": points.get(partner["partner_id"], 0.0),
                     "share_of_attainment_percent": round(100 * points.get(partner["partner_id"], 0.0) / total, 1)
                     if total else None, "shapley_share_percent": mine.get("share_of_gain_percent")})
    return rows


def results_sections(body: dict[str, Any], laa: dict[str, bool], lines: list[dict[str, Any]],
                     themes: list[dict[str, str]], attributed: dict[str, float],
                     found: dict[str, dict[str, Any]]) -> list[Section]:
    """The sections every paper about one allocation has (a run's, or the run a proposal froze)."""
    result = body.get("result")
    if not result or result.get("weighted_attainment") is None:
        return []
    maximum = sum(g["weight"] for g in result["goals"])
    fair = (found.get("fair_shares") or {}).get("result")
    note = NOTE + (" The Shapley share is each partner's fair share of what pooling gains over silos, from the "
                   "fair-shares analysis of this run." if fair else "")
    silo = (result.get("joint_working") or {}).get("goals")
    return [blocks.goals(result["goals"], laa, silo), blocks.joint(result, maximum),
            blocks.shares(partner_shares(result, attributed, fair), note), blocks.money(lines, themes)]


def analysis_sections(body: dict[str, Any], found: dict[str, dict[str, Any]]) -> list[Section]:
    sections = []
    if "frontier" in found:
        sections.append(more_blocks.frontier(found["frontier"]["result"], body["result"]))
    if "robustness" in found:
        sections.append(more_blocks.robustness(found["robustness"]["result"], found["robustness"]["findings"]))
    if "comparison" in found:
        sections.append(more_blocks.comparison(found["comparison"]["result"], found["comparison"]["findings"]))
    return sections


def paper(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID) -> Paper:
    facts = sources.run_facts(session, partnership_id, run_id)
    body, lines = facts["body"], facts["lines"]
    sentences, summary_facts = summary.of_run(body, facts["laa"])
    sections = results_sections(body, facts["laa"], lines, facts["themes"], facts["attributed"], facts["analyses"])
    if sections:
        sections += [more_blocks.resource_map(facts["resources"]),
                     *analysis_sections(body, facts["analyses"]), more_blocks.binding(body["result"]),
                     blocks.lines_table(lines, body["result"]["total_allocated"])]
    return Paper("run", f"Allocation run: {body['scenario_name']}", title_facts(facts["partnership"], body),
                 sentences, summary_facts, sections, f"run-{run_id}")
