"""Column types that keep money and measured values exact in every database."""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, DateTime, Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from service.domain.common.money import pence, pounds


class Money(TypeDecorator[Decimal]):
    """Pounds as a Decimal in Python, whole pence as a BIGINT in the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        return None if value is None else pence(value)

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        return None if value is None else pounds(value)


def exact(value: object) -> Decimal:
    """A stored exact decimal (text on SQLite, NUMERIC elsewhere) in one spelling whatever the database:
    trailing zeros dropped, so PostgreSQL's 1.00000000 and SQLite's 1.0 both read as 1."""
    return Decimal(str(value)).normalize()


class ExactDecimal(TypeDecorator[Decimal]):
    """NUMERIC where the database has it exactly; text on SQLite, which would store a float."""

    impl = Numeric(24, 8)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        column: TypeEngine[Any] = String(40) if dialect.name == "sqlite" else Numeric(24, 8)
        return dialect.type_descriptor(column)

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> object:
        if value is None:
            return None
        return str(Decimal(value)) if dialect.name == "sqlite" else Decimal(value)

    def process_result_value(self, value: object, dialect: Dialect) -> Decimal | None:
        return None if value is None else exact(value)


class UtcDateTime(TypeDecorator[datetime]):
    """Timestamps in UTC; SQLite drops the zone, so it is put back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("timestamps must carry a time zone")
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
