"""Archiving a partnership while others write to it, against the real service on SQLite and on PostgreSQL.

Every write either happened before the archive or is refused with the 409 that says when it was archived,
never a 5xx; nothing lands after the archive (the audit trail ends with it); scrutiny still reads the trail;
of several DELETEs at once one archives and the rest get that 409.
"""

import threading

import pytest

from tests import builders as b
from tests.concurrency.archiving import a_partnership_at_work, everything, refused_as_archived, when
from tests.live import at_once, serving
from tests.polling import poll_until_final

RACING = 3  # the writes each of writers 0-3 makes while the archive is under way


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("archive"), demo=False) as service:
        yield service


def writes_into(p, made, etag):
    """Each writer's write, as write(client, n) for its n-th write; writers 0-3 write on, 4-7 write once."""
    partner_id, theme_id = made["partner"]["id"], made["theme"]["id"]
    csv = (b"partner,name,financial_year,amount,kind,arrangement,most_contribution\n"
           b"Northshire Council,Imported,2010-11,1000.00,mainstream,pooled,500.00\n")
    theme_etags = ['"v1"']

    def change_theme(client, n):
        answer = client.patch(b.under(p, f"themes/{theme_id}"), json={"description": f"change {n}"},
                              headers={"If-Match": theme_etags[-1]})
        theme_etags.extend([answer.headers["etag"]] if answer.status_code == 200 else [])
        return answer

    def partner(i):
        return lambda client, n: client.post(b.under(p, "partners"), json={"name": f"P{i}-{n}", "sector": "police"})

    return [
        partner(0), partner(1),
        lambda client, n: client.post(b.under(p, "funding-streams"), json={
            "partner_id": partner_id, "name": f"Stream {n}", "financial_year": "2010-11", "amount": "10.00",
            "kind": "mainstream", "arrangement": "pooled", "most_contribution": "10.00"}),
        change_theme,
        lambda client, n: client.patch(f"/v1/partnerships/{p['id']}", json={"name": "Renamed"},
                                       headers={"If-Match": etag}),
        lambda client, n: client.post(b.under(p, f"scenarios/{made['scenario']['id']}/runs")),
        lambda client, n: client.post(b.under(p, f"proposals/{made['proposal']['id']}/confirm"),
                                      json={"partner_id": partner_id, "comment": "Agreed"}),
        lambda client, n: client.post(b.under(p, "imports/funding-streams"),
                                      files={"file": ("streams.csv", csv, "text/csv")}),
    ]


WRITE_ON, IMPORT, RUN = 4, 7, 5  # writers 0-3 write on; writer 7 imports one row, writer 5 starts a run
SUCCESS = (200, 201, 202)


def test_writers_racing_an_archive_land_before_it_or_are_refused(live):
    with live.client() as client:
        p, made = a_partnership_at_work(client, f"Archived while busy {live.kind}")
        url = f"/v1/partnerships/{p['id']}"
        setup_events = len(everything(client, b.under(p, "audit-events")))
        writes = writes_into(p, made, client.get(url).headers["etag"])
    written_once = threading.Barrier(len(writes) + 1, timeout=60)

    def act(i, client):
        if i == len(writes):  # the archive, once writers 0-3 have each written once
            written_once.wait()
            return [client.delete(url, headers={"If-Match": "*"})]
        answers = [writes[i](client, 0)] if i < WRITE_ON else []
        written_once.wait()
        answers.append(writes[i](client, len(answers)))
        while i < WRITE_ON and answers[-1].status_code in SUCCESS and len(answers) <= RACING:
            answers.append(writes[i](client, len(answers)))
        return answers

    answered = at_once(len(writes) + 1, act, live)

    assert not [a for a in answered if isinstance(a, Exception)], answered
    assert [a.status_code for a in answered.pop()] == [204]
    with live.client() as client:
        archived = client.get(url).json()
        late = [write(client, 99) for write in writes]  # after the archive was answered: every one refused
        issued = b.created(client.post(b.under(p, "api-keys"), json={"name": "Scrutiny", "role": "scrutiny"}))
        scrutiny = {"Authorization": f"Bearer {issued['key']}"}  # the admin may still issue scrutiny keys
        b.assert_problem(client.post(b.under(p, "api-keys"), json={"name": "late", "role": "executive"}), 409,
                         "archived on")
        trail = sorted(everything(client, b.under(p, "audit-events"), headers=scrutiny), key=lambda e: when(e["at"]))
        partners = everything(client, b.under(p, "partners"), headers=scrutiny)
        streams = everything(client, b.under(p, "funding-streams"), headers=scrutiny)
        as_csv = client.get(b.under(p, "audit-events"), params={"page_size": 200},
                            headers={**scrutiny, "Accept": "text/csv"})
        listed = client.get("/v1/partnerships", headers=scrutiny).json()["items"]
        listed_all = client.get("/v1/partnerships", params={"include_archived": "true"}, headers=scrutiny)
    archived_at = when(archived["archived_at"])
    assert all(refused_as_archived(a) == archived_at for a in late)

    succeeded = []  # each writer's answers: successes, then (if any) one 409 saying it was archived
    for i, answers in enumerate(answered):
        assert all(a.status_code < 500 for a in answers), [a.text for a in answers]
        landed = [a for a in answers if a.status_code in SUCCESS]
        assert answers[:len(landed)] == landed and len(answers) - len(landed) <= 1, [a.text for a in answers]
        if len(landed) < len(answers):
            assert refused_as_archived(answers[-1]) == archived_at
        assert landed or i >= WRITE_ON, f"writer {i}'s first write, before the archive, was refused"
        succeeded += [(i, a) for a in landed]

    # the trail is readable by scrutiny, and after the writes that landed it holds the archive and the key
    assert as_csv.status_code == 200 and as_csv.text.count("\r\n") == min(len(trail), 200) + 1
    assert listed == [] and [q["id"] for q in listed_all.json()["items"]] == [p["id"]]
    *trail, archive, key = trail
    assert (archive["action"], key["action"], key["entity_id"]) == ("archive", "create", issued["id"])
    assert all(when(e["at"]) <= archived_at for e in trail)
    assert len(trail) == setup_events + len(succeeded), [(e["action"], e["entity"]) for e in trail[setup_events:]]
    audited = {e["entity_id"] for e in trail}
    assert all(a.json()["id"] in audited for i, a in succeeded if i != IMPORT)
    assert all(set(a.json()["created"]) <= audited for i, a in succeeded if i == IMPORT)
    assert len(partners) == 1 + sum(i < 2 for i, _ in succeeded)
    assert len(streams) == 1 + sum(i in (2, IMPORT) for i, _ in succeeded)
    for i, answer in succeeded:
        if i == RUN:  # a run started before the archive is still solved, and kept
            with live.client() as client:
                assert poll_until_final(client, answer.headers["location"], headers=scrutiny)["status"] == "optimal"


@pytest.mark.parametrize("trial", range(5))
def test_of_several_deletes_at_once_one_archives_and_the_rest_learn_it_did(live, trial):
    with live.client() as client:
        p = b.partnership(client, name=f"Deleted at once {live.kind} {trial}")
    url = f"/v1/partnerships/{p['id']}"

    answers = at_once(4, lambda i, client: client.delete(url, headers={"If-Match": '"v1"'}), live)

    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert sorted(a.status_code for a in answers) == [204, 409, 409, 409], [a.text for a in answers]
    with live.client() as client:
        archived = client.get(url).json()
        trail = everything(client, b.under(p, "audit-events"))
    assert archived["version"] == 2 and archived["archived_at"]
    assert all(refused_as_archived(a) == when(archived["archived_at"]) for a in answers if a.status_code == 409)
    assert [e["action"] for e in trail] == ["create", "archive"]

