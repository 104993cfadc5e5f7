"""Apportioning a partner's funding stream, recorded for the partner's own financial year, to the
partnership's financial years by calendar days, to the penny with totals conserved.

Each part of a year gets the stream's pence times its days over the year's days; the whole pence left
over after rounding every part down go one each to the parts with the largest fractions (ties to the
earlier part), so the parts always add up to the stream exactly and each is within a penny of its
exact share. Amount, least and most contribution are each apportioned so. A twelve-month year overlaps
at most two of another start month's years, and in two parts the largest remainder keeps each part's
least <= most <= amount as the whole stream's are (the Alabama paradox needs three parts).
"""

from collections.abc import Sequence
from dataclasses import dataclass

from service.domain.calendar import years


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """`total` (whole pence, not negative) split in proportion to `weights`; the parts add up to `total`."""
    whole = sum(weights)
    if whole <= 0:
        raise ValueError("weights must add up to more than zero")
    floors = [total * w // whole for w in weights]
    left = total - sum(floors)
    by_fraction = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_fraction[:left]:
        floors[i] += 1
    return floors


@dataclass(frozen=True)
class Part:
    """What of one stream falls in one partnership year."""

    days: int  # the days of the stream's year that fall in the partnership year
    of_days: int  # the days of the stream's year
    amount: int  # pence
    least: int
    most: int

    @property
    def whole(self) -> bool:
        return self.days == self.of_days


def split(amount: int, least: int, most: int, weights: Sequence[int]) -> list[tuple[int, int, int]]:
    """(amount, least, most) in pence for each weight, each part ordered as the whole is."""
    return list(zip(largest_remainder(amount, weights), largest_remainder(least, weights),
                    largest_remainder(most, weights), strict=True))


def part_in(stream_year: str, partner_start: int, partnership_year: str, partnership_start: int,
            amount: int, least: int, most: int) -> Part | None:
    """The part of a stream recorded for the partner's `stream_year` that falls in `partnership_year`
    (None when no day of it does)."""
    own = years.year_span(stream_year, partner_start)
    target = years.year_span(partnership_year, partnership_start)
    if own.overlap(target) == 0:
        return None
    labels = years.overlapping(own, partnership_start)
    weights = [own.overlap(years.year_span(y, partnership_start)) for y in labels]
    shares = split(amount, least, most, weights)
    index = labels.index(partnership_year)
    share_amount, share_least, share_most = shares[index]
    return Part(days=weights[index], of_days=own.days, amount=share_amount, least=share_least, most=share_most)
