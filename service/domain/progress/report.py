"""The progress report for a financial year, as of a day: goals, interventions, partners and the pool."""

import uuid
from collections import defaultdict
from datetime import date

from sqlmodel import Session, col, select

from service.domain.access.tenancy import require_partnership
from service.domain.common.errors import InvalidInput
from service.domain.common.money import format_pounds, pounds
from service.domain.models.goal import Goal
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner, Partnership
from service.domain.models.performance import IndicatorObservation, SpendActual
from service.domain.models.progress import (
    InterventionSpend,
    PartnerLine,
    PartnerPosition,
    Pool,
    ProgressReport,
    Thresholds,
)
from service.domain.models.proposal import Proposal, ProposalStatus
from service.domain.observations import periods
from service.domain.progress import goals, spend

RULES = [
    "An overspend is covered first from underspends elsewhere in the pool, then from the risk pool where the "
    "agreement keeps one, then by cutting allocations not yet committed, and only then from outside the pool.",
    "Where partners share an overspend they share it pro rata to their contributions, capped at each partner's "
    "most contribution.",
    "Underspends may fund only one-off spending.",
    "Each partner manages its own risks unless the agreement says otherwise; aligned money stays with its partner.",
]


def build(session: Session, partnership_id: uuid.UUID, financial_year: str, as_of: str | None,
          thresholds: Thresholds) -> ProgressReport:
    require_partnership(session, partnership_id)
    month = session.get_one(Partnership, partnership_id).financial_year_start_month
    year = _period(financial_year, month)
    end = _as_of(session, partnership_id, year, as_of, month)
    months = periods.months_between(year.start, end)
    proposal = session.exec(select(Proposal).where(
        col(Proposal.partnership_id) == partnership_id, col(Proposal.financial_year) == year.label,
        col(Proposal.status) == ProposalStatus.AGREED).order_by(col(Proposal.decided_at).desc())).first()
    observed = defaultdict(list)
    for o in session.exec(select(IndicatorObservation).where(
            col(IndicatorObservation.partnership_id) == partnership_id, col(IndicatorObservation.period_end) <= end)):
        observed[o.goal_id].append(o)
    goal_rows = session.exec(select(Goal).where(col(Goal.partnership_id) == partnership_id).order_by(
        col(Goal.indicator_code), col(Goal.id))).all()
    actuals = session.exec(select(
        col(SpendActual.intervention_id), col(SpendActual.partner_id), col(SpendActual.amount)).where(
        col(SpendActual.partnership_id) == partnership_id, col(SpendActual.period_start) >= year.start,
        col(SpendActual.period_end) <= end)).all()
    allocated = [(line["intervention_id"], line["partner_id"], line["amount"])
                 for line in (proposal.allocation if proposal else [])]
    lines = spend.lines(((uuid.UUID(str(i)), uuid.UUID(str(p)), a) for i, p, a in allocated), actuals)
    interventions, partners = _interventions(session, partnership_id, lines, months)
    return ProgressReport(
        partnership_id=partnership_id, financial_year=year.label, as_of=end, months_elapsed=months,
        proposal_id=proposal.id if proposal else None, thresholds=thresholds,
        goals=[goals.progress(g, observed[g.id], month, thresholds) for g in goal_rows],
        interventions=interventions, partners=partners, pool=_pool(partners))


def _period(text: str, month: int, field: str = "financial_year") -> periods.Span:
    try:
        return periods.parse(text, month)
    except periods.NotAPeriod as exc:
        raise InvalidInput(str(exc), errors=[{"loc": ["query", field], "msg": str(exc), "type": "period"}]) from None


def _as_of(session: Session, partnership_id: uuid.UUID, year: periods.Span, text: str | None, month: int) -> date:
    """The last day of `text`'s period; by default the end of the latest period of the year with spend."""
    if text is not None:
        found = _period(text, month, "as_of")
        if not year.start <= found.end <= year.end:
            raise InvalidInput(f"as_of {found.label} ends outside the financial year {year.label}.",
                               errors=[{"loc": ["query", "as_of"], "msg": "outside the financial year",
                                        "type": "period"}])
        return found.end
    latest: date | None = session.exec(select(col(SpendActual.period_end)).where(
        col(SpendActual.partnership_id) == partnership_id, col(SpendActual.period_start) >= year.start,
        col(SpendActual.period_end) <= year.end).order_by(col(SpendActual.period_end).desc())).first()
    return latest or year.end


def _interventions(session: Session, partnership_id: uuid.UUID, lines: dict[tuple[uuid.UUID, uuid.UUID], spend.Line],
                   months: int) -> tuple[list[InterventionSpend], list[PartnerPosition]]:
    titles = dict(session.exec(select(Intervention.id, Intervention.title).where(
        col(Intervention.partnership_id) == partnership_id)).all())
    names = dict(session.exec(select(Partner.id, Partner.name).where(
        col(Partner.partnership_id) == partnership_id)).all())
    by_intervention: dict[uuid.UUID, dict[uuid.UUID, spend.Line]] = defaultdict(dict)
    by_partner: dict[uuid.UUID, list[spend.Line]] = defaultdict(list)
    for (intervention, partner), line in lines.items():
        by_intervention[intervention][partner] = line
        by_partner[partner].append(line)
    interventions = [InterventionSpend(
        intervention_id=i, name=titles.get(i, str(i)), **spend.figures(parts.values(), months).model_dump(),
        by_partner=sorted((PartnerLine(partner_id=p, name=names.get(p, str(p)),
                                       **spend.figures([line], months).model_dump()) for p, line in parts.items()),
                          key=lambda x: x.name))
        for i, parts in by_intervention.items()]
    partners = [_position(PartnerLine(partner_id=p, name=names.get(p, str(p)),
                                      **spend.figures(parts, months).model_dump()))
                for p, parts in by_partner.items()]
    return sorted(interventions, key=lambda x: x.name), sorted(partners, key=lambda x: x.name)


def _position(line: PartnerLine) -> PartnerPosition:
    amount = abs(line.forecast_variance)
    if line.forecast_variance > 0:
        return PartnerPosition(**line.model_dump(), position="overspend", what_happens=(
            f"A forecast overspend of {format_pounds(amount)}: covered first from underspends elsewhere in the pool, "
            "then from the risk pool, then by cutting allocations not yet committed, then from outside the pool; "
            "any share of it that falls to the partners is pro rata, capped at each one's most contribution."))
    if line.forecast_variance < 0:
        return PartnerPosition(**line.model_dump(), position="underspend", what_happens=(
            f"A forecast underspend of {format_pounds(amount)}: it first covers overspends elsewhere in the pool; "
            "what is left may fund only one-off spending."))
    return PartnerPosition(**line.model_dump(), position="on_budget", what_happens="On budget: nothing to share.")


def _pool(partners: list[PartnerPosition]) -> Pool:
    over = sum((p.forecast_variance for p in partners if p.forecast_variance > 0), pounds(0))
    under = sum((-p.forecast_variance for p in partners if p.forecast_variance < 0), pounds(0))
    covered = min(over, under)
    return Pool(overspend=over, underspend=under, covered_by_underspends=covered, left_to_cover=over - covered,
                rules=RULES)
