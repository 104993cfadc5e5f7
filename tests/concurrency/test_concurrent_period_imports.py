"""Two observation files at once, against the real service on SQLite and PostgreSQL, each changing the same
two stored observations in the opposite order: files of one partnership take turns, so both are stored
whole, one after the other (no deadlock, no 500), and each change is audited once."""

import csv
import io
import uuid

import pytest
from sqlmodel import Session, col, select

from service.domain.models.access import AuditEvent
from tests.live import DEMO, at_once, serving

TRIALS = 4  # each a real race


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("period-imports")) as service:
        yield service


def export(client) -> list[dict[str, str]]:
    response = client.get(f"{DEMO}/exports/observations", headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def upload(client, rows: list[dict[str, str]]):
    out = io.StringIO()
    writer = csv.DictWriter(out, [c for c in rows[0] if c != "version"])  # no version: neither is out of date
    writer.writeheader()
    writer.writerows([{k: v for k, v in row.items() if k != "version"} for row in rows])
    return client.post(f"{DEMO}/imports/observations", files={"file": ("o.csv", out.getvalue().encode(), "text/csv")})


def updates_of(live, observation_id: str) -> int:
    with Session(live.engine) as session:
        return len(session.exec(select(AuditEvent).where(col(AuditEvent.entity_id) == uuid.UUID(observation_id),
                                                         col(AuditEvent.action) == "update")).all())


def test_two_files_changing_the_same_rows_in_opposite_orders_are_both_stored_whole(live):
    for trial in range(TRIALS):
        with live.client() as client:
            first, second = export(client)[2 * trial: 2 * trial + 2]
        before = updates_of(live, first["id"]), updates_of(live, second["id"])
        files = ([{**first, "note": f"A {trial}"}, {**second, "note": f"A {trial}"}],
                 [{**second, "note": f"B {trial}"}, {**first, "note": f"B {trial}"}])
        answers = at_once(2, lambda i, client, files=files: upload(client, files[i]), live)
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        assert all(len(a.json()["updated"]) == 2 for a in answers)
        with live.client() as client:
            notes = {client.get(f"{DEMO}/observations/{row['id']}").json()["note"] for row in (first, second)}
        assert len(notes) == 1 and notes <= {f"A {trial}", f"B {trial}"}  # the later file's, whole
        assert (updates_of(live, first["id"]), updates_of(live, second["id"])) == (before[0] + 2, before[1] + 2)
