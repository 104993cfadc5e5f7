"""Typed dependencies shared by the routes."""

import re
import uuid
from typing import Annotated

from fastapi import Depends, Header, Path, Query
from sqlalchemy import Engine
from sqlmodel import Session

from service.domain.db import get_engine, get_session
from service.domain.demo_ids import DEMO_PARTNERSHIP_ID
from service.settings import get_settings

SessionDep = Annotated[Session, Depends(get_session)]
EngineDep = Annotated[Engine, Depends(get_engine)]
PartnershipId = Annotated[uuid.UUID, Path(
    description="The partnership (tenant)",
    openapi_examples={"demo": {"summary": "The demo partnership (illustrative data)",
                               "value": str(DEMO_PARTNERSHIP_ID)}})]
Cursor = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{22}$",
                                     description="next_cursor of the previous page")]

_ETAG_VERSION = re.compile(r'^(?:W/)?"v(\d+)"$')


def page_size(
    page_size: Annotated[int | None, Query(ge=1, le=get_settings().max_page_size)] = None,
) -> int:
    return page_size or get_settings().default_page_size


PageSize = Annotated[int, Depends(page_size)]


def if_match(
    if_match: Annotated[str | None, Header(
        description='ETag from a previous read, e.g. "v3"; a stale one gets 412')] = None,
) -> set[int] | None:
    """The versions If-Match accepts, or None when any version will do."""
    if if_match is None or if_match.strip() in ("", "*"):
        return None
    tags = (_ETAG_VERSION.match(tag.strip()) for tag in if_match.split(","))
    return {int(match[1]) for match in tags if match}


IfMatch = Annotated[set[int] | None, Depends(if_match)]
