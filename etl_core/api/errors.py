"""The API's one error shape, ``{"error": {"type", "message", "step"?}}``, for every failure, and never a trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from etl_core.errors import ConflictError, InputError, NotFoundError, SluiceError

log = logging.getLogger("sluice.api")

HTTP_TYPES = {400: "invalid_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              409: "already_running", 410: "gone", 413: "body_too_large", 422: "invalid_request", 429: "too_many_runs",
              500: "execution_error", 504: "time_limit"}
INTERNAL_MESSAGE = "Sluice failed unexpectedly; the error is in the server's log."


class ApiError(Exception):
    """An answer other than success: its status, kind, message and (for a run) the failing step."""

    def __init__(self, status: int, message: str, *, kind: str | None = None, step: int | None = None,
                 headers: dict[str, str] | None = None, run_id: int | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.step, self.headers, self.run_id = status, message, step, headers, run_id
        self.kind = kind or HTTP_TYPES.get(status, "error")


def error_body(kind: str, message: str, step: int | None = None, run_id: int | None = None) -> dict:
    detail = {"type": kind, "message": message}
    return {"error": detail | {k: v for k, v in (("step", step), ("run_id", run_id)) if v is not None}}


def error_response(status: int, kind: str, message: str, step: int | None = None,
                   headers: dict[str, str] | None = None, run_id: int | None = None) -> JSONResponse:
    return JSONResponse(error_body(kind, message, step, run_id), status_code=status, headers=headers)


def from_sluice(error: SluiceError) -> ApiError:
    """A typed error from etl_core, told with the status it deserves."""
    status = 404 if isinstance(error, NotFoundError) else 409 if isinstance(error, ConflictError) else \
        422 if isinstance(error, InputError) else 500
    return ApiError(status, str(error), step=getattr(error, "step", None))


def install(app: FastAPI) -> None:
    """Handlers that turn the expected failures into the one shape (``CatchAll`` answers the rest)."""

    @app.exception_handler(ApiError)
    async def _api(_: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.kind, error.message, error.step, error.headers, error.run_id)

    @app.exception_handler(SluiceError)
    async def _sluice(_: Request, error: SluiceError) -> JSONResponse:
        mapped = from_sluice(error)
        return error_response(mapped.status, mapped.kind, mapped.message, mapped.step)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(422, "invalid_request", "; ".join(_problem(e) for e in error.errors()[:5]))

    @app.exception_handler(HTTPException)
    async def _http(_: Request, error: HTTPException) -> JSONResponse:
        message = error.detail if isinstance(error.detail, str) else "The request cannot be served."
        return error_response(error.status_code, HTTP_TYPES.get(error.status_code, "error"), message,
                              headers=getattr(error, "headers", None))



class CatchAll:
    """Any other exception is a bug: answered as `internal`, its trace in the log only.

    Plain ASGI middleware rather than an exception handler for ``Exception``: Starlette answers with that
    handler but raises the exception again to the server, and uvicorn then closes the connection under the
    client (a keep-alive client's next request on it was reset) and logs the trace a second time.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            if started:  # a stream already under way: only closing the connection can tell the client
                raise
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            await error_response(500, "internal", INTERNAL_MESSAGE)(scope, receive, send)


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
    return f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid"))
