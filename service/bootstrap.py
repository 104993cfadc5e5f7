"""Operator commands that need no API key: the first partnership and its first administrator key."""

import uuid

from sqlmodel import Session

from service.domain.access import keys
from service.domain.access.principal import Principal
from service.domain.common.db import get_engine
from service.domain.models.access import ApiKeyCreate, Role
from service.domain.models.partnership import PartnershipCreate
from service.domain.register import partnerships

OPERATOR = Principal(subject="operator-cli", roles=frozenset(Role))


def create_partnership(name: str, area_code: str) -> uuid.UUID:
    with Session(get_engine(), expire_on_commit=False) as session:
        created = partnerships.create(session, PartnershipCreate(name=name, area_code=area_code), OPERATOR)
    return created.id


def issue_key(partnership_id: uuid.UUID, role: Role, name: str, partner_id: uuid.UUID | None) -> str:
    """A new key; printed once by the caller and never stored in clear."""
    with Session(get_engine(), expire_on_commit=False) as session:
        partnerships.get(session, partnership_id)
        issued = keys.issue(session, partnership_id,
                            ApiKeyCreate(name=name, role=role, partner_id=partner_id), OPERATOR)
    if issued.key is None:  # only a replayed answer lacks it, and this is no replay
        raise RuntimeError("the key was issued without its secret")
    return issued.key
