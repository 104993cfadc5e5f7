"""CSV uploads of funding streams, goals and interventions: every row checked, all stored or none."""

from typing import Annotated

from fastapi import APIRouter, File, Query, UploadFile

from service.api.deps import PartnershipId, SessionDep
from service.api.idempotency import Idempotent
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain import spreadsheets as imports
from service.domain.spreadsheets import ImportKind, ImportReport
from service.settings import get_settings

router = APIRouter(prefix="/partnerships/{partnership_id}/imports", tags=["Spreadsheet imports"])
DryRun = Annotated[bool, Query(description="Check every row and report; store nothing")]
Upload = Annotated[UploadFile, File(description="The CSV file: UTF-8, comma-separated, a header row first")]
RESPONSES = {**error_responses(404, 413, 415, 422),
             200: {"description": "The report: with dry_run, what would happen; otherwise what was stored"}}
COMMON = """
Upload the file as `multipart/form-data` in the field `file` (in Swagger UI, "Try it out" offers a
file picker; with curl, `-F file=@streams.csv`). Save from Excel as **CSV UTF-8 (Comma delimited)**;
the file must be UTF-8 (a byte-order mark is fine) and RFC 4180 CSV: quote a cell holding commas,
quotes or line breaks. The first row names the columns (any order; case and spaces are ignored, so
`Financial year` is `financial_year`); blank rows are skipped; a blank cell takes the field's default.
Money may be written as Excel shows it (`£1,250,000.00`).

Every row is checked as the API checks a create, and **nothing is stored unless every row is valid**:
the answer is 422 (403 when a row is another partner's money) with every row's errors in `errors`,
each naming the spreadsheet row (the header is row 1) and the column. With `dry_run=true` the same
report comes back with 200 and nothing is stored. An import only adds: a row that matches an existing
record (or an earlier row) is an error. Files over `MAX_UPLOAD_BYTES` or with more than
`MAX_UPLOAD_ROWS` rows are refused with 413; a workbook or non-UTF-8 text with 415.
"""


def _import(kind: ImportKind, partnership_id: PartnershipId, file: UploadFile, dry_run: bool,
            session: SessionDep, actor: Actor) -> ImportReport:
    settings = get_settings()
    content = file.file.read(settings.max_upload_bytes + 1)  # one byte over is enough to refuse
    return imports.import_csv(session, kind, partnership_id, content, actor, dry_run=dry_run,
                              max_bytes=settings.max_upload_bytes, max_rows=settings.max_upload_rows)


@router.post("/funding-streams", response_model=ImportReport, operation_id="import_funding_streams",
             summary="Import funding streams from a CSV file (all rows or none)", responses=RESPONSES,
             dependencies=[Idempotent],
             description="""Columns: `partner` (name or id), `name`, `financial_year` (2009-10), `amount`,
`kind`, `arrangement`, `most_contribution`; optional `least_contribution` (0), `themes` (the
ring-fence: theme names or ids separated by `;`, blank for any theme), `data_quality` (budgeted) and
`source_note`. A partner finance key may import only its own partner's streams.
""" + COMMON)
def import_funding_streams(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                           dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.FUNDING_STREAMS, partnership_id, file, dry_run, session, actor)


@router.post("/goals", response_model=ImportReport, operation_id="import_goals",
             summary="Import goals from a CSV file (all rows or none)", responses=RESPONSES,
             dependencies=[Idempotent],
             description="""Columns: `theme` (name or id), `indicator_code` (NI 112), `title`, `unit`,
`polarity` (lower_is_better or higher_is_better), `baseline_value`, `baseline_year`, `target_value`,
`target_year` (2008 or 2008-09); optional `weight` (1) and `is_laa_target` (TRUE/FALSE, yes/no).
Two goals are the same when their indicator_code and title are.
""" + COMMON)
def import_goals(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                 dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.GOALS, partnership_id, file, dry_run, session, actor)


@router.post("/interventions", response_model=ImportReport, operation_id="import_interventions",
             summary="Import interventions and their effects from a CSV file (all rows or none)",
             dependencies=[Idempotent], responses=RESPONSES,
             description="""One row per effect: rows with the same `title` are one intervention.
Its own columns are `title`, `theme` (name or id), `lead_partner` (name or id),
`capacity`, and optional `description`, `min_viable_funding` and `committed_funding` (0); give them on
the intervention's first row (later rows may leave them blank or repeat them exactly). The effect
columns are `goal` (the goal's indicator code, or its id when two goals share a code),
`per_thousand` (the change in the indicator per £1,000, negative to lower it), optional `low`, `high`
and `evidence_note`; leave them blank for an intervention with no effects yet. For example:

| title | theme | lead_partner | capacity | goal | per_thousand | low | high |
|---|---|---|---|---|---|---|---|
| Sexual health outreach | Children and young people | NHS Northshire | 600000 | NI 112 | -0.006 | -0.003 | -0.009 |
| Sexual health outreach | | | | NI 113 | -0.01 | | |

Diminishing-return tranches are not imported: add them afterwards with PATCH. Import goals first.
""" + COMMON)
def import_interventions(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                         dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.INTERVENTIONS, partnership_id, file, dry_run, session, actor)
