"""The scrutiny pack: a financial year's goals, runs, agreed allocation and partners' involvement."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.tables import CSV, XLSX, csv_response, spreadsheet_responses, wanted, xlsx_response
from service.domain.common.fields import FinancialYear
from service.domain.scrutiny import pack as scrutiny
from service.domain.scrutiny.report import CSV_COLUMNS, ScrutinyPack
from service.domain.spreadsheets.scrutiny import scrutiny_sheets

router = APIRouter()


@router.get("/partnerships/{partnership_id}/scrutiny-pack", tags=["Scrutiny"], response_model=ScrutinyPack,
            operation_id="get_scrutiny_pack",
            summary="A financial year's scrutiny pack, per theme (JSON, CSV or XLSX)",
            description="Goals and their weight history, the runs considered, the agreed allocation, each "
            "partner's contribution beside its (proportionally attributed) share of the attainment gained, and "
            "outstanding sign-offs. Accept: text/csv for one table with a `section` column, or the XLSX media "
            "type for a workbook: a summary sheet, then a sheet per section with readable headers, pounds, "
            "percentages and totals rows.",
            responses={**error_responses(404, 422), **spreadsheet_responses(
                "The pack; as CSV (one table, a `section` column) or XLSX (a sheet per section)")})
def get_scrutiny_pack(partnership_id: PartnershipId, session: SessionDep, request: Request,
                      financial_year: Annotated[FinancialYear, Query(description="e.g. 2009-10")]) -> Any:
    found = scrutiny.pack(session, partnership_id, financial_year)
    media = wanted(request)
    if media == XLSX:
        return xlsx_response(scrutiny_sheets(found), filename=f"scrutiny-pack-{partnership_id}-{financial_year}.xlsx")
    if media == CSV:
        return csv_response(CSV_COLUMNS, found.csv_rows(),
                            filename=f"scrutiny-pack-{partnership_id}-{financial_year}.csv")
    return found
