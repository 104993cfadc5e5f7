"""The partnership's periods: financial years starting in its start month, their quarters and months."""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from service.domain.models.performance import PeriodKind

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-(\d{2})\s*Q([1-4])$", re.IGNORECASE)
_MONTH = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name} | {
    name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}


class NotAPeriod(ValueError):
    """Text that names none of the partnership's periods."""


@dataclass(frozen=True)
class Span:
    label: str
    kind: PeriodKind
    start: date
    end: date  # the last day, inclusive


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def financial_year(first_year: int, start_month: int) -> Span:
    start = date(first_year, start_month, 1)
    return Span(f"{first_year}-{(first_year + 1) % 100:02d}", PeriodKind.YEAR, start,
                _add_months(start, 12) - timedelta(days=1))


def year_of(day: date, start_month: int) -> Span:
    """The financial year holding `day`."""
    return financial_year(day.year if day.month >= start_month else day.year - 1, start_month)


def _year(first: str, second: str, text: str, start_month: int) -> Span:
    if (int(first) + 1) % 100 != int(second):
        raise NotAPeriod(f"'{text}' is not a financial year: the second part must be the year after the first "
                         f"(as 2009-10).")
    return financial_year(int(first), start_month)


def parse(text: str, start_month: int) -> Span:
    """The period `text` names for a partnership whose financial year starts in `start_month`."""
    text = " ".join(text.split())
    if found := _YEAR.match(text):
        return _year(found[1], found[2], text, start_month)
    if found := _QUARTER.match(text):
        year = _year(found[1], found[2], text, start_month)
        start = _add_months(year.start, 3 * (int(found[3]) - 1))
        return Span(f"{year.label} Q{found[3]}", PeriodKind.QUARTER, start,
                    _add_months(start, 3) - timedelta(days=1))
    if (found := _MONTH.match(text)) and found[1].casefold() in _MONTHS:
        start = date(int(found[2]), _MONTHS[found[1].casefold()], 1)
        return Span(f"{calendar.month_name[start.month]} {start.year}", PeriodKind.MONTH, start,
                    _add_months(start, 1) - timedelta(days=1))
    raise NotAPeriod(f"'{text}' is not one of the partnership's periods: give a financial year (2009-10), a quarter "
                     f"of one (2009-10 Q1 starts in {calendar.month_name[start_month]}) or a month (May 2009).")


def year_end(year_text: str, start_month: int) -> date:
    """The last day of a goal's year: a financial year (2008-09) or a calendar year (2008)."""
    if _YEAR.match(year_text):
        return parse(year_text, start_month).end
    return date(int(year_text), 12, 31)


def months_between(start: date, end: date) -> int:
    """Whole months from `start` (a first of the month) to the day after `end`."""
    after = end + timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month
