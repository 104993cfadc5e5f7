"""The Audit Commission's resource mapping: who has what money for the partnership, for what."""

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from service.domain.access.tenancy import require_partnership
from service.domain.calendar import streams as calendar_streams
from service.domain.common.fields import FinancialYear
from service.domain.common.fields import MoneyTotal as Money
from service.domain.common.money import pounds
from service.domain.common.renamed import new_name, old_name
from service.domain.models.calendar import ApportionedStream
from service.domain.models.funding import Arrangement, DataQuality, FundingStream, StreamKind
from service.domain.models.partnership import Partner, Sector, Theme

ZERO = Decimal("0.00")


class MoneyBreakdown(BaseModel):
    """Sums of `amount` that reconcile to the total they break down."""

    kind: dict[StreamKind, Money] = Field(description="The streams' amounts summed by kind, in pounds")
    arrangement: dict[Arrangement, Money] = Field(description="The streams' amounts summed by arrangement, in pounds")
    data_quality: dict[DataQuality, Money] = Field(description="The streams' amounts summed by data quality, in pounds")


class ThemeUse(BaseModel):
    theme_id: uuid.UUID
    theme: str = old_name("theme_name", "The theme's name")
    theme_name: ClassVar[str] = new_name("theme", "The theme's name")
    may_use: Money = Field(description=(
        "The most contributions of the streams whose ring-fence admits the theme (ring-fenced to it, or open to "
        "any theme), in pounds, a decimal string with two places"))
    ring_fenced: Money = Field(description=(
        "The part of may_use from streams ring-fenced to named themes including this one, in pounds"))


class Totals(BaseModel):
    amount: Money = Field(description="The streams' amounts summed, in pounds, a decimal string with two places")
    least_contribution: Money = Field(description="The streams' least contributions to the pool summed, in pounds")
    most_contribution: Money = Field(description="The streams' most contributions to the pool summed, in pounds")
    stream_count: int = Field(description="How many funding streams for the year are summed")
    by: MoneyBreakdown = Field(description="amount broken down by kind, arrangement and data quality")


class PartnerResources(BaseModel):
    partner_id: uuid.UUID
    partner: str = old_name("partner_name", "The partner's name")
    partner_name: ClassVar[str] = new_name("partner", "The partner's name")
    sector: Sector
    financial_year_start_month: int
    totals: Totals = Field(description="The partner's funding streams for the year, summed")
    themes: list[ThemeUse] = Field(description="What the partner's streams may spend on each theme")


class ResourceMap(BaseModel):
    financial_year: FinancialYear
    partners: list[PartnerResources]
    themes: list[ThemeUse] = Field(description="What all the partners' streams may spend on each theme")
    totals: Totals = Field(description="Every partner's funding streams for the year, summed")
    apportioned: list[ApportionedStream] = Field(description=(
        "Streams recorded for a partner's own financial year that does not match the partnership's: each counts "
        "here by the part of its days that fall in this year, to the penny"))
    note: str = Field(description="How to read the figures", default=(
        "A stream open to several themes counts in each theme's may_use, so theme figures overlap; partner totals "
        "add up to the overall totals exactly. A stream of a partner's own year that starts in another month "
        "counts by the part of its days in this year (see apportioned)."))


@dataclass(frozen=True)
class Counted:
    """A stream as this year counts it: whole, or the part of it apportioned to the year."""

    stream: FundingStream
    amount: Decimal
    least_contribution: Decimal
    most_contribution: Decimal


def build(session: Session, partnership_id: uuid.UUID, financial_year: str) -> ResourceMap:
    require_partnership(session, partnership_id)
    partners = session.exec(select(Partner).where(col(Partner.partnership_id) == partnership_id)
                            .order_by(col(Partner.name))).all()
    themes = session.exec(select(Theme).where(col(Theme.partnership_id) == partnership_id)
                          .order_by(col(Theme.name))).all()
    streams, apportioned = counted(session, partnership_id, financial_year)
    by_partner: dict[uuid.UUID, list[Counted]] = defaultdict(list)
    for stream in streams:
        by_partner[stream.stream.partner_id].append(stream)
    return ResourceMap(
        financial_year=financial_year,
        partners=[PartnerResources(
            partner_id=p.id, partner=p.name, sector=p.sector,
            financial_year_start_month=p.financial_year_start_month,
            totals=_totals(by_partner[p.id]), themes=_theme_uses(themes, by_partner[p.id]),
        ) for p in partners],
        themes=_theme_uses(themes, streams),
        totals=_totals(streams),
        apportioned=apportioned,
    )


def counted(session: Session, partnership_id: uuid.UUID, financial_year: str
            ) -> tuple[list[Counted], list[ApportionedStream]]:
    """The streams that count in the year, each whole or by its apportioned part, and the apportioned."""
    found = calendar_streams.in_year(session, partnership_id, financial_year)
    return ([Counted(s, pounds(p.amount), pounds(p.least), pounds(p.most)) for s, p, _ in found],
            calendar_streams.described(found))


def _totals(streams: Sequence[Counted]) -> Totals:
    def breakdown(enum: type[StrEnum], attribute: str) -> dict[StrEnum, Decimal]:
        sums: dict[StrEnum, Decimal] = dict.fromkeys(enum, ZERO)
        for stream in streams:
            sums[enum(getattr(stream.stream, attribute))] += stream.amount
        return sums

    return Totals(
        amount=sum((s.amount for s in streams), ZERO),
        least_contribution=sum((s.least_contribution for s in streams), ZERO),
        most_contribution=sum((s.most_contribution for s in streams), ZERO),
        stream_count=len(streams),
        by=MoneyBreakdown(kind=breakdown(StreamKind, "kind"),
                    arrangement=breakdown(Arrangement, "arrangement"),
                    data_quality=breakdown(DataQuality, "data_quality")),
    )


def _theme_uses(themes: Sequence[Theme], streams: Sequence[Counted]) -> list[ThemeUse]:
    uses = []
    for theme in themes:
        fenced = [s for s in streams if any(t.id == theme.id for t in s.stream.themes)]
        open_to_all = [s for s in streams if not s.stream.themes]
        ring_fenced = sum((s.most_contribution for s in fenced), ZERO)
        uses.append(ThemeUse(
            theme_id=theme.id, theme=theme.name, ring_fenced=ring_fenced,
            may_use=ring_fenced + sum((s.most_contribution for s in open_to_all), ZERO)))
    return uses
