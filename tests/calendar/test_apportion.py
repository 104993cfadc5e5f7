"""Apportioning streams of a partner's own financial year to the partnership's years, by days."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.domain.calendar import apportion, years


def test_a_january_to_december_year_falls_by_days_across_two_april_to_march_years() -> None:
    # calendar 2010 (365 days): 1 Jan–31 Mar in 2009-10 (90 days), 1 Apr–31 Dec in 2010-11 (275 days)
    earlier = apportion.part_in("2010-11", 1, "2009-10", 4, 36_500_000, 0, 36_500_000)
    later = apportion.part_in("2010-11", 1, "2010-11", 4, 36_500_000, 0, 36_500_000)
    assert earlier is not None and later is not None
    assert (earlier.days, earlier.of_days, earlier.amount) == (90, 365, 9_000_000)
    assert (later.days, later.of_days, later.amount) == (275, 365, 27_500_000)
    assert apportion.part_in("2010-11", 1, "2011-12", 4, 36_500_000, 0, 36_500_000) is None


def test_a_leap_year_counts_its_29th_of_february() -> None:
    # calendar 2012 has 366 days, 91 of them before 1 April
    part = apportion.part_in("2012-13", 1, "2011-12", 4, 366, 0, 366)
    assert part is not None and (part.days, part.of_days, part.amount) == (91, 366, 91)


def test_a_police_style_september_year_and_pennies_that_do_not_divide() -> None:
    # 1 Sep 2009 – 31 Aug 2010: 212 days in 2009-10, 153 in 2010-11; £1.00 splits 58p / 42p (58.08 / 41.92)
    first = apportion.part_in("2009-10", 9, "2009-10", 4, 100, 0, 100)
    second = apportion.part_in("2009-10", 9, "2010-11", 4, 100, 0, 100)
    assert first is not None and second is not None
    assert (first.days, second.days) == (212, 153)
    assert (first.amount, second.amount) == (58, 42)


def test_the_same_start_month_is_the_whole_stream_in_its_own_year() -> None:
    part = apportion.part_in("2009-10", 4, "2009-10", 4, 12_345, 1_000, 5_000)
    assert part is not None and part.whole and (part.amount, part.least, part.most) == (12_345, 1_000, 5_000)


def test_largest_remainder_gives_the_leftover_pennies_to_the_largest_fractions() -> None:
    assert apportion.largest_remainder(100, [1, 1, 1]) == [34, 33, 33]
    assert apportion.largest_remainder(2, [1, 2, 2]) == [0, 1, 1]
    with pytest.raises(ValueError):
        apportion.largest_remainder(5, [0, 0])


def test_quarters_and_months_tile_the_year() -> None:
    quarters, months = years.quarters("2011-12", 4), years.months("2011-12", 4)
    assert quarters[0].start == date(2011, 4, 1) and quarters[-1].end == date(2012, 4, 1)
    assert [q.days for q in quarters] == [91, 92, 92, 91]  # January–March 2012 holds 29 February
    assert sum(m.days for m in months) == years.year_span("2011-12", 4).days == 366
    assert all(a.end == b.start for a, b in zip(months, months[1:], strict=False))


@given(amount=st.integers(0, 10**12), least_share=st.floats(0, 1), most_share=st.floats(0, 1),
       partner_start=st.integers(1, 12), partnership_start=st.integers(1, 12), year=st.integers(1990, 2090))
def test_parts_add_up_to_the_penny_and_keep_least_within_most_within_amount(
        amount: int, least_share: float, most_share: float, partner_start: int, partnership_start: int,
        year: int) -> None:
    most = int(amount * max(least_share, most_share))
    least = int(amount * min(least_share, most_share))
    label = years.label(year)
    own = years.year_span(label, partner_start)
    parts = [apportion.part_in(label, partner_start, y, partnership_start, amount, least, most)
             for y in years.neighbours(label)]
    found = [p for p in parts if p is not None]
    assert 1 <= len(found) <= 2 and sum(p.amount for p in found) == amount
    assert sum(p.least for p in found) == least and sum(p.most for p in found) == most
    assert sum(p.days for p in found) == own.days
    assert all(0 <= p.least <= p.most <= p.amount for p in found)
    for p in found:  # each part is within a penny of its exact share
        assert abs(p.amount * p.of_days - amount * p.days) < p.of_days
