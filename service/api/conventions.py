"""The HTTP conventions every operation keeps, read from the OpenAPI document so that what an operation
takes is exactly what it documents (README, Conventions).

`Checked` is a dependency create_app gives every router: before the route does anything it refuses an
Accept the operation cannot answer (406), a body in a media type it does not take (415) and a query
parameter it does not declare (422). `ResponseHeaders` is pure ASGI outside everything else: nosniff on
every response, no-store on /v1, the Allow header a 405 must carry, and Deprecation and Sunset on the
successes of an operation that still sends fields renamed inside /v1 (README, "Deprecation policy").
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.utils import format_datetime
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import iter_route_contexts
from starlette.datastructures import MutableHeaders
from starlette.routing import Match, get_route_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.domain.common.errors import InvalidInput, NotAcceptable, UnsupportedMediaType
from service.domain.common.renamed import DEPRECATED_AT, SUNSET

JSON = "application/json"
PROBLEM_JSON = "application/problem+json"


@dataclass(frozen=True)
class Rules:
    query: frozenset[str]
    produces: tuple[str, ...]  # its success's media types, without parameters, then problem+json
    consumes: tuple[str, ...]  # empty when the operation takes no body
    deprecated: tuple[str, ...] = ()  # the deprecated fields its successes may carry


DEPRECATION_HEADERS = {"Deprecation": f"@{int(DEPRECATED_AT.timestamp())}",
                       "Sunset": format_datetime(SUNSET, usegmt=True)}


def _media(value: str) -> str:
    return value.split(";", 1)[0].strip().lower()


def _rules(operation: dict[str, Any], schemas: dict[str, Any]) -> Rules:
    query = frozenset(p["name"] for p in operation.get("parameters", []) if p["in"] == "query")
    successes = [response for status, response in operation["responses"].items() if status.startswith("2")]
    produced = [_media(media) for response in successes for media in response.get("content", {})]
    consumes = tuple(map(_media, operation.get("requestBody", {}).get("content", {})))
    deprecated = sorted({field for response in successes for content in response.get("content", {}).values()
                         for field in deprecated_fields(content.get("schema", {}), schemas)})
    return Rules(query, (*dict.fromkeys(produced or [JSON]), PROBLEM_JSON), consumes, tuple(deprecated))


def deprecated_fields(schema: Any, schemas: dict[str, Any], seen: frozenset[str] = frozenset()) -> Iterator[str]:
    """`Schema.field` for every property marked deprecated in `schema` or the schemas it refers to."""
    if isinstance(schema, list):
        for item in schema:
            yield from deprecated_fields(item, schemas, seen)
    elif isinstance(schema, dict):
        ref = schema.get("$ref", "")
        name = ref.rsplit("/", 1)[-1]
        if ref and name not in seen:
            target = schemas.get(name, {})
            yield from (f"{name}.{field}" for field, spec in target.get("properties", {}).items()
                        if spec.get("deprecated"))
            yield from deprecated_fields(target, schemas, seen | {name})
        for key, value in schema.items():
            if key != "$ref" and isinstance(value, dict | list):
                yield from deprecated_fields(value, schemas, seen)


def prepare(app: FastAPI) -> dict[str, Rules]:
    """Each operation's rules by operationId (the lifespan calls it: the document takes a moment to build)."""
    if not hasattr(app.state, "conventions"):
        document = app.openapi()
        schemas = document.get("components", {}).get("schemas", {})
        app.state.conventions = {operation["operationId"]: _rules(operation, schemas)
                                 for methods in document["paths"].values() for operation in methods.values()}
    rules: dict[str, Rules] = app.state.conventions
    return rules


async def check_request(request: Request) -> None:
    operation_id = getattr(request.scope.get("route"), "operation_id", None)
    rules = prepare(request.app).get(operation_id or "")
    if rules is None:  # not in the document (Swagger UI, say): no contract to keep
        return
    accept = request.headers.get("accept", "")
    if not any(_quality(_ranges(accept), media) > 0 for media in rules.produces):
        raise NotAcceptable(f"Accept: {accept[:100]!r} allows none of the media types this operation answers "
                            f"with: {', '.join(rules.produces[:-1])} (and {PROBLEM_JSON} for errors). Ask for "
                            "one of those, or */*, or send no Accept header.",
                            extra={"acceptable": list(rules.produces)})
    if rules.consumes and _has_body(request) and not _takes(request.headers.get("content-type", ""), rules):
        raise UnsupportedMediaType(_unsupported(request.headers.get("content-type", ""), rules.consumes),
                                   extra={"accepted": list(rules.consumes)})
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in rules.query]
    if unknown:
        raise InvalidInput(f"Unknown query parameter {', '.join(repr(n[:60]) for n in unknown)}: this operation "
                           f"takes {', '.join(sorted(rules.query)) or 'no query parameters'}.",
                           errors=[{"loc": ["query", name[:60]], "msg": "Unknown query parameter",
                                    "type": "extra_forbidden"} for name in unknown])


Checked = Depends(check_request)
"""In every router's `dependencies` (create_app): a refused request reaches no route and claims no key."""


def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their weights (RFC 9110 §12.5.1)."""
    ranges = []
    for part in accept.split(","):
        media, *parameters = part.split(";")
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        if media.strip():
            ranges.append((media.strip().lower(), weight))
    return ranges or [("*/*", 1.0)]


def _quality(ranges: Iterable[tuple[str, float]], media: str) -> float:
    """The weight of the most specific range that matches `media`, 0 when none does."""
    specificity = {media: 2, media.split("/")[0] + "/*": 1, "*/*": 0}
    matching = sorted((specificity[range_], weight) for range_, weight in ranges if range_ in specificity)
    return matching[-1][1] if matching else 0.0


def _has_body(request: Request) -> bool:
    return request.headers.get("content-length", "0") != "0" or "transfer-encoding" in request.headers


def _takes(content_type: str, rules: Rules) -> bool:
    media = _media(content_type)
    json_like = media == JSON or (media.startswith("application/") and media.endswith("+json"))
    return media in rules.consumes or (json_like and JSON in rules.consumes)


def _unsupported(content_type: str, consumes: tuple[str, ...]) -> str:
    sent = f"Content-Type: {content_type[:100]!r}" if content_type else "a body without Content-Type"
    wanted = " or ".join("application/json (or a +json type)" if m == JSON else m for m in consumes)
    return f"This operation takes a body in {wanted}, not {sent}."


class ResponseHeaders:
    """Headers every answer carries, whoever produced it (a route, a refusal, the 500 handler)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = get_route_path(scope)  # without the gateway's ROOT_PATH, as the router sees it
        tenant_data = path == "/v1" or path.startswith("/v1/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                if tenant_data:  # a shared cache must never keep one partnership's data
                    headers["Cache-Control"] = "no-store"
                if message["status"] == 405:
                    headers["Allow"] = ", ".join(allowed_methods(scope))
                if 200 <= message["status"] < 300 and _sends_deprecated_fields(scope):
                    headers.update(DEPRECATION_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _sends_deprecated_fields(scope: Scope) -> bool:
    operation_id = getattr(scope.get("route"), "operation_id", None)
    rules = prepare(scope["app"]).get(operation_id or "") if operation_id else None
    return bool(rules and rules.deprecated)


def allowed_methods(scope: Scope) -> list[str]:
    """Every method some route serves at this path, walking included routers too."""
    return sorted({method for route in iter_route_contexts(scope["app"].routes) if route.methods
                   and route.matches(scope)[0] != Match.NONE for method in route.methods})
