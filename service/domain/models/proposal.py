"""Proposals: a run's allocation put to the partners and the board, and, once agreed, fixed for good."""

import uuid
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from service.domain.fields import FinancialYear, Money, Name, Note
from service.domain.models.base import Tenanted
from service.domain.types import Money as MoneyColumn
from service.domain.types import UtcDateTime


class ProposalStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # awaiting partners' finance officers
    CONFIRMED = "confirmed"  # every contributing partner confirmed; awaiting the board
    AGREED = "agreed"
    REJECTED = "rejected"
    DECLINED = "declined"  # a partner declined its contribution
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"  # a later proposal for the same year was agreed


class SignOffStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class Proposal(Tenanted, table=True):
    run_id: uuid.UUID | None = Field(default=None, foreign_key="run.id", ondelete="SET NULL", index=True)
    title: Name = Field(max_length=200)
    financial_year: FinancialYear = Field(max_length=7, index=True)
    status: ProposalStatus = Field(default=ProposalStatus.DRAFT, sa_type=String(32), index=True)
    total: Money = Field(sa_type=MoneyColumn)
    allocation: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)  # frozen named lines
    created_by: str = Field(max_length=200)
    submitted_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    decided_by: str | None = Field(default=None, max_length=200)
    decision_reason: Note | None = Field(default=None, max_length=4000)
    superseded_by_id: uuid.UUID | None = Field(default=None)


class ProposalSignOff(SQLModel, table=True):
    """One contributing partner's answer to its contribution in a proposal."""

    __tablename__ = "proposal_sign_off"
    proposal_id: uuid.UUID = Field(foreign_key="proposal.id", primary_key=True, ondelete="CASCADE")
    partner_id: uuid.UUID = Field(foreign_key="partner.id", primary_key=True, index=True)
    partner_name: Name = Field(max_length=200)
    contribution: Money = Field(default=Decimal("0.00"), sa_type=MoneyColumn)
    status: SignOffStatus = Field(default=SignOffStatus.PENDING, sa_type=String(32))
    comment: Note = Field(default="", max_length=4000)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
