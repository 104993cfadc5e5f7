"""Authentication (API keys, OIDC bearer tokens) and authorisation by operation, deny by default."""

import uuid
from typing import Annotated

from fastapi import Depends, Header, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from service.api.deps import EngineDep, SessionDep
from service.api.policy import POLICY, SERVICE_ADMIN
from service.domain.access import keys, tokens
from service.domain.access.principal import Forbidden, Principal, Unauthenticated
from service.domain.common.errors import NotFound
from service.domain.models.access import Role
from service.settings import get_settings

# One scheme in the document, so that Swagger UI has one box to paste into. X-API-Key is still read (for
# systems that send keys that way) but left out of the document: two boxes left people guessing.
bearer = HTTPBearer(auto_error=False, scheme_name="Bearer", description=(
    "Paste your API key (it starts lsp_; `make run` prints a development key) or your identity "
    "provider's access token, as it is, without the word Bearer: every call then sends "
    "`Authorization: Bearer <it>`. Swagger UI keeps it until you log out, across page refreshes. "
    "Other systems may send an API key as the `X-API-Key` header instead."))


async def authenticate(session: SessionDep, engine: EngineDep,
                 credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
                 api_key: Annotated[str | None, Header(alias="X-API-Key", include_in_schema=False)] = None,
                 ) -> Principal:
    presented = api_key or (credentials.credentials if credentials else None)
    if not presented:
        raise Unauthenticated("Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key', "
                              "or an OpenID Connect bearer token.")
    settings = get_settings()
    if settings.development_key and presented == settings.development_key:
        return Principal(subject="development-admin", roles=frozenset(Role))
    if tokens.looks_like_jwt(presented):  # may fetch the provider's keys: on a worker thread
        return await run_in_threadpool(tokens.verify, presented, settings)
    return await run_in_threadpool(keys.authenticate, session, presented, engine)


async def authorize(request: Request, principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
    """Allow the call only if the operation's policy admits one of the caller's roles."""
    operation = request.scope["route"].operation_id
    allowed = POLICY[operation]
    partnership_id = _uuid_or_none(request.path_params.get("partnership_id"))
    if partnership_id is not None and not principal.may_act_in(partnership_id):
        raise NotFound("partnership", partnership_id)
    if allowed is SERVICE_ADMIN:
        if principal.partnership_id is None and Role.ADMIN in principal.roles:
            return principal
        raise Forbidden("Only the service administrator may do this.")
    if not principal.roles & allowed:
        raise Forbidden(f"The {principal.role_label} role may not {operation.replace('_', ' ')}; "
                        f"this needs {' or '.join(sorted(allowed))}.")
    return principal


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    """A malformed id is left for the route's own validation to reject with a 422."""
    try:
        return uuid.UUID(value) if value is not None else None
    except ValueError:
        return None


Actor = Annotated[Principal, Depends(authorize)]
