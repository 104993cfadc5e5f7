"""Request ids, access logs, Prometheus metrics and the JSON log format.

One pure ASGI layer outside every other takes the caller's X-Request-ID (or makes one), keeps it in a
context variable that every log line carries, echoes it, and writes one access line per request.
prometheus-fastapi-instrumentator counts and times requests by route template, never by raw path
(so label values stay bounded), and serves /metrics with the optimiser's run metrics beside them.
"""

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import IO, Any

from fastapi import FastAPI
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST
from prometheus_fastapi_instrumentator import Instrumentator
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
            _log_access(scope, status, time.perf_counter() - started)
            request_id.reset(token)


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            text = value.decode("latin-1").strip()
            return text if _ACCEPTABLE_ID.match(text) else None
    return None


def _log_access(scope: Scope, status: int, seconds: float) -> None:
    method, path = scope["method"], scope["path"]
    level = logging.DEBUG if path in _PROBES else logging.INFO  # probes every few seconds would drown the rest
    access_log.log(level, "%s %s %s", method, path, status, extra={
        "method": method, "path": path, "status": status, "duration_ms": round(seconds * 1000, 1)})


def install(app: FastAPI) -> None:
    """Count and time requests by route template; serve /metrics (public, like /livez)."""
    Instrumentator(should_group_status_codes=False, excluded_handlers=["^/metrics$"]).instrument(
        app, latency_lowr_buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    ).expose(app, tags=["Health"], operation_id="metrics", response_class=Response,
             summary="Prometheus metrics: requests and latency by route, optimiser runs by status and time",
             description="Needs no credentials, like /livez: let only the monitoring network reach it.",
             responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}},
                              "description": "The Prometheus text exposition format"}})


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
    """uvicorn leaves its loggers to ours (JSON, request ids); our access line replaces its own."""
    return {"log_config": None, "log_level": level.lower(), "access_log": False}
