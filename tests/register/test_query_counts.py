"""Rows are read with their children in a handful of queries, never one query per row: listing the demo's
interventions and funding streams, and freezing the demo for a run."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, inspect

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.demo import load_demo
from service.domain.models.scenario import Scenario
from service.domain.runs import snapshot

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


@contextmanager
def counting(engine):
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("PRAGMA", "BEGIN", "SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


@pytest.mark.parametrize(("collection", "most"), [("interventions", 5), ("funding-streams", 4), ("goals", 3)])
def test_listing_reads_children_with_the_page(demo, engine, collection, most):
    with counting(engine) as statements:
        listed = demo.get(f"{BASE}/{collection}", params={"page_size": 200})
    assert listed.status_code == 200 and len(listed.json()["items"]) >= 12
    assert len(statements) <= most, statements


def test_freezing_the_demo_takes_a_query_per_table(session, engine):
    load_demo(session)
    scenario = session.get(Scenario, DEMO_SCENARIO_ID)
    with counting(engine) as statements:
        frozen = snapshot.freeze(session, scenario)
    assert len(frozen.interventions) == 25 and len(statements) <= 8, statements


def test_an_interventions_effects_are_found_by_index_not_by_scanning_every_effect(session):
    indexes = inspect(session.connection()).get_indexes("intervention_effect")
    assert ["intervention_id"] in [ix["column_names"] for ix in indexes]
    if session.connection().dialect.name == "sqlite":  # PostgreSQL may scan a small table whatever the index
        plan = " ".join(str(row) for row in session.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT * FROM intervention_effect WHERE intervention_id = 'x'"))
        assert "ix_intervention_effect_intervention_id" in plan, plan


def test_reading_runs_and_analyses_never_loads_their_frozen_inputs(demo, engine):
    run = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    analysis = demo.post(f"{BASE}/runs/{run['id']}/analyses", json={"kind": "frontier"}).json()
    reads = [f"{BASE}/runs/{run['id']}", f"{BASE}/runs", f"{BASE}/runs/{run['id']}/analyses",
             f"{BASE}/runs/{run['id']}/analyses/{analysis['id']}"]
    for url in reads:
        with counting(engine) as statements:
            assert demo.get(url).status_code == 200, url
        assert statements and not [s for s in statements if "snapshot" in s], url
