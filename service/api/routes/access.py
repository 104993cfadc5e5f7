"""API keys and the audit trail."""

import re
import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status
from pydantic import BeforeValidator

from service.api.deps import Cursor, PageSize, PartnershipId, RequiredIfMatch, SessionDep
from service.api.idempotency import keep_without
from service.api.problems import error_responses
from service.api.security import Actor
from service.api.tables import sheet_csv_response
from service.domain.access import audit, keys
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.common.fields import line_rules
from service.domain.models.access import ApiKeyCreate, ApiKeyIssued, ApiKeyPublic, AuditEventPublic
from service.domain.models.base import Page
from service.domain.spreadsheets.exports import audit_sheet

router = APIRouter(prefix="/partnerships/{partnership_id}")
KeyId = Annotated[uuid.UUID, Path(description="The API key's id, from create_api_key's answer or list_api_keys")]
def _iso_only(value: object) -> object:
    """ISO 8601 only: a bare number would otherwise be read as a Unix timestamp."""
    if isinstance(value, str) and not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        raise ValueError("write the time in ISO 8601, e.g. 2009-04-01T00:00:00Z")
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_only)]
EntityName = Annotated[str, *line_rules(64)]
ActorName = Annotated[str, *line_rules(200)]


@router.post("/api-keys", tags=["API keys"], status_code=status.HTTP_201_CREATED, response_model=ApiKeyIssued,
             operation_id="create_api_key", summary="Issue an API key (shown once)",
             description="Issues a key for one role in this partnership (a partner_finance key also names its "
             "partner). The key itself is in this answer only: store it now, it cannot be read again. A retry "
             "with the same Idempotency-Key replays this answer with `key` null (the secret is never kept): the "
             "key was issued once; if its secret was lost, revoke it and issue another.",
             responses=error_responses(404, 409, 422))
def create_api_key(partnership_id: PartnershipId, body: ApiKeyCreate, session: SessionDep, actor: Actor,
                   request: Request, response: Response) -> Any:
    issued = keys.issue(session, partnership_id, body, actor)
    keep_without(request, "key")
    response.headers["Location"] = f"{request.url.path}/{issued.id}"
    return issued


@router.get("/api-keys", tags=["API keys"], response_model=Page[ApiKeyPublic], operation_id="list_api_keys",
            summary="List API keys (never the keys themselves)", responses=error_responses(404, 422),
            description="Every key issued in the partnership with its name, role, prefix, when it was last used "
            "and whether it is revoked; the secret part is never shown.")
def list_api_keys(partnership_id: PartnershipId, session: SessionDep, size: PageSize,
                  cursor: Cursor = None) -> Any:
    return keys.list_keys(session, partnership_id, cursor=cursor, size=size)


@router.delete("/api-keys/{key_id}", tags=["API keys"], status_code=status.HTTP_204_NO_CONTENT,
               operation_id="revoke_api_key", summary="Revoke an API key",
               description="Revokes the key at once: requests with it are 401 from now on. Send its ETag (from "
               "list_api_keys: \"v\" and its version) as If-Match.",
               responses=error_responses(400, 404, 412, 422, 428))
def revoke_api_key(partnership_id: PartnershipId, key_id: KeyId, session: SessionDep, actor: Actor,
                   versions: RequiredIfMatch) -> None:
    keys.revoke(session, partnership_id, key_id, versions, actor)


@router.get("/audit-events", tags=["Audit trail"], response_model=Page[AuditEventPublic],
            operation_id="list_audit_events",
            summary="The audit trail, oldest first; CSV with Accept: text/csv",
            description="Every change to the partnership's register, runs, proposals and keys: who made it, "
            "with which role, when, and the record before and after. Filter by entity, entity_id, actor and "
            "time; paged (as CSV, the next page is in the Link header).",
            responses={**error_responses(404, 422),
                       200: {"content": {"text/csv": {"schema": {"type": "string"}}}}})
def list_audit_events(
    partnership_id: PartnershipId, session: SessionDep, size: PageSize, request: Request,
    cursor: Cursor = None,
    entity: Annotated[EntityName | None, Query(
        examples=["funding_stream"], description="Only changes to this kind of record (its table name)")] = None,
    entity_id: Annotated[uuid.UUID | None, Query(
        description="Only changes to this record", examples=[str(DEMO_PARTNERSHIP_ID)])] = None,
    actor: Annotated[ActorName | None, Query(
        examples=["development-admin"], description="Only changes by this caller, as the trail names it "
        "(api-key:<prefix>, an OpenID Connect subject, or development-admin)")] = None,
    since: Annotated[IsoDateTime | None, Query(description="From this time (inclusive), ISO 8601")] = None,
    until: Annotated[IsoDateTime | None, Query(description="Before this time, ISO 8601")] = None,
) -> Any:
    found = audit.list_events(session, partnership_id, entity=entity, entity_id=entity_id, actor=actor,
                              since=since, until=until, cursor=cursor, size=size)
    if "text/csv" in request.headers.get("accept", ""):
        response = sheet_csv_response(audit_sheet(found.items), filename=f"audit-{partnership_id}.csv")
        if found.next_cursor:
            response.headers["Link"] = f'<{request.url.include_query_params(cursor=found.next_cursor)}>; rel="next"'
        return response
    return found
