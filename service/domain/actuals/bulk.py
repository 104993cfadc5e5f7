"""Spend actuals in bulk: a JSON list, or a CSV or XLSX file, all stored or none."""

import uuid
from typing import Any

from sqlmodel import Session, col, select

from service.domain.access.principal import Principal
from service.domain.actuals.records import ACTUALS
from service.domain.models.funding import FundingStream
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner
from service.domain.models.performance import ActualCreate, SpendActual
from service.domain.observations import batch, sheets
from service.domain.observations.bulk import from_file, period_cell
from service.domain.spreadsheets.cells import Lookup, pounds


def _rules(session: Session, partnership_id: uuid.UUID) -> batch.Rules:
    interventions = batch.ids(session, Intervention, partnership_id)
    partners = batch.ids(session, Partner, partnership_id)
    owners = dict(session.exec(select(FundingStream.id, FundingStream.partner_id).where(
        col(FundingStream.partnership_id) == partnership_id)).all())

    def check(body: ActualCreate) -> list[tuple[str, str]]:
        broken = (batch.missing("intervention_id", body.intervention_id, interventions, "intervention")
                  + batch.missing("partner_id", body.partner_id, partners, "partner")
                  + batch.missing("funding_stream_id", body.funding_stream_id, set(owners), "funding stream"))
        stream = body.funding_stream_id
        if stream in owners and owners[stream] != body.partner_id:
            broken.append(("funding_stream_id", f"funding_stream_id {stream} is partner {owners[stream]}'s stream, "
                           f"not partner {body.partner_id}'s."))
        return broken

    return batch.Rules(ACTUALS, key=lambda b: (b.intervention_id, b.partner_id, b.funding_stream_id), check=check)


def _existing(session: Session, partnership_id: uuid.UUID) -> list[batch.Key]:
    rows = session.exec(select(SpendActual).where(col(SpendActual.partnership_id) == partnership_id))
    return [(r.intervention_id, r.partner_id, r.funding_stream_id, r.period_start, r.period_end) for r in rows]


def store_json(session: Session, partnership_id: uuid.UUID, items: list[dict[str, Any]], actor: Principal, *,
               dry_run: bool, row_ids: list[uuid.UUID] | None = None) -> batch.BatchReport:
    """`row_ids`, when given, fix the new records' ids, one per item (the demo uses known ids)."""
    rows = [batch.Row(n, item, row_id=row_ids[n - 1] if row_ids else None) for n, item in enumerate(items, start=1)]
    return batch.store(session, partnership_id, rows, _rules(session, partnership_id), actor, dry_run=dry_run,
                       existing=_existing(session, partnership_id))


def columns(session: Session, partnership_id: uuid.UUID) -> list[sheets.Column]:
    def lookup(noun: str, table: Any, name: Any) -> Lookup:
        return Lookup(noun, session.exec(select(table.id, name).where(col(table.partnership_id) == partnership_id)))

    interventions = lookup("intervention", Intervention, Intervention.title)
    partners = lookup("partner", Partner, Partner.name)
    streams = lookup("funding stream", FundingStream, FundingStream.name)
    return [sheets.Column("intervention", "intervention_id", interventions.resolve),
            sheets.Column("partner", "partner_id", partners.resolve),
            sheets.Column("funding_stream", "funding_stream_id", streams.resolve, required=False),
            sheets.Column("period", "period", period_cell),
            sheets.Column("amount", "amount", pounds),
            sheets.Column("data_quality", "data_quality", sheets.choice, required=False),
            sheets.Column("note", "note", str, required=False)]


def store_file(session: Session, partnership_id: uuid.UUID, content: bytes, actor: Principal, *, dry_run: bool,
               max_bytes: int, max_rows: int) -> batch.BatchReport:
    return from_file(session, partnership_id, content, actor, columns(session, partnership_id),
                     _rules(session, partnership_id), _existing(session, partnership_id), dry_run=dry_run,
                     max_bytes=max_bytes, max_rows=max_rows)
