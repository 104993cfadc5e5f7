"""Observations in bulk: a JSON list, or a CSV or XLSX file, all stored or none."""

import re
import uuid
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from service.domain.access.principal import Principal
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner
from service.domain.models.performance import IndicatorObservation, ObservationCreate
from service.domain.observations import batch, sheets
from service.domain.observations.records import OBSERVATIONS
from service.domain.spreadsheets.cells import Lookup, number
from service.domain.spreadsheets.csv_file import BadFile

_EXCEL_MONTH = re.compile(r"^(\d{4})-(\d{2})-01$")  # a month typed into Excel becomes its first day


def period_cell(text: str) -> str:
    if found := _EXCEL_MONTH.match(text):
        return date(int(found[1]), int(found[2]), 1).strftime("%B %Y")
    return text


def _rules(session: Session, partnership_id: uuid.UUID) -> batch.Rules:
    goals, partners = batch.ids(session, Goal, partnership_id), batch.ids(session, Partner, partnership_id)

    def check(body: ObservationCreate) -> list[tuple[str, str]]:
        return (batch.missing("goal_id", body.goal_id, goals, "goal")
                + batch.missing("partner_id", body.partner_id, partners, "partner"))

    return batch.Rules(OBSERVATIONS, key=lambda body: (body.goal_id, body.partner_id), check=check)


def _existing(session: Session, partnership_id: uuid.UUID) -> list[batch.Key]:
    t = IndicatorObservation
    query = select(col(t.goal_id), col(t.partner_id), col(t.period_start), col(t.period_end))
    return [tuple(r) for r in session.exec(query.where(col(t.partnership_id) == partnership_id))]


def store_json(session: Session, partnership_id: uuid.UUID, items: list[dict[str, Any]], actor: Principal, *,
               dry_run: bool, row_ids: list[uuid.UUID] | None = None) -> batch.BatchReport:
    """`row_ids`, when given, fix the new records' ids, one per item (the demo uses known ids)."""
    rows = [batch.Row(n, item, row_id=row_ids[n - 1] if row_ids else None) for n, item in enumerate(items, start=1)]
    return batch.store(session, partnership_id, rows, _rules(session, partnership_id), actor, dry_run=dry_run,
                       existing=_existing(session, partnership_id))


def columns(session: Session, partnership_id: uuid.UUID) -> list[sheets.Column]:
    goals = Lookup("goal", session.exec(select(Goal.id, Goal.indicator_code).where(
        col(Goal.partnership_id) == partnership_id)))
    partners = Lookup("partner", session.exec(select(Partner.id, Partner.name).where(
        col(Partner.partnership_id) == partnership_id)))
    return [sheets.Column("goal", "goal_id", goals.resolve, aliases=("indicator_code", "indicator")),
            sheets.Column("partner", "partner_id", partners.resolve, aliases=("reported_by",)),
            sheets.Column("period", "period", period_cell),
            sheets.Column("value", "value", number),
            sheets.Column("data_quality", "data_quality", sheets.choice, required=False),
            sheets.Column("note", "note", str, required=False)]


def store_file(session: Session, partnership_id: uuid.UUID, content: bytes, actor: Principal, *, dry_run: bool,
               max_bytes: int, max_rows: int) -> batch.BatchReport:
    return from_file(session, partnership_id, content, actor, columns(session, partnership_id),
                     _rules(session, partnership_id), _existing(session, partnership_id), dry_run=dry_run,
                     max_bytes=max_bytes, max_rows=max_rows)


def from_file(session: Session, partnership_id: uuid.UUID, content: bytes, actor: Principal,
              layout: list[sheets.Column], rules: batch.Rules, existing: list[batch.Key], *, dry_run: bool,
              max_bytes: int, max_rows: int) -> batch.BatchReport:
    """A file's rows as a batch, each error blamed on the column its field is read from."""
    batch.require_writable(session, partnership_id)  # an archived partnership refuses before the file is read
    rows = read(content, layout, max_bytes=max_bytes, max_rows=max_rows)
    by_field = {c.api_field: c.name for c in layout}
    rules = batch.Rules(rules.kind, rules.key, rules.check, column=lambda f: by_field.get(f, f))
    return batch.store(session, partnership_id, rows, rules, actor, dry_run=dry_run, existing=existing)


def read(content: bytes, layout: list[sheets.Column], *, max_bytes: int, max_rows: int) -> list[batch.Row]:
    try:
        return sheets.rows_of(content, layout, max_bytes=max_bytes, max_rows=max_rows)
    except BadFile as bad:
        report = batch.BatchReport(dry_run=False, rows=0, valid=False, created=[],
                                   errors=[batch.BatchRowError(row=bad.row, field=bad.field, message=bad.message)])
        raise batch.BatchRejected(f"The file cannot be read: {bad.message}",
                                  extra=report.model_dump(mode="json")) from None
