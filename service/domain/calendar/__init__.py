"""The calendar: the partnership's financial years with their quarters and months, each partner's own
years (`years`), the apportioning of streams of a partner's own year to the partnership's (`apportion`,
`streams`), and the partners' budget-setting dates (`core`)."""

from service.domain.calendar.core import list_budget_dates, read, set_budget_date

__all__ = ["list_budget_dates", "read", "set_budget_date"]
