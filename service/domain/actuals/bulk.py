"""Spend actuals in bulk: a JSON list, or a CSV or XLSX file, all stored or none."""

import uuid
from typing import Any

from sqlmodel import Session, col, select

from service.domain.actuals.records import ACTUALS
from service.domain.models.funding import FundingStream
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner
from service.domain.models.performance import ActualCreate, SpendActual
from service.domain.observations import batch, sheets
from service.domain.observations.bulk import Bulk, period_cell
from service.domain.observations.export import named, period_sheet
from service.domain.spreadsheets.cells import Lookup, pounds
from service.domain.spreadsheets.exports import Row, Sheet
from service.domain.spreadsheets.register_export import unique_names


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


def _existing(session: Session, partnership_id: uuid.UUID) -> dict[batch.Key, uuid.UUID]:
    rows = session.exec(select(SpendActual).where(col(SpendActual.partnership_id) == partnership_id))
    return {(r.intervention_id, r.partner_id, r.funding_stream_id, r.period_start, r.period_end): r.id for r in rows}


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


ACTUALS_BULK = Bulk(columns, _rules, _existing)
ACTUAL_COLUMNS = ["intervention", "partner", "funding_stream", "period", "amount", "data_quality", "note"]
store_json, store_file = ACTUALS_BULK.store_json, ACTUALS_BULK.store_file


def actuals_sheet(session: Session, partnership_id: uuid.UUID) -> Sheet:
    """Every spend actual as the file import reads it, with its id and version first."""
    interventions = unique_names(session, partnership_id, Intervention, Intervention.title)
    partners = unique_names(session, partnership_id, Partner, Partner.name)
    streams = unique_names(session, partnership_id, FundingStream, FundingStream.name)

    def cells(r: SpendActual) -> Row:
        return {"intervention": named(interventions, r.intervention_id), "partner": named(partners, r.partner_id),
                "funding_stream": named(streams, r.funding_stream_id), "period": r.period, "amount": r.amount,
                "data_quality": str(r.data_quality), "note": r.note}

    return period_sheet(session, partnership_id, "Spend actuals", SpendActual, ACTUAL_COLUMNS,
                        cells, frozenset({"amount"}))
