"""Many clients writing at once, against the real service on SQLite and on PostgreSQL.

Exactly one of two writers holding the same ETag wins; a change racing a delete never ends in a 500;
partners signing off together all get through; concurrent writers never lose an acknowledged write,
not even when the service is killed in the middle of them.
"""

import itertools
import os
import signal
import threading
import time
import uuid

import pytest
from sqlmodel import Session, col, select

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from service.domain.models.access import AuditEvent
from tests.live import DEMO, at_once, serving

TRIALS = 100


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("writes")) as service:
        yield service


def new_theme(client, name):
    response = client.post(f"{DEMO}/themes", json={"name": name})
    assert response.status_code == 201, response.text
    return response.json()


def updates_recorded(live, entity_id):
    """The version each update in the audit trail started from."""
    with Session(live.engine) as session:
        events = session.exec(select(AuditEvent).where(
            col(AuditEvent.entity_id) == uuid.UUID(entity_id), col(AuditEvent.action) == "update")).all()
        return sorted(event.before["version"] for event in events)


def test_of_two_writers_with_one_etag_exactly_one_wins(live):
    with live.client() as client:
        theme = new_theme(client, f"Contested {live.kind}")
    url = f"{DEMO}/themes/{theme['id']}"
    for trial in range(TRIALS):
        with live.client() as client:
            etag = client.get(url).headers["etag"]

        def patch(i, client, etag=etag, trial=trial):
            return client.patch(url, json={"description": f"trial {trial} writer {i}"}, headers={"If-Match": etag})

        answers = at_once(2, patch, live)
        assert sorted(a.status_code for a in answers) == [200, 412], [a.text for a in answers]
        won, lost = sorted(answers, key=lambda a: a.status_code)
        assert lost.json()["current_etag"] == won.headers["etag"] == f'"v{trial + 2}"'
        with live.client() as client:
            assert client.get(url).json()["description"] == won.json()["description"]
    assert updates_recorded(live, theme["id"]) == list(range(1, TRIALS + 1))  # one from each version, never two


def test_a_change_racing_a_delete_never_fails_and_never_resurrects(live):
    outcomes = []
    for trial in range(TRIALS // 2):
        with live.client() as client:
            theme = new_theme(client, f"Doomed {live.kind} {trial}")
        url, etag = f"{DEMO}/themes/{theme['id']}", '"v1"'

        def act(i, client, url=url, etag=etag):
            if i == 0:
                return client.patch(url, json={"description": "kept?"}, headers={"If-Match": etag})
            return client.delete(url, headers={"If-Match": etag})

        patched, deleted = at_once(2, act, live)
        codes = (patched.status_code, deleted.status_code)
        assert codes in {(200, 412), (404, 204), (412, 204)}, (patched.text, deleted.text)
        with live.client() as client:
            after = client.get(url)
        if deleted.status_code == 204:
            assert after.status_code == 404
        else:
            assert after.json()["description"] == "kept?" and after.json()["version"] == 2
        outcomes.append(codes)
    assert all(code < 500 for code in itertools.chain(*outcomes))


def test_partners_signing_off_at_once_all_get_through(live):
    with live.client() as client:
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        assert run.status_code == 201, run.text
        proposal = client.post(f"{DEMO}/proposals", json={"run_id": run.json()["id"], "title": "Together"}).json()
        submitted = client.post(f"{DEMO}/proposals/{proposal['id']}/submit").json()
    partners = [s["partner_id"] for s in submitted["sign_offs"]]
    assert len(partners) >= 5

    def confirm(i, client):
        return client.post(f"{DEMO}/proposals/{proposal['id']}/confirm",
                           json={"partner_id": partners[i], "comment": f"partner {i}"})

    answers = at_once(len(partners), confirm, live)
    assert [a.status_code for a in answers] == [200] * len(partners), [a.text for a in answers]
    with live.client() as client:
        final = client.get(f"{DEMO}/proposals/{proposal['id']}").json()
    assert final["status"] == "confirmed" and final["version"] == submitted["version"] + len(partners)
    assert {s["comment"] for s in final["sign_offs"]} == {f"partner {i}" for i in range(len(partners))}


IMPORT_ROWS = 1500


def test_a_long_import_makes_other_writers_wait_and_readers_carry_on(live):
    rows = ["partner,name,financial_year,amount,kind,arrangement,most_contribution"] + [
        f"Illustrative Borough Council,Imported {live.kind} {n},2010-11,1000.00,mainstream,pooled,500.00"
        for n in range(IMPORT_ROWS)]
    imported = threading.Event()
    during = {"reads": [], "writes": []}

    def act(i, client):
        if i == 0:
            answer = client.post(f"{DEMO}/imports/funding-streams",
                                 files={"file": ("streams.csv", "\n".join(rows).encode(), "text/csv")})
            imported.set()
            return answer
        while not imported.is_set():
            if i % 2:
                during["reads"].append((client.get(f"{DEMO}/goals").status_code, imported.is_set()))
            else:
                name = f"While importing {live.kind} {i} {len(during['writes'])}"
                during["writes"].append(client.post(f"{DEMO}/themes", json={"name": name}).status_code)
        return None

    answer = at_once(9, act, live)[0]
    assert answer.status_code == 200 and len(answer.json()["created"]) == IMPORT_ROWS, answer.text
    assert {status for status, _ in during["reads"]} == {200} and set(during["writes"]) <= {201}
    assert sum(not done for _, done in during["reads"]) > 0  # reads were answered while the import ran


WRITERS, SECONDS = 16, 6


def write_for_a_while(live, tag, stop_at):
    """16 clients creating, changing and reading themes; what each was told was stored."""
    acknowledged, failures = [], []

    def writer(i, client):
        for n in itertools.count():
            if time.monotonic() > stop_at():
                return
            try:
                made = client.post(f"{DEMO}/themes", json={"name": f"{tag} {i}-{n}"})
            except Exception:  # noqa: BLE001 - a killed server drops the connection mid-request
                return
            if made.status_code >= 500:
                failures.append(made.text)
            if made.status_code != 201:
                continue
            theme = made.json()
            acknowledged.append((theme["id"], theme["name"], None))
            try:
                changed = client.patch(f"{DEMO}/themes/{theme['id']}", json={"description": "changed"},
                                       headers={"If-Match": made.headers["etag"]})
                listed = client.get(f"{DEMO}/themes", params={"page_size": 20})
            except Exception:  # noqa: BLE001
                return
            failures.extend(r.text for r in (changed, listed) if r.status_code >= 500)
            if changed.status_code == 200:
                acknowledged.append((theme["id"], theme["name"], "changed"))

    at_once(WRITERS, writer, live)
    return acknowledged, failures


def stored_themes(live):
    with live.client() as client:
        found, cursor = {}, None
        while True:
            page = client.get(f"{DEMO}/themes", params={"page_size": 200, **({"cursor": cursor} if cursor else {})})
            assert page.status_code == 200
            found |= {t["id"]: t for t in page.json()["items"]}
            if not (cursor := page.json()["next_cursor"]):
                return found


def assert_all_present(acknowledged, stored):
    for theme_id, name, description in acknowledged:
        assert theme_id in stored, f"acknowledged theme {name} is gone"
        assert stored[theme_id]["name"] == name
        if description:
            assert stored[theme_id]["description"] == description


def test_sixteen_writers_lose_nothing_and_meet_no_5xx(live):
    deadline = time.monotonic() + SECONDS
    acknowledged, failures = write_for_a_while(live, "Busy", lambda: deadline)
    assert failures == []
    assert len(acknowledged) > WRITERS  # every writer got through, repeatedly
    assert_all_present(acknowledged, stored_themes(live))


def test_acknowledged_writes_survive_kill_9(live):
    killed = threading.Event()

    def kill_soon():
        time.sleep(2)
        os.kill(live.process.pid, signal.SIGKILL)
        killed.set()

    threading.Thread(target=kill_soon, daemon=True).start()
    deadline = time.monotonic() + 60  # the writers stop when the connection drops
    acknowledged, failures = write_for_a_while(live, "Killed", lambda: deadline)
    assert killed.wait(60)
    live.process.wait()
    live.restart()
    assert failures == [] and acknowledged
    assert_all_present(acknowledged, stored_themes(live))

