"""Spend against the agreed allocation, per intervention and partner, in whole pence.

The profile is even and monthly: the year's allocation in twelve equal parts, the odd pence going to
the earliest months, so the twelve months sum to the allocation exactly. The forecast outturn is the
spend to date at its run rate (spend / months elapsed x 12, to the nearest penny, halves up); an
intervention's and a partner's figures are the sums of their lines, so every total reconciles.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from service.domain.common.money import pence, pounds
from service.domain.models.progress import Spend

MONTHS = 12


@dataclass
class Line:
    """One intervention and partner: pence allocated and spent to date."""

    allocation: int = 0
    spent: int = 0


def profile(allocation: int, months: int) -> int:
    """Pence of `allocation` profiled to the end of month `months` (0 to 12) of the year."""
    part, odd = divmod(allocation, MONTHS)
    return part * months + min(odd, months)


def outturn(spent: int, months: int) -> int:
    if months == 0:
        return spent
    return int((Decimal(spent) * MONTHS / months).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def figures(lines: Iterable[Line], months: int) -> Spend:
    lines = list(lines)
    allocation = sum(line.allocation for line in lines)
    spent = sum(line.spent for line in lines)
    profiled = sum(profile(line.allocation, months) for line in lines)
    forecast = sum(outturn(line.spent, months) for line in lines)
    return Spend(allocation=pounds(allocation), spend_to_date=pounds(spent), profile_to_date=pounds(profiled),
                 variance_to_profile=pounds(spent - profiled), remaining=pounds(allocation - spent),
                 forecast_outturn=pounds(forecast), forecast_variance=pounds(forecast - allocation))


def lines(allocated: Iterable[tuple[uuid.UUID, uuid.UUID, Decimal]],
          spent: Iterable[tuple[uuid.UUID, uuid.UUID, Decimal]]) -> dict[tuple[uuid.UUID, uuid.UUID], Line]:
    """(intervention, partner) -> its line, from allocation lines and actuals as (intervention, partner, £)."""
    found: dict[tuple[uuid.UUID, uuid.UUID], Line] = defaultdict(Line)
    for intervention, partner, amount in allocated:
        found[intervention, partner].allocation += pence(amount)
    for intervention, partner, amount in spent:
        found[intervention, partner].spent += pence(amount)
    return found
