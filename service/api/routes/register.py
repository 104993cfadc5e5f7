"""The register's tenant-scoped collections and the resource map."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from service.api.crud import tenant_router
from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.tables import XLSX, sheet_csv_response, spreadsheet_responses, wanted, xlsx_response
from service.domain.common.fields import FinancialYear
from service.domain.models.funding import FundingStreamPublic
from service.domain.models.goal import GoalPublic
from service.domain.models.intervention import InterventionPublic
from service.domain.models.partnership import PartnerPublic, ThemePublic
from service.domain.register import resource_map, resources
from service.domain.spreadsheets import exports

router = APIRouter()
router.include_router(tenant_router(
    resources.PARTNERS, path="partners", tag="Partners", singular="partner",
    plural="partners", public=PartnerPublic))
router.include_router(tenant_router(
    resources.THEMES, path="themes", tag="Themes", singular="theme", plural="themes",
    public=ThemePublic))
router.include_router(tenant_router(
    resources.FUNDING_STREAMS, path="funding-streams", tag="Funding streams",
    singular="funding_stream", plural="funding_streams", public=FundingStreamPublic))
router.include_router(tenant_router(
    resources.GOALS, path="goals", tag="Goals", singular="goal", plural="goals",
    public=GoalPublic))
router.include_router(tenant_router(
    resources.INTERVENTIONS, path="interventions", tag="Interventions",
    singular="intervention", plural="interventions", public=InterventionPublic))


@router.get("/partnerships/{partnership_id}/resource-map",
            response_model=resource_map.ResourceMap, tags=["Resource map"],
            operation_id="get_resource_map",
            summary="Map each partner's money for a year by kind, arrangement and theme (JSON, CSV or XLSX)",
            description="The resource map the Audit Commission asks for: for each partner and theme, the "
            "financial year's money by kind (mainstream, grant ...), arrangement (pooled, aligned, not shared) "
            "and data quality, the least and most each partner will put in, and what each theme may use. Totals "
            "reconcile to the penny. Send Accept: text/csv or the XLSX media type for a spreadsheet.",
            responses={**error_responses(404, 422), **spreadsheet_responses(
                "The map; as CSV or XLSX (Accept header), one row per partner and an 'All partners' row")})
def get_resource_map(
    partnership_id: PartnershipId, session: SessionDep, request: Request,
    financial_year: Annotated[FinancialYear, Query(
        examples=["2009-10"], description="The financial year to map, as 2009-10 (the demo's year)")],
) -> Any:
    rmap = resource_map.build(session, partnership_id, financial_year)
    media, name = wanted(request), f"resource-map-{financial_year}"
    if media == "application/json":
        return rmap
    sheet = exports.resource_map_sheet(rmap)
    if media == XLSX:
        return xlsx_response([sheet], filename=f"{name}.xlsx")
    return sheet_csv_response(sheet, filename=f"{name}.csv")
