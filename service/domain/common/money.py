"""Money between the API and the database is Decimal pounds with two places; in the database and the
optimiser it is whole pence. These two functions are the only conversions."""

from decimal import Decimal

PENCE_PER_POUND = 100


def pounds(pence: int) -> Decimal:
    return Decimal(pence).scaleb(-2)


def pence(amount: Decimal) -> int:
    """Whole pence; ValueError when the amount holds a fraction of a penny."""
    value = Decimal(amount) * PENCE_PER_POUND
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has fractions of a penny")
    return int(value)


def format_pounds(amount: Decimal) -> str:
    """£1,234,567.89, as a person reads pounds (exact: Decimal formatting does no binary rounding)."""
    return f"£{amount:,.2f}"
