"""The scrutiny pack as a board paper: the year's goals and how far the agreed allocation takes them, who
pays and who benefits, where the money goes, the resource map, the runs considered and what is outstanding."""

from typing import Any

from sqlmodel import Session

from service.domain.papers import blocks, charts, more_blocks, sources, summary
from service.domain.papers.document import Column, Paper, Row, Section, Table, Unit
from service.domain.papers.proposal_paper import sign_offs


def percent(fraction: float | None) -> float | None:
    return None if fraction is None else round(fraction * 100, 1) + 0.0


def goals(pack: dict[str, Any]) -> Section:
    rows = [Row(g["goal_id"], {**g, "theme": t["name"], "attainment_percent": percent(
        g["attainment_in_agreed_allocation"])}) for t in pack["themes"] for g in t["goals"]]
    table = Table("pack_goals", "Goals by theme, and how far the agreed allocation takes each", [
        Column("theme", "Theme"), Column("indicator_code", "Indicator"), Column("title", "Goal"),
        Column("is_laa_target", "LAA target"), Column("weight", "Weight", Unit.MEASURE),
        Column("baseline_value", "Baseline", Unit.MEASURE), Column("target_value", "Target", Unit.MEASURE),
        Column("attainment_percent", "Attainment", Unit.PERCENT), Column("last_changed_by", "Last changed by")],
        rows)
    drawn = [{"id": r.id, "name": f"{r.values['indicator_code']} {r.values['title']}", "laa": r.values["is_laa_target"],
              "attainment_percent": r.values["attainment_percent"]} for r in rows
             if r.values["attainment_percent"] is not None]
    return Section("Goals", [] if drawn else ["No proposal is agreed for the year yet."],
                   [*([charts.goals(drawn)] if drawn else []), table])


def involvement(pack: dict[str, Any], fair: dict[str, Any] | None) -> Section:
    shapley = {p["partner_id"]: p["share_of_gain_percent"] for p in (fair or {}).get("partners", [])}
    rows = [{"id": p["partner_id"], "name": p["partner"], "contribution": p["contribution"],
             "share_of_money_percent": percent(p["share_of_contribution"]),
             "share_of_attainment_percent": percent(p["share_of_attainment"]),
             "shapley_share_percent": shapley.get(p["partner_id"])} for p in pack["partners"]]
    return blocks.shares(rows, pack["attribution"])


def runs_considered(pack: dict[str, Any]) -> Section:
    table = Table("runs", "Runs considered for the year", [
        Column("scenario_name", "Scenario"), Column("mode", "Mode"), Column("status", "Status"),
        Column("weighted_attainment", "Weighted attainment", Unit.POINTS),
        Column("total_allocated", "Allocated", Unit.MONEY), Column("finished_at", "Finished", Unit.DATE)],
        [Row(r["run_id"], r) for r in pack["runs"]])
    outstanding = Table("outstanding", "Sign-offs outstanding on submitted proposals", [
        Column("proposal_title", "Proposal"), Column("partner", "Partner"),
        Column("contribution", "Contribution", Unit.MONEY), Column("submitted_at", "Submitted", Unit.DATE)],
        [Row(f"{s['proposal_id']}/{s['partner_id']}", s) for s in pack["outstanding_sign_offs"]])
    return Section("Runs and sign-offs", [], [table, outstanding])


def paper(session: Session, partnership_id: Any, financial_year: str) -> Paper:
    facts = sources.scrutiny_facts(session, partnership_id, financial_year)
    pack, agreed, run = facts["pack"], facts["pack"]["agreed_proposal"], facts["body"]
    title = [("Partnership", facts["partnership"]), ("Financial year", financial_year),
             ("Agreed proposal", agreed["title"] if agreed else "none yet"),
             ("Scenario", run["scenario_name"] if run else "–"),
             ("Run", agreed["run_id"] if agreed and agreed["run_id"] else "–"),
             ("Drawn up", pack["generated_at"][:16].replace("T", " ") + " UTC")]
    sentences, summary_facts = summary.of_run(run, facts["laa"]) if run else (
        ["No proposal is agreed for the year yet."], [])
    if agreed:
        sentences.insert(0, f"The agreed allocation, {agreed['title']}, commits {blocks.shown_money(agreed['total'])}"
                         f" and reaches {pack['weighted_attainment']:.2f} weighted attainment points.")
    sections = [goals(pack)]
    if agreed:
        fair = (facts["analyses"].get("fair_shares") or {}).get("result")
        sections += [involvement(pack, fair), blocks.money(facts["lines"], facts["themes"])]
        if run and run.get("result"):
            sections.append(blocks.joint(run["result"], sum(g["weight"] for g in run["result"]["goals"])))
        sections.append(Section("The agreed proposal", [agreed["reason"] or ""], [
            sign_offs(agreed["sign_offs"], "agreed_sign_offs", "Its sign-offs")]))
    sections += [more_blocks.resource_map(facts["resources"]), runs_considered(pack)]
    return Paper("scrutiny", f"Scrutiny pack {financial_year}", title, sentences, summary_facts, sections,
                 f"scrutiny-pack-{financial_year}")


__all__ = ["paper"]
