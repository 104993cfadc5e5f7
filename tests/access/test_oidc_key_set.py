"""The identity provider's key set under stress: a key of the wrong type, a provider that hangs, a flood of
made-up key ids. Real threads and a real (test) provider; what is asserted is who waited for whom."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi.testclient import TestClient
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from service.domain.access import tokens
from service.main import app
from service.settings import get_settings
from tests import builders as b
from tests.access.test_oidc_tokens import AUDIENCE, ISSUER, rsa_key, token
from tests.conftest import DEV_AUTH


class Provider:
    """A JWKS endpoint that answers only when `open` is set, counting the fetches it receives."""

    def __init__(self):
        self.rsa, self.ec = rsa_key(), ec.generate_private_key(ec.SECP256R1())
        self.open, self.fetches, self.asked = threading.Event(), 0, threading.Event()
        keys = [json.loads(RSAAlgorithm.to_jwk(self.rsa.public_key())) | {"kid": "rsa1", "alg": "RS256"},
                json.loads(ECAlgorithm.to_jwk(self.ec.public_key())) | {"kid": "ec1", "alg": "ES256"}]
        body = json.dumps({"keys": keys}).encode()
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                provider.fetches += 1
                provider.asked.set()
                provider.open.wait(30)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/jwks.json"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def provider(monkeypatch):
    idp = Provider()
    settings = get_settings()
    for name, value in {"oidc_jwks_url": idp.url, "oidc_issuer": ISSUER, "oidc_audience": AUDIENCE,
                        "oidc_jwks_cooldown_seconds": 300.0, "oidc_jwks_timeout_seconds": 20.0}.items():
        monkeypatch.setattr(settings, name, value)
    tokens.key_set.cache_clear()
    yield idp
    idp.open.set()
    idp.server.shutdown()
    tokens.key_set.cache_clear()


def bearer(value):
    return {"Authorization": f"Bearer {value}"}


def test_a_token_naming_a_key_of_another_type_is_401(client, anonymous, provider):
    provider.open.set()
    p = b.partnership(client)
    for forged in (token(provider.rsa, p["id"], kid="ec1"), token(provider.ec, p["id"], kid="rsa1", alg="ES256")):
        body = b.assert_problem(anonymous.get(b.under(p, "partners"), headers=bearer(forged)), 401, "key")
        assert "Traceback" not in json.dumps(body)
    assert anonymous.get(b.under(p, "partners"), headers=bearer(token(provider.ec, p["id"], kid="ec1",
                                                                    alg="ES256"))).status_code == 200


def test_a_hanging_provider_delays_only_the_request_that_fetches(committed_demo, provider):
    with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as admin:
        p = {"id": admin.get("/v1/partnerships").json()["items"][0]["id"]}
        api_key = b.key(admin, p, "scrutiny")
    url = b.under(p, "partners")

    def get(headers):
        with TestClient(app, raise_server_exceptions=False) as client:
            return client.get(url, headers=headers)

    with ThreadPoolExecutor(max_workers=8) as threads:
        fetching = threads.submit(get, bearer(token(provider.rsa, p["id"], kid="rsa1")))
        assert provider.asked.wait(30)  # its fetch is under way, and hangs
        others = [threads.submit(get, bearer(token(provider.rsa, p["id"], kid=f"made-up-{n}"))) for n in range(20)]
        meanwhile = [threads.submit(get, api_key), threads.submit(get, {})]
        answered_while_hanging = [f.result(timeout=30) for f in [*others, *meanwhile]]
        assert not fetching.done()  # everyone above was answered while the fetch still hung
        provider.open.set()
        assert fetching.result(timeout=30).status_code == 200
    for response in answered_while_hanging[:20]:
        b.assert_problem(response, 503, "identity provider")
        assert response.headers["retry-after"]
    assert answered_while_hanging[20].status_code == 200
    b.assert_problem(answered_while_hanging[21], 401)
    assert provider.fetches == 1


def test_made_up_key_ids_cost_one_fetch_per_cooldown(client, anonymous, provider):
    provider.open.set()
    p = b.partnership(client)
    genuine = token(provider.rsa, p["id"], kid="rsa1")
    assert anonymous.get(b.under(p, "partners"), headers=bearer(genuine)).status_code == 200
    for n in range(30):
        forged = token(provider.rsa, p["id"], kid=f"rotated-{n}")
        b.assert_problem(anonymous.get(b.under(p, "partners"), headers=bearer(forged)), 401, "rotated")
    assert provider.fetches == 1  # the cooldown (300 s here) has not passed since the first fetch
