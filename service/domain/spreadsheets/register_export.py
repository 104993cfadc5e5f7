"""The register as the import reads it: one sheet per kind, in the import's columns, with each record's id and
version first, so that the file edited and imported again changes what was edited and adds nothing."""

import uuid
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import selectinload
from sqlmodel import Session, col, select

from service.domain import register
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner, Theme
from service.domain.spreadsheets.columns import IDENTITY, Column
from service.domain.spreadsheets.exports import Row, Sheet
from service.domain.spreadsheets.layouts import LAYOUTS

Names = dict[str, dict[uuid.UUID, str]]
TITLES = {"funding-streams": "Funding streams", "goals": "Goals", "interventions": "Interventions"}


def register_sheet(session: Session, kind: str, partnership_id: uuid.UUID) -> Sheet:
    """Every record of `kind` oldest first (interventions one row per effect), values as the import reads them:
    money as plain pounds and pence, references by name (by id where a name is not unique), enums as stored."""
    register.require_partnership(session, partnership_id)
    layout = LAYOUTS[kind]
    table = layout.kind.table
    query = select(table).where(col(table.partnership_id) == partnership_id).order_by(
        col(table.created_at), col(table.id))
    query = query.options(*(selectinload(getattr(table, name)) for name in layout.kind.eager))
    stored = list(session.exec(query).all())
    public = layout.kind.public_page or (lambda _, page: [layout.kind.public(row) for row in page])
    names = _names(session, partnership_id)
    rows: list[Row] = []
    for record in public(session, stored):
        shown = record.model_dump(mode="json")
        own = {"id": shown["id"], "version": shown["version"]} | _cells(layout.columns, shown, names)
        effects = (shown.get("effects") or [{}]) if layout.effect_columns else [{}]
        rows += [own | _cells(layout.effect_columns, effect, names) if effect else dict(own) for effect in effects]
    columns = [*IDENTITY, *(c.name for c in layout.columns + layout.effect_columns)]
    money = frozenset(c.name for c in layout.columns if c.money)
    return Sheet(TITLES[kind], columns, rows, money)


def _cells(columns: tuple[Column, ...], shown: dict[str, Any], names: Names) -> Row:
    return {column.name: _cell(column, shown.get(column.api_field), names) for column in columns}


def _cell(column: Column, value: Any, names: Names) -> object:
    if value is None:
        return None
    if column.refers:
        known = names[column.refers]
        if isinstance(value, list):
            return "; ".join(sorted(known.get(uuid.UUID(v), str(v)) for v in value))
        return known.get(uuid.UUID(value), value)
    if column.money or column.figure:
        return Decimal(value)
    return value


def unique_names(session: Session, partnership_id: uuid.UUID, table: Any, name: Any) -> dict[uuid.UUID, str]:
    """Each record's name as a cell may give it; a name two records share is left out, so the id is written."""
    pairs = list(session.exec(select(table.id, name).where(col(table.partnership_id) == partnership_id)))
    counts = Counter(label for _, label in pairs)
    return {row_id: label for row_id, label in pairs if counts[label] == 1 and ";" not in label}


def _names(session: Session, partnership_id: uuid.UUID) -> Names:
    return {"partner": unique_names(session, partnership_id, Partner, Partner.name),
            "theme": unique_names(session, partnership_id, Theme, Theme.name),
            "goal": unique_names(session, partnership_id, Goal, Goal.indicator_code)}
