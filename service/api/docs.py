"""Swagger UI served by the service itself: council networks often block CDNs, and behind a gateway
every URL the page loads must carry the gateway's path prefix (the ASGI root_path)."""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_URL = "/docs"
ASSETS_URL = "/docs-assets"
# The key pasted into Authorize is kept across page refreshes (in the browser's local storage). The
# schema's validation keywords stay in the document but are not printed under each parameter: a
# financial year's exact pattern runs to 300 characters, and the descriptions say the rule in words.
PARAMETERS: dict[str, Any] = {"persistAuthorization": True, "showCommonExtensions": False,
                              "displayRequestDuration": True}
# The schema view prints each field's pattern too; a long one is shortened to a line whose tooltip holds it.
SHORT_PATTERNS = """<script>
const ShortPatterns = () => ({wrapComponents: {JSONSchema202012KeywordConstraint: (Original, system) => (props) => {
  const constraint = props.constraint || {};
  const text = constraint.value;
  if (typeof text === "string" && text.startsWith("matches ") && text.length > 48) {
    return system.React.createElement("span", {title: text, className:
      "json-schema-2020-12__constraint json-schema-2020-12__constraint--" + constraint.scope},
      "matches a pattern (hover to read it)");
  }
  return system.React.createElement(Original, props);
}}});
</script>
"""


def install(app: FastAPI) -> None:
    """Swagger UI at /docs with its assets from the fastapi-offline package (create the app with docs_url=None)."""
    app.mount(ASSETS_URL, StaticFiles(packages=[("fastapi_offline", "static")]), name="docs-assets")
    redirect_url = DOCS_URL + "/oauth2-redirect"

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        prefix = request.scope.get("root_path", "").rstrip("/")
        page = get_swagger_ui_html(
            openapi_url=prefix + (app.openapi_url or "/openapi.json"),
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{prefix}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{prefix}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{prefix}{ASSETS_URL}/favicon.png",
            oauth2_redirect_url=prefix + redirect_url,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters={**PARAMETERS, **(app.swagger_ui_parameters or {})},
        )
        return HTMLResponse(with_plugins(bytes(page.body).decode()))

    @app.get(redirect_url, include_in_schema=False)
    def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()


def with_plugins(page: str) -> str:
    """FastAPI's page with the plugins above defined and passed to SwaggerUIBundle."""
    script, presets = "<script>\n    const ui = SwaggerUIBundle(", "presets: ["
    if script not in page or presets not in page:
        raise RuntimeError("FastAPI's Swagger UI page changed: docs.with_plugins needs updating")
    page = page.replace(script, SHORT_PATTERNS + script, 1)
    return page.replace(presets, "plugins: [ShortPatterns],\n    " + presets, 1)
