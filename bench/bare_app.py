"""The floor the service is measured against: a bare FastAPI + SQLAlchemy app that runs the same queries for a
page of funding streams (the page, then its ring-fences) and for one intervention (the row, then its effects and
its tranches) and returns the same fields, with nothing else: no authentication, admission, metrics, request ids,
validation, ETags or problem details.

    DATABASE_URL=sqlite:///... uvicorn bench.bare_app:app
"""

import os
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from fastapi import FastAPI, HTTPException
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from service.domain.models.funding import FundingStream, FundingStreamTheme
from service.domain.models.intervention import Intervention


def _time(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


engine = create_engine(os.environ["DATABASE_URL"], pool_size=20, connect_args={"check_same_thread": False})
app = FastAPI()


@app.get("/partnerships/{partnership_id}/funding-streams")
def streams(partnership_id: uuid.UUID, page_size: int = 50) -> dict[str, Any]:
    with Session(engine) as session:
        rows = session.execute(select(FundingStream).where(FundingStream.partnership_id == partnership_id)
                               .order_by(FundingStream.id).limit(page_size + 1)).scalars().all()
        fences: dict[uuid.UUID, list[str]] = {}
        for stream_id, theme_id in session.execute(select(FundingStreamTheme.funding_stream_id,
                                                          FundingStreamTheme.theme_id).where(
                FundingStreamTheme.funding_stream_id.in_([r.id for r in rows]))):
            fences.setdefault(stream_id, []).append(str(theme_id))
        items = [{"id": str(r.id), "version": r.version, "partnership_id": str(r.partnership_id),
                  "partner_id": str(r.partner_id), "name": r.name, "financial_year": r.financial_year,
                  "amount": f"{r.amount:.2f}", "kind": r.kind, "arrangement": r.arrangement,
                  "least_contribution": f"{r.least_contribution:.2f}",
                  "most_contribution": f"{r.most_contribution:.2f}",
                  "data_quality": r.data_quality, "source_note": r.source_note,
                  "created_at": _time(r.created_at), "updated_at": _time(r.updated_at),
                  "theme_ids": sorted(fences.get(r.id, []))} for r in rows[:page_size]]
        return {"items": items, "next_cursor": None}


def _plain(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


@app.get("/partnerships/{partnership_id}/interventions/{intervention_id}")
def intervention(partnership_id: uuid.UUID, intervention_id: uuid.UUID) -> dict[str, Any]:
    with Session(engine) as session:
        row = session.get(Intervention, intervention_id)
        if row is None or row.partnership_id != partnership_id:
            raise HTTPException(404)
        return {"id": str(row.id), "version": row.version, "created_at": _time(row.created_at),
                "updated_at": _time(row.updated_at), "partnership_id": str(row.partnership_id),
                "theme_id": str(row.theme_id), "lead_partner_id": str(row.lead_partner_id), "title": row.title,
                "description": row.description, "min_viable_funding": f"{row.min_viable_funding:.2f}",
                "capacity": f"{row.capacity:.2f}", "committed_funding": f"{row.committed_funding:.2f}",
                "effects": [{"goal_id": str(e.goal_id), "per_thousand": _plain(e.per_thousand), "low": _plain(e.low),
                             "high": _plain(e.high), "evidence_note": e.evidence_note} for e in row.effects],
                "tranches": [{"width": f"{t.width:.2f}", "multiplier": _plain(t.multiplier)} for t in row.tranches]}
