"""Interventions (services, programmes), what they cost, and how much they move each goal."""

import uuid
from decimal import Decimal
from typing import ClassVar

from pydantic import AliasChoices
from sqlalchemy import CheckConstraint
from sqlmodel import Field, Relationship, SQLModel

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import Measured, Money, Name, Note, PositiveMoney, Share
from service.domain.common.renamed import new_name, old_name
from service.domain.common.types import ExactDecimal
from service.domain.common.types import Money as MoneyColumn
from service.domain.models.base import Tenanted, TenantedPublic


class EffectBase(SQLModel):
    goal_id: uuid.UUID = Field(foreign_key="goal.id", primary_key=True, ondelete="CASCADE")
    per_thousand: Measured = Field(
        sa_type=ExactDecimal,
        description="Change in the goal's indicator, in its own units, per £1,000 spent "
        "(central estimate; negative lowers the indicator).",
    )
    low: Measured | None = Field(default=None, sa_type=ExactDecimal,
                                 description="The low end of the evidence's range, per £1,000, if known")
    high: Measured | None = Field(default=None, sa_type=ExactDecimal,
                                  description="The high end of the evidence's range, per £1,000, if known")
    evidence_note: Note = Field(default="", max_length=4000, description="Where the estimate comes from")


class InterventionEffect(EffectBase, table=True):
    __tablename__ = "intervention_effect"
    # indexed on its own: the primary key starts with the goal, and reads go by intervention
    intervention_id: uuid.UUID = Field(
        foreign_key="intervention.id", primary_key=True, ondelete="CASCADE", index=True
    )


class TrancheBase(SQLModel):
    width: PositiveMoney = Field(sa_type=MoneyColumn, description="Pounds in this tranche")
    multiplier: Share = Field(sa_type=ExactDecimal, description="Share of full effect, 0–1")


class InterventionTranche(TrancheBase, table=True):
    """Diminishing returns: tranche `position` 0 is spent first."""

    __tablename__ = "intervention_tranche"
    intervention_id: uuid.UUID = Field(
        foreign_key="intervention.id", primary_key=True, ondelete="CASCADE"
    )
    position: int = Field(primary_key=True, ge=0)


class InterventionBase(SQLModel):
    theme_id: uuid.UUID = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    lead_partner_id: uuid.UUID = Field(foreign_key="partner.id", index=True, ondelete="CASCADE")
    title: Name = Field(max_length=200, schema_extra={"validation_alias": AliasChoices("name", "title")},
                        description="The intervention's name (sent as name; title, its old name, is still taken)")
    description: Note = Field(default="", max_length=4000)
    min_viable_funding: Money = Field(
        default=Decimal("0.00"), sa_type=MoneyColumn,
        description="Below this the intervention cannot run: fund it with this or nothing.")
    capacity: Money = Field(sa_type=MoneyColumn, description="Most it can usefully spend")
    committed_funding: Money = Field(
        default=Decimal("0.00"), sa_type=MoneyColumn,
        description="Already contracted: must be funded.")


class Intervention(InterventionBase, Tenanted, table=True):
    __table_args__ = (
        CheckConstraint("committed_funding <= capacity", name="committed_within_capacity"),
        CheckConstraint("min_viable_funding <= capacity", name="min_viable_within_capacity"),
    )
    effects: list[InterventionEffect] = Relationship(
        sa_relationship_kwargs={"cascade": "all, delete-orphan", "order_by": "InterventionEffect.goal_id"}
    )
    tranches: list[InterventionTranche] = Relationship(
        sa_relationship_kwargs={
            "cascade": "all, delete-orphan", "order_by": "InterventionTranche.position"}
    )


class EffectIn(EffectBase):
    pass


class TrancheIn(TrancheBase):
    pass


class InterventionCreate(InterventionBase):
    effects: list[EffectIn] = Field(default_factory=list, max_length=500)
    tranches: list[TrancheIn] = Field(
        default_factory=list, max_length=20,
        description="Diminishing returns in spending order; beyond them the last multiplier holds. "
        "Empty means full effect up to capacity.")
    model_config = {"json_schema_extra": {"examples": [{
        "theme_id": str(demo_id("theme", "cyp")), "lead_partner_id": str(demo_id("partner", "health")),
        "name": "Young people's sexual health outreach",
        "description": "<what the intervention does, in a sentence or two>",
        "min_viable_funding": "100000.00", "capacity": "600000.00", "committed_funding": "0.00",
        "effects": [{"goal_id": str(demo_id("goal", "ni112")), "per_thousand": "-0.006",
                     "low": "-0.003", "high": "-0.009",
                     "evidence_note": "<where the effect comes from: the study or evaluation>"}],
        "tranches": [{"width": "300000.00", "multiplier": "1"},
                     {"width": "300000.00", "multiplier": "0.6"}]}]}}


class InterventionPublic(InterventionBase, TenantedPublic):
    title: str = old_name("name", "The intervention's name")
    name: ClassVar[str] = new_name("title", "The intervention's name")
    effects: list[EffectIn]
    tranches: list[TrancheIn]
