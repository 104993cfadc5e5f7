"""Observations in bulk: a JSON list, or a CSV or XLSX file, all stored or none."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
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


def _existing(session: Session, partnership_id: uuid.UUID) -> dict[batch.Key, uuid.UUID]:
    rows = session.exec(select(IndicatorObservation).where(col(IndicatorObservation.partnership_id) == partnership_id))
    return {(r.goal_id, r.partner_id, r.period_start, r.period_end): r.id for r in rows}


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


# an export's first columns: the record a row changes and the version exported (blank for a new record)
IDENTITY = [sheets.Column("id", "id", str, required=False), sheets.Column("version", "version", str, required=False)]


@dataclass(frozen=True)
class Bulk:
    """A kind's batches: what each reads once per upload (its columns, rules and the keys already stored)."""

    columns: Callable[[Session, uuid.UUID], list[sheets.Column]]
    rules: Callable[[Session, uuid.UUID], batch.Rules]
    existing: Callable[[Session, uuid.UUID], dict[batch.Key, uuid.UUID]]

    def store_json(self, session: Session, partnership_id: uuid.UUID, items: list[dict[str, Any]],
                   actor: Principal, *, dry_run: bool, row_ids: list[uuid.UUID] | None = None) -> batch.BatchReport:
        """`row_ids`, when given, fix the new records' ids, one per item (the demo uses known ids)."""
        rows = [batch.Row(n, item, row_id=row_ids[n - 1] if row_ids else None)
                for n, item in enumerate(items, start=1)]
        return batch.store(session, partnership_id, rows, self.rules(session, partnership_id), actor,
                           dry_run=dry_run, existing=self.existing(session, partnership_id))

    def store_file(self, session: Session, partnership_id: uuid.UUID, content: bytes, actor: Principal, *,
                   dry_run: bool, max_bytes: int, max_rows: int) -> batch.BatchReport:
        """A file's rows as a batch, each error blamed on the column its field is read from."""
        batch.require_writable(session, partnership_id)  # an archived partnership refuses before the file is read
        layout = [*IDENTITY, *self.columns(session, partnership_id)]
        rows = read(content, layout, max_bytes=max_bytes, max_rows=max_rows)
        by_field = {c.api_field: c.name for c in layout}
        rules = self.rules(session, partnership_id)
        rules = batch.Rules(rules.kind, rules.key, rules.check, column=lambda f: by_field.get(f, f))
        return batch.store(session, partnership_id, rows, rules, actor, dry_run=dry_run,
                           existing=self.existing(session, partnership_id), upsert=True)


def read(content: bytes, layout: list[sheets.Column], *, max_bytes: int, max_rows: int) -> list[batch.Row]:
    try:
        return sheets.rows_of(content, layout, max_bytes=max_bytes, max_rows=max_rows)
    except BadFile as bad:
        report = batch.BatchReport(dry_run=False, rows=0, valid=False, created=[],
                                   errors=[batch.BatchRowError(row=bad.row, field=bad.field, message=bad.message)])
        raise batch.BatchRejected(f"The file cannot be read: {bad.message}",
                                  extra=report.model_dump(mode="json")) from None


OBSERVATIONS_BULK = Bulk(columns, _rules, _existing)
store_json, store_file = OBSERVATIONS_BULK.store_json, OBSERVATIONS_BULK.store_file
