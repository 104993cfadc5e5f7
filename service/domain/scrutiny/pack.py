"""The scrutiny pack for one financial year: what overview and scrutiny needs to hold the partnership to account.

Goals come from the register as it is now (with their history from the audit trail); money comes from
the year's agreed proposal, which never changes; attainment shares are a proportional attribution.
"""

import uuid
from collections import defaultdict
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from service.domain import proposals, register
from service.domain.common.fields import utcnow
from service.domain.models.access import AuditEvent
from service.domain.models.goal import Goal
from service.domain.models.partnership import Theme
from service.domain.models.proposal import Proposal, ProposalLine, ProposalPublic, ProposalStatus, SignOffStatus
from service.domain.models.run import ALLOCATION, Run
from service.domain.runs import snapshot
from service.domain.scrutiny.attribution import NOTE, attribute
from service.domain.scrutiny.report import (
    AgreedProposal,
    InterventionMoney,
    OutstandingSignOff,
    PackGoal,
    PackTheme,
    PartnerInvolvement,
    RunConsidered,
    ScrutinyPack,
    WeightChange,
)


def pack(session: Session, partnership_id: uuid.UUID, financial_year: str) -> ScrutinyPack:
    register.require_partnership(session, partnership_id)

    def rows(table: Any, *where: Any) -> list[Any]:
        return list(session.exec(select(table).where(col(table.partnership_id) == partnership_id, *where)
                                 .order_by(col(table.id))).all())

    year = col(Proposal.financial_year) == financial_year
    agreed_rows = rows(Proposal, year, col(Proposal.status) == ProposalStatus.AGREED)
    agreed = proposals.public(session, agreed_rows[-1]) if agreed_rows else None
    run = session.get(Run, agreed.run_id) if agreed and agreed.run_id else None
    attribution = attribute(snapshot.of(run.snapshot), agreed.allocation) if agreed and run else None
    submitted = [proposals.public(session, p) for p in rows(Proposal, year,
                                                            col(Proposal.status) == ProposalStatus.SUBMITTED)]
    return ScrutinyPack(
        partnership_id=partnership_id, financial_year=financial_year, generated_at=utcnow(),
        themes=_themes(session, rows(Theme), rows(Goal), agreed, attribution.by_goal if attribution else {}),
        runs=[_run(r) for r in rows(Run, col(Run.financial_year) == financial_year, col(Run.kind) == ALLOCATION)],
        agreed_proposal=None if agreed is None else AgreedProposal(
            proposal_id=agreed.id, title=agreed.title, run_id=agreed.run_id, total=agreed.total,
            approved_by=agreed.decided_by, approved_at=agreed.decided_at, reason=agreed.decision_reason,
            supersedes_id=agreed.supersedes_id, sign_offs=agreed.sign_offs),
        attainment_gained=attribution.total if attribution else None,
        weighted_attainment=attribution.total if attribution else None,
        partners=_partners(agreed, attribution.by_partner if attribution else None),
        attribution=NOTE,
        outstanding_sign_offs=[OutstandingSignOff(
            proposal_id=p.id, proposal_title=p.title, partner_id=s.partner_id, partner=s.partner_name,
            contribution=s.contribution, submitted_at=p.submitted_at)
            for p in submitted for s in p.sign_offs if s.status == SignOffStatus.PENDING])


def _themes(session: Session, themes: list[Theme], goals: list[Goal], agreed: ProposalPublic | None,
            attained: dict[str, float]) -> list[PackTheme]:
    history = _goal_history(session, [g.id for g in goals])
    lines: dict[uuid.UUID, list[ProposalLine]] = defaultdict(list)
    for line in agreed.allocation if agreed else []:
        lines[line.theme_id].append(line)
    names = {t.id: t.name for t in themes} | {  # a theme deleted since keeps its agreed money in the pack
        theme_id: found[0].theme for theme_id, found in lines.items()}
    return [PackTheme(
        theme_id=theme_id, name=name,
        goals=[_goal(g, history[g.id], attained.get(str(g.id)) if agreed else None)
               for g in goals if g.theme_id == theme_id],
        agreed_amount=sum((line.amount for line in lines[theme_id]), Decimal("0.00")),
        agreed_interventions=_by_intervention(lines[theme_id]))
        for theme_id, name in sorted(names.items(), key=lambda item: item[1])]


def _goal(goal: Goal, events: list[AuditEvent], attained: float | None) -> PackGoal:
    changes = [WeightChange(at=e.at, by=e.actor, role=e.role, weight_from=(e.before or {}).get("weight"),
                            weight_to=e.after["weight"])
               for e in events if e.after is not None
               and (e.before is None or Decimal(e.before["weight"]) != Decimal(e.after["weight"]))]
    last = events[-1] if events else None
    return PackGoal(
        goal_id=goal.id, indicator_code=goal.indicator_code, title=goal.title, unit=goal.unit,
        polarity=goal.polarity, weight=goal.weight, baseline_value=goal.baseline_value,
        baseline_year=goal.baseline_year, target_value=goal.target_value, target_year=goal.target_year,
        is_laa_target=goal.is_laa_target, last_changed_by=last.actor if last else None,
        last_changed_at=last.at if last else None, weight_changes=changes,
        attainment_in_agreed_allocation=attained)


def _goal_history(session: Session, goal_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[AuditEvent]]:
    found: dict[uuid.UUID, list[AuditEvent]] = defaultdict(list)
    if goal_ids:
        for event in session.exec(select(AuditEvent).where(
                col(AuditEvent.entity) == "goal", col(AuditEvent.entity_id).in_(goal_ids))
                .order_by(col(AuditEvent.at), col(AuditEvent.id))):
            found[event.entity_id].append(event)
    return found


def _by_intervention(lines: list[ProposalLine]) -> list[InterventionMoney]:
    sums: dict[uuid.UUID, InterventionMoney] = {}
    for line in lines:
        item = sums.setdefault(line.intervention_id, InterventionMoney(
            intervention_id=line.intervention_id, intervention=line.intervention, amount=Decimal("0.00")))
        item.amount += line.amount
    return sorted(sums.values(), key=lambda i: (-i.amount, i.intervention))


def _run(run: Run) -> RunConsidered:
    found = (run.result or {}).get("report") or {}
    total = found.get("total_allocated")
    return RunConsidered(run_id=run.id, scenario_id=run.scenario_id, scenario_name=run.scenario_name,
                         mode=run.mode, status=run.status, weighted_attainment=found.get("weighted_attainment"),
                         total_allocated=Decimal(total) if total is not None else None,
                         started_at=run.started_at, finished_at=run.finished_at)


def _partners(agreed: ProposalPublic | None, attributed: dict[uuid.UUID, float] | None) -> list[PartnerInvolvement]:
    if agreed is None:
        return []
    gained = sum(attributed.values()) if attributed else 0.0
    return [PartnerInvolvement(
        partner_id=s.partner_id, partner=s.partner_name, contribution=s.contribution,
        share_of_contribution=float(s.contribution / agreed.total) if agreed.total else 0.0,
        attainment_attributed=attributed.get(s.partner_id, 0.0) if attributed is not None else None,
        share_of_attainment=attributed.get(s.partner_id, 0.0) / gained if attributed and gained else None)
        for s in agreed.sign_offs]
