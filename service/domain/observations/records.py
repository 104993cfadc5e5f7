"""Indicator observations as a register resource: one per goal, partner and period."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain.common.errors import Conflict, InvalidInput
from service.domain.common.references import require_in_partnership
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner, Partnership
from service.domain.models.performance import IndicatorObservation, ObservationCreate, ObservationPublic
from service.domain.observations import periods
from service.domain.register.core import Kind


def span(session: Session, partnership_id: uuid.UUID, text: str) -> periods.Span:
    """The partnership's period named by `text`; a 422 naming `period` when it names none."""
    partnership = session.get_one(Partnership, partnership_id)
    try:
        return periods.parse(text, partnership.financial_year_start_month)
    except periods.NotAPeriod as exc:
        raise InvalidInput(str(exc), errors=[{"loc": ["body", "period"], "msg": str(exc),
                                              "type": "period"}]) from None


def write_period(session: Session, row: Any, data: Any) -> None:
    found = span(session, row.partnership_id, data.period)
    row.period, row.period_kind, row.period_start, row.period_end = found.label, found.kind, found.start, found.end


def _check(session: Session, pid: uuid.UUID, data: ObservationCreate, _: Any) -> None:
    require_in_partnership(session, Goal, pid, [data.goal_id], "goal_id")
    require_in_partnership(session, Partner, pid, [data.partner_id], "partner_id")
    span(session, pid, data.period)


def duplicate(noun: str) -> Conflict:
    return Conflict(f"There is already {noun} for this period; change it with PATCH or delete it first.",
                    extra={"field": "period"})


OBSERVATIONS = Kind(
    "indicator observation", IndicatorObservation, ObservationCreate, ObservationPublic.model_validate,
    check=_check, write_children=write_period, children=frozenset({"period"}),
    filters=("goal_id", "partner_id", "period"))
