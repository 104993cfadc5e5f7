"""The floor the service is measured against: a bare FastAPI + SQLAlchemy app that runs the same queries for a
page of funding streams (the page, then its ring-fences) and returns the same fields, with nothing else:
no authentication, admission, metrics, request ids, validation or problem details.

    DATABASE_URL=sqlite:///... uvicorn bench.bare_app:app
"""

import os
import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from service.domain.models.funding import FundingStream, FundingStreamTheme

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
                  "created_at": r.created_at.isoformat(), "updated_at": r.updated_at.isoformat(),
                  "theme_ids": sorted(fences.get(r.id, []))} for r in rows[:page_size]]
        return {"items": items, "next_cursor": None}
