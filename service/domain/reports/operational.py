"""The operational layer, 12 to 52 times a year: every intervention's allocation, spend to date, profile,
variance and forecast outturn, per partner, and the goals it moves."""

import uuid

from sqlmodel import Session

from service.domain.models.progress import InterventionSpend, Thresholds
from service.domain.models.reports import GoalMoved, InterventionLine, OperationalReport, PartnerPart
from service.domain.reports import common


def build(session: Session, partnership_id: uuid.UUID, financial_year: str, as_of: str | None,
          thresholds: Thresholds) -> OperationalReport:
    basis = common.basis(session, partnership_id, financial_year, as_of, thresholds)
    found = basis.progress
    spent = {line.intervention_id: line for line in found.interventions}
    ids = [*basis.interventions, *(i for i in spent if i not in basis.interventions)]
    lines = sorted((_line(basis, i, spent.get(i)) for i in ids), key=lambda x: (x.theme_name, x.intervention_name))
    return OperationalReport(**basis.frame(common.OPERATIONAL), proposal_id=found.proposal_id,
                             totals=common.total(lines), interventions=lines)


def _line(basis: common.Basis, intervention_id: uuid.UUID, spend: InterventionSpend | None) -> InterventionLine:
    row = basis.interventions.get(intervention_id)
    theme_id, theme_name = basis.theme_of_intervention(intervention_id)
    goals = {g.goal_id: g for g in basis.progress.goals}
    moved = [GoalMoved(goal_id=goal_id, goal_name=goals[goal_id].name, indicator_code=goals[goal_id].indicator_code,
                       per_thousand=per_thousand, status=goals[goal_id].status)
             for goal_id, per_thousand in sorted(basis.effects.get(intervention_id, []),
                                                 key=lambda e: goals[e[0]].indicator_code)]
    lead = row.lead_partner_id if row else None
    return InterventionLine(
        intervention_id=intervention_id, intervention_name=row.title if row else spend.name if spend else "",
        theme_id=theme_id, theme_name=theme_name, lead_partner_id=lead,
        lead_partner_name=basis.partners.get(lead, "") if lead else "",
        by_partner=[PartnerPart(partner_id=p.partner_id, partner_name=p.name, **common.figures(p))
                    for p in (spend.by_partner if spend else [])],
        goals=moved, **common.figures(spend or common.ZERO))
