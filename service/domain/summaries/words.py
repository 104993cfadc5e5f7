"""Numbers as a sentence states them: points to one decimal, whole percentages, money in short."""

from decimal import ROUND_HALF_UP, Decimal


def points(value: float) -> str:
    return f"{value:,.1f}"


def most(value: float) -> str:
    """A maximum such as 26 or 26.5: without a trailing .0."""
    return f"{value:,.1f}".removesuffix(".0")


def whole_percent(value: float) -> str:
    return f"{Decimal(repr(value)).quantize(Decimal(1), ROUND_HALF_UP):,} %"


def short_pounds(amount: Decimal) -> str:
    """£1.75m, £350k or £1,512: three significant figures at most above £10,000, a sign before the pound."""
    sign, size = ("-" if amount < 0 else ""), abs(amount)
    if size >= 1_000_000:
        text, unit = _figures(size / 1_000_000), "m"
    elif size >= 10_000:
        text, unit = _figures(size / 1_000), "k"
    else:
        text, unit = f"{size.quantize(Decimal(1), ROUND_HALF_UP):,}", ""
    return f"{sign}£{text}{unit}"


def _figures(value: Decimal) -> str:
    places = 2 if value < 10 else 1 if value < 100 else 0
    text = f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):,}"
    return text.rstrip("0").rstrip(".") if "." in text else text
