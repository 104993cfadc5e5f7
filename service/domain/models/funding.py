"""Funding streams: one partner's budget line for one financial year, and what it may fund."""

import uuid
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import CheckConstraint, String
from sqlmodel import Field, Relationship, SQLModel

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import FinancialYear, Money, Name, Note
from service.domain.common.types import Money as MoneyColumn
from service.domain.models.base import Tenanted, TenantedPublic
from service.domain.models.partnership import Theme


class StreamKind(StrEnum):
    MAINSTREAM = "mainstream"
    AREA_BASED_GRANT = "area_based_grant"
    RING_FENCED_GRANT = "ring_fenced_grant"
    IN_KIND = "in_kind"


class Arrangement(StrEnum):
    """Pooled money goes to a central fund; aligned money stays with its partner but is steered."""

    POOLED = "pooled"
    ALIGNED = "aligned"
    NOT_SHARED = "not_shared"


class DataQuality(StrEnum):
    ESTIMATE = "estimate"
    BUDGETED = "budgeted"
    OUTTURN = "outturn"


class FundingStreamTheme(SQLModel, table=True):
    """The ring-fence: themes a stream may be spent on. No rows means any theme."""

    __tablename__ = "funding_stream_theme"
    funding_stream_id: uuid.UUID = Field(
        foreign_key="funding_stream.id", primary_key=True, ondelete="CASCADE"
    )
    theme_id: uuid.UUID = Field(
        foreign_key="theme.id", primary_key=True, index=True, ondelete="CASCADE"
    )


class FundingStreamBase(SQLModel):
    partner_id: uuid.UUID = Field(foreign_key="partner.id", index=True, ondelete="CASCADE")
    name: Name = Field(max_length=200)
    financial_year: FinancialYear = Field(max_length=7, index=True)
    amount: Money = Field(sa_type=MoneyColumn)
    kind: StreamKind = Field(sa_type=String(32))
    arrangement: Arrangement = Field(sa_type=String(32))
    least_contribution: Money = Field(default=Decimal("0.00"), sa_type=MoneyColumn)
    most_contribution: Money = Field(sa_type=MoneyColumn)
    data_quality: DataQuality = Field(default=DataQuality.BUDGETED, sa_type=String(32))
    source_note: Note = Field(default="", max_length=4000)


class FundingStream(FundingStreamBase, Tenanted, table=True):
    __tablename__ = "funding_stream"
    __table_args__ = (
        CheckConstraint("least_contribution <= most_contribution", name="least_within_most"),
        CheckConstraint("most_contribution <= amount", name="most_within_amount"),
        CheckConstraint("least_contribution >= 0", name="least_not_negative"),
    )
    themes: list[Theme] = Relationship(link_model=FundingStreamTheme)


class FundingStreamCreate(FundingStreamBase):
    theme_ids: list[uuid.UUID] = Field(
        default_factory=list,
        description="Themes the stream may be spent on (a ring-fence); empty means any theme.",
    )
    model_config = {"json_schema_extra": {"examples": [{
        "partner_id": str(demo_id("partner", "police")),
        "name": "Neighbourhood policing problem-solving fund", "financial_year": "2009-10",
        "amount": "400000.00", "kind": "mainstream", "arrangement": "aligned",
        "least_contribution": "50000.00", "most_contribution": "300000.00",
        "theme_ids": [str(demo_id("theme", "safer"))],
        "data_quality": "estimate", "source_note": "<where the figure comes from: the budget paper and its date>"}]}}


class FundingStreamPublic(FundingStreamBase, TenantedPublic):
    theme_ids: list[uuid.UUID]
