"""Request ids, access logs, Prometheus metrics and the JSON log format.

One pure ASGI layer outside every other takes the caller's X-Request-ID (or makes one), keeps it in a
context variable that every log line carries, echoes it, writes one access line per request, and counts
and times it for Prometheus by route template, never by raw path (so label values stay bounded);
routes/health.py serves /metrics with the optimiser's run metrics beside them.
"""

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import IO, Any

from fastapi import FastAPI
from prometheus_client import Counter, Histogram
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.settings import get_settings

_ACCEPTABLE_ID = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")  # anything else could forge log lines
_PROBES = frozenset({"/livez", "/readyz", "/metrics"})
_SECRETS = re.compile(r"lsp_[A-Za-z0-9_-]{16,}"  # API keys (a key's 12-character prefix is no secret)
                      r"|eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"  # JWTs
                      r"|(?<=Bearer )[^\s\"']+", re.IGNORECASE)

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
REQUESTS = Counter("http_requests_total", "HTTP requests by route template, method and status",
                   ["handler", "method", "status"])
LATENCY = Histogram("http_request_duration_seconds", "HTTP request duration by route template and method",
                    ["handler", "method"], buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30))
access_log = logging.getLogger("service.access")


class ObservedApp(FastAPI):
    """FastAPI with the observer outside even the 500 handler, so every answer carries its request id."""

    def build_middleware_stack(self) -> ASGIApp:
        return RequestObserver(super().build_middleware_stack())


class RequestObserver:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = _incoming_id(scope) or str(uuid.uuid4())
        token = request_id.set(rid)
        started, status = time.perf_counter(), 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            _log_access(scope, status, seconds)
            _count(scope, status, seconds)
            request_id.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            text = value.decode("latin-1").strip()
            return text if _ACCEPTABLE_ID.match(text) else None
    return None


def _template(scope: Scope) -> str:
    """The matched route's template with the prefix of the router it was included under (the route itself
    knows only its own part): /v1/partnerships/{partnership_id}, "none" when nothing matched."""
    template = getattr(scope.get("route"), "path", None)
    if not template:
        return "none"
    own, sent = template.strip("/").split("/"), scope["path"].strip("/").split("/")
    return "/" + "/".join(sent[: len(sent) - len(own)] + own) if len(sent) >= len(own) else template


def _count(scope: Scope, status: int, seconds: float) -> None:
    handler = _template(scope)
    if handler != "/metrics":
        REQUESTS.labels(handler, scope["method"], str(status)).inc()
        LATENCY.labels(handler, scope["method"]).observe(seconds)


def _log_access(scope: Scope, status: int, seconds: float) -> None:
    method, path = scope["method"], scope["path"]
    level = logging.DEBUG if path in _PROBES else logging.INFO  # probes every few seconds would drown the rest
    access_log.log(level, "%s %s %s", method, path, status, extra={
        "method": method, "path": path, "status": status, "duration_ms": round(seconds * 1000, 1)})


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if (rid := request_id.get()) is not None:
            record.request_id = rid
        return True


class _Redacting:
    """Keys and tokens never reach a log line, whoever logged them and however."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))  # type: ignore[misc]


class _JsonFormatter(_Redacting, JsonFormatter):
    pass


class _TextFormatter(_Redacting, logging.Formatter):
    pass


def redact(text: str) -> str:
    text = _SECRETS.sub("[redacted]", text)
    dev_key = get_settings().development_key
    return text.replace(dev_key, "[redacted]") if dev_key else text


def configure_logging(level: str, *, json: bool, stream: IO[str] | None = None) -> logging.Handler:
    """Send every logger's records, with the request id and without secrets, to stderr (or `stream`)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    formatter: logging.Formatter
    if json:
        formatter = _JsonFormatter("{levelname}{name}{message}", style="{", timestamp="time",
                                   rename_fields={"levelname": "level"},
                                   reserved_attrs=[*RESERVED_ATTRS, "color_message"])  # uvicorn's ANSI copy
    else:
        formatter = _TextFormatter("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
                                   defaults={"request_id": "-"})
    handler.setFormatter(formatter)
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return handler


def uvicorn_options(level: str) -> dict[str, Any]:
    """uvicorn leaves its loggers to ours (JSON, request ids); our access line replaces its own; and it
    sends no `server: uvicorn` banner, which only tells an attacker what to look up."""
    return {"log_config": None, "log_level": level.lower(), "access_log": False, "server_header": False}
