from tests import builders as b


def test_create_and_read_partner(client):
    p = b.partnership(client)
    partner = b.partner(client, p)
    got = client.get(b.under(p, f"partners/{partner['id']}"))
    assert got.status_code == 200
    assert got.json()["name"] == "Northshire Council"
    assert got.headers["etag"] == '"v1"'
