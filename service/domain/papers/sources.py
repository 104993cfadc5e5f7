"""What a paper is drawn from: the same domain functions and public models the JSON answers use."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain import analyses, proposals, runs
from service.domain.models.proposal import ProposalLine
from service.domain.models.run import Run, RunStatus
from service.domain.register import partnerships
from service.domain.register.resource_map import build as resource_map
from service.domain.runs import snapshot
from service.domain.scrutiny.attribution import attribute
from service.domain.scrutiny.pack import pack

LATEST = 100  # analyses of one run looked through for the latest of each kind


def partnership_name(session: Session, partnership_id: uuid.UUID) -> str:
    return partnerships.get(session, partnership_id).name


def resources(session: Session, partnership_id: uuid.UUID, financial_year: str) -> dict[str, Any]:
    return resource_map(session, partnership_id, financial_year).model_dump(mode="json")


def latest_analyses(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, dict[str, Any]]:
    """The latest finished analysis of each kind (its AnalysisPublic as JSON), by kind."""
    found: dict[str, dict[str, Any]] = {}
    page = analyses.list_analyses(session, partnership_id, run_id, kind=None, cursor=None, size=LATEST)
    for item in page.items:
        if item.status == RunStatus.DONE and item.result is not None:
            found[str(item.kind)] = item.model_dump(mode="json")
    return found


def frozen_flags(run: Run) -> tuple[dict[str, bool], dict[str, str], list[dict[str, str]]]:
    """From the run's frozen inputs: each goal's LAA flag, each intervention's theme, the themes."""
    frozen = snapshot.of(run.snapshot)
    return ({g.id: g.laa for g in frozen.goals}, {i.id: i.theme_id for i in frozen.interventions},
            [{"id": t.id, "name": t.name} for t in frozen.themes])


def attributed(run: Run, lines: list[dict[str, Any]]) -> dict[str, float]:
    """Weighted attainment points by partner: the scrutiny pack's proportional attribution of these lines."""
    found = attribute(snapshot.of(run.snapshot), [ProposalLine.model_validate(line) for line in lines])
    return {str(partner): points for partner, points in found.by_partner.items()}


def run_facts(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID) -> dict[str, Any]:
    run = runs.fetch(session, partnership_id, run_id)
    body = runs.public(run).model_dump(mode="json")
    laa, theme_of, themes = frozen_flags(run)
    lines: list[dict[str, Any]] = []
    if body["status"] == RunStatus.OPTIMAL:
        table = runs.allocation(run).model_dump(mode="json")
        names = {t["id"]: t["name"] for t in themes}
        lines = [{**line, "theme_id": theme_of[line["intervention_id"]],
                  "theme": names[theme_of[line["intervention_id"]]]} for line in table["lines"]]
    return {"run": run, "body": body, "laa": laa, "themes": themes, "lines": lines,
            "analyses": latest_analyses(session, partnership_id, run_id),
            "partnership": partnership_name(session, partnership_id),
            "resources": resources(session, partnership_id, body["financial_year"]),
            "attributed": attributed(run, lines) if lines else {}}




def proposal_facts(session: Session, partnership_id: uuid.UUID, proposal_id: uuid.UUID) -> dict[str, Any]:
    """A proposal's answer and, if its run is still there, that run's facts with the proposal's own lines."""
    body = proposals.read(session, partnership_id, proposal_id).model_dump(mode="json")
    run = session.get(Run, uuid.UUID(body["run_id"])) if body["run_id"] else None
    facts = run_facts(session, partnership_id, run.id) if run is not None else {
        "run": None, "body": None, "laa": {}, "themes": [], "analyses": {}, "attributed": {},
        "partnership": partnership_name(session, partnership_id),
        "resources": resources(session, partnership_id, body["financial_year"])}
    themes = facts["themes"] or list({line["theme_id"]: {"id": line["theme_id"], "name": line["theme"]}
                                      for line in body["allocation"]}.values())
    return {**facts, "proposal": body, "lines": body["allocation"], "themes": themes,
            "attributed": attributed(run, body["allocation"]) if run is not None and body["allocation"] else {}}


def scrutiny_facts(session: Session, partnership_id: uuid.UUID, financial_year: str) -> dict[str, Any]:
    """The year's scrutiny pack and, once a proposal is agreed, its proposal's facts (lines, its run's results)."""
    found = pack(session, partnership_id, financial_year).model_dump(mode="json")
    agreed = found["agreed_proposal"]
    facts = proposal_facts(session, partnership_id, uuid.UUID(agreed["proposal_id"])) if agreed else {
        "body": None, "laa": {}, "themes": [], "analyses": {}, "lines": [], "proposal": None,
        "partnership": partnership_name(session, partnership_id),
        "resources": resources(session, partnership_id, financial_year)}
    return {**facts, "pack": found}
