"""OpenID Connect bearer tokens, checked against a key set this test generates and serves."""

import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from service.domain.access import tokens
from service.settings import get_settings
from tests import builders as b

ISSUER, AUDIENCE = "https://idp.council.example", "lsp-allocation"


def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def idp():
    """A JWKS endpoint on 127.0.0.1 publishing one signing key."""
    signing = rsa_key()
    jwk = json.loads(RSAAlgorithm.to_jwk(signing.public_key())) | {"kid": "k1", "use": "sig", "alg": "RS256"}
    body = json.dumps({"keys": [jwk]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield signing, f"http://127.0.0.1:{server.server_port}/jwks.json"
    server.shutdown()


@pytest.fixture
def configured(idp, monkeypatch):
    settings = get_settings()
    for name, value in {"oidc_jwks_url": idp[1], "oidc_issuer": ISSUER, "oidc_audience": AUDIENCE}.items():
        monkeypatch.setattr(settings, name, value)
    tokens.key_set.cache_clear()
    yield idp[0]
    tokens.key_set.cache_clear()


def token(key, partnership_id, *, kid="k1", alg="RS256", **overrides):
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "sub": "jo.bloggs", "iat": now, "exp": now + 300,
              "lsp_role": "scrutiny", "lsp_partnership_id": partnership_id} | overrides
    return jwt.encode({k: v for k, v in claims.items() if v is not None}, key, algorithm=alg,
                      headers={"kid": kid})


def get(anonymous, p, bearer):
    return anonymous.get(b.under(p, "partners"), headers={"Authorization": f"Bearer {bearer}"})


def test_a_valid_token_acts_in_its_partnership_with_its_role(client, anonymous, configured):
    p, other = b.partnership(client), b.partnership(client, name="Other")
    good = token(configured, p["id"])
    assert get(anonymous, p, good).status_code == 200
    b.assert_problem(get(anonymous, other, good), 404)
    b.assert_problem(anonymous.post(b.under(p, "themes"), json={"name": "t"},
                                    headers={"Authorization": f"Bearer {good}"}), 403, "scrutiny")


def test_small_clock_skew_is_tolerated(client, anonymous, configured):
    p = b.partnership(client)
    assert get(anonymous, p, token(configured, p["id"], exp=int(time.time()) - 5)).status_code == 200


@pytest.mark.parametrize(("case", "fragment"), [
    ("expired", "expired"), ("wrong audience", "audience"), ("wrong issuer", "issuer"),
    ("bad signature", "Signature"), ("alg none", ""), ("unknown key", "key"), ("hs256 with public key", ""),
    ("no role", "role"), ("unknown role", "role"), ("no expiry", "exp"),
])
def test_bad_tokens_are_refused(client, anonymous, configured, case, fragment):
    p = b.partnership(client)
    now = int(time.time())
    bearer = {
        "expired": lambda: token(configured, p["id"], exp=now - 3600),
        "wrong audience": lambda: token(configured, p["id"], aud="someone-else"),
        "wrong issuer": lambda: token(configured, p["id"], iss="https://evil.example"),
        "bad signature": lambda: token(rsa_key(), p["id"]),
        "alg none": lambda: jwt.encode({"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": now + 60,
                                        "lsp_role": "admin", "lsp_partnership_id": p["id"]}, None,
                                       algorithm="none", headers={"kid": "k1"}),
        "unknown key": lambda: token(configured, p["id"], kid="k-unknown"),
        "hs256 with public key": lambda: _hs256_confusion(configured, p["id"]),
        "no role": lambda: token(configured, p["id"], lsp_role=None),
        "unknown role": lambda: token(configured, p["id"], lsp_role="mayor"),
        "no expiry": lambda: token(configured, p["id"], exp=None),
    }[case]()
    body = b.assert_problem(get(anonymous, p, bearer), 401)
    assert fragment.lower() in body["detail"].lower()


def _hs256_confusion(private_key, partnership_id):
    """The classic attack: sign with HMAC using the public key as the secret."""
    from cryptography.hazmat.primitives import serialization

    public_pem = private_key.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo)
    payload = {"iss": ISSUER, "aud": AUDIENCE, "sub": "x", "exp": int(time.time()) + 60,
               "lsp_role": "admin", "lsp_partnership_id": partnership_id}
    header = {"alg": "HS256", "kid": "k1", "typ": "JWT"}
    segments = [jwt.utils.base64url_encode(json.dumps(part).encode()) for part in (header, payload)]
    import hashlib
    import hmac

    signature = hmac.new(public_pem, b".".join(segments), hashlib.sha256).digest()
    return b".".join([*segments, jwt.utils.base64url_encode(signature)]).decode()


def test_tokens_are_refused_when_no_provider_is_configured(client, anonymous, idp):
    p = b.partnership(client)
    b.assert_problem(get(anonymous, p, token(idp[0], p["id"])), 401, "identity provider")


def test_partner_claim_binds_a_finance_officer(client, anonymous, configured):
    p = b.partnership(client)
    mine, theirs = b.partner(client, p), b.partner(client, p, name="Police", sector="police")
    stream = b.stream(client, p, theirs["id"])
    bearer = token(configured, p["id"], lsp_role="partner_finance", lsp_partner_id=mine["id"])
    response = anonymous.patch(b.under(p, f"funding-streams/{stream['id']}"), json={"name": "x"},
                               headers={"Authorization": f"Bearer {bearer}"} | b.ANY)
    b.assert_problem(response, 403)
    assert str(uuid.UUID(mine["id"])) in response.json()["detail"]
