"""Proposals: a run's allocation put to the partners and the board, and, once agreed, fixed for good."""

import uuid
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from pydantic import AliasChoices
from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from service.domain.common.demo_ids import DEMO_RUN_ID, demo_id
from service.domain.common.fields import FinancialYear, Money, Name, Note, RequiredNote
from service.domain.common.renamed import new_name, old_name
from service.domain.common.types import Money as MoneyColumn
from service.domain.common.types import UtcDateTime
from service.domain.models.base import Tenanted, TenantedPublic
from service.domain.models.calendar import DeadlineState
from service.domain.models.report import NamedLine
from service.domain.models.summary import RunSummarised


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
    # the declined or withdrawn proposal this one revises; unique, so each is revised at most once
    revises_id: uuid.UUID | None = Field(default=None, foreign_key="proposal.id", ondelete="SET NULL", unique=True)


class ProposalSignOff(SQLModel, table=True):
    """One contributing partner's answer to its contribution in a proposal."""

    __tablename__ = "proposal_sign_off"
    proposal_id: uuid.UUID = Field(foreign_key="proposal.id", primary_key=True, ondelete="CASCADE")
    partner_id: uuid.UUID = Field(foreign_key="partner.id", primary_key=True, index=True, ondelete="CASCADE")
    partner_name: Name = Field(max_length=200)
    contribution: Money = Field(default=Decimal("0.00"), sa_type=MoneyColumn)
    status: SignOffStatus = Field(default=SignOffStatus.PENDING, sa_type=String(32))
    comment: Note = Field(default="", max_length=4000)
    decided_by: str | None = Field(default=None, max_length=200)
    decided_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    due_on: date | None = Field(default=None)  # the partner's budget-setting date, when one is recorded


class ProposalAction(StrEnum):
    SUBMIT = "submit"
    WITHDRAW = "withdraw"
    CONFIRM = "confirm"
    DECLINE = "decline"
    APPROVE = "approve"
    REJECT = "reject"
    REVISE = "revise"  # a declined or withdrawn proposal, once: a new draft from a new run


class ProposalCreate(SQLModel):
    run_id: uuid.UUID = Field(description="A finished, optimal run whose allocation is proposed as it stands: the "
                              "id in create_run's answer, or one from list_runs (the example is the demo's own run "
                              "of its default scenario)")
    title: Name = Field(schema_extra={"validation_alias": AliasChoices("name", "title")}, description=(
        "The proposal's name (sent as name; title, its old name, is still taken)"))
    model_config = {"json_schema_extra": {"examples": [{
        "run_id": str(DEMO_RUN_ID), "name": "2009-10 pooled allocation for the board"}]}}


class SignOffAnswer(SQLModel):
    partner_id: uuid.UUID = Field(description="The partner answering; a partner_finance key answers only for its own")
    comment: Note = Field(default="", description="What the partner's finance officer wants on record, if anything")
    model_config = {"json_schema_extra": {"examples": [{
        "partner_id": str(demo_id("partner", "health")),
        "comment": "<anything you want on record, or leave it blank>"}]}}


class ProposalRevision(SQLModel):
    run_id: uuid.UUID = Field(description="The new run whose allocation the revision proposes: a finished, optimal "
                              "run for the same financial year, not the revised proposal's own")
    title: Name | None = Field(default=None, schema_extra={"validation_alias": AliasChoices("name", "title")},
                               description="The revision's name (sent as name); the revised proposal's by default")
    model_config = {"json_schema_extra": {"examples": [{
        "run_id": str(DEMO_RUN_ID), "name": "2009-10 pooled allocation, revised after the PCT's decline"}]}}


class Approval(SQLModel):
    reason: Note = Field(default="", description="The board's reasons for agreeing it, in its own words")
    model_config = {"json_schema_extra": {"examples": [{
        "reason": "<the board's reasons, and the minute of its decision>"}]}}


class Rejection(SQLModel):
    reason: RequiredNote = Field(description="Why the board rejects the proposal (required)")
    model_config = {"json_schema_extra": {"examples": [{
        "reason": "<why the board rejects it, and what it would agree instead>"}]}}


class ProposalLine(NamedLine):
    """One frozen line: funding stream x intervention, with names and the intervention's theme."""

    theme_id: uuid.UUID
    theme: str = old_name("theme_name", "The intervention's theme's name")
    theme_name: ClassVar[str] = new_name("theme", "The intervention's theme's name")


class SignOffPublic(SQLModel):
    partner_id: uuid.UUID
    partner_name: str = Field(description="The partner's name")
    contribution: Money
    status: SignOffStatus
    comment: str
    decided_by: str | None
    decided_at: datetime | None
    due_on: date | None = Field(description="The partner's budget-setting date: the day by which it should answer "
                                "(null when none is recorded)")
    deadline: DeadlineState = Field(description="none (no date recorded), open, near (within the setting "
                                    "DEADLINE_WARNING_DAYS), past, or answered")
    days_to_deadline: int | None = Field(description="Days from today to due_on (negative once past)")


class ProposalPublic(TenantedPublic, RunSummarised):
    run_id: uuid.UUID | None
    title: str = old_name("name", "The proposal's name")
    name: ClassVar[str] = new_name("title", "The proposal's name")
    financial_year: str
    status: ProposalStatus
    total: Money
    allocation: list[ProposalLine]
    sign_offs: list[SignOffPublic] = Field(description="One per contributing partner")
    created_by: str
    submitted_at: datetime | None
    decided_at: datetime | None = Field(description="When the strategic board approved or rejected it")
    decided_by: str | None
    decision_reason: str | None = Field(description="The board's reasons for approving or rejecting it")
    superseded_by_id: uuid.UUID | None = Field(description="The later agreed proposal that replaced it, if any")
    supersedes_id: uuid.UUID | None = Field(description="The agreed proposal this one replaced, if any")
    revises_id: uuid.UUID | None = Field(description="The declined or withdrawn proposal this one revises, if any")
    revised_by_id: uuid.UUID | None = Field(description="The proposal that revises this one, if any")
    deadline: DeadlineState = Field(description="past if a pending sign-off's deadline has passed, else near if one "
                                    "is near, else open, or none when no pending sign-off has a deadline")
    allowed_actions: list[ProposalAction] = Field(description="What may happen next from this status")
