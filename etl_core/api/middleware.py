"""Plain ASGI middleware: request bodies bounded in size, and one audit line per call."""

from __future__ import annotations

import json
import logging
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from etl_core.api.errors import error_body

audit = logging.getLogger("sluice.api.audit")


class BodyTooLarge(HTTPException):
    """An HTTPException, so FastAPI's body reading lets it through to the error handler (it turns others into 400)."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"The request body is over {max_bytes // 1024} KB; send less (SLUICE_API_MAX_BODY_KB).")


class LimitAndAudit:
    """Refuse a body past ``max_bytes`` (413, counted as it arrives, so a missing Content-Length does not help);
    log key name, method, path, pipeline, status and duration for every call."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status, seen = time.perf_counter(), [500], [0]

        async def counted() -> Message:
            message = await receive()
            seen[0] += len(message.get("body", b""))
            if seen[0] > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            return message

        async def watched(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            declared = dict(scope["headers"]).get(b"content-length", b"")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise BodyTooLarge(self.max_bytes)
            await self.app(scope, counted, watched)
        except BodyTooLarge as error:  # declared too large, or read past the limit outside a route's body parsing
            status[0] = 413
            await _send_json(send, 413, error_body("body_too_large", error.detail))
        finally:
            state = scope.get("state", {})
            pipeline = scope.get("path_params", {}).get("name", "")
            audit.info("key=%s %s %s pipeline=%s status=%s duration_ms=%.1f", state.get("key_name", "-"),
                       one_line(scope["method"]), one_line(scope["path"]), one_line(pipeline or "-"), status[0],
                       (time.perf_counter() - started) * 1000)


def one_line(text: str) -> str:
    """The caller's text as it may go into a log line: control characters (a newline would start a forged line) escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


async def _send_json(send: Send, status: int, body: dict) -> None:
    payload = json.dumps(body).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
