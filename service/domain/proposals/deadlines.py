"""Sign-off deadlines: a contributing partner must answer by the date it sets its budget, so that the
budget can carry its contribution. A proposal for a partnership year takes, for each partner, the earliest
budget-setting date recorded for the partner's own years that share days with it (a January–December
partner's 2009-10 proposal needs its calendar-2009 budget first). With no date recorded there is no
deadline. A pending sign-off is near its deadline from `deadline_warning_days` days before it (a setting)
to the day itself, and past from the day after."""

import uuid
from collections.abc import Iterable
from datetime import date

from sqlmodel import Session, col, select

from service.domain.calendar import years
from service.domain.models.calendar import BudgetSettingDate, DeadlineState
from service.domain.models.partnership import Partner, Partnership
from service.domain.models.proposal import SignOffStatus
from service.settings import get_settings


def due_dates(session: Session, partnership_id: uuid.UUID, financial_year: str,
              partner_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, date]:
    """Each partner's sign-off deadline for a proposal for `financial_year`, where one is recorded."""
    wanted = list(partner_ids)
    start = session.exec(select(Partnership.financial_year_start_month)
                         .where(col(Partnership.id) == partnership_id)).one()
    span = years.year_span(financial_year, start)
    rows = session.exec(select(col(BudgetSettingDate.partner_id), col(BudgetSettingDate.financial_year),
                               col(BudgetSettingDate.set_by), col(Partner.financial_year_start_month))
                        .join(Partner, col(Partner.id) == col(BudgetSettingDate.partner_id))
                        .where(col(BudgetSettingDate.partner_id).in_(wanted),
                               col(BudgetSettingDate.financial_year).in_(years.neighbours(financial_year)))).all()
    found: dict[uuid.UUID, date] = {}
    for partner_id, year, set_by, month in rows:
        if year in years.overlapping(span, month) and (partner_id not in found or set_by < found[partner_id]):
            found[partner_id] = set_by
    return found


def state(due_on: date | None, status: SignOffStatus, today: date, warning_days: int | None = None) -> DeadlineState:
    if status != SignOffStatus.PENDING:
        return DeadlineState.ANSWERED
    if due_on is None:
        return DeadlineState.NONE
    warning = get_settings().deadline_warning_days if warning_days is None else warning_days
    left = (due_on - today).days
    return DeadlineState.PAST if left < 0 else DeadlineState.NEAR if left <= warning else DeadlineState.OPEN


def worst(states: Iterable[DeadlineState]) -> DeadlineState:
    """The proposal's flag: past if any pending sign-off is past, else near if any is near."""
    found = set(states)
    for flag in (DeadlineState.PAST, DeadlineState.NEAR, DeadlineState.OPEN):
        if flag in found:
            return flag
    return DeadlineState.NONE
