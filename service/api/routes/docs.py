"""API documentation pages (Swagger UI at ``/docs``, ReDoc at ``/redoc``), offline.

FastAPI's own pages load Swagger UI, ReDoc, a favicon and Google Fonts from CDNs,
so they are blank without internet. These pages are FastAPI's
(``get_swagger_ui_html`` / ``get_redoc_html``) pointed at the files the
``fastapi-offline`` package ships (Swagger UI 5 ``swagger-ui-bundle.js`` and
``swagger-ui.css``, Apache-2.0; ReDoc 2 ``redoc.standalone.js``, MIT; the package
itself MIT), served by the app at :data:`ASSETS_URL`. ReDoc's "API docs by
Redocly" badge points at a CDN image: the pages' :data:`CONTENT_POLICY` keeps the
browser from fetching anything but the app's own files, and the badge is hidden.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse

__all__ = ["router", "ASSETS_DIR", "ASSETS_URL", "CONTENT_POLICY"]

ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))
ASSETS_URL = "/docs-assets"
# Only the app's own files; inline scripts and styles are the pages' own.
CONTENT_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "worker-src 'self' blob:; connect-src 'self'"
)
_HIDE_BADGE = (
    '<style>a[href^="https://redocly.com"]{display:none !important}</style></head>'
)

router = APIRouter(include_in_schema=False)


def _asset(request: Request, name: str) -> str:
    return f"{request.scope.get('root_path', '')}{ASSETS_URL}/{name}"


def _offline(page: HTMLResponse) -> HTMLResponse:
    """The page with :data:`CONTENT_POLICY` and without ReDoc's CDN badge."""
    html = bytes(page.body).decode("utf-8").replace("</head>", _HIDE_BADGE, 1)
    return HTMLResponse(html, headers={"Content-Security-Policy": CONTENT_POLICY})


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    """Swagger UI over ``/openapi.json`` with every asset served by the app."""
    app = request.app
    return _offline(
        get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=_asset(request, "swagger-ui-bundle.js"),
            swagger_css_url=_asset(request, "swagger-ui.css"),
            swagger_favicon_url=_asset(request, "favicon.png"),
        )
    )


@router.get("/redoc")
def redoc(request: Request) -> HTMLResponse:
    """ReDoc over ``/openapi.json`` with its script served by the app, no web fonts."""
    app = request.app
    return _offline(
        get_redoc_html(
            openapi_url=app.openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=_asset(request, "redoc.standalone.js"),
            redoc_favicon_url=_asset(request, "favicon.png"),
            with_google_fonts=False,
        )
    )
