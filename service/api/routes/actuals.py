"""Spend actuals: one at a time (the register's routes), or many at once as JSON, CSV or XLSX."""

from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from service.api.crud import tenant_router
from service.api.deps import PartnershipId, SessionDep
from service.api.routes.observations import ALL_OR_NONE, FILE_CHANGES, RESPONSES, DryRun, Upload, upload
from service.api.security import Actor
from service.domain.actuals import bulk
from service.domain.actuals.records import ACTUALS
from service.domain.models.performance import ActualCreate, ActualPublic
from service.domain.observations.batch import BatchReport


class ActualBatch(BaseModel):
    # Read as Any so that each row's errors come back in the batch report (row by row) rather than as one
    # request error; the schema still says what a row is.
    items: list[Any] = Field(min_length=1, description="The actuals, each as create_spend_actual takes it",
                             json_schema_extra={"items": {"$ref": "#/components/schemas/ActualCreate"}})
    model_config = {"json_schema_extra": {"examples": [{"items": [
        ActualCreate.model_config["json_schema_extra"]["examples"][0],  # type: ignore[index]
        {**ActualCreate.model_config["json_schema_extra"]["examples"][0],  # type: ignore[index, dict-item]
         "period": "May 2010", "amount": "17900.00"}]}]}}


router = APIRouter()
router.include_router(tenant_router(
    ACTUALS, path="spend-actuals", tag="Spend actuals", singular="spend_actual", plural="spend_actuals",
    public=ActualPublic))


@router.post("/partnerships/{partnership_id}/spend-actual-batches", response_model=BatchReport, status_code=201,
             tags=["Spend actuals"], operation_id="record_spend_actuals",
             summary="Record many spend actuals at once (all or none)", responses=RESPONSES,
             description="`items` are actuals as create_spend_actual takes them; a row is an item's position, "
             "from 1. A partner finance key records only its own partner's spend." + ALL_OR_NONE)
def record_spend_actuals(partnership_id: PartnershipId, body: ActualBatch, session: SessionDep, actor: Actor,
                         response: Response, dry_run: DryRun = False) -> BatchReport:
    if dry_run:
        response.status_code = 200
    return bulk.store_json(session, partnership_id, body.items, actor, dry_run=dry_run)


@router.post("/partnerships/{partnership_id}/imports/spend-actuals", response_model=BatchReport,
             tags=["Spend actuals"], operation_id="import_spend_actuals",
             summary="Import spend actuals from a CSV or XLSX file (all rows or none)", responses=RESPONSES,
             description="""Columns: `intervention` (its title or id), `partner` (the spending partner's
name or id), `period` (2009-10, 2009-10 Q1 or May 2009), `amount` (pounds; `£18,250.00` as Excel shows
it is fine); optional `funding_stream` (the partner's stream's name or id), `data_quality` (estimate or
outturn) and `note`. A partner finance key imports only its own partner's spend.
""" + FILE_CHANGES)
def import_spend_actuals(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                         dry_run: DryRun = False) -> BatchReport:
    return upload(bulk.store_file, partnership_id, file, dry_run, session, actor)
