"""The register layouts' columns: the header each reads, the API field it fills and how its cells are read."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from service.domain.models.funding import Arrangement, DataQuality, StreamKind
from service.domain.models.goal import Polarity
from service.domain.spreadsheets.cells import Lookup, choice_of, number, pounds

Lookups = dict[str, Lookup]
Reader = Callable[[str, Lookups], Any]
NOBODY = uuid.UUID(int=0)  # stands in for a reference that failed, so the schema checks the rest


def _text(text: str, _: Lookups) -> str:
    return text


def _money(text: str, _: Lookups) -> str:
    return pounds(text)


def _number(text: str, _: Lookups) -> str:
    return number(text)


def _yes_no(text: str, _: Lookups) -> bool | str:
    """Spreadsheet booleans (TRUE/FALSE, yes/no, 1/0); anything else is left for validation to reject."""
    return {"true": True, "yes": True, "y": True, "1": True,
            "false": False, "no": False, "n": False, "0": False}.get(text.strip().lower(), text)


def _one(noun: str) -> Reader:
    return lambda text, lookups: lookups[noun].resolve(text)


def _several(noun: str) -> Reader:
    return lambda text, lookups: lookups[noun].resolve_list(text)


@dataclass(frozen=True)
class Column:
    name: str  # the header, and the name errors use
    field: str = ""  # the API field it fills; the same as `name` when empty
    read: Reader = _text
    aliases: tuple[str, ...] = ()
    placeholder: Any = NOBODY
    refers: str = ""  # the lookup (partner, theme, goal) its cells name, for exports
    money: bool = False
    figure: bool = False  # a number that is not money
    choices: type[StrEnum] | None = None

    @property
    def api_field(self) -> str:
        return self.field or self.name


def _refer(name: str, noun: str, *, several: bool = False) -> Column:
    field_name = f"{noun}_ids" if several else f"{name}_id"
    return Column(name, field_name, (_several if several else _one)(noun), (field_name,),
                  [] if several else NOBODY, refers=noun)


def _money_column(name: str) -> Column:
    return Column(name, read=_money, money=True)


def _figure(name: str) -> Column:
    return Column(name, read=_number, figure=True)


def _choice(name: str, values: type[StrEnum]) -> Column:
    def read(text: str, _: Lookups) -> str:
        return choice_of(values, name, text)

    return Column(name, read=read, placeholder=next(iter(values)).value, choices=values)


THEME = _refer("theme", "theme")
STREAM_COLUMNS = (
    _refer("partner", "partner"), Column("name"), Column("financial_year"), _money_column("amount"),
    _choice("kind", StreamKind), _choice("arrangement", Arrangement), _money_column("least_contribution"),
    _money_column("most_contribution"), _refer("themes", "theme", several=True),
    _choice("data_quality", DataQuality), Column("source_note"))
GOAL_COLUMNS = (
    THEME, Column("indicator_code"), Column("title", aliases=("name",)), Column("unit"),
    _choice("polarity", Polarity), _figure("baseline_value"), Column("baseline_year"),
    _figure("target_value"), Column("target_year"), _figure("weight"),
    Column("is_laa_target", read=_yes_no))
INTERVENTION_COLUMNS = (
    Column("title", aliases=("name",)), THEME, _refer("lead_partner", "partner"), Column("description"),
    _money_column("min_viable_funding"), _money_column("capacity"), _money_column("committed_funding"))
EFFECT_COLUMNS = (
    _refer("goal", "goal"), _figure("per_thousand"),
    _figure("low"), _figure("high"), Column("evidence_note"))
IDENTITY = ("id", "version")  # an export's first columns: which record a row is, and the version it shows
