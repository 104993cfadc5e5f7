"""Progress for a financial year: goals against their trajectories, spend against the agreed allocation."""

from typing import Annotated

from fastapi import APIRouter, Query

from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.domain.common.fields import FinancialYear
from service.domain.models.performance import PeriodLabel
from service.domain.models.progress import ProgressReport, Thresholds
from service.domain.progress import report
from service.settings import get_settings

router = APIRouter()


@router.get("/partnerships/{partnership_id}/progress", response_model=ProgressReport, tags=["Progress"],
            operation_id="get_progress", responses=error_responses(404, 422),
            summary="Goals against their trajectories and spend against the agreed allocation, for a year",
            description="""For each goal: its trajectory (a straight line from the baseline at the end of
the baseline year to the target at the end of the target year), the latest observation up to `as_of`,
how far it is behind the trajectory as a share of the planned improvement, a red/amber/green status
(green up to PROGRESS_GREEN_BEHIND behind, amber up to PROGRESS_AMBER_BEHIND, red beyond; no_data without
observations) and a least-squares forecast (with at least two period ends; otherwise it says so).

For each intervention and partner: the agreed proposal's allocation for the year, spend to date, the
allocation's even monthly profile to date, the variances and the forecast outturn (spend at its run
rate). Every figure is exact to the penny and sums to its totals. Each partner's forecast over- or
underspend says what the pooled-budget agreement's rules do with it; `pool.rules` lists them in order.""")
def get_progress(
    partnership_id: PartnershipId, session: SessionDep,
    financial_year: Annotated[FinancialYear, Query(examples=["2009-10"], description="The financial year, as 2009-10")],
    as_of: Annotated[PeriodLabel | None, Query(examples=["2009-10 Q2"], description=(
        "The last period counted: a month (September 2009), quarter (2009-10 Q2) or the year itself; by default "
        "the latest period of the year with spend recorded"))] = None,
) -> ProgressReport:
    return report.build(session, partnership_id, financial_year, as_of, thresholds())


def thresholds() -> Thresholds:
    """The red/amber/green thresholds in force (PROGRESS_GREEN_BEHIND, PROGRESS_AMBER_BEHIND)."""
    settings = get_settings()
    return Thresholds(green_behind=settings.progress_green_behind, amber_behind=settings.progress_amber_behind)
