"""The calendar: the partnership's financial years, each partner's own, and the budget-setting dates."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain import calendar
from service.domain.common.fields import FinancialYear
from service.domain.models.calendar import BudgetDatePublic, BudgetDateSet, CalendarYear

router = APIRouter(prefix="/partnerships/{partnership_id}", tags=["Calendar"])


@router.get("/calendar", response_model=CalendarYear, operation_id="get_calendar",
            summary="A financial year's quarters and months, each partner's own years, apportioned streams",
            description="The partnership's financial year (from its financial_year_start_month) with its quarters "
            "and months and their first and last days; each partner's own years that share days with it, with "
            "the days they share and the partner's budget-setting date; and every funding stream recorded for a "
            "partner's year that does not match the partnership's, with the part of it (by days, to the penny) "
            "that counts in this year in the resource map and in runs.",
            responses=error_responses(404, 422))
def get_calendar(partnership_id: PartnershipId, session: SessionDep,
                 financial_year: Annotated[FinancialYear, Query(
                     alias="year", examples=["2009-10"], description="The partnership's financial year")]) -> Any:
    return calendar.read(session, partnership_id, financial_year)


@router.get("/budget-dates", response_model=list[BudgetDatePublic], operation_id="list_budget_setting_dates",
            summary="List the partners' budget-setting dates",
            description="Each recorded date by which a partner sets its budget for one of its own financial "
            "years, by year. Proposals' sign-offs are due by them.", responses=error_responses(404, 422))
def list_budget_setting_dates(partnership_id: PartnershipId, session: SessionDep) -> Any:
    return calendar.list_budget_dates(session, partnership_id)


@router.post("/budget-dates", response_model=BudgetDatePublic, status_code=status.HTTP_201_CREATED,
             operation_id="set_budget_setting_date",
             summary="Record a partner's budget-setting date for one of its years (201 new, 200 changed)",
             description="The date by which the partner sets its budget for its own financial year (its full "
             "council, board or police authority meeting). Sending it again for the same partner and year "
             "changes it (200). Proposals made afterwards give each sign-off this due date; proposals already "
             "made keep theirs. A partner_finance key records only its own partner's dates (403 otherwise).",
             responses={200: {"model": BudgetDatePublic, "description": "An existing date changed"},
                        **error_responses(403, 404, 422)})
def set_budget_setting_date(partnership_id: PartnershipId, body: BudgetDateSet, session: SessionDep,
                            actor: Actor, response: Response) -> Any:
    found, created = calendar.set_budget_date(session, partnership_id, body, actor)
    if not created:
        response.status_code = status.HTTP_200_OK
    return found
