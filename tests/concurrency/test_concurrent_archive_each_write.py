"""Every kind of write once, at the moment a partnership is archived, against the real service on SQLite and
on PostgreSQL: what README allows afterwards (a scrutiny key, revoking a key) always succeeds; every other
write lands before the archive or gets the 409 that says when it was archived, and the audit trail shows
nothing else written after it.
"""

import pytest

from tests import builders as b
from tests.concurrency.archiving import a_partnership_at_work, everything, refused_as_archived, when
from tests.live import at_once, serving


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("archive-each"), demo=False) as service:
        yield service


def test_every_other_kind_of_write_racing_an_archive_lands_before_it_or_is_refused(live):
    """Each write once, at the moment of the archive: those README allows afterwards (a scrutiny key, a
    revocation) always succeed; every other one lands before the archive or gets its 409."""
    with live.client() as client:
        p, made = a_partnership_at_work(client, f"Archived at once {live.kind}")
        url, run_id = f"/v1/partnerships/{p['id']}", made["proposal"]["run_id"]
        confirmed = client.post(b.under(p, f"proposals/{made['proposal']['id']}/confirm"),
                                json={"partner_id": made["partner"]["id"], "comment": "Yes"})
        draft = b.created(client.post(b.under(p, "proposals"), json={"run_id": run_id, "title": "Draft"}))
        spare = b.theme(client, p, name="Spare")
        revocable = b.created(client.post(b.under(p, "api-keys"), json={"name": "Old", "role": "executive"}))
        setup_events = len(everything(client, b.under(p, "audit-events")))
    assert confirmed.json()["status"] == "confirmed", confirmed.text
    goal = {k: v for k, v in made["goal"].items() if k in {"theme_id", "unit", "polarity", "baseline_value",
                                                           "baseline_year", "target_value", "target_year"}}
    csv = (b"theme,indicator_code,title,unit,polarity,baseline_value,baseline_year,target_value,target_year\n"
           b"Children and young people,NI 99,Dry,%,lower_is_better,20,2008,15,2010-11\n")
    once_key = {"Idempotency-Key": f"racing the archive {live.kind}"}
    writes = [  # (the write, what it answers when it lands)
        (lambda c: c.delete(url, headers={"If-Match": "*"}), 204),
        (lambda c: c.post(b.under(p, f"runs/{run_id}/replay")), 201),
        (lambda c: c.post(b.under(p, "proposals"), json={"run_id": run_id, "title": "Late"}), 201),
        (lambda c: c.post(b.under(p, f"proposals/{draft['id']}/submit")), 200),
        (lambda c: c.post(b.under(p, f"proposals/{made['proposal']['id']}/approve"), json={"reason": "Ok"}), 200),
        (lambda c: c.delete(b.under(p, f"themes/{spare['id']}"), headers={"If-Match": '"v1"'}), 204),
        (lambda c: c.post(b.under(p, "goals"), json={**goal, "indicator_code": "NI 40", "title": "Late"}), 201),
        (lambda c: c.post(b.under(p, "interventions"), json={
            "theme_id": made["theme"]["id"], "lead_partner_id": made["partner"]["id"], "title": "Late",
            "capacity": "1000.00", "effects": [{"goal_id": made["goal"]["id"], "per_thousand": "-0.01"}]}), 201),
        (lambda c: c.post(b.under(p, "imports/goals"), params={"dry_run": "true"},
                          files={"file": ("goals.csv", csv, "text/csv")}), 200),
        (lambda c: c.post(b.under(p, "api-keys"), json={"name": "Finance", "role": "partner_finance",
                                                         "partner_id": made["partner"]["id"]}), 201),
        (lambda c: c.post(b.under(p, "api-keys"), json={"name": "Reader", "role": "scrutiny"}), 201),
        (lambda c: c.delete(b.under(p, f"api-keys/{revocable['id']}"), headers={"If-Match": '"v1"'}), 204),
    ] + [(lambda c: c.post(b.under(p, "partners"), json={"name": "Keyed", "sector": "health"},
                           headers=once_key), 201)] * 3
    always, dry, keyed = {10, 11}, 8, range(12, 15)

    answers = at_once(len(writes), lambda i, client: writes[i][0](client), live)

    assert not [a for a in answers if isinstance(a, Exception)], answers
    assert answers[0].status_code == 204, answers[0].text
    with live.client() as client:
        archived_at = when(client.get(url).json()["archived_at"])
        trail = everything(client, b.under(p, "audit-events"))
        counts = {path: len(everything(client, b.under(p, path))) for path in
                  ("runs", "proposals", "themes", "goals", "interventions", "partners")}
    landed = set()
    for i, answer in enumerate(answers[1:], start=1):
        if answer.status_code == writes[i][1]:
            landed.add(i)
        elif i in keyed and answer.status_code == 409 and "still being processed" in answer.json()["detail"]:
            continue
        else:
            assert i not in always and refused_as_archived(answer) == archived_at, (i, answer.text)
    assert always <= landed
    assert sum("idempotent-replayed" not in answers[i].headers for i in landed & set(keyed)) <= 1

    # one event for each write that landed, in the order they happened (ids order them only to the
    # millisecond): the keys' events may come after the archive, no other
    race = sorted(trail, key=lambda e: when(e["at"]))[setup_events:]
    archive = [e["action"] for e in race].index("archive")
    assert all(when(e["at"]) <= archived_at for e in race[:archive] if e["entity"] != "api_key")
    assert {(e["entity"], e["action"]) for e in race[archive + 1:]} <= {("api_key", "create"), ("api_key", "revoke")}
    originals = landed - {dry} - {i for i in keyed if "idempotent-replayed" in answers[i].headers}
    assert len(race) - 1 == len(originals), [(e["entity"], e["action"]) for e in race]
    assert counts == {"runs": 1 + (1 in landed), "proposals": 2 + (2 in landed), "themes": 2 - (5 in landed),
                      "goals": 1 + (6 in landed), "interventions": 1 + (7 in landed),
                      "partners": 1 + bool(landed & set(keyed))}
