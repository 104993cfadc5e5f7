"""Which funding streams count in a partnership year, and how much of each: a stream of a partner whose
financial year starts in the partnership's month counts whole in its own year; any other counts in each
partnership year its year shares days with, apportioned by days (apportion.py).

`counting` is the one query that finds them, with both start months on each row, so no query more is
needed to know which streams to apportion."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from service.domain.calendar import apportion, years
from service.domain.common.money import pence, pounds
from service.domain.models.calendar import ApportionedStream
from service.domain.models.funding import FundingStream
from service.domain.models.partnership import Partner, Partnership


def counting(financial_year: str, *wanted: Any) -> Any:
    """SELECT `wanted`, the partner's start month, the partnership's and the partner's name, for the streams
    counting in the year (filter it by partnership); the streams of other years that may share days with it
    are read too."""
    return (sa_select(*wanted, col(Partner.financial_year_start_month), col(Partnership.financial_year_start_month),
                      col(Partner.name))
            .join(Partner, col(Partner.id) == col(FundingStream.partner_id))
            .join(Partnership, col(Partnership.id) == col(FundingStream.partnership_id))
            .where(or_(col(FundingStream.financial_year) == financial_year,
                       and_(col(Partner.financial_year_start_month) != col(Partnership.financial_year_start_month),
                            col(FundingStream.financial_year).in_(years.neighbours(financial_year))))))


def part(partner_month: int, partnership_month: int, stream_year: str, financial_year: str, amount: int,
         least: int, most: int) -> apportion.Part | None:
    """The part of a stream (pence) counting in `financial_year`, or None when none does."""
    if partner_month == partnership_month:
        if stream_year != financial_year:
            return None
        return apportion.Part(days=1, of_days=1, amount=amount, least=least, most=most)
    return apportion.part_in(stream_year, partner_month, financial_year, partnership_month, amount, least, most)


def in_year(session: Session, partnership_id: uuid.UUID, financial_year: str
            ) -> list[tuple[FundingStream, apportion.Part, str]]:
    """Every stream counting in the year with the part of it that does and its partner's name, by name."""
    rows = session.exec(counting(financial_year, FundingStream)
                        .where(col(FundingStream.partnership_id) == partnership_id)
                        .order_by(col(FundingStream.name), col(FundingStream.id))).all()
    found = []
    for s, month, partnership_month, partner_name in rows:
        share = part(month, partnership_month, s.financial_year, financial_year, pence(s.amount),
                     pence(s.least_contribution), pence(s.most_contribution))
        if share is not None:
            found.append((s, share, partner_name))
    return found


def described(found: Iterable[tuple[FundingStream, apportion.Part, str]]) -> list[ApportionedStream]:
    """The streams counted by their part, as the answers show them."""
    return [ApportionedStream(
        funding_stream_id=s.id, funding_stream_name=s.name, partner_id=s.partner_id, partner_name=partner,
        partner_financial_year=s.financial_year, days=p.days, of_days=p.of_days, stream_amount=s.amount,
        amount=pounds(p.amount), least_contribution=pounds(p.least), most_contribution=pounds(p.most))
        for s, p, partner in found if not p.whole]
