"""Fields renamed inside /v1 (README, "Deprecation policy"): the new name is sent beside the old one,
which keeps its value and is marked deprecated until its sunset.

Every reference to a record is `<kind>_id` with `<kind>_name` beside it, and every record's label is
`name`; the fields that broke that rule before 1 December 2026 are the deprecated ones. The new name is
a computed field, so that stored results (runs, proposals) written with the old names read the same.
"""

from datetime import UTC, datetime
from typing import Any

from pydantic import Field, computed_field
from pydantic.json_schema import JsonDict

DEPRECATED_AT = datetime(2026, 12, 1, tzinfo=UTC)
SUNSET = datetime(2027, 6, 30, 23, 59, 59, tzinfo=UTC)  # at least six months after the notice
DEPRECATED: JsonDict = {"deprecated": True}


def notice(replacement: str) -> str:
    return f"Deprecated since {DEPRECATED_AT:%d %B %Y}, sunset {SUNSET:%d %B %Y}: use `{replacement}`, its copy."


def old_name(replacement: str, description: str, default: Any = ...) -> Any:
    """A field kept under its old name until the sunset: same value, marked deprecated."""
    return Field(default, description=f"{description}. {notice(replacement)}", json_schema_extra=DEPRECATED)


def new_name(old: str, description: str) -> Any:
    """The consistent name for the field `old`: a copy of its value, in every response that has it.
    Declare it `ClassVar[str]` (pydantic finds the computed field all the same; mypy sees the type)."""
    def value(self: Any) -> str:
        return str(getattr(self, old))
    return computed_field(property(value), return_type=str, description=description)  # type: ignore[call-overload]
