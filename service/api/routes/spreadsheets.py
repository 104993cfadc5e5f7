"""The register to and from spreadsheets: exports in the imports' layout, and imports (CSV or XLSX) that add
new records and change the ones they name, every row checked, all stored or none."""

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, Response, UploadFile

from service.api.deps import PartnershipId, SessionDep
from service.api.idempotency import Idempotent
from service.api.problems import error_responses
from service.api.security import Actor
from service.api.tables import XLSX, sheet_csv_response, spreadsheet_responses, xlsx_response
from service.domain import spreadsheets as imports
from service.domain.actuals.bulk import actuals_sheet
from service.domain.observations.export import observations_sheet
from service.domain.spreadsheets import ImportKind, ImportReport
from service.domain.spreadsheets.cells import allowed
from service.domain.spreadsheets.exports import Sheet
from service.domain.spreadsheets.layouts import LAYOUTS
from service.domain.spreadsheets.register_export import register_sheet
from service.settings import get_settings

router = APIRouter(prefix="/partnerships/{partnership_id}", tags=["Spreadsheets"])
DryRun = Annotated[bool, Query(description="Check every row and report what would be created, changed and left "
                                           "alone; store nothing")]
Upload = Annotated[UploadFile, File(description="A CSV file (UTF-8, comma-separated, a header row first) or an "
                                    "XLSX workbook (its first sheet, a header row first)")]
RESPONSES = {**error_responses(403, 404, 409, 413, 415, 422),
             200: {"description": "The report: with dry_run, what would happen; otherwise what was stored"}}
COMMON = """
Upload the file as `multipart/form-data` in the field `file` (in Swagger UI, "Try it out" offers a
file picker; with curl, `-F file=@streams.csv`): an **XLSX workbook** (its first sheet) or **CSV**
(save from Excel as *CSV UTF-8 (Comma delimited)*; RFC 4180, so quote a cell holding commas, quotes or
line breaks). The first row names the columns (any order; case and spaces are ignored, so
`Financial year` is `financial_year`); blank rows are skipped. Money may be written as Excel shows it
(`£1,250,000.00`). Choice cells are read as people type them: case, spaces, hyphens and underscores are
ignored (`Ring-fenced grant` is `ring_fenced_grant`); an unknown value's error lists the allowed ones.

**Adding and changing.** The export of the same kind (GET …/exports/…) writes exactly this layout with
two more columns, `id` and `version`: edit it and import it back. A row whose `id` names a stored record,
or without an id whose natural key matches one, **changes that record**: only the fields that differ
are written (through the same checks and access rules as PATCH, each change audited), a record whose
cells all equal the stored values is left alone (not written, no audit event), and every other row
**adds** a record. A blank cell takes the field's default; a column left out of the file keeps the
stored values (so a file with `id` may give only the columns it changes). With `version` (as exported),
a row that would change a record changed by someone else since the export is refused with 409: export
again. An id of another partnership or kind is a row error.

Every row is checked, and **nothing is stored unless every row is valid**: the answer is 422 (403 when
a row is another partner's money, 409 when a record changed since the export) with every row's errors in
`errors`, each naming the spreadsheet row (the header is row 1) and the column. The report lists
`created` ids (and `new_rows`), `updated` records with each changed column before and after, and
`unchanged` ids; with `dry_run=true` the same report comes back with 200 and nothing is stored.
Imports of one partnership take turns. Files over `MAX_UPLOAD_BYTES` or with more than
`MAX_UPLOAD_ROWS` rows are refused with 413; a file that is neither XLSX nor UTF-8 CSV with 415.
"""


def _choices(kind: ImportKind) -> str:
    layout = LAYOUTS[kind]
    return "".join(f"\n`{c.name}` is one of {allowed(c.choices)}." for c in layout.columns if c.choices)


def _import(kind: ImportKind, partnership_id: PartnershipId, file: UploadFile, dry_run: bool,
            session: SessionDep, actor: Actor) -> ImportReport:
    settings = get_settings()
    content = file.file.read(settings.max_upload_bytes + 1)  # one byte over is enough to refuse
    return imports.import_file(session, kind, partnership_id, content, actor, dry_run=dry_run,
                              max_bytes=settings.max_upload_bytes, max_rows=settings.max_upload_rows)


@router.post("/imports/funding-streams", response_model=ImportReport, operation_id="import_funding_streams",
             summary="Import funding streams from a CSV or XLSX file: add and change (all rows or none)",
             responses=RESPONSES, dependencies=[Idempotent],
             description="""Columns: `partner` (name or id), `name`, `financial_year` (2009-10), `amount`,
`kind`, `arrangement`, `most_contribution`; optional `least_contribution` (0), `themes` (the
ring-fence: theme names or ids separated by `;`, blank for any theme), `data_quality` (budgeted) and
`source_note`. Two streams are the same when their partner, name and financial year are. A partner
finance key may add or change only its own partner's streams (rows of other partners' streams that
change nothing are left alone).""" + _choices(ImportKind.FUNDING_STREAMS) + "\n" + COMMON)
def import_funding_streams(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                           dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.FUNDING_STREAMS, partnership_id, file, dry_run, session, actor)


@router.post("/imports/goals", response_model=ImportReport, operation_id="import_goals",
             summary="Import goals from a CSV or XLSX file: add and change (all rows or none)",
             responses=RESPONSES, dependencies=[Idempotent],
             description="""Columns: `theme` (name or id), `indicator_code` (NI 112), `title`, `unit`,
`polarity`, `baseline_value`, `baseline_year`, `target_value`, `target_year` (2008 or 2008-09); optional
`weight` (1) and `is_laa_target` (TRUE/FALSE, yes/no). Two goals are the same when their indicator_code
and title are.""" + _choices(ImportKind.GOALS) + "\n" + COMMON)
def import_goals(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                 dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.GOALS, partnership_id, file, dry_run, session, actor)


@router.post("/imports/interventions", response_model=ImportReport, operation_id="import_interventions",
             summary="Import interventions and their effects from a CSV or XLSX file: add and change (all rows "
             "or none)", dependencies=[Idempotent], responses=RESPONSES,
             description="""One row per effect: rows with the same `id` (or, without ids, the same `title`)
are one intervention. Its own columns are `title`, `theme` (name or id), `lead_partner` (name or id),
`capacity`, and optional `description`, `min_viable_funding` and `committed_funding` (0); give them on
the intervention's first row (later rows may leave them blank or repeat them exactly). The effect
columns are `goal` (the goal's indicator code, or its id when two goals share a code),
`per_thousand` (the change in the indicator per £1,000, negative to lower it), optional `low`, `high`
and `evidence_note`; leave them blank for an intervention with no effects yet. For example:

| title | theme | lead_partner | capacity | goal | per_thousand | low | high |
|---|---|---|---|---|---|---|---|
| Sexual health outreach | Children and young people | NHS Northshire | 600000 | NI 112 | -0.006 | -0.003 | -0.009 |
| Sexual health outreach | | | | NI 113 | -0.01 | | |

When the file changes a stored intervention, **its effects in the file replace its stored effects**
(a file without the effect columns keeps them). Two interventions are the same when their titles are.
Diminishing-return tranches are not imported (a change keeps them): set them with PATCH. Import goals
first.
""" + COMMON)
def import_interventions(partnership_id: PartnershipId, file: Upload, session: SessionDep, actor: Actor,
                         dry_run: DryRun = False) -> ImportReport:
    return _import(ImportKind.INTERVENTIONS, partnership_id, file, dry_run, session, actor)


EXPORT = """ in exactly the columns the import of the same kind reads, with each record's `id` and
`version` first: edit the file and import it back to change what you edited (and add the rows you
added). Money is plain pounds and pence, references are names (ids where a name is not unique), choices
are the stored values. CSV (the default, or Accept: text/csv) or, with Accept set to the XLSX media type,
a workbook of one sheet."""
EXPORT_RESPONSES = {**error_responses(404),
                    **spreadsheet_responses("The records, one a row, as CSV or XLSX (Accept header)")}


def _export(kind: str, sheet: Sheet, request: Request) -> Any:
    if XLSX in request.headers.get("accept", ""):
        return xlsx_response([sheet], filename=f"{kind}.xlsx")
    return sheet_csv_response(sheet, filename=f"{kind}.csv")


@router.get("/exports/funding-streams", operation_id="export_funding_streams", response_class=Response,
            summary="Export the funding streams as CSV or XLSX, in the import's layout", responses=EXPORT_RESPONSES,
            description="Every funding stream, oldest first," + EXPORT)
def export_funding_streams(partnership_id: PartnershipId, session: SessionDep, request: Request) -> Any:
    kind = ImportKind.FUNDING_STREAMS
    return _export(kind, register_sheet(session, kind, partnership_id), request)


@router.get("/exports/goals", operation_id="export_goals", response_class=Response,
            summary="Export the goals as CSV or XLSX, in the import's layout", responses=EXPORT_RESPONSES,
            description="Every goal, oldest first," + EXPORT)
def export_goals(partnership_id: PartnershipId, session: SessionDep, request: Request) -> Any:
    return _export(ImportKind.GOALS, register_sheet(session, ImportKind.GOALS, partnership_id), request)


@router.get("/exports/interventions", operation_id="export_interventions", response_class=Response,
            summary="Export the interventions and their effects as CSV or XLSX, in the import's layout",
            responses=EXPORT_RESPONSES,
            description="Every intervention, oldest first, one row per effect (one row for an intervention "
            "without effects; its own columns repeated on each)," + EXPORT)
def export_interventions(partnership_id: PartnershipId, session: SessionDep, request: Request) -> Any:
    return _export(ImportKind.INTERVENTIONS, register_sheet(session, ImportKind.INTERVENTIONS, partnership_id), request)


@router.get("/exports/observations", operation_id="export_observations", response_class=Response,
            summary="Export the indicator observations as CSV or XLSX, in the import's layout",
            responses=EXPORT_RESPONSES, description="Every indicator observation, by period," + EXPORT + """
Import it back with import_observations: a row with an `id` (or the goal, partner and period of a stored
observation) changes that observation, as PATCH does; one that changes nothing is left alone.""")
def export_observations(partnership_id: PartnershipId, session: SessionDep, request: Request) -> Any:
    return _export("observations", observations_sheet(session, partnership_id), request)


@router.get("/exports/spend-actuals", operation_id="export_spend_actuals", response_class=Response,
            summary="Export the spend actuals as CSV or XLSX, in the import's layout",
            responses=EXPORT_RESPONSES, description="Every spend actual, by period," + EXPORT + """
Import it back with import_spend_actuals: a row with an `id` (or the intervention, partner, stream and
period of a stored actual) changes that actual, as PATCH does; one that changes nothing is left alone.""")
def export_spend_actuals(partnership_id: PartnershipId, session: SessionDep, request: Request) -> Any:
    return _export("spend-actuals", actuals_sheet(session, partnership_id), request)
