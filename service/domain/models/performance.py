"""What happened: a goal's indicator observed for a period, and money spent on an intervention in a period."""

import calendar
import re
import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

import pydantic
from pydantic import AfterValidator, BeforeValidator, StringConstraints
from sqlalchemy import Index, String, text
from sqlmodel import Field, SQLModel, UniqueConstraint

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import Measured, Money, Note
from service.domain.common.types import ExactDecimal
from service.domain.common.types import Money as MoneyColumn
from service.domain.models.base import Tenanted, TenantedPublic
from service.domain.models.funding import DataQuality


class PeriodKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


class ObservedQuality(StrEnum):
    """How firm a figure of what happened is: the stream's data qualities but `budgeted`, which is a plan."""

    ESTIMATE = "estimate"
    OUTTURN = "outturn"


def _not_budgeted(value: object) -> object:
    if value == DataQuality.BUDGETED:
        raise ValueError("budgeted is a plan, not what happened: use estimate (provisional) or outturn (final)")
    return value


Observed = Annotated[ObservedQuality, BeforeValidator(_not_budgeted)]
PERIOD_HELP = ("The partnership's period: a financial year (2009-10), one of its quarters (2009-10 Q1, the first "
               "three months of the year) or a month (May 2009), from 1900 to 2099")


def _any_case(word: str) -> str:
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


# Spelt out so that the schema says exactly which labels are periods (JSON Schema has no case-insensitive flag).
_FOLLOWING = "|".join(f"{n:02d}-{(n + 1) % 100:02d}" for n in range(100))
_MONTH_NAMES = "|".join(_any_case(name) for name in [*calendar.month_name[1:], *calendar.month_abbr[1:]])
PERIOD_PATTERN = rf"^ *((19|20)({_FOLLOWING})( *[Qq][1-4])?|({_MONTH_NAMES}) +(19|20)\d\d) *$"
_IS_PERIOD = re.compile(PERIOD_PATTERN)


def _period_label(value: str) -> str:
    if not _IS_PERIOD.match(value):
        raise ValueError(f"'{value}' is not a period: give a financial year (2009-10), a quarter of one (2009-10 Q1) "
                         "or a month (May 2009), from 1900 to 2099")
    return value


# Not stripped before its length is checked, so that the schema's maxLength is the one applied.
PeriodLabel = Annotated[str, StringConstraints(max_length=20), AfterValidator(_period_label),
                        pydantic.Field(json_schema_extra={"pattern": PERIOD_PATTERN, "maxLength": 20})]


class Period(SQLModel):
    """Columns every record of a period carries; the label is what was sent, in its canonical spelling."""

    period: str = Field(max_length=20, description=PERIOD_HELP)
    period_kind: PeriodKind = Field(sa_type=String(16), description="year, quarter or month")
    period_start: date = Field(description="The period's first day")
    period_end: date = Field(description="The period's last day")


class StoredPeriod(SQLModel):
    """Period's columns as a table holds them: set from the label the partnership's calendar reads (the
    placeholders never reach the database)."""

    period: str = Field(default="", max_length=20)
    period_kind: PeriodKind = Field(default=PeriodKind.YEAR, sa_type=String(16))
    period_start: date = Field(default=date.min, index=True)
    period_end: date = Field(default=date.min)


class ObservationBase(SQLModel):
    goal_id: uuid.UUID = Field(foreign_key="goal.id", index=True, ondelete="CASCADE", description="The goal observed",
                               schema_extra={"examples": [str(demo_id("goal", "ni112"))]})
    partner_id: uuid.UUID = Field(foreign_key="partner.id", index=True, ondelete="CASCADE",
                                  description="The partner that reported the value")
    value: Measured = Field(sa_type=ExactDecimal, description="The indicator's value, in the goal's own unit")
    data_quality: Observed = Field(default=ObservedQuality.ESTIMATE, sa_type=String(32), description=(
        "estimate (provisional) or outturn (final, validated)"))
    note: Note = Field(default="", max_length=4000, description="Anything a reader of the figure should know")


class IndicatorObservation(ObservationBase, StoredPeriod, Tenanted, table=True):
    __tablename__ = "indicator_observation"
    __table_args__ = (UniqueConstraint("goal_id", "partner_id", "period_start", "period_end",
                                       name="uq_indicator_observation_goal_partner_period"),)


class ObservationCreate(ObservationBase):
    period: PeriodLabel = Field(description=PERIOD_HELP, schema_extra={"examples": ["2009-10 Q1"]})
    model_config = {"json_schema_extra": {"examples": [{
        "goal_id": str(demo_id("goal", "ni112")), "partner_id": str(demo_id("partner", "health")),
        "period": "2010-11 Q1", "value": "41.9", "data_quality": "estimate",
        "note": "<where the figure comes from>"}]}}


class ObservationPublic(ObservationBase, Period, TenantedPublic):
    pass


class ActualBase(SQLModel):
    intervention_id: uuid.UUID = Field(foreign_key="intervention.id", index=True, ondelete="CASCADE",
                                       description="The intervention the money was spent on",
                                       schema_extra={"examples": [str(demo_id("intervention", "teen-preg-outreach"))]})
    partner_id: uuid.UUID = Field(foreign_key="partner.id", index=True, ondelete="CASCADE",
                                  description="The partner that spent the money")
    funding_stream_id: uuid.UUID | None = Field(default=None, foreign_key="funding_stream.id", index=True,
                                                ondelete="SET NULL",
                                                description="The partner's funding stream it came from, if known",
                                                schema_extra={"examples": [str(demo_id("funding_stream",
                                                                                       "health-public-health"))]})
    amount: Money = Field(sa_type=MoneyColumn, description="Pounds spent in the period")
    data_quality: Observed = Field(default=ObservedQuality.ESTIMATE, sa_type=String(32), description=(
        "estimate (accrued or provisional) or outturn (closed ledger)"))
    note: Note = Field(default="", max_length=4000, description="Anything a reader of the figure should know")


class SpendActual(ActualBase, StoredPeriod, Tenanted, table=True):
    __tablename__ = "spend_actual"
    __table_args__ = (
        UniqueConstraint("intervention_id", "partner_id", "funding_stream_id", "period_start", "period_end",
                         name="uq_spend_actual_line_period"),
        # a NULL stream is never equal to another NULL, so lines with no stream need their own index
        Index("uq_spend_actual_unstreamed_period", "intervention_id", "partner_id", "period_start",
              "period_end", unique=True, sqlite_where=text("funding_stream_id IS NULL"),
              postgresql_where=text("funding_stream_id IS NULL")),
    )


class ActualCreate(ActualBase):
    period: PeriodLabel = Field(description=PERIOD_HELP, schema_extra={"examples": ["2009-10 Q1"]})
    model_config = {"json_schema_extra": {"examples": [{
        "intervention_id": str(demo_id("intervention", "teen-preg-outreach")),
        "partner_id": str(demo_id("partner", "health")), "period": "April 2010", "amount": "18250.00",
        "data_quality": "outturn", "note": "<where the figure comes from>"}]}}


class ActualPublic(ActualBase, Period, TenantedPublic):
    pass
