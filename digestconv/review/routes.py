"""The review app's routes: queue, page, actions, previews, export, the inputs themselves."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from digestconv.review import export, i18n
from digestconv.review.pages import Pages, ReviewConfig
from digestconv.review.session import PageSession
from digestconv.review.view import Row, RowPainter

STYLES = ("handout", "gbt9704")
_TEXT = "text/plain; charset=utf-8"
_MEDIA_TYPES = {".pdf": "application/pdf", ".json": "application/json", ".md": "text/markdown; charset=utf-8",
                ".markdown": "text/markdown; charset=utf-8"}
VARIANTS = ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")


@dataclass
class Context:
    """What every route needs."""

    config: ReviewConfig
    pages: Pages
    templates: Environment

    def words(self, request: Request) -> i18n.Words:
        """The interface language: ``?lang=`` or the one the app started with."""
        return i18n.Words(request.query_params.get("lang") or self.config.language)

    def painter(self, words: i18n.Words) -> RowPainter:
        """The row painter of ``words``' language."""
        return self.pages.painter(words.language)

    def common(self, request: Request) -> dict[str, Any]:
        """What every template gets."""
        words = self.words(request)
        return {"t": words, "token": self.config.token, "lang": words.language, "languages": i18n.LANGUAGES,
                "styles": STYLES, "variants": VARIANTS, "style": self.config.style}


def json_error(message: str, status: int = 400) -> JSONResponse:
    """A refusal the page shows to the user."""
    return JSONResponse({"error": message}, status_code=status)


def html(body: str) -> HTMLResponse:
    """An HTML page."""
    return HTMLResponse(body)


def row_slice(rows: list[Row], old: list[Row]) -> tuple[int, int, int]:
    """The rows that changed: first index, how many old rows they replace, how many new rows."""
    start = 0
    limit = min(len(rows), len(old))
    # the rows an edit did not touch are the same objects: ``is`` answers before ``==`` is asked
    while start < limit and (rows[start] is old[start] or rows[start] == old[start]):
        start += 1
    end_new, end_old = len(rows), len(old)
    while end_new > start and end_old > start and (rows[end_new - 1] is old[end_old - 1]
                                                   or rows[end_new - 1] == old[end_old - 1]):
        end_new -= 1
        end_old -= 1
    return start, end_old - start, end_new - start


def _session(context: Context, request: Request) -> PageSession | None:
    try:
        return context.pages.get(int(request.path_params["index"]))
    except (KeyError, ValueError):
        return None


def routes(context: Context) -> list[Route]:
    """Every route of the app, bound to ``context``."""

    async def queue(request: Request) -> Response:
        """The queue: every input with its uncertain decisions, worst first."""
        items = await run_in_threadpool(_queue_items, context)
        return html(context.templates.get_template("queue.html").render(items=items, **context.common(request)))

    async def page(request: Request) -> Response:
        """The page of one input: its lines beside its blocks."""
        session = _session(context, request)
        if session is None:
            return PlainTextResponse("404 Not Found: no such input", status_code=404)
        state = await run_in_threadpool(lambda: session.current)
        painter = context.painter(context.words(request))
        rows_html = await run_in_threadpool(painter, state.rows)
        body = context.templates.get_template("page.html").render(
            index=int(request.path_params["index"]), name=session.path.name, rows_html=rows_html, session=session,
            state=state, uncertain=session.uncertain(), **context.common(request))
        return html(body)

    async def raw_input(request: Request) -> Response:
        """The input itself, as text."""
        session = _session(context, request)
        if session is None:
            return PlainTextResponse("404 Not Found: no such input", status_code=404)
        suffix = session.path.suffix.lower()
        # a PDF is handed over as a download: the browser's viewer never runs it inside the app
        headers = {"content-disposition": "attachment"} if suffix == ".pdf" else None
        return Response(session.data, media_type=_MEDIA_TYPES.get(suffix, _TEXT), headers=headers)

    return [
        Route("/", queue),
        Route("/page/{index:int}", page),
        Route("/input/{index:int}", raw_input),
        Route("/api/page/{index:int}/{action}", _action_route(context), methods=["POST"]),
        Route("/preview/{index:int}.{kind}", _preview_route(context)),
    ]


def _queue_items(context: Context) -> list[dict[str, Any]]:
    """The inputs with their uncertain decisions, worst first; the unreadable ones last."""
    items: list[dict[str, Any]] = []
    for k, path in enumerate(context.pages.inputs):
        problem = context.pages.error(k)
        if problem:
            items.append({"index": k, "name": path.name, "error": problem, "uncertain": -1, "reviewed": False})
            continue
        session = context.pages.get(k)
        items.append({"index": k, "name": path.name, "error": None, "uncertain": session.uncertain(),
                      "reviewed": session.review.reviewed, "edits": len(session.review.edits)})
    items.sort(key=lambda item: (item["error"] is not None, item["reviewed"], -item["uncertain"], item["name"]))
    return items


def _action_route(context: Context) -> Any:
    async def action(request: Request) -> Response:
        """An edit, undo, redo, the reviewed mark, or an export."""
        session = _session(context, request)
        if session is None:
            return json_error("no such input", 404)
        try:
            body = await request.json()
        except ValueError:
            return json_error("expected a JSON body")
        if not isinstance(body, dict):
            return json_error("expected a JSON object")
        name = request.path_params["action"]
        if name == "export":
            return await _export(context, session, body)
        return await run_in_threadpool(_edit_answer, context, request, session, name, body)

    return action


def _edit_answer(context: Context, request: Request, session: PageSession, name: str,
                 body: dict[str, Any]) -> Response:
    """:func:`_answer_edit`, its cost told in a ``Server-Timing`` header (wall and CPU time, in ms).

    The machine the page runs on may be busy with other work: the CPU time says what
    the action itself cost, the wall time what the user waited for the server.
    """
    wall, cpu = time.perf_counter(), time.thread_time()
    answer = _answer_edit(context, request, session, name, body)
    answer.headers["server-timing"] = (f"action;dur={(time.perf_counter() - wall) * 1000:.1f}, "
                                       f"cpu;dur={(time.thread_time() - cpu) * 1000:.1f}")
    return answer


def _answer_edit(context: Context, request: Request, session: PageSession, name: str,
                 body: dict[str, Any]) -> Response:
    """Apply the action and answer with the rows that changed."""
    with session.lock:
        before = session.current
        client_version = body.get("version")
        try:
            if name == "edit":
                session.edit(str(body.get("op")), int(body.get("line", 0)), body.get("type"), body.get("level"))
            elif name == "undo":
                session.undo()
            elif name == "redo":
                session.redo()
            elif name == "reviewed":
                session.set_reviewed(bool(body.get("value")))
            else:
                return json_error(f"unknown action {name!r}", 404)
        except (ValueError, TypeError) as exc:
            return json_error(str(exc))
        except OSError as exc:
            return json_error(f"cannot save the review file: {exc.strerror or exc}", 500)
        after = session.current
    old = before.rows if client_version == before.version else []
    start, removed, added = row_slice(after.rows, old)
    if not old:
        start, removed = 0, -1  # the page's rows are out of date: replace them all
    fragment = context.painter(context.words(request))(after.rows[start: start + added])
    return JSONResponse({"start": start, "remove": removed, "html": fragment, "version": after.version,
                         "uncertain": session.uncertain(), "can_undo": bool(session.review.edits),
                         "can_redo": bool(session.redo_stack), "problems": after.problems,
                         "reviewed": session.review.reviewed, "edits": len(session.review.edits)})


async def _export(context: Context, session: PageSession, body: dict[str, Any]) -> Response:
    formats = [str(f) for f in body.get("formats", ["docx", "pdf", "epub"])]
    variants = [str(v) for v in body.get("variants", ["zh-Hans"]) if v in VARIANTS]
    style = str(body.get("style", context.config.style))
    if style not in STYLES or not variants or any(f not in export.EXPORT_FORMATS for f in formats):
        return json_error("unknown format, variant or style")
    document = session.current.result.document
    try:
        written = await run_in_threadpool(export.export, document, session.path.stem, context.config.outdir,
                                          formats, variants, style)
    except Exception as exc:  # a writer's failure is shown on the page, the app goes on
        return json_error(f"export failed: {exc}", 500)
    return JSONResponse({"written": [str(p) for p in written]})


def _preview_route(context: Context) -> Any:
    async def preview(request: Request) -> Response:
        """The HTML writer's page, or the first PDF page as PNG, from the block chosen on."""
        session = _session(context, request)
        kind = request.path_params["kind"]
        variant = request.query_params.get("variant", "zh-Hans")
        style = request.query_params.get("style", context.config.style)
        if session is None or kind not in ("html", "png") or variant not in VARIANTS or style not in STYLES:
            return PlainTextResponse("404 Not Found", status_code=404)
        line = request.query_params.get("line", "")
        document = await run_in_threadpool(session.around, int(line) if line.isdigit() else None)
        if kind == "html":
            body = await run_in_threadpool(export.preview_html, document, variant, style)
            return Response(body, media_type="text/html; charset=utf-8")
        png = await asyncio.wait_for(run_in_threadpool(export.preview_png, document, variant, style), 60)
        return Response(png, media_type="image/png")

    return preview
