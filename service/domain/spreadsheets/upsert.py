"""One import record: a new record, a change to the stored one it names (by id or natural key), or nothing.

A change goes through the register's update path, as PATCH does: the stored row is locked and read afresh,
the merged whole is checked as a create would be, the owner's rules apply, and the change is audited.
A row carrying the `version` an export wrote is refused when the record has changed since (If-Match).
"""

import uuid
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, SQLModel

from service.domain import register
from service.domain.access.principal import Forbidden, Principal
from service.domain.common.errors import Conflict, InvalidInput, NotFound
from service.domain.spreadsheets.changes import current, field_changes, out_of_date
from service.domain.spreadsheets.layouts import Layout, Record
from service.domain.spreadsheets.report import Errors, ImportReport, RecordChange

Key = tuple[str, ...]


class Stager:
    """Stages a file's records in the open transaction, noting in `report` what each does."""

    def __init__(self, session: Session, layout: Layout, partnership_id: uuid.UUID, actor: Principal,
                 present: set[str], stored: dict[Key, uuid.UUID], report: ImportReport, errors: Errors) -> None:
        self.session, self.layout, self.partnership_id, self.actor = session, layout, partnership_id, actor
        self.report, self.errors, self.stored = report, errors, stored
        # fields whose columns the file leaves out keep their stored values when a record is changed
        self.absent = {c.api_field for c in layout.columns if c.name not in present}
        if layout.effect_columns and not any(c.name in present for c in layout.effect_columns):
            self.absent.add("effects")
        self.keys: dict[Key, int] = {}  # natural keys of the file's records -> the row giving each
        self.claimed: dict[uuid.UUID, int] = {}  # stored records the file changes -> the row changing each

    def stage(self, record: Record) -> None:
        for number, column, message in record.errors:
            self.errors.add(number, column, message)
        first = record.rows[0]
        payload = {k: v for k, v in record.payload.items() if k not in self.absent}
        row = self._locked(record, record.target) if record.target else None
        if record.target and row is None:
            return
        body = self._body(record, self._current(row) | payload if row is not None else payload)
        if body is None:
            return
        key = self.layout.key(body)
        if row is None and key in self.stored:
            row = self._locked(record, self.stored[key])
            body = self._body(record, self._current(row) | payload) if row is not None else None
            if body is None:
                return
        if not self._distinct(record, key, row):
            return
        if record.errors:
            return
        if row is None:
            self._create(first, body)
        else:
            self._update(record, row, body)

    def _locked(self, record: Record, row_id: uuid.UUID) -> Any:
        try:
            row = register.fetch(self.session, self.layout.kind, self.partnership_id, row_id, lock=True)
        except NotFound:
            self.errors.add(record.rows[0], "id", f"No {self.layout.kind.noun} with id {row_id} in this "
                            f"partnership; leave id blank to add a new {self.layout.kind.noun}.")
            return None
        return row

    def _current(self, row: Any) -> dict[str, Any]:
        return current(self.layout.kind, row)

    def _body(self, record: Record, payload: dict[str, Any]) -> SQLModel | None:
        try:
            return self.layout.kind.create.model_validate(payload)
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_context=False):
                self.errors.add(*self.layout.locate(record, err["loc"]), err["msg"])
            return None

    def _distinct(self, record: Record, key: Key, row: Any) -> bool:
        """No two rows may be one record, and a changed record may not take another stored record's key."""
        first, names = record.rows[0], self.layout.key_names
        if key in self.keys:
            self.errors.add(first, None, f"Row {self.keys[key]} has the same {names}; give each record one row.")
            return False
        self.keys[key] = first
        if row is not None and row.id in self.claimed:
            self.errors.add(first, "id", f"Row {self.claimed[row.id]} changes the same {self.layout.kind.noun}.")
            return False
        owner = self.stored.get(key)
        if owner is not None and row is not None and owner != row.id:
            self.errors.add(first, None, f"The existing {self.layout.kind.noun} {owner} has the same {names}.")
            return False
        if row is not None:
            self.claimed[row.id] = first
        return True

    def _create(self, first: int, body: SQLModel) -> None:
        made = self._write(first, lambda: register.create(
            self.session, self.layout.kind, self.partnership_id, body, self.actor, commit=False))
        if made is not None:
            self.report.created.append(made.id)
            self.report.new_rows.append(first)

    def _update(self, record: Record, row: Any, body: SQLModel) -> None:
        after = body.model_dump()
        changes = field_changes(self._current(row), after, self.layout.column_of)
        if not changes:
            self.report.unchanged.append(row.id)
            return
        if record.version is not None and row.version != record.version:  # as If-Match: the row read locked
            self.errors.stale = True
            self.errors.add(record.rows[0], "version", out_of_date(self.layout.kind.noun, row.version,
                                                                   record.version))
            return
        done = self._write(record.rows[0], lambda: register.update(
            self.session, self.layout.kind, self.partnership_id, row.id, after, None, self.actor, commit=False))
        if done is not None:
            self.report.updated.append(RecordChange(id=row.id, row=record.rows[0], changes=changes))

    def _write(self, first: int, write: Any) -> Any:
        layout = self.layout
        try:
            return write()
        except Forbidden as exc:
            self.errors.forbidden = True
            owner = layout.kind.owner_partner
            self.errors.add(first, layout.column_of(owner) if owner else None, exc.detail)
        except Conflict as exc:
            field = exc.extra.get("field")
            self.errors.add(first, layout.column_of(field) if isinstance(field, str) else _named(layout, exc.detail),
                            exc.detail)
        except InvalidInput as exc:
            self.errors.add(first, None, exc.detail)
        return None


def _named(layout: Layout, message: str) -> str | None:
    """The column a rule's message names first, for rules that do not say which field they concern."""
    places = [(message.find(c.api_field), c.name) for c in layout.columns if c.api_field in message]
    return min(places)[1] if places else None
