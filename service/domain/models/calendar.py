"""The calendar: the partnership's financial years, each partner's own, the partners' budget-setting
dates, and how streams of a partner's own year are apportioned to the partnership's."""

import uuid
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator
from sqlmodel import Field, SQLModel, UniqueConstraint

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import FinancialYear, Money, Note
from service.domain.models.base import Tenanted, TenantedPublic


class BudgetSettingDate(Tenanted, table=True):
    """The date by which a partner sets its budget for one of its own financial years (its council's
    budget meeting, its board's, the police authority's precept): one row a year, as its finance officer
    knows them."""

    __tablename__ = "budget_setting_date"
    __table_args__ = (UniqueConstraint("partner_id", "financial_year"),)
    partner_id: uuid.UUID = Field(foreign_key="partner.id", index=True, ondelete="CASCADE")
    financial_year: FinancialYear = Field(max_length=7)
    set_by: date
    note: Note = Field(default="", max_length=4000)


def _written_as_a_date(value: object) -> object:
    """A date as the schema says, 2009-02-26: not a number, which pydantic would read as a Unix time."""
    if not isinstance(value, str | date):
        raise ValueError("write the date as 2009-02-26")
    return value


IsoDate = Annotated[date, BeforeValidator(_written_as_a_date)]


class BudgetDateSet(SQLModel):
    partner_id: uuid.UUID = Field(description="The partner whose budget it is; a partner_finance key sets only its own")
    financial_year: FinancialYear = Field(description="The partner's own financial year, labelled by the calendar "
                                          "year it starts in (2009-10 is January–December 2009 for a partner "
                                          "whose year starts in January)")
    set_by: IsoDate = Field(description="The date by which the partner sets its budget for the year, as "
                         "2009-02-26")
    note: Note = Field(default="", description="Where the date comes from, e.g. the meeting that sets it")
    model_config = {"json_schema_extra": {"examples": [{
        "partner_id": str(demo_id("partner", "council")), "financial_year": "2009-10", "set_by": "2009-02-26",
        "note": "<where the date comes from, e.g. the meeting that sets the budget>"}]}}


class BudgetDatePublic(TenantedPublic):
    name: str = Field(description="What it is: the partner's name, 'budget' and the year")
    partner_id: uuid.UUID
    partner_name: str = Field(description="The partner's name")
    financial_year: str = Field(description="The partner's own financial year the budget is for")
    set_by: date = Field(description="The date by which the partner sets its budget for the year")
    note: str = Field(description="Where the date comes from, e.g. the meeting that sets it")


class Period(SQLModel):
    name: str = Field(description="Q1 … Q4, or the month's name and year")
    start: date = Field(description="Its first day")
    end: date = Field(description="Its last day")
    days: int = Field(description="How many days it has")


class PartnerYear(SQLModel):
    partner_id: uuid.UUID
    partner_name: str = Field(description="The partner's name")
    financial_year_start_month: int
    financial_year: str = Field(description="The partner's own year, labelled by the calendar year it starts in")
    start: date = Field(description="Its first day")
    end: date = Field(description="Its last day")
    days: int = Field(description="How many days it has (366 with a 29 February)")
    days_in_partnership_year: int = Field(description="How many of its days fall in the partnership's year")
    matches: bool = Field(description="True when the partner's year is the partnership's year")
    budget_set_by: date | None = Field(description="The date by which the partner sets this year's budget, "
                                       "if recorded")


class ApportionedStream(SQLModel):
    """A stream recorded for a partner's own year, and the part of it that falls in the partnership's year."""

    funding_stream_id: uuid.UUID
    funding_stream_name: str = Field(description="The stream's name")
    partner_id: uuid.UUID
    partner_name: str = Field(description="The partner's name")
    partner_financial_year: str = Field(description="The partner's own year the stream is recorded for")
    days: int = Field(description="Days of the partner's year in the partnership's year")
    of_days: int = Field(description="Days of the partner's year")
    stream_amount: Money = Field(description="The stream's whole amount, in pounds")
    amount: Money = Field(description="The part counted in this partnership year: stream_amount x days / of_days "
                          "to the penny (the parts of a stream add up to it exactly)")
    least_contribution: Money
    most_contribution: Money


class CalendarYear(SQLModel):
    financial_year: FinancialYear
    financial_year_start_month: int
    start: date = Field(description="Its first day")
    end: date = Field(description="Its last day")
    days: int = Field(description="How many days it has (366 with a 29 February)")
    quarters: list[Period] = Field(description="Q1 to Q4, three months each from the start month")
    months: list[Period] = Field(description="Its twelve months in order")
    partner_years: list[PartnerYear] = Field(description="Each partner's own years that share days with it")
    apportioned: list[ApportionedStream] = Field(description=(
        "The streams recorded for partners' own years that do not match the partnership's, and what of each "
        "counts in this year"))


class DeadlineState(StrEnum):
    NONE = "none"  # no budget-setting date recorded
    OPEN = "open"
    NEAR = "near"  # within the settings' deadline_warning_days
    PAST = "past"
    ANSWERED = "answered"
