"""What the tests of archiving under concurrency share: a partnership in use, and reading what it holds."""

from datetime import datetime

from tests import builders as b


def everything(client, path, headers=None, **params):
    """Every item of a list, page by page."""
    found, cursor = [], None
    while True:
        page = client.get(path, params={"page_size": 200, **params, **({"cursor": cursor} if cursor else {})},
                          headers=headers)
        assert page.status_code == 200, page.text
        found += page.json()["items"]
        if not (cursor := page.json()["next_cursor"]):
            return found


def when(text):
    return datetime.fromisoformat(text)


def refused_as_archived(answer):
    """When the 409 says the partnership was archived."""
    return when(b.assert_problem(answer, 409, "archived on")["archived_at"])


def a_partnership_at_work(client, name):
    """A partnership with one of each register record, a scenario, a finished run and a submitted proposal."""
    p = b.partnership(client, name=name)
    made = b.one_of_each(client, p)
    scenario = b.created(client.post(b.under(p, "scenarios"), json={"name": "Before", "financial_year": "2009-10"}))
    run = b.created(client.post(b.under(p, f"scenarios/{scenario['id']}/runs")))
    assert run["status"] == "optimal", run
    proposal = b.created(client.post(b.under(p, "proposals"), json={"run_id": run["id"], "title": "Before"}))
    submitted = client.post(b.under(p, f"proposals/{proposal['id']}/submit"))
    assert submitted.status_code == 200, submitted.text
    return p, {**made, "scenario": scenario, "proposal": submitted.json()}
