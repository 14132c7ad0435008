"""The review web app (Starlette): the queue, the page, its actions, previews and export.

Every request must carry the session's token (``?token=…`` or the ``X-Review-Token``
header), or it is refused with 403; only the hosts ``127.0.0.1`` and ``localhost``
are answered, so a page elsewhere cannot reach the app through DNS rebinding.  The
app serves its own pages and assets and the inputs it was given, by their number
in the list, never by a path from the request.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from digestconv.review import i18n, routes
from digestconv.review.pages import Pages, ReviewConfig

HERE = Path(__file__).parent
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
               "frame-src 'self'; connect-src 'self'; form-action 'none'; base-uri 'none'")
PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; sandbox"


class TokenGuard:
    """Refuses (403) every request that does not carry the token."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on only with the right token."""
        if scope["type"] == "http":
            request = Request(scope)
            given = request.query_params.get("token") or request.headers.get("x-review-token") or ""
            if not secrets.compare_digest(given.encode(), self.token.encode()):
                await PlainTextResponse("403 Forbidden: this page needs the address digestconv review printed",
                                        status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["type_names"] = list(i18n.TYPE_NAMES)
    return env


def create_app(config: ReviewConfig, pages: Pages | None = None) -> Starlette:
    """The ASGI app for ``config``."""
    pages = pages or Pages(config.inputs, config.language)
    context = routes.Context(config, pages, _templates())
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=ALLOWED_HOSTS),
                  Middleware(TokenGuard, token=config.token)]
    app = Starlette(routes=[*routes.routes(context), Mount("/static", StaticFiles(directory=HERE / "static"))],
                    middleware=middleware)
    app.add_middleware(_Headers)
    return app


class _Headers:
    """Security headers on every answer: no caching, no referrer (the token is in the URL), a strict policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        preview = scope.get("path", "").startswith("/preview/")

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"cache-control", b"no-store"), (b"referrer-policy", b"no-referrer"),
                            (b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"SAMEORIGIN"),
                            (b"content-security-policy", (PREVIEW_POLICY if preview else PAGE_POLICY).encode())]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)  # type: ignore[arg-type]
