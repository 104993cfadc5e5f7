"""The partnerships themselves: each is a tenant that owns its register."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from service.api.crud import partial
from service.api.deps import Cursor, PageSize, PartnershipId, RequiredIfMatch, SessionDep
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain import register
from service.domain.common.fields import GssAreaCode
from service.domain.models.base import Page
from service.domain.models.partnership import PartnershipCreate, PartnershipPublic
from service.domain.register import partnerships

router = APIRouter(prefix="/partnerships", tags=["Partnerships"])
PartnershipUpdate = partial(PartnershipCreate, "PartnershipUpdate")


@router.post("", status_code=status.HTTP_201_CREATED, response_model=PartnershipPublic,
             operation_id="create_partnership", summary="Create a partnership",
             description="Creates a new, empty partnership (a tenant with a register of its own). Only the "
             "service administrator's key, bound to no partnership, may do this; then issue the partnership's "
             "first admin key with create_api_key.",
             responses=error_responses(403, 422))
def create(body: PartnershipCreate, session: SessionDep, actor: Actor, request: Request,
           response: Response) -> Any:
    created = partnerships.create(session, body, actor)
    response.headers["Location"] = f"{request.url.path}/{created.id}"
    response.headers["ETag"] = register.etag(created)
    return created


@router.get("", response_model=Page[PartnershipPublic], operation_id="list_partnerships",
            summary="List partnerships, oldest first", responses=error_responses(422),
            description="The partnerships the caller may see: the one its key is for, or every partnership for "
            "the service administrator. Paged like every list (page_size, then cursor=next_cursor).")
def list_(session: SessionDep, actor: Actor, size: PageSize, cursor: Cursor = None,
          area_code: Annotated[GssAreaCode | None, Query(
              description="Only the partnerships for this ONS GSS area code", examples=["E06000047"])] = None,
          include_archived: Annotated[bool, Query(
              description="Archived partnerships too (left out by default)")] = False) -> Any:
    return partnerships.list_all(session, actor, area_code=area_code, include_archived=include_archived,
                                 cursor=cursor, size=size)


@router.get("/{partnership_id}", response_model=PartnershipPublic,
            operation_id="get_partnership", summary="Read a partnership",
            description="The partnership's name, ONS area code and financial-year start month; the ETag header "
            "is the version to send back as If-Match.",
            responses=error_responses(404, 422))
def read(partnership_id: PartnershipId, session: SessionDep, response: Response) -> Any:
    row = partnerships.get(session, partnership_id)
    response.headers["ETag"] = register.etag(row)
    return row


@router.patch("/{partnership_id}", response_model=PartnershipPublic,
              operation_id="update_partnership", summary="Change some fields of a partnership",
              description="Changes only the fields sent. Send the ETag of your last read as If-Match (428 "
              "without it, 412 when someone changed it since). An archived partnership cannot be changed (409).",
              responses=error_responses(400, 404, 409, 412, 422, 428))
def patch(partnership_id: PartnershipId, body: PartnershipUpdate,  # type: ignore[valid-type]
          session: SessionDep, actor: Actor, versions: RequiredIfMatch, response: Response) -> Any:
    updated = partnerships.update(session, partnership_id,
                                  body.model_dump(exclude_unset=True), versions, actor)  # type: ignore[attr-defined]
    response.headers["ETag"] = register.etag(updated)
    return updated


@router.delete("/{partnership_id}", status_code=status.HTTP_204_NO_CONTENT,
               operation_id="delete_partnership",
               summary="Archive a partnership: kept, read-only, with its register and audit trail",
               description="Archives the partnership: it leaves the list (unless include_archived=true), every "
               "write to it or its register is refused with 409, and everything stays readable, the audit trail "
               "and the scrutiny pack included. Send its ETag as If-Match (428 without it, 412 when stale); "
               "archiving it again is a 409. There is no un-archiving.",
               responses=error_responses(400, 404, 409, 412, 422, 428))
def remove(partnership_id: PartnershipId, session: SessionDep, actor: Actor, versions: RequiredIfMatch) -> None:
    partnerships.archive(session, partnership_id, versions, actor)
