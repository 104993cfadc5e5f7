"""Routes for a register resource under /partnerships/{partnership_id}: create, list, read, patch, delete."""

import uuid
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Path, Query, Request, Response, status
from pydantic import BaseModel, Strict, create_model
from pydantic.fields import FieldInfo

from service.api.deps import Cursor, PageSize, PartnershipId, RequiredIfMatch, SessionDep, rendered_read
from service.api.problems import error_responses
from service.api.security import Actor
from service.domain import register
from service.domain.common.demo_ids import demo_id
from service.domain.models.base import Page
from service.domain.register.core import Kind

# One record of each kind in the demo partnership (service/domain/demo/data.py), for the examples.
DEMO_KEYS = {"partner": "health", "theme": "cyp", "funding_stream": "health-public-health", "goal": "ni112",
             "intervention": "teen-preg-outreach", "scenario": "default",
             "observation": "ni112-2008-09", "spend_actual": "teen-preg-outreach-2009-04"}


def partial(model: type[BaseModel], name: str) -> type[BaseModel]:
    """`model` with every field optional for PATCH bodies: leave a field out to keep it. Only fields
    that may be null accept null."""
    fields: dict[str, Any] = {}
    for field_name, info in model.model_fields.items():
        optional = FieldInfo.merge_field_infos(info, default=None, default_factory=None)
        fields[field_name] = (info.annotation, optional)
    return create_model(name, __config__={"extra": "forbid"}, **fields)


def filters_model(kind: Kind) -> type[BaseModel]:
    """Query filters validated as the fields they filter (patterns, enums, the text rule); not strictly,
    because a query string is text: ?is_laa_target=false is a boolean here."""
    fields = kind.create.model_fields

    def optional(info: FieldInfo) -> FieldInfo:
        merged = FieldInfo.merge_field_infos(info, default=None, default_factory=None)
        merged.metadata = [m for m in merged.metadata if not isinstance(m, Strict)]
        return merged

    def described(name: str, info: FieldInfo) -> FieldInfo:
        meaning = fields[name].description
        info.description = f"Only the {kind.noun}s whose {name} is this" + (f" ({meaning})" if meaning else "")
        return info

    definitions: dict[str, Any] = {name: (Optional[fields[name].annotation],  # noqa: UP045
                                          described(name, optional(fields[name]))) for name in kind.filters}
    return create_model(f"{kind.table.__name__}Filters", **definitions)


def tenant_router(kind: Kind, *, path: str, tag: str, singular: str, plural: str,
                  public: type[BaseModel]) -> APIRouter:
    """The five routes of one resource. `singular`/`plural` name operationIds (create_goal …)."""
    router = APIRouter(prefix=f"/partnerships/{{partnership_id}}/{path}", tags=[tag])
    update_model = partial(kind.create, f"{kind.create.__name__.removesuffix('Create')}Update")
    filter_model = filters_model(kind)
    noun = kind.noun
    create_model_ = kind.create
    example = {"summary": f"A {noun} of the demo partnership", "value": str(demo_id(singular, DEMO_KEYS[singular]))}
    ItemId = Annotated[uuid.UUID, Path(alias=f"{singular}_id", description=f"The {noun}'s id",
                                       openapi_examples={"demo": example})]

    @router.post("", status_code=status.HTTP_201_CREATED, response_model=public,
                 operation_id=f"create_{singular}", summary=f"Create a {noun}",
                 description=f"Adds a {noun} to the partnership's register and answers with it as stored, at "
                 f"version 1; Location is its URL and ETag its version. A field the schema refuses is a 422 "
                 f"naming the field; a rule spanning several fields or records (such as a reference to "
                 f"another partnership's record) is a 409.",
                 responses=error_responses(404, 409, 422))
    def create(partnership_id: PartnershipId, body: create_model_,  # type: ignore[valid-type]
               session: SessionDep, actor: Actor, request: Request, response: Response) -> Any:
        created = register.create(session, kind, partnership_id, body, actor)
        response.headers["Location"] = f"{request.url.path}/{created.id}"
        response.headers["ETag"] = register.etag(created)
        return created

    @router.get("", response_model=Page[public], operation_id=f"list_{plural}",  # type: ignore[valid-type]
                summary=f"List {noun}s, oldest first", responses=error_responses(404, 422),
                description=f"One page of the partnership's {noun}s, oldest first: page_size at a time; pass "
                f"next_cursor back as cursor for the next page (it is null on the last). Each filter keeps "
                f"only the {noun}s whose field equals the value given.")
    def list_(partnership_id: PartnershipId, session: SessionDep, size: PageSize,
              filters: Annotated[filter_model, Query()],  # type: ignore[valid-type]
              cursor: Cursor = None) -> Any:
        return rendered_read(session, register.list_rows(
            session, kind, partnership_id, cursor=cursor, size=size,
            filters=filters.model_dump()))  # type: ignore[attr-defined]

    @router.get(f"/{{{singular}_id}}", response_model=public, operation_id=f"get_{singular}",
                summary=f"Read a {noun}", responses=error_responses(404, 422),
                description=f"One {noun} as stored. Its ETag header is the version to send back as If-Match "
                f"to change or delete it.")
    def read(partnership_id: PartnershipId, item_id: ItemId, session: SessionDep,
             response: Response) -> Any:
        row = register.fetch(session, kind, partnership_id, item_id)
        return rendered_read(session, kind.public(row), headers={"ETag": register.etag(row)})

    @router.patch(f"/{{{singular}_id}}", response_model=public, operation_id=f"update_{singular}",
                  summary=f"Change some fields of a {noun}",
                  description=f"Changes only the fields sent (leave one out to keep it) and answers with the "
                  f"{noun} at its next version. Send the ETag of your last read as If-Match: without it the "
                  f"answer is 428, and if the {noun} changed since, 412 with the current ETag. The same rules "
                  f"as a create apply to the result (422, 409).",
                  responses=error_responses(400, 404, 409, 412, 422, 428))
    def patch(partnership_id: PartnershipId, item_id: ItemId,
              body: update_model,  # type: ignore[valid-type]
              session: SessionDep, actor: Actor, versions: RequiredIfMatch, response: Response) -> Any:
        updated = register.update(session, kind, partnership_id, item_id,
                                  body.model_dump(exclude_unset=True), versions, actor)  # type: ignore[attr-defined]
        response.headers["ETag"] = register.etag(updated)
        return updated

    @router.delete(f"/{{{singular}_id}}", status_code=status.HTTP_204_NO_CONTENT,
                   operation_id=f"delete_{singular}", summary=f"Delete a {noun}",
                   description=f"Deletes the {noun} for good (the audit trail keeps what it was). Send its ETag "
                   f"as If-Match (428 without it, 412 when stale). A {noun} other records still use is a 409 "
                   f"saying which: change or delete those first.",
                   responses=error_responses(400, 404, 409, 412, 422, 428))
    def remove(partnership_id: PartnershipId, item_id: ItemId, session: SessionDep, actor: Actor,
               versions: RequiredIfMatch) -> None:
        register.delete(session, kind, partnership_id, item_id, versions, actor)

    return router
