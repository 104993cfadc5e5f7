"""Turning a spreadsheet's cells into what the API's schemas accept: pounds and names."""

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from enum import StrEnum

_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d*)?$")  # 1,250,000.00 as Excel shows it
_SHOWN_AT_MOST = 12
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs text starting so as a formula


class Unresolved(ValueError):
    """A cell that names nothing, or more than one thing, in this partnership."""


def number(text: str) -> str:
    """Drop thousands separators (1,562 -> 1562); anything else is left for the schema to judge."""
    return text.replace(",", "") if _GROUPED.match(text) else text


def pounds(text: str) -> str:
    """A money cell as Excel saves it ('£1,250,000.00') becomes '1250000.00'."""
    return number(text.removeprefix("£").strip())


def unquoted(text: str) -> str:
    """A cell an export wrote as '=text (so that no spreadsheet runs it) reads back as =text."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_STARTS) else text


def folded_choice(text: str) -> str:
    """An enum cell as people type it: case, spaces, hyphens and underscores ignored (Out-turn, OUTTURN)."""
    return "".join(ch for ch in text.casefold() if ch not in " -_")


def allowed(values: type[StrEnum]) -> str:
    return ", ".join(v.value for v in values)


def choice_of(values: type[StrEnum], column: str, text: str) -> str:
    """The stored value a cell means (`Ring-fenced grant` is ring_fenced_grant); Unresolved lists the values."""
    by_fold = {folded_choice(v.value): v.value for v in values}
    found = by_fold.get(folded_choice(text))
    if found is None:
        raise Unresolved(f"'{text}' is not a {column}; the {column} values are {allowed(values)} (case, spaces, "
                         "hyphens and underscores are ignored).")
    return found


def _fold(text: str) -> str:
    return "".join(text.split()).casefold()


class Lookup:
    """Finds records of one kind by id or by name: exact first, then ignoring case and spaces."""

    def __init__(self, noun: str, records: Iterable[tuple[uuid.UUID, str]]) -> None:
        self.noun = noun
        self.ids: set[uuid.UUID] = set()
        self.exact: dict[str, list[uuid.UUID]] = defaultdict(list)
        self.folded: dict[str, list[uuid.UUID]] = defaultdict(list)
        for record_id, name in records:
            self.ids.add(record_id)
            self.exact[name].append(record_id)
            self.folded[_fold(name)].append(record_id)

    def resolve(self, text: str) -> uuid.UUID:
        try:
            record_id = uuid.UUID(text)
        except ValueError:
            return self._by_name(text)
        if record_id not in self.ids:
            raise Unresolved(f"No {self.noun} with id {text} in this partnership.")
        return record_id

    def resolve_list(self, text: str) -> list[uuid.UUID]:
        """Several names or ids separated by ';'."""
        return [self.resolve(part.strip()) for part in text.split(";") if part.strip()]

    def _by_name(self, text: str) -> uuid.UUID:
        found = self.exact.get(text) or self.folded.get(_fold(text)) or []
        if len(found) == 1:
            return found[0]
        if found:
            raise Unresolved(f"'{text}' names {len(found)} {self.noun}s; give the {self.noun}'s id instead.")
        known = sorted(self.exact)
        listed = ", ".join(known[:_SHOWN_AT_MOST]) + (", …" if len(known) > _SHOWN_AT_MOST else "")
        raise Unresolved(f"No {self.noun} called '{text}' in this partnership"
                         + (f"; its {self.noun}s are: {listed}." if known else f", which has no {self.noun}s yet."))
