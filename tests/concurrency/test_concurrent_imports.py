"""Two imports at once against the real service on SQLite and PostgreSQL: imports of one partnership take
turns, so an exported row changed by both is changed once and the other import is refused whole with 409
(no update lost, no 500), and a new row in both files adds one record, not two."""

import csv
import io
import uuid
from decimal import Decimal

import pytest
from sqlmodel import Session, col, select

from service.domain.models.access import AuditEvent
from service.domain.models.funding import FundingStream
from tests.live import DEMO, at_once, serving

TRIALS = 4  # each a real race


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("imports")) as service:
        yield service


def export(client) -> list[dict[str, str]]:
    response = client.get(f"{DEMO}/exports/funding-streams", headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text)))


def upload(client, rows: list[dict[str, str]]):
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return client.post(f"{DEMO}/imports/funding-streams", files={"file": ("s.csv", out.getvalue().encode(),
                                                                          "text/csv")})


def updates_of(live, stream_id: str) -> int:
    with Session(live.engine) as session:
        return len(session.exec(select(AuditEvent).where(col(AuditEvent.entity_id) == uuid.UUID(stream_id),
                                                         col(AuditEvent.action) == "update")).all())


def test_two_imports_changing_one_exported_record_change_it_once_and_refuse_the_other(live):
    for trial in range(TRIALS):
        with live.client() as client:
            table = export(client)
        row = table[trial % len(table)]
        updates = updates_of(live, row["id"])
        amount = {**row, "amount": str(Decimal(row["amount"]) + 1000)}
        note = {**row, "source_note": f"Note of trial {trial}"}
        files = (amount, note)
        answers = at_once(2, lambda i, client, files=files: upload(client, [files[i]]), live)
        assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]
        won = next(i for i, a in enumerate(answers) if a.status_code == 200)
        lost = answers[1 - won].json()
        assert lost["errors"][0]["field"] == "version" and "export it again" in lost["detail"]
        with live.client() as client:
            stored = client.get(f"{DEMO}/funding-streams/{row['id']}").json()
        assert stored["version"] == int(row["version"]) + 1
        if won == 0:
            assert (stored["amount"], stored["source_note"]) == (amount["amount"], row["source_note"])
        else:
            assert (stored["amount"], stored["source_note"]) == (row["amount"], note["source_note"])
        assert updates_of(live, row["id"]) == updates + 1


def test_two_imports_adding_the_same_new_row_add_one_record(live):
    for trial in range(TRIALS):
        with live.client() as client:
            template = export(client)[0]
        new = {**template, "id": "", "version": "", "name": f"Race fund {trial}"}
        answers = at_once(2, lambda i, client, new=new: upload(client, [new]), live)
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        reports = [a.json() for a in answers]
        assert sorted(len(r["created"]) for r in reports) == [0, 1]
        assert sorted(len(r["unchanged"]) for r in reports) == [0, 1]
        with Session(live.engine) as session:
            found = session.exec(select(FundingStream).where(col(FundingStream.name) == new["name"])).all()
        assert len(found) == 1
