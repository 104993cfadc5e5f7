"""Financial years as dates: a year labelled 2009-10 begins on the first day of its start month in 2009
and ends the day before the same date in 2010, whatever the start month (so for a January–December
partner, 2009-10 is calendar 2009). Dates are half-open ranges [start, end)."""

import re
from dataclasses import dataclass
from datetime import date

from service.domain.common.errors import InvalidInput

_LABEL = re.compile(r"^(\d{4})-(\d{2})$")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Span:
    start: date
    end: date  # the day after the last

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    def overlap(self, other: "Span") -> int:
        return max(0, (min(self.end, other.end) - max(self.start, other.start)).days)


def label(first_year: int) -> str:
    return f"{first_year}-{(first_year + 1) % 100:02d}"


def first_year(financial_year: str, field: str = "year") -> int:
    match = _LABEL.match(financial_year)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise InvalidInput(f"{field} {financial_year!r} is not a financial year like 2009-10.",
                           errors=[{"loc": ["query", field], "msg": "write a financial year like 2009-10"}])
    return int(match[1])


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def year_span(financial_year: str, start_month: int) -> Span:
    year = first_year(financial_year)
    return Span(_month_start(year, start_month), _month_start(year + 1, start_month))


def months(financial_year: str, start_month: int) -> list[Span]:
    year = first_year(financial_year)
    return [Span(_month_start(year, start_month + k), _month_start(year, start_month + k + 1)) for k in range(12)]


def quarters(financial_year: str, start_month: int) -> list[Span]:
    year = first_year(financial_year)
    return [Span(_month_start(year, start_month + 3 * q), _month_start(year, start_month + 3 * q + 3))
            for q in range(4)]


def overlapping(span: Span, start_month: int) -> list[str]:
    """The labels of the years starting in `start_month` that share at least a day with `span`."""
    found = []
    for year in range(span.start.year - 1, span.end.year + 1):
        if year_span(label(year), start_month).overlap(span) > 0:
            found.append(label(year))
    return found


def neighbours(financial_year: str) -> list[str]:
    """The year and the years either side: every label another start month's year can overlap it from."""
    year = first_year(financial_year)
    return [label(year - 1), label(year), label(year + 1)]
