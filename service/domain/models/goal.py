"""The strategy's outcome goals: National Indicator targets with a baseline, a target and a weight."""

import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import AliasChoices, Strict
from sqlalchemy import String
from sqlmodel import Field, SQLModel

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import Code, Label, Measured, Name, Weight, YearOrFinancialYear
from service.domain.common.renamed import new_name, old_name
from service.domain.common.types import ExactDecimal
from service.domain.models.base import Tenanted, TenantedPublic


class Polarity(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"


class GoalBase(SQLModel):
    theme_id: uuid.UUID = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    indicator_code: Code = Field(max_length=20, schema_extra={"examples": ["NI 112"]})
    title: Name = Field(max_length=200, schema_extra={"validation_alias": AliasChoices("name", "title")},
                        description="The goal's name, such as \"Under-18 conception rate\" (sent as name; title, "
                        "its old name, is still taken)")
    unit: Label = Field(max_length=200)
    polarity: Polarity = Field(sa_type=String(32))
    baseline_value: Measured = Field(sa_type=ExactDecimal)
    baseline_year: YearOrFinancialYear = Field(max_length=7)
    target_value: Measured = Field(sa_type=ExactDecimal)
    target_year: YearOrFinancialYear = Field(max_length=7)
    weight: Weight = Field(default=Decimal(1), sa_type=ExactDecimal)
    is_laa_target: Annotated[bool, Strict()] = Field(default=False, description="A designated LAA improvement target")


class Goal(GoalBase, Tenanted, table=True):
    pass


class GoalCreate(GoalBase):
    model_config = {"json_schema_extra": {"examples": [{
        "theme_id": str(demo_id("theme", "cyp")), "indicator_code": "NI 112",
        "name": "Under-18 conception rate",
        "unit": "conceptions per 1,000 females aged 15-17", "polarity": "lower_is_better",
        "baseline_value": "45.2", "baseline_year": "2008", "target_value": "38.0",
        "target_year": "2010-11", "weight": "3", "is_laa_target": True}]}}


class GoalPublic(GoalBase, TenantedPublic):
    title: str = old_name("name", "The goal's name")
    name: ClassVar[str] = new_name("title", "The goal's name, such as \"Under-18 conception rate\"")
