"""Indicator observations: one at a time (the register's routes), or many at once as JSON, CSV or XLSX."""

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Response, UploadFile
from pydantic import BaseModel, Field

from service.api.crud import tenant_router
from service.api.deps import PartnershipId, SessionDep
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain.models.performance import ObservationCreate, ObservationPublic
from service.domain.observations import bulk
from service.domain.observations.batch import BatchReport
from service.domain.observations.records import OBSERVATIONS
from service.settings import get_settings

DryRun = Annotated[bool, Query(description="Check every row and report; store nothing")]
Upload = Annotated[UploadFile, File(description="A CSV file (UTF-8, a header row first) or an XLSX workbook "
                                    "(its first sheet, a header row first)")]
RESPONSES = {**error_responses(403, 404, 409, 413, 415, 422),
             200: {"description": "The report: with dry_run, what would happen; otherwise what was stored"}}
CHECKED = """
Every row is checked, and **nothing is stored unless every row is valid**: the answer is 422 (403 when a
row is another partner's; 409 when every error is a clash with what is stored: a period already
recorded, or a goal, partner, intervention or stream not of this partnership) with every row's errors
in `errors`, each naming the row and the column or field. With `dry_run=true` the same report comes
back with 200 and nothing is stored."""
ALL_OR_NONE = CHECKED + """ A row for a
period that already has a record (stored, or an earlier row) is an error: change the stored one with
PATCH. Two uploads at once are each all or nothing; when both hold a row for the same period, the one
that commits second is refused whole with 409 and stores nothing.
"""
FILE_CHANGES = CHECKED + """

**Adding and changing**: the export (GET …/exports/…) writes this layout with `id` and `version` first.
A row whose `id` names a stored record, or without an id for a period that already has a record, changes
that record (only the fields that differ, as PATCH does, audited); one whose cells equal the stored values
is left alone (`unchanged`, not written); other rows add records (`created`). `updated` lists each change
with the columns before and after. With `version` (as exported), a row that would change a record
changed since the export is refused with 409: export again. Two rows for one period are an error.
"""


class ObservationBatch(BaseModel):
    # Read as Any so that each row's errors come back in the batch report (row by row) rather than as one
    # request error; the schema still says what a row is.
    items: list[Any] = Field(min_length=1, description="The observations, each as create_observation takes it",
                             json_schema_extra={"items": {"$ref": "#/components/schemas/ObservationCreate"}})
    model_config = {"json_schema_extra": {"examples": [{"items": [
        ObservationCreate.model_config["json_schema_extra"]["examples"][0],  # type: ignore[index]
        {**ObservationCreate.model_config["json_schema_extra"]["examples"][0],  # type: ignore[index, dict-item]
         "period": "2010-11 Q2", "value": "41.6"}]}]}}


def upload(store: Callable[..., BatchReport], partnership_id: PartnershipId, file: UploadFile, dry_run: bool,
           session: SessionDep, actor: Actor) -> BatchReport:
    settings = get_settings()
    content = file.file.read(settings.max_upload_bytes + 1)  # one byte over is enough to refuse
    return store(session, partnership_id, content, actor, dry_run=dry_run, max_bytes=settings.max_upload_bytes,
                 max_rows=settings.max_upload_rows)


router = APIRouter()
router.include_router(tenant_router(
    OBSERVATIONS, path="observations", tag="Indicator observations", singular="observation",
    plural="observations", public=ObservationPublic))


@router.post("/partnerships/{partnership_id}/observation-batches", response_model=BatchReport, status_code=201,
             tags=["Indicator observations"], operation_id="record_observations",
             summary="Record many indicator observations at once (all or none)", responses=RESPONSES,
             description="`items` are observations as create_observation takes them; a row is an item's "
             "position, from 1." + ALL_OR_NONE)
def record_observations(partnership_id: PartnershipId, body: ObservationBatch, session: SessionDep,
                                actor: Actor,
                                response: Response, dry_run: DryRun = False) -> BatchReport:
    if dry_run:
        response.status_code = 200
    return bulk.store_json(session, partnership_id, body.items, actor, dry_run=dry_run)


@router.post("/partnerships/{partnership_id}/imports/observations", response_model=BatchReport,
             tags=["Indicator observations"], operation_id="import_observations",
             summary="Import indicator observations from a CSV or XLSX file (all rows or none)", responses=RESPONSES,
             description="""Columns: `goal` (its indicator code, as NI 112, or its id), `partner` (the
reporting partner's name or id), `period` (2009-10, 2009-10 Q1 or May 2009; a month Excel turned into a
date is read as its month), `value`; optional `data_quality` (estimate or outturn, as people type them:
`Outturn`, `out-turn`) and `note`. Header names ignore case and spaces; the header is row 1.
""" + FILE_CHANGES)
def import_observations(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                        dry_run: DryRun = False) -> BatchReport:
    return upload(bulk.store_file, partnership_id, file, dry_run, session, actor)
