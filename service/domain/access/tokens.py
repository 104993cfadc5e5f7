"""OpenID Connect bearer tokens: JWTs checked against the identity provider's published keys."""

import json
import logging
import threading
import time
import urllib.request
import uuid
from functools import lru_cache
from typing import Annotated, Any

import jwt
from pydantic import TypeAdapter, ValidationError

from service.domain.access.principal import Principal, Unauthenticated
from service.domain.common.errors import Unavailable
from service.domain.common.fields import line_rules
from service.domain.models.access import Role
from service.settings import Settings

log = logging.getLogger("service.tokens")
# Which key type each algorithm family signs with: a token naming a key of another type is refused.
KEY_TYPE = {"RS": "RSA", "PS": "RSA", "ES": "EC", "Ed": "OKP"}
_SUBJECT: TypeAdapter[str] = TypeAdapter(Annotated[str, *line_rules(200)])


class KeySet:
    """The provider's signing keys, fetched when first needed and again after `lifespan` seconds.

    A token whose key id is unknown may mean the provider rotated its keys, so the set is fetched again,
    but at most once per `cooldown` seconds and by one request at a time: the others carry on with the
    keys already known (or fail at once when none are), so a slow or failing provider delays no request
    that does not need it, and a flood of tokens with made-up key ids costs one fetch per cooldown.
    """

    def __init__(self, url: str, *, lifespan: float, cooldown: float, timeout: float) -> None:
        self.url, self.lifespan, self.cooldown, self.timeout = url, lifespan, cooldown, timeout
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = self._tried_at = float("-inf")
        self._fetching = threading.Lock()
        self.fetches = 0

    def key(self, kid: str) -> jwt.PyJWK:
        now = time.monotonic()
        if kid not in self._keys or now - self._fetched_at > self.lifespan:
            self._refresh(now)
        if kid in self._keys:
            return self._keys[kid]
        if self._fetched_at == float("-inf"):
            raise Unavailable("The identity provider's signing keys cannot be fetched just now; retry shortly.",
                              retry_after=5)
        raise Unauthenticated(f"The token's key id {kid!r} is not one the identity provider publishes.")

    def _refresh(self, now: float) -> None:
        if now - self._tried_at < self.cooldown or not self._fetching.acquire(blocking=False):
            return
        try:
            self._tried_at = now
            self.fetches += 1
            with urllib.request.urlopen(self.url, timeout=self.timeout) as answer:  # noqa: S310 - a configured URL
                document = json.load(answer)
            self._keys = {k.key_id: k for k in jwt.PyJWKSet.from_dict(document).keys if k.key_id}
            self._fetched_at = time.monotonic()
        except (OSError, ValueError, jwt.PyJWTError) as exc:
            log.warning("could not fetch the identity provider's keys from %s: %s", self.url, exc)
        finally:
            self._fetching.release()


@lru_cache(maxsize=4)
def key_set(url: str, lifespan: float, cooldown: float, timeout: float) -> KeySet:
    return KeySet(url, lifespan=lifespan, cooldown=cooldown, timeout=timeout)


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


def verify(token: str, settings: Settings) -> Principal:
    """The principal a valid token names, or Unauthenticated saying what is wrong with it."""
    if not settings.oidc_jwks_url:
        raise Unauthenticated("Bearer tokens are not accepted here: no identity provider is configured.")
    keys = key_set(settings.oidc_jwks_url, settings.oidc_jwks_cache_seconds, settings.oidc_jwks_cooldown_seconds,
                   settings.oidc_jwks_timeout_seconds)
    try:
        header = jwt.get_unverified_header(token)
        algorithm, kid = str(header.get("alg", "")), header.get("kid")
        if algorithm not in settings.oidc_algorithms:
            raise Unauthenticated(f"The token's algorithm {algorithm!r} is not accepted here.")
        if not isinstance(kid, str) or not kid:
            raise Unauthenticated("The token names no signing key (kid).")
        signing_key = keys.key(kid)
        if KEY_TYPE.get(algorithm[:2]) != signing_key.key_type:
            raise Unauthenticated(f"The token says {algorithm} but its key {kid!r} is a {signing_key.key_type} key.")
        claims = jwt.decode(
            token, signing_key.key, algorithms=[algorithm], audience=settings.oidc_audience,
            issuer=settings.oidc_issuer, leeway=settings.oidc_leeway_seconds,
            options={"require": ["exp", "iss", "aud", "sub"]})
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"The token is not valid: {exc}.") from None
    except (jwt.PyJWTError, ValueError, TypeError) as exc:  # a key that cannot check this signature
        raise Unauthenticated(f"The token cannot be checked with its key ({type(exc).__name__}).") from None
    return _principal(claims, settings)


def _principal(claims: dict[str, Any], settings: Settings) -> Principal:
    try:
        role = Role(claims[settings.oidc_role_claim])
        partnership = uuid.UUID(str(claims[settings.oidc_partnership_claim]))
        partner = claims.get(settings.oidc_partner_claim)
        subject = _checked_subject(claims["sub"])
        return Principal(subject=f"oidc:{subject}", roles=frozenset({role}), partnership_id=partnership,
                         partner_id=uuid.UUID(str(partner)) if partner else None)
    except (KeyError, ValueError, TypeError) as exc:
        raise Unauthenticated(f"The token lacks a usable role, partnership or subject claim ({exc}).") from None


def _checked_subject(sub: object) -> str:
    """The subject goes into the audit trail, so it follows the rule every text follows (fields.py)."""
    try:
        return str(_SUBJECT.validate_python(sub))
    except ValidationError as exc:
        raise ValueError(f"sub {exc.errors()[0]['msg']}") from None
