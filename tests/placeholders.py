"""The request examples show free text as `<what to write>`; a person writes their own words in its place."""

from typing import Any


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("<") and value.endswith(">")


def filled(value: Any) -> Any:
    """`value` with each placeholder replaced by words of the kind it asks for ("Where the figure comes from")."""
    if isinstance(value, dict):
        return {key: filled(item) for key, item in value.items()}
    if isinstance(value, list):
        return [filled(item) for item in value]
    if is_placeholder(value):
        words = value[1:-1]
        return words[:1].upper() + words[1:]
    return value


def placeholders(value: Any, at: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Where in `value` placeholders are."""
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in placeholders(item, (*at, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in placeholders(item, (*at, index))]
    return [at] if is_placeholder(value) else []
