"""Setting one partner's budget-setting date from several clients at once, against the real service on
SQLite and on PostgreSQL: one row, one create and then updates in the audit trail, every answer a 201 or
a 200 (never a 500), and the row holding the date of the last answer."""

import uuid

import pytest
from sqlmodel import Session, col, select

from service.domain.common.demo_ids import demo_id
from service.domain.models.access import AuditEvent
from service.domain.models.calendar import BudgetSettingDate
from tests.live import DEMO, at_once, serving

TRIALS = 6  # each a real race; more add minutes, not confidence
WRITERS = 4


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("budget-dates")) as service:
        yield service


def test_first_settings_of_one_partner_year_at_once_make_one_row_and_no_500(live):
    partner = demo_id("partner", "fire")
    for trial in range(TRIALS):
        year = f"{2030 + trial}-{(31 + trial) % 100:02d}"

        def set_date(i, client, year=year, trial=trial):
            return client.post(f"{DEMO}/budget-dates", json={
                "partner_id": str(partner), "financial_year": year, "set_by": f"{2030 + trial}-02-{10 + i}"})

        answers = at_once(WRITERS, set_date, live)
        codes = sorted(a.status_code for a in answers)
        assert codes == [200] * (WRITERS - 1) + [201], [a.text for a in answers]
        assert len({a.json()["id"] for a in answers}) == 1
        assert sorted(a.json()["version"] for a in answers) == list(range(1, WRITERS + 1))
        last = max(answers, key=lambda a: a.json()["version"]).json()
        with Session(live.engine) as session:
            rows = session.exec(select(BudgetSettingDate).where(
                col(BudgetSettingDate.partner_id) == partner, col(BudgetSettingDate.financial_year) == year)).all()
            assert [(r.set_by.isoformat(), r.version) for r in rows] == [(last["set_by"], WRITERS)]
            actions = session.exec(select(AuditEvent.action).where(
                col(AuditEvent.entity_id) == uuid.UUID(last["id"])).order_by(col(AuditEvent.at))).all()
            assert sorted(actions) == ["create"] + ["update"] * (WRITERS - 1)
