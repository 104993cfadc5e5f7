"""Export, edit one cell, import, export again: the edit and nothing else (bar the edited record's version),
for each kind a finance officer maintains, as CSV and as XLSX, on both databases."""

from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.demo.load import load_demo
from service.domain.demo.run import solve_demo_run
from tests.spreadsheets.tables import XLSX, differences, exported, imported, same

P = str(DEMO_PARTNERSHIP_ID)


@pytest.fixture
def demo(client, session):
    load_demo(session)
    return client


def audited(client) -> int:
    """Audit events of the test's own caller (the demo was written by `system`)."""
    page = client.get(f"/v1/partnerships/{P}/audit-events", params={"actor": "development-admin"}).json()
    return len(page["items"])


def first_row(table):
    return table[0]


def first_effect_row(table):
    return next(r for r in table if r["goal"])


EDITS = {  # which row, which cell, its new value, and the column the report names
    "funding-streams": (first_row, "amount", lambda v: str(Decimal(str(v)) + 1000), "amount"),
    "goals": (first_row, "weight", lambda v: "7" if same(v) != "7" else "6", "weight"),
    "interventions": (first_effect_row, "evidence_note", lambda v: "Edited evidence note", "effects"),
    "observations": (first_row, "note", lambda v: "Edited note", "note"),
    "spend-actuals": (first_row, "amount", lambda v: str(Decimal(str(v)) + 100), "amount"),
}


@pytest.mark.parametrize("media", ["text/csv", XLSX])
@pytest.mark.parametrize("kind", list(EDITS))
def test_round_trip_gives_the_edit_and_nothing_else(demo, session, kind, media):
    client = demo
    if kind == "spend-actuals":  # the demo's spend is on the allocation its solved run's proposal agreed
        solve_demo_run(session)
    first = exported(client, P, kind, media)
    ids = {r["id"] for r in first}
    assert first, "the demo has records of every kind"
    report = imported(client, P, kind, first, media).json()
    assert (report["valid"], report["created"], report["updated"]) == (True, [], [])
    assert set(report["unchanged"]) == ids and audited(client) == 0  # nothing written, nothing audited

    pick, cell, new_value, column = EDITS[kind]
    table = [dict(r) for r in first]
    row = pick(table)
    old_value, row[cell] = row[cell], new_value(row[cell])
    response = imported(client, P, kind, table, media)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["created"] == [] and [u["id"] for u in report["updated"]] == [row["id"]]
    assert [c["column"] for c in report["updated"][0]["changes"]] == [column]
    assert set(report["unchanged"]) == ids - {row["id"]} and audited(client) == 1

    again = exported(client, P, kind, media)
    assert differences(first, again) == {(row["id"], cell, same(old_value), same(row[cell])),
                                         (row["id"], "version", same(row["version"]), same(int(row["version"]) + 1))}
