"""The layered reports for a financial year to a chosen period: strategic, executive and operational; each as
JSON, CSV or XLSX (by Accept) or as a board paper (text/html, application/pdf)."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from service.api import papers
from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.routes.progress import thresholds
from service.api.tables import CSV, XLSX, sheet_csv_response, spreadsheet_responses, wanted, xlsx_response
from service.domain.common.fields import FinancialYear
from service.domain.models.performance import PeriodLabel
from service.domain.models.reports import ExecutiveReport, OperationalReport, Period, StrategicReport
from service.domain.papers import report_papers
from service.domain.reports import executive, operational, sheets, strategic
from service.domain.spreadsheets.exports import Sheet
from service.settings import get_settings

router = APIRouter()
Year = Annotated[FinancialYear, Query(examples=["2009-10"], description="The financial year, as 2009-10")]
AsOf = Annotated[PeriodLabel | None, Query(examples=["2009-10 Q2"], description=(
    "The period reported to: a month (September 2009), a quarter (2009-10 Q2) or the year itself, ending inside "
    "the financial year (otherwise 422); by default the latest period of the year with spend recorded"))]
FORMATS = ("Accept: text/csv for one table, the XLSX media type for a workbook (a summary sheet first; pounds as "
           "pounds, shares as percentages, totals in bold), text/html or application/pdf for a board paper.")
ERRORS = error_responses(404, 422)


def _answer(request: Request, session: Any, report: Period, csv: Callable[[Any], Sheet],
            workbook: Callable[[Any], list[Sheet]], paper: Callable[[Any, Any], Any], name: str) -> Any:
    filename = f"{name}-report-{report.financial_year}-{report.period.replace(' ', '-')}"
    if media := papers.wanted(request):
        return papers.answer(paper(session, report), media)
    found = wanted(request)
    if found == XLSX:
        return xlsx_response(workbook(report), filename=f"{filename}.xlsx")
    if found == CSV:
        return sheet_csv_response(csv(report), filename=f"{filename}.csv")
    return report


@router.get("/partnerships/{partnership_id}/reports/strategic", response_model=StrategicReport, tags=["Reports"],
            operation_id="get_strategic_report",
            summary="The strategic report: outcomes by theme and the designated LAA targets, to a period",
            description="For the strategic board, 3 to 4 times a year. Each theme's goals with their latest "
            "observation up to `as_of`, the trajectory's value then, their red/amber/green status and forecast (as "
            "`GET …/progress` has them), a sentence per theme and one for the whole; then the designated Local Area "
            "Agreement targets. " + FORMATS,
            responses={**ERRORS, **papers.alongside(spreadsheet_responses(
                "The report; as CSV (one row per goal), XLSX (summary, outcomes by theme, LAA targets) or a paper"))})
def get_strategic_report(partnership_id: PartnershipId, session: SessionDep, request: Request, financial_year: Year,
                         as_of: AsOf = None) -> Any:
    report = strategic.build(session, partnership_id, financial_year, as_of, thresholds())
    return _answer(request, session, report, sheets.strategic_csv, sheets.strategic_sheets, report_papers.strategic,
                   "strategic")


@router.get("/partnerships/{partnership_id}/reports/executive", response_model=ExecutiveReport, tags=["Reports"],
            operation_id="get_executive_report",
            summary="The executive report: spend and outputs against the allocation, exceptions only, to a period",
            description="For the executive, 6 to 12 times a year. Spend to date, profile, variances and forecast "
            "outturn against the agreed allocation, in total, by partner and by theme (every total reconciles to "
            "the penny with its lines and with `GET …/progress`), each theme's goals by status; then only the "
            "exceptions: goals red or amber, and interventions whose variance to profile is more than "
            "REPORT_VARIANCE_THRESHOLD (10 % unless set) of their profile to date. " + FORMATS,
            responses={**ERRORS, **papers.alongside(spreadsheet_responses(
                "The report; as CSV (one table, a `section` column), XLSX (a sheet per section) or a paper"))})
def get_executive_report(partnership_id: PartnershipId, session: SessionDep, request: Request, financial_year: Year,
                         as_of: AsOf = None) -> Any:
    report = executive.build(session, partnership_id, financial_year, as_of, thresholds(),
                             get_settings().report_variance_threshold)
    return _answer(request, session, report, sheets.executive_csv, sheets.executive_sheets, report_papers.executive,
                   "executive")


@router.get("/partnerships/{partnership_id}/reports/operational", response_model=OperationalReport,
            tags=["Reports"], operation_id="get_operational_report",
            summary="The operational report: every intervention's allocation, spend, profile and forecast, to a period",
            description="For the operational layer, 12 to 52 times a year. Every intervention in the register (and "
            "any allocated or spent on since removed): its agreed allocation, spend to date, profile to date, "
            "variances and forecast outturn, the same for each partner funding it, and the goals it moves with "
            "their status; totals are the sums of the lines. " + FORMATS,
            responses={**ERRORS, **papers.alongside(spreadsheet_responses(
                "The report; as CSV (one row per intervention and a total), XLSX (adds each partner's part) or a "
                "paper"))})
def get_operational_report(partnership_id: PartnershipId, session: SessionDep, request: Request,
                           financial_year: Year, as_of: AsOf = None) -> Any:
    report = operational.build(session, partnership_id, financial_year, as_of, thresholds())
    return _answer(request, session, report, sheets.operational_csv, sheets.operational_sheets,
                   report_papers.operational, "operational")
