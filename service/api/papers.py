"""Board papers by content negotiation: Accept text/html or application/pdf on a run, a proposal or the
scrutiny pack answers its paper (service/domain/papers) instead of JSON."""

from typing import Any

from fastapi import Request, Response

from service.domain import papers

HTML, PDF = "text/html", "application/pdf"
CONTENT: dict[str, Any] = {HTML: {"schema": {"type": "string"}},
                           PDF: {"schema": {"type": "string", "format": "binary"}}}


def wanted(request: Request) -> str | None:
    """HTML or PDF when the Accept header prefers one of them to JSON; None for JSON (and for */*)."""
    offered: list[tuple[float, int, str]] = []
    for index, item in enumerate(request.headers.get("accept", "").split(",")):
        media, *parameters = (part.strip() for part in item.split(";"))
        offered.append((-_quality(parameters), index, media.lower()))
    for _, _, media in sorted(offered):
        if media in (HTML, PDF):
            return media
        if media in ("application/json", "*/*", "application/*"):
            return None
    return None


def _quality(parameters: list[str]) -> float:
    """An Accept item's q (1 when it has none; a malformed q counts as 1, as the item's own preference)."""
    for parameter in parameters:
        if parameter.startswith("q="):
            try:
                return float(parameter[2:])
            except ValueError:
                return 1.0
    return 1.0


def responses(description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI 200 of an operation that also answers its board paper as HTML or PDF."""
    return {200: {"description": description, "content": CONTENT}}


def alongside(responses: dict[int | str, dict[str, Any]]) -> dict[int | str, dict[str, Any]]:
    """Other declared 200 media types (CSV, XLSX) with the papers' beside them."""
    ok = responses[200]
    return {**responses, 200: {**ok, "content": {**ok.get("content", {}), **CONTENT}}}


def answer(paper: papers.Paper, media: str) -> Response:
    """The paper as a download: HTML (self-contained) or PDF, named for what it is about."""
    if media == PDF:
        return Response(papers.pdf(paper), media_type=PDF,
                        headers={"Content-Disposition": f'attachment; filename="{paper.filename}.pdf"'})
    return Response(papers.html(paper), media_type="text/html; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{paper.filename}.html"'})
