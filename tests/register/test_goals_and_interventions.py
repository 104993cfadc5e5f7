"""Goals (polarity, weights) and interventions (effects, tranches, funding bounds)."""

import pytest

from tests import builders as b


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    theme = b.theme(client, p)
    return {"p": p, "theme": theme, "partner": b.partner(client, p),
            "goal": b.goal(client, p, theme["id"])}


def listed(client, p, path):
    return client.get(b.under(p, path)).json()["items"]


def test_goal_values_are_exact(client, reg):
    g = b.goal(client, reg["p"], reg["theme"]["id"], indicator_code="NI 39",
               baseline_value="1562.123456", target_value="1400", weight="2.5")
    assert (g["baseline_value"], g["target_value"], g["weight"]) == ("1562.123456", "1400", "2.5")


@pytest.mark.parametrize(("polarity", "target"), [
    ("lower_is_better", "50"), ("higher_is_better", "40"), ("lower_is_better", "45.2")])
def test_target_must_point_the_way_of_its_polarity(client, reg, polarity, target):
    before = listed(client, reg["p"], "goals")
    response = client.post(b.under(reg["p"], "goals"), json={
        "theme_id": reg["theme"]["id"], "indicator_code": "NI 40", "title": "t", "unit": "u",
        "polarity": polarity, "baseline_value": "45.2", "baseline_year": "2008",
        "target_value": target, "target_year": "2010-11"})
    b.assert_problem(response, 409, "target_value", polarity)
    assert listed(client, reg["p"], "goals") == before


def test_patching_polarity_alone_is_checked_against_the_stored_target(client, reg):
    url = b.under(reg["p"], f"goals/{reg['goal']['id']}")
    b.assert_problem(client.patch(url, json={"polarity": "higher_is_better"}, headers=b.ANY), 409, "above")
    assert client.get(url).json() == reg["goal"]


def test_negative_weight_is_422(client, reg):
    url = b.under(reg["p"], f"goals/{reg['goal']['id']}")
    b.assert_problem(client.patch(url, json={"weight": "-1"}, headers=b.ANY), 422, "weight")


def test_goal_filters(client, reg):
    other_theme = b.theme(client, reg["p"], name="Other")
    g = b.goal(client, reg["p"], other_theme["id"], is_laa_target=False)
    assert [x["id"] for x in client.get(b.under(reg["p"], "goals"),
                                        params={"theme_id": other_theme["id"]}).json()["items"]] == [g["id"]]
    assert [x["id"] for x in client.get(b.under(reg["p"], "goals"),
                                        params={"is_laa_target": False}).json()["items"]] == [g["id"]]


def test_intervention_with_effects_and_tranches(client, reg):
    side = b.goal(client, reg["p"], reg["theme"]["id"], indicator_code="NI 39", title="Alcohol",
                  baseline_value="1562", target_value="1500")
    i = b.intervention(client, reg["p"], reg["theme"]["id"], reg["partner"]["id"],
                       min_viable_funding="100000.00", committed_funding="50000.00",
                       effects=[{"goal_id": reg["goal"]["id"], "per_thousand": "-0.006",
                                 "low": "-0.003", "high": "-0.009", "evidence_note": "e"},
                                {"goal_id": side["id"], "per_thousand": "0.01"}],
                       tranches=[{"width": "300000", "multiplier": "1"},
                                 {"width": "300000.00", "multiplier": "0.5"}])
    assert sorted(e["per_thousand"] for e in i["effects"]) == ["-0.006", "0.01"]
    assert i["tranches"] == [{"width": "300000.00", "multiplier": "1"},
                             {"width": "300000.00", "multiplier": "0.5"}]
    url = b.under(reg["p"], f"interventions/{i['id']}")
    patched = client.patch(url, json={"effects": [{"goal_id": side["id"], "per_thousand": "0.02"}]}, headers=b.ANY)
    assert [e["per_thousand"] for e in patched.json()["effects"]] == ["0.02"]
    assert patched.json()["tranches"] == i["tranches"]
    b.assert_problem(client.delete(b.under(reg["p"], f"goals/{side['id']}"), headers=b.ANY), 409,
                     "intervention effects")


@pytest.mark.parametrize(("fields", "status", "fragment"), [
    ({"committed_funding": "700000.00"}, 409, "committed_funding"),
    ({"min_viable_funding": "700000.00"}, 409, "min_viable_funding"),
    ({"capacity": "-5"}, 422, "capacity"),
    ({"tranches": [{"width": "1", "multiplier": "0.5"}, {"width": "1", "multiplier": "0.9"}]}, 409,
     "multipliers"),
    ({"tranches": [{"width": "1", "multiplier": "1.5"}]}, 422, "multiplier"),
    ({"tranches": [{"width": "0", "multiplier": "1"}]}, 422, "width"),
])
def test_intervention_rejections_store_nothing(client, reg, fields, status, fragment):
    body = {"theme_id": reg["theme"]["id"], "lead_partner_id": reg["partner"]["id"],
            "title": "t", "capacity": "600000.00", **fields}
    b.assert_problem(client.post(b.under(reg["p"], "interventions"), json=body), status, fragment)
    assert listed(client, reg["p"], "interventions") == []


@pytest.mark.parametrize(("effect", "status", "fragment"), [
    ({"per_thousand": "-0.1", "low": "-0.01", "high": "-0.05"}, 409, "between low and high"),
    ({"per_thousand": "NaN"}, 422, "per_thousand"),
])
def test_effect_rejections(client, reg, effect, status, fragment):
    body = {"theme_id": reg["theme"]["id"], "lead_partner_id": reg["partner"]["id"], "title": "t",
            "capacity": "1.00", "effects": [{"goal_id": reg["goal"]["id"], **effect}]}
    b.assert_problem(client.post(b.under(reg["p"], "interventions"), json=body), status, fragment)
    assert listed(client, reg["p"], "interventions") == []


def test_the_same_goal_twice_is_422(client, reg):
    effect = {"goal_id": reg["goal"]["id"], "per_thousand": "-0.1"}
    body = {"theme_id": reg["theme"]["id"], "lead_partner_id": reg["partner"]["id"], "title": "t",
            "capacity": "1.00", "effects": [effect, effect]}
    b.assert_problem(client.post(b.under(reg["p"], "interventions"), json=body), 409, "twice")


def test_effect_on_a_goal_of_another_partnership_is_409(client, reg):
    elsewhere = b.partnership(client, name="Elsewhere")
    foreign_goal = b.goal(client, elsewhere, b.theme(client, elsewhere)["id"])
    body = {"theme_id": reg["theme"]["id"], "lead_partner_id": reg["partner"]["id"], "title": "t",
            "capacity": "1.00", "effects": [{"goal_id": foreign_goal["id"], "per_thousand": "-1"}]}
    b.assert_problem(client.post(b.under(reg["p"], "interventions"), json=body), 409, "effects.goal_id")
    assert listed(client, reg["p"], "interventions") == []


def test_lead_partner_of_an_intervention_cannot_be_deleted(client, reg):
    b.intervention(client, reg["p"], reg["theme"]["id"], reg["partner"]["id"])
    url = b.under(reg["p"], f"partners/{reg['partner']['id']}")
    b.assert_problem(client.delete(url, headers=b.ANY), 409, "interventions")


def test_deleting_an_intervention_deletes_its_effects(client, reg):
    i = b.intervention(client, reg["p"], reg["theme"]["id"], reg["partner"]["id"],
                       effects=[{"goal_id": reg["goal"]["id"], "per_thousand": "-0.01"}])
    assert client.delete(b.under(reg["p"], f"interventions/{i['id']}"), headers=b.ANY).status_code == 204
    assert client.delete(b.under(reg["p"], f"goals/{reg['goal']['id']}"), headers=b.ANY).status_code == 204
