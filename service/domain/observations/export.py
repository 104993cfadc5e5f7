"""Observations (and, for the actuals package, any period records) as the file import reads them, with each
record's id and version first: export, edit, import back."""

import uuid
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from service.domain import register
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner
from service.domain.models.performance import IndicatorObservation
from service.domain.spreadsheets.exports import Row, Sheet
from service.domain.spreadsheets.register_export import unique_names

OBSERVATION_COLUMNS = ["goal", "partner", "period", "value", "data_quality", "note"]


def period_sheet(session: Session, partnership_id: uuid.UUID, title: str, table: Any, columns: list[str],
                 cells: Callable[[Any], Row], money: frozenset[str] = frozenset()) -> Sheet:
    """Every record of `table` by period (then oldest first), one a row."""
    register.require_partnership(session, partnership_id)
    rows = session.exec(select(table).where(col(table.partnership_id) == partnership_id).order_by(
        col(table.period_start), col(table.period_end), col(table.created_at), col(table.id))).all()
    return Sheet(title, ["id", "version", *columns],
                 [{"id": str(r.id), "version": r.version, **cells(r)} for r in rows], money)


def named(names: dict[uuid.UUID, str], record_id: uuid.UUID | None) -> str | None:
    return None if record_id is None else names.get(record_id, str(record_id))


def observations_sheet(session: Session, partnership_id: uuid.UUID) -> Sheet:
    goals = unique_names(session, partnership_id, Goal, Goal.indicator_code)
    partners = unique_names(session, partnership_id, Partner, Partner.name)

    def cells(r: IndicatorObservation) -> Row:
        return {"goal": named(goals, r.goal_id), "partner": named(partners, r.partner_id), "period": r.period,
                "value": r.value, "data_quality": str(r.data_quality), "note": r.note}

    return period_sheet(session, partnership_id, "Indicator observations", IndicatorObservation,
                        OBSERVATION_COLUMNS, cells)
