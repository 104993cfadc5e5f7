"""The scrutiny pack: a financial year's goals, runs, agreed allocation and partners' involvement."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.tables import csv_response
from service.domain.common.fields import FinancialYear
from service.domain.scrutiny import pack as scrutiny
from service.domain.scrutiny.report import CSV_COLUMNS, ScrutinyPack

router = APIRouter()


@router.get("/partnerships/{partnership_id}/scrutiny-pack", tags=["Scrutiny"], response_model=ScrutinyPack,
            operation_id="get_scrutiny_pack",
            summary="A financial year's scrutiny pack, per theme (JSON, or CSV with Accept: text/csv)",
            description="Goals and their weight history, the runs considered, the agreed allocation, each "
            "partner's contribution beside its (proportionally attributed) share of the attainment gained, and "
            "outstanding sign-offs. The CSV is one table with a `section` column.",
            responses={**error_responses(404, 422),
                       200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def get_scrutiny_pack(partnership_id: PartnershipId, session: SessionDep, request: Request,
                      financial_year: Annotated[FinancialYear, Query(description="The year the pack is for")]) -> Any:
    found = scrutiny.pack(session, partnership_id, financial_year)
    if "text/csv" in request.headers.get("accept", ""):
        return csv_response(CSV_COLUMNS, found.csv_rows(),
                            filename=f"scrutiny-pack-{partnership_id}-{financial_year}.csv")
    return found
