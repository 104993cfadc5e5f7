"""Reading the calendar and keeping the partners' budget-setting dates."""

import uuid
from datetime import timedelta

from sqlmodel import Session, col, select

from service.domain.access import audit, tenancy
from service.domain.access.principal import Principal
from service.domain.calendar import streams as calendar_streams
from service.domain.calendar import years
from service.domain.common.errors import InvalidInput
from service.domain.common.fields import utcnow
from service.domain.models.calendar import (
    BudgetDatePublic,
    BudgetDateSet,
    BudgetSettingDate,
    CalendarYear,
    PartnerYear,
    Period,
)
from service.domain.models.partnership import Partner, Partnership


def _period(name: str, span: years.Span) -> Period:
    return Period(name=name, start=span.start, end=span.end - timedelta(days=1), days=span.days)


def read(session: Session, partnership_id: uuid.UUID, financial_year: str) -> CalendarYear:
    """The year with its quarters and months, each partner's years sharing days with it (and their
    budget-setting dates), and the streams apportioned to it."""
    tenancy.require_partnership(session, partnership_id)
    start = session.get_one(Partnership, partnership_id).financial_year_start_month
    span = years.year_span(financial_year, start)
    partners = session.exec(select(Partner).where(col(Partner.partnership_id) == partnership_id)
                            .order_by(col(Partner.name), col(Partner.id))).all()
    dates = {(d.partner_id, d.financial_year): d.set_by for d in session.exec(
        select(BudgetSettingDate).where(col(BudgetSettingDate.partnership_id) == partnership_id,
                                        col(BudgetSettingDate.financial_year).in_(years.neighbours(financial_year))))}
    partner_years = []
    for partner in partners:
        for label in years.overlapping(span, partner.financial_year_start_month):
            own = years.year_span(label, partner.financial_year_start_month)
            partner_years.append(PartnerYear(
                partner_id=partner.id, partner_name=partner.name, financial_year_start_month=own.start.month,
                financial_year=label, start=own.start, end=own.end - timedelta(days=1), days=own.days,
                days_in_partnership_year=own.overlap(span), matches=own == span,
                budget_set_by=dates.get((partner.id, label))))
    return CalendarYear(
        financial_year=financial_year, financial_year_start_month=start, start=span.start,
        end=span.end - timedelta(days=1), days=span.days,
        quarters=[_period(f"Q{n}", q) for n, q in enumerate(years.quarters(financial_year, start), 1)],
        months=[_period(f"{years.MONTHS[m.start.month - 1]} {m.start.year}", m)
                for m in years.months(financial_year, start)],
        partner_years=partner_years,
        apportioned=calendar_streams.described(calendar_streams.in_year(session, partnership_id, financial_year)))


def _public(row: BudgetSettingDate, partner_name: str) -> BudgetDatePublic:
    return BudgetDatePublic.model_validate(row, update={
        "partner_name": partner_name, "name": f"{partner_name} budget {row.financial_year}"})


def list_budget_dates(session: Session, partnership_id: uuid.UUID) -> list[BudgetDatePublic]:
    tenancy.require_partnership(session, partnership_id)
    rows = session.exec(select(BudgetSettingDate, Partner.name)
                        .join(Partner, col(Partner.id) == col(BudgetSettingDate.partner_id))
                        .where(col(BudgetSettingDate.partnership_id) == partnership_id)
                        .order_by(col(BudgetSettingDate.financial_year), col(Partner.name))).all()
    return [_public(r, name) for r, name in rows]


def set_budget_date(session: Session, partnership_id: uuid.UUID, data: BudgetDateSet,
                    actor: Principal) -> tuple[BudgetDatePublic, bool]:
    """Records (or changes) the partner's budget-setting date for its own year; True when it is new.
    Proposals already made keep the due dates they were made with. Writers go one at a time per
    partnership, so two first settings of one partner's year make one row and one update, never a 500."""
    actor.require_partner(data.partner_id, "this partner's budget-setting dates")
    tenancy.lock_partnership(session, partnership_id)
    partner_id, financial_year = data.partner_id, data.financial_year
    partner = session.get(Partner, partner_id)
    if partner is None or partner.partnership_id != partnership_id:
        raise InvalidInput(f"Partner {partner_id} is not a partner of this partnership.",
                           errors=[{"loc": ["body", "partner_id"], "msg": "not a partner of this partnership"}])
    row = session.exec(select(BudgetSettingDate).where(col(BudgetSettingDate.partner_id) == partner_id,
                                                       col(BudgetSettingDate.financial_year) == financial_year)
                       ).first()
    before = None if row is None else _public(row, partner.name)
    if row is None:
        row = BudgetSettingDate(partnership_id=partnership_id, partner_id=partner_id,
                                financial_year=financial_year, set_by=data.set_by, note=data.note)
    else:
        row.set_by, row.note, row.version, row.updated_at = data.set_by, data.note, row.version + 1, utcnow()
    session.add(row)
    session.flush()
    after = _public(row, partner.name)
    audit.record(session, actor, partnership_id, "create" if before is None else "update", "budget_setting_date",
                 row.id, before, after)
    session.commit()
    return after, before is None
