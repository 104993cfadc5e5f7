"""OpenID Connect bearer tokens: JWTs checked against the identity provider's published keys."""

import uuid
from functools import lru_cache

import jwt

from service.domain.models.access import Role
from service.domain.principal import Principal, Unauthenticated
from service.settings import Settings


@lru_cache(maxsize=4)
def _key_set(url: str, lifespan: int) -> jwt.PyJWKClient:
    """Keys are fetched once and cached; an unknown key id triggers one refetch (key rotation)."""
    return jwt.PyJWKClient(url, cache_keys=True, lifespan=lifespan, timeout=5)


def looks_like_jwt(token: str) -> bool:
    return token.count(".") == 2


def verify(token: str, settings: Settings) -> Principal:
    """The principal a valid token names, or Unauthenticated saying what is wrong with it."""
    if not settings.oidc_jwks_url:
        raise Unauthenticated("Bearer tokens are not accepted here: no identity provider is configured.")
    try:
        signing_key = _key_set(settings.oidc_jwks_url, settings.oidc_jwks_cache_seconds).get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token, signing_key.key, algorithms=settings.oidc_algorithms, audience=settings.oidc_audience,
            issuer=settings.oidc_issuer, leeway=settings.oidc_leeway_seconds,
            options={"require": ["exp", "iss", "aud", "sub"]})
    except jwt.PyJWKClientError as exc:
        raise Unauthenticated(f"The token's signing key is not one the identity provider publishes ({exc}).") from None
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"The token is not valid: {exc}.") from None
    try:
        role = Role(claims[settings.oidc_role_claim])
        partnership = uuid.UUID(str(claims[settings.oidc_partnership_claim]))
        partner = claims.get(settings.oidc_partner_claim)
        return Principal(subject=f"oidc:{claims['sub']}", roles=frozenset({role}), partnership_id=partnership,
                         partner_id=uuid.UUID(str(partner)) if partner else None)
    except (KeyError, ValueError) as exc:
        raise Unauthenticated(f"The token lacks a usable role or partnership claim ({exc}).") from None
