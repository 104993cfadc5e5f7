"""The board paper for a proposal: its status and sign-offs, the money it commits, and the results of the
run it froze (goals, joint working, who pays) where that run is still there."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain.papers import blocks, more_blocks, run_paper, sources, summary
from service.domain.papers.document import Column, Paper, Row, Section, Table, Unit


def sign_offs(rows: list[dict[str, Any]], key: str = "sign_offs", title: str = "Sign-offs") -> Table:
    return Table(key, title, [
        Column("partner_name", "Partner"), Column("contribution", "Contribution", Unit.MONEY),
        Column("status", "Sign-off"), Column("decided_by", "By"), Column("decided_at", "At", Unit.DATE),
        Column("comment", "Comment")], [Row(s["partner_id"], s) for s in rows])


def decision(body: dict[str, Any]) -> list[str]:
    said = [f"Status: {body['status']}. Next: {', '.join(body['allowed_actions']) or 'nothing'}."]
    if body["decided_at"]:
        said.append(f"Decided by {body['decided_by']} on {body['decided_at'][:10]}: {body['decision_reason'] or ''}")
    pending = [s["partner_name"] for s in body["sign_offs"] if s["status"] == "pending"]
    if pending:
        said.append(f"Awaiting sign-off from {', '.join(pending)}.")
    return said


def paper(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID) -> Paper:
    facts = sources.proposal_facts(session, partnership_id, proposal_id)
    body, run = facts["proposal"], facts["body"]
    title = [("Partnership", facts["partnership"]), ("Proposal", body["title"]),
             ("Scenario", run["scenario_name"] if run else "(its run has been deleted)"),
             ("Financial year", body["financial_year"]), ("Status", body["status"]), ("Proposal id", body["id"]),
             ("Run", body["run_id"] or "–"), ("Total", blocks.shown_money(body["total"])),
             ("Created", body["created_at"][:16].replace("T", " ") + " UTC")]
    sentences, facts_list = summary.of_run(run, facts["laa"]) if run else ([], [])
    sections = [Section("Decision and sign-offs", decision(body), [sign_offs(body["sign_offs"])])]
    if run:
        sections += run_paper.results_sections(run, facts["laa"], facts["lines"], facts["themes"],
                                               facts["attributed"], facts["analyses"])
    else:
        sections.append(blocks.money(facts["lines"], facts["themes"]))
    sections += [more_blocks.resource_map(facts["resources"]), blocks.lines_table(facts["lines"], body["total"])]
    return Paper("proposal", f"Proposal: {body['title']}", title, [*decision(body)[:1], *sentences],
                 facts_list, sections, f"proposal-{proposal_id}")
