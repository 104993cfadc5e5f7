"""Several clients sending one POST with one Idempotency-Key at the same moment, against the real service
on SQLite and on PostgreSQL: exactly one record is made (the list and the audit trail say so), every answer
is the first one (or its replay) or a 409 saying the first is still being answered, never a 5xx, and a
retry afterwards replays the first answer. One key sent with different requests at once does one of them,
and every other is a 422.
"""

from datetime import UTC, datetime

import pytest

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from tests import builders as b
from tests.live import DEMO, at_once, serving

CLIENTS = 8


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("keys")) as service:
        yield service


@pytest.fixture(scope="module")
def finished_run(live):
    with live.client() as client:
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
    assert run.status_code == 201 and run.json()["status"] == "optimal", run.text
    return run.json()


def everything(client, path, **params):
    found, cursor = [], None
    while True:
        page = client.get(path, params={"page_size": 200, **params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        found += page.json()["items"]
        if not (cursor := page.json()["next_cursor"]):
            return found


def events_since(client, since, entity):
    return everything(client, f"{DEMO}/audit-events", since=since.isoformat(), entity=entity)


def streams_csv(tag):
    rows = ["partner,name,financial_year,amount,kind,arrangement,most_contribution",
            f"Illustrative Borough Council,{tag} one,2010-11,1000.00,mainstream,pooled,500.00",
            f"Illustrative Borough Council,{tag} two,2010-11,2000.00,mainstream,pooled,900.00"]
    return {"file": ("streams.csv", "\n".join(rows).encode(), "text/csv")}


def submitted_proposal(client, run, title):
    proposal = b.created(client.post(f"{DEMO}/proposals", json={"run_id": run["id"], "title": title}))
    submitted = client.post(f"{DEMO}/proposals/{proposal['id']}/submit")
    assert submitted.status_code == 200, submitted.text
    return submitted.json()


# Each kind of POST: (path, request, status of the first answer, audited entity and action, how many
# events the one request makes), given the live service, a client and a name unique to the test.
def create_scenario(live, client, run, tag):
    return (f"{DEMO}/scenarios", {"json": {"name": tag, "financial_year": "2009-10"}}, 201, "scenario",
            "create", 1)


def create_partner(live, client, run, tag):
    return f"{DEMO}/partners", {"json": {"name": tag, "sector": "health"}}, 201, "partner", "create", 1


def create_run(live, client, run, tag):
    return f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs", {}, 201, "run", "create", 1


def replay_run(live, client, run, tag):
    return f"{DEMO}/runs/{run['id']}/replay", {}, 201, "run", "create", 1


def create_api_key(live, client, run, tag):
    return f"{DEMO}/api-keys", {"json": {"name": tag, "role": "scrutiny"}}, 201, "api_key", "create", 1


def create_proposal(live, client, run, tag):
    return f"{DEMO}/proposals", {"json": {"run_id": run["id"], "title": tag}}, 201, "proposal", "create", 1


def confirm_sign_off(live, client, run, tag):
    proposal = submitted_proposal(client, run, tag)
    body = {"partner_id": proposal["sign_offs"][0]["partner_id"], "comment": tag}
    return f"{DEMO}/proposals/{proposal['id']}/confirm", {"json": body}, 200, "proposal", "confirm", 1


def import_streams(live, client, run, tag):
    return f"{DEMO}/imports/funding-streams", {"files": streams_csv(tag)}, 200, "funding_stream", "create", 2


POSTS = [create_scenario, create_partner, create_api_key, create_run, replay_run, create_proposal, confirm_sign_off,
         import_streams]


def replay_of(answer):
    """What a replay of this answer holds: the same, but a new API key's secret, which is never kept."""
    body = answer.json()
    return {**body, "key": None} if "key" in body and "prefix" in body else body


def first_or_in_progress(answers, status):
    """Every answer is the first one, a replay of it, or a 409 'still being processed': the first one."""
    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert all(a.status_code in (status, 409) for a in answers), [(a.status_code, a.text) for a in answers]
    firsts = [a for a in answers if a.status_code == status]
    originals = [a for a in firsts if "idempotent-replayed" not in a.headers]
    assert len(originals) == 1, [(a.status_code, dict(a.headers)) for a in answers]
    first = originals[0]
    for replayed in firsts:
        expected = first.json() if replayed is first else replay_of(first)
        assert replayed.json() == expected and replayed.headers.get("location") == first.headers.get("location")
    for refused in answers:
        if refused.status_code == 409:
            b.assert_problem(refused, 409, "still being processed")
    return first


@pytest.mark.parametrize("kind", POSTS, ids=[p.__name__ for p in POSTS])
def test_one_post_sent_by_many_clients_with_one_key_is_done_once(live, finished_run, kind):
    tag = f"Keyed {kind.__name__} {live.kind}"
    with live.client() as client:
        path, request, status, entity, action, events = kind(live, client, finished_run, tag)
        since = datetime.now(UTC)
    key = {"Idempotency-Key": f"{tag} key"}

    answers = at_once(CLIENTS, lambda i, client: client.post(path, headers=key, **request), live)

    first = first_or_in_progress(answers, status)
    with live.client() as client:
        audited = [e for e in events_since(client, since, entity) if e["action"] == action]
        again = client.post(path, headers=key, **request)
    assert len(audited) == events, audited  # the work was done once
    assert again.status_code == status and again.headers["idempotent-replayed"] == "true"
    assert again.json() == replay_of(first) and again.headers.get("location") == first.headers.get("location")
    if status == 201:
        assert [e["entity_id"] for e in audited] == [first.json()["id"]]
        assert first.headers["location"].endswith(first.json()["id"])
    else:
        created = first.json().get("created")
        assert {e["entity_id"] for e in audited} == set(created or [first.json()["id"]])


def test_the_listed_records_show_one_of_each(live, finished_run):
    """What the lists hold after the test above: one scenario, partner and key, two imported streams."""
    with live.client() as client:
        keys = [k for k in everything(client, f"{DEMO}/api-keys") if k["name"].startswith("Keyed")]
        scenarios = [s for s in everything(client, f"{DEMO}/scenarios") if s["name"].startswith("Keyed")]
        partners = [p for p in everything(client, f"{DEMO}/partners") if p["name"].startswith("Keyed")]
        streams = [s for s in everything(client, f"{DEMO}/funding-streams") if s["name"].startswith("Keyed")]
        proposals = [p for p in everything(client, f"{DEMO}/proposals") if p["title"].startswith("Keyed")]
    assert len(scenarios) == len(partners) == len(keys) == 1 and len(streams) == 2
    assert sorted(p["title"] for p in proposals) == [f"Keyed {n} {live.kind}" for n in
                                                      ("confirm_sign_off", "create_proposal")]
    confirmed = [s for p in proposals for s in p["sign_offs"] if s["status"] == "confirmed"]
    assert [s["comment"] for s in confirmed] == [f"Keyed confirm_sign_off {live.kind}"]


@pytest.mark.parametrize("kind", [create_scenario, import_streams], ids=["scenario", "import"])
def test_one_key_with_different_requests_at_once_does_one_of_them(live, finished_run, kind):
    tag = f"Rival {kind.__name__} {live.kind}"
    with live.client() as client:
        requests = [kind(live, client, finished_run, f"{tag} {i}") for i in range(CLIENTS)]
        since = datetime.now(UTC)
    path, _, status, entity, action, events = requests[0]
    key = {"Idempotency-Key": f"{tag} key"}

    answers = at_once(CLIENTS, lambda i, client: client.post(path, headers=key, **requests[i][1]), live)

    assert not [a for a in answers if isinstance(a, Exception)], answers
    won = [i for i, a in enumerate(answers) if a.status_code == status]
    assert len(won) == 1, [(a.status_code, a.text) for a in answers]
    for i, lost in enumerate(answers):  # on both databases: it is a different request, however close it came
        if i != won[0]:
            b.assert_problem(lost, 422, "Idempotency-Key", "different request")
    with live.client() as client:
        audited = [e for e in events_since(client, since, entity) if e["action"] == action]
        replayed = client.post(path, headers=key, **kind(live, client, finished_run, f"{tag} {won[0]}")[1])
        other = client.post(path, headers=key, **kind(live, client, finished_run, f"{tag} {(won[0] + 1) % CLIENTS}")[1])
    assert len(audited) == events
    assert {e["after"].get("name") for e in audited} <= {f"{tag} {won[0]}", f"{tag} {won[0]} one",
                                                         f"{tag} {won[0]} two"}
    assert replayed.status_code == status and replayed.headers["idempotent-replayed"] == "true"
    assert replayed.json() == answers[won[0]].json()
    b.assert_problem(other, 422, "Idempotency-Key")
