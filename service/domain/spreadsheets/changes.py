"""What a file row changes in a stored record, field by field, and when its exported version is out of date."""

from collections.abc import Callable
from typing import Any

from pydantic_core import to_jsonable_python

from service.domain.register.core import Kind
from service.domain.spreadsheets.report import FieldChange


def current(kind: Kind, row: Any) -> dict[str, Any]:
    """The stored record's fields as its create body holds them."""
    return kind.public(row).model_dump(include=set(kind.create.model_fields))


def field_changes(before: dict[str, Any], after: dict[str, Any], column_of: Callable[[str], str]) -> list[FieldChange]:
    return [FieldChange(column=column_of(name), before=to_jsonable_python(before[name]),
                        after=to_jsonable_python(after[name]))
            for name in after if _comparable(before[name]) != _comparable(after[name])]


def out_of_date(noun: str, stored: int, exported: int) -> str:
    return (f"The {noun} has changed since the file was exported (it is at version {stored}, the file has "
            f"{exported}); export it again and make the change there.")


def _comparable(value: Any) -> Any:
    """A value as compared for a change: lists (ring-fences, effects) in any order are the same list."""
    if isinstance(value, list):
        return sorted((_comparable(v) for v in value), key=repr)
    if isinstance(value, dict):
        return tuple(sorted((k, _comparable(v)) for k, v in value.items()))
    return value
