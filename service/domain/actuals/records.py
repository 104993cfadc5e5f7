"""Spend actuals as a register resource: one per intervention, partner, funding stream and period."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain.common.errors import Conflict
from service.domain.common.references import require_in_partnership
from service.domain.models.funding import FundingStream
from service.domain.models.intervention import Intervention
from service.domain.models.partnership import Partner
from service.domain.models.performance import ActualCreate, ActualPublic, SpendActual
from service.domain.observations.records import span, write_period
from service.domain.register.core import Kind


def _check(session: Session, pid: uuid.UUID, data: ActualCreate, _: Any) -> None:
    require_in_partnership(session, Intervention, pid, [data.intervention_id], "intervention_id")
    require_in_partnership(session, Partner, pid, [data.partner_id], "partner_id")
    if data.funding_stream_id is not None:
        require_in_partnership(session, FundingStream, pid, [data.funding_stream_id], "funding_stream_id")
        stream = session.get_one(FundingStream, data.funding_stream_id)
        if stream.partner_id != data.partner_id:
            raise Conflict(f"funding_stream_id {stream.id} is partner {stream.partner_id}'s stream, not partner "
                           f"{data.partner_id}'s.", extra={"field": "funding_stream_id"})
    span(session, pid, data.period)


ACTUALS = Kind(
    "spend actual", SpendActual, ActualCreate, ActualPublic.model_validate, check=_check,
    write_children=write_period, children=frozenset({"period"}),
    filters=("intervention_id", "partner_id", "funding_stream_id", "period"), owner_partner="partner_id")
