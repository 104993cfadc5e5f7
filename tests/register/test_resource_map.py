"""The resource map: money by partner, kind, arrangement and theme, reconciled to the penny."""

from decimal import Decimal

from tests import builders as b


def money(value: str) -> Decimal:
    return Decimal(value)


def test_map_breaks_down_and_reconciles(client):
    p = b.partnership(client)
    cyp, safer = b.theme(client, p), b.theme(client, p, name="Safer")
    council = b.partner(client, p)
    police = b.partner(client, p, name="Police", sector="police")
    b.stream(client, p, council["id"], amount="100.01", least_contribution="0.00",
             most_contribution="50.01", kind="area_based_grant")
    b.stream(client, p, council["id"], amount="200.02", least_contribution="10.00",
             most_contribution="200.02", kind="ring_fenced_grant", theme_ids=[cyp["id"]])
    b.stream(client, p, police["id"], amount="0.99", least_contribution="0.00",
             most_contribution="0.99", arrangement="aligned", theme_ids=[safer["id"]])
    b.stream(client, p, police["id"], amount="7.00", least_contribution="0.00",
             most_contribution="0.00", arrangement="not_shared")
    b.stream(client, p, police["id"], amount="999.00", financial_year="2010-11",
             least_contribution="0", most_contribution="0")
    response = client.get(b.under(p, "resource-map"), params={"financial_year": "2009-10"})
    assert response.status_code == 200
    rmap = response.json()
    totals = rmap["totals"]
    assert (totals["amount"], totals["least_contribution"], totals["most_contribution"]) == (
        "308.02", "10.00", "251.02")
    assert totals["by"]["kind"] == {"mainstream": "7.99", "area_based_grant": "100.01",
                                    "ring_fenced_grant": "200.02", "in_kind": "0.00"}
    assert totals["by"]["arrangement"] == {"pooled": "300.03", "aligned": "0.99", "not_shared": "7.00"}
    by_partner = {row["partner"]: row for row in rmap["partners"]}
    assert by_partner["Police"]["totals"]["amount"] == "7.99"
    assert sum(money(row["totals"]["amount"]) for row in rmap["partners"]) == money(totals["amount"])
    themes = {row["theme"]: row for row in rmap["themes"]}
    assert (themes["Children and young people"]["may_use"],
            themes["Children and young people"]["ring_fenced"]) == ("250.03", "200.02")
    assert (themes["Safer"]["may_use"], themes["Safer"]["ring_fenced"]) == ("51.00", "0.99")
    council_themes = {row["theme"]: row["may_use"] for row in by_partner["Northshire Council"]["themes"]}
    assert council_themes == {"Children and young people": "250.03", "Safer": "50.01"}


def test_map_needs_a_well_formed_year(client):
    p = b.partnership(client)
    b.assert_problem(client.get(b.under(p, "resource-map")), 422, "financial_year")
    b.assert_problem(client.get(b.under(p, "resource-map"), params={"financial_year": "2009"}), 422,
                     "financial_year")


def test_an_empty_year_maps_to_zero(client):
    p = b.partnership(client)
    b.partner(client, p)
    rmap = client.get(b.under(p, "resource-map"), params={"financial_year": "2030-31"}).json()
    assert rmap["totals"]["amount"] == "0.00" and rmap["partners"][0]["totals"]["stream_count"] == 0
