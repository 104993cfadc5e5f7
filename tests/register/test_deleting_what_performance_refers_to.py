"""A partner, goal, intervention or funding stream that observations or spend actuals refer to cannot be
deleted (409 naming them): the record of what happened is never lost to a tidy-up of the register."""

import pytest

from tests import builders as b


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    b.created(client.post(b.under(p, "observations"), json={
        "goal_id": made["goal"]["id"], "partner_id": made["partner"]["id"], "period": "2009-10 Q1", "value": "43.8"}))
    b.created(client.post(b.under(p, "spend-actuals"), json={
        "intervention_id": made["intervention"]["id"], "partner_id": made["partner"]["id"],
        "funding_stream_id": made["funding_stream"]["id"], "period": "May 2009", "amount": "18250.00"}))
    return {"p": p, **made}


@pytest.mark.parametrize(("kind", "path", "named"), [
    ("partner", "partners", "1 indicator observations (as reporter), 1 spend actuals"),
    ("goal", "goals", "1 indicator observations"),
    ("intervention", "interventions", "1 spend actuals"),
    ("funding_stream", "funding-streams", "1 spend actuals"),
])
def test_deleting_a_record_that_observations_or_actuals_refer_to_is_409(client, reg, kind, path, named):
    url = b.under(reg["p"], f"{path}/{reg[kind]['id']}")
    b.assert_problem(client.delete(url, headers={"If-Match": f'"v{reg[kind]["version"]}"'}), 409, named)
    assert client.get(url).status_code == 200
    assert len(client.get(b.under(reg["p"], "observations")).json()["items"]) == 1
    assert len(client.get(b.under(reg["p"], "spend-actuals")).json()["items"]) == 1


def test_once_its_actuals_are_deleted_the_stream_can_go(client, reg):
    actual = client.get(b.under(reg["p"], "spend-actuals")).json()["items"][0]
    gone = client.delete(b.under(reg["p"], f"spend-actuals/{actual['id']}"), headers={"If-Match": '"v1"'})
    assert gone.status_code == 204, gone.text
    stream = reg["funding_stream"]
    url = b.under(reg["p"], f"funding-streams/{stream['id']}")
    assert client.delete(url, headers={"If-Match": f'"v{stream["version"]}"'}).status_code == 204
