"""A file row that names a stored observation or actual (by `id`, or by its goal or line, partner and period)
changes it through the register's update path, as PATCH does; one whose cells equal the stored is left alone."""

import uuid
from typing import Any

from sqlmodel import Session

from service.domain import register
from service.domain.access.principal import Forbidden, Principal
from service.domain.common.errors import Conflict, InvalidInput, NotFound
from service.domain.spreadsheets.changes import current, field_changes, out_of_date
from service.domain.spreadsheets.report import RecordChange

Broken = list[tuple[str, str]]


class Changes:
    """The changes a batch makes to stored records, staged in its open transaction."""

    def __init__(self, session: Session, kind: register.Kind, partnership_id: uuid.UUID, actor: Principal) -> None:
        self.session, self.kind, self.partnership_id, self.actor = session, kind, partnership_id, actor
        self.updated: list[RecordChange] = []
        self.unchanged: list[uuid.UUID] = []
        self.claimed: dict[uuid.UUID, int] = {}
        self.forbidden = self.stale = False

    def stage(self, number: int, record_id: uuid.UUID, version: int | None, after: dict[str, Any],
              column: Any, *, holder: uuid.UUID | None) -> Broken:
        """The row's errors; none when its change is staged (or it changes nothing). `holder` is the stored
        record with the row's key and period, if any: another record than the row's is an error."""
        noun = self.kind.noun
        try:
            row = register.fetch(self.session, self.kind, self.partnership_id, record_id, lock=True)
        except NotFound:
            return [("id", f"No {noun} with id {record_id} in this partnership; leave id blank to add one.")]
        if record_id in self.claimed:
            return [("id", f"Row {self.claimed[record_id]} changes the same {noun}.")]
        if holder not in (None, record_id):
            return [("period", f"The stored {noun} {holder} is for the same {after['period']}.")]
        self.claimed[record_id] = number
        changes = field_changes(current(self.kind, row), after, column)
        if not changes:
            self.unchanged.append(record_id)
            return []
        if version is not None and row.version != version:  # as If-Match: the row was read locked
            self.stale = True
            return [("version", out_of_date(noun, row.version, version))]
        try:
            register.update(self.session, self.kind, self.partnership_id, record_id, after, None, self.actor,
                            commit=False)
        except Forbidden as exc:
            self.forbidden = True
            return [("partner_id", exc.detail)]
        except (Conflict, InvalidInput) as exc:
            field = exc.extra.get("field")
            return [(field if isinstance(field, str) else "id", exc.detail)]
        self.updated.append(RecordChange(id=record_id, row=number, changes=changes))
        return []


def identity(payload: dict[str, Any]) -> tuple[uuid.UUID | None, int | None, Broken]:
    """The `id` and `version` cells of a file row (taken out of its payload)."""
    given, version = str(payload.pop("id", "") or ""), str(payload.pop("version", "") or "")
    broken: Broken = []
    record_id = None
    if given:
        try:
            record_id = uuid.UUID(given)
        except ValueError:
            broken.append(("id", "Not an id; leave id blank for a new record, or keep the id an export wrote."))
    if version and (not version.removeprefix("v").isdigit() or record_id is None):
        broken.append(("version", "version is the whole number an export wrote beside the record's id."))
        version = ""
    return record_id, int(version.removeprefix("v")) if version else None, broken
