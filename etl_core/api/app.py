"""The FastAPI application: ``create_app(settings)`` on the same database as the app; OpenAPI at /docs."""

from __future__ import annotations

import tomllib
from typing import Annotated, Any

from fastapi import Body, Depends, FastAPI, Path, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy import Engine, text
from sqlmodel import select
from sse_starlette import EventSourceResponse

from etl_core import api_keys, pipelines
from etl_core import errors as core_errors
from etl_core.api import ask as asking
from etl_core.api import errors, runs
from etl_core.api.auth import Caller, RunSlots, caller
from etl_core.api.errors import ApiError
from etl_core.api.middleware import LimitAndAudit
from etl_core.api.redact import redacted
from etl_core.api.schemas import (
    Accepted,
    AskBody,
    AsyncRunBody,
    ErrorBody,
    Health,
    PipelineDetail,
    PipelineOut,
    RunBody,
    RunDetail,
    RunOut,
    check_params,
    pipeline_out,
    run_out,
)
from etl_core.config import PROJECT_ROOT, Settings, load_settings
from etl_core.db import session_scope
from etl_core.executor import build_plan
from etl_core.models import ApiKey, Pipeline, PipelineRun
from etl_core.spec import PipelineSpec, resolve_params
from etl_core.startup import open_data_directory

VERSION = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]["version"]
ERRORS = {status: {"model": ErrorBody, "description": what} for status, what in {
    401: "No API key, a wrong one, or a revoked one", 403: "The pipeline is not exposed",
    404: "No such pipeline, run or file", 422: "Parameters or body of the wrong shape or type",
    413: "The request body is too large"}.items()}
RUN_ERRORS = ERRORS | {status: {"model": ErrorBody, "description": what} for status, what in {
    409: "The pipeline is already running", 429: "The key has too many runs going",
    500: "The run failed: the message names the failing step", 504: "The run passed its time limit"}.items()}
DESCRIPTION = ("Run Sluice's exposed pipelines (waiting, streamed, or in the background with a webhook), read their runs "
               "and outputs, and ask the chat engine about data sources. Send an API key (`python -m etl_core apikey "
               "create NAME`) as `Authorization: Bearer KEY` or `X-API-Key: KEY`; errors read "
               '`{"error": {"type", "message", "step"}}`.')
Name = Annotated[str, Path(min_length=1, max_length=200, description="a saved pipeline's name")]
RunId = Annotated[int, Path(ge=1, le=2**62, description="a run's id")]
Key = Annotated[Caller, Depends(caller)]


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """The API on the data directory the settings name (opened, migrated and samples loaded as every entry point does)."""
    settings = settings or load_settings()
    engine = engine or open_data_directory(settings)
    app = FastAPI(title="Sluice API", version=VERSION, description=DESCRIPTION)
    app.state.settings, app.state.engine = settings, engine
    app.state.slots = RunSlots(settings.api_runs_per_key)
    errors.install(app)
    app.add_middleware(LimitAndAudit, max_bytes=settings.api_max_body_kb * 1024)
    app.add_middleware(errors.CatchAll)  # outermost of ours: a bug is answered, and audited as a 500 first
    _routes(app)
    return app


def exposed(request: Request, name: Name, who: Key) -> tuple[Pipeline, PipelineSpec]:
    """The pipeline the path names: 404 when there is none, 403 when its owner has not exposed it."""
    with session_scope(request.app.state.engine) as session:
        pipeline = session.exec(select(Pipeline).where(Pipeline.name == name)).first()
    if pipeline is None:
        raise ApiError(404, f"There is no pipeline '{name}'.")
    if not pipeline.exposed:
        raise ApiError(403, f"The pipeline '{name}' is not exposed over the API.",
                       kind="forbidden")
    return pipeline, pipelines.spec_of(pipeline)


Exposed = Annotated[tuple[Pipeline, PipelineSpec], Depends(exposed)]


def _scheduler_state(request: Request) -> str:
    """The liveliest scheduler on this database: running, silent (no heartbeat lately), stopped, or none."""
    from etl_core.run_history import scheduler_states

    with session_scope(request.app.state.engine) as session:
        states = {s.state for s in scheduler_states(session, request.app.state.settings.scheduler_poll_s)}
    return next((state for state in ("running", "silent", "stopped") if state in states), "none")


def _routes(app: FastAPI) -> None:
    @app.get("/health", response_model=Health, tags=["service"], responses={503: {"model": Health}})
    def health(request: Request) -> Any:
        """Up, which version, whether the database answers (no key needed)."""
        try:
            with request.app.state.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            reachable = True
        except Exception:  # any failure means the same to a health check: the database is not reachable
            reachable = False
        body = Health(status="ok" if reachable else "degraded", version=VERSION, database=reachable,
                      scheduler=_scheduler_state(request) if reachable else None)
        return body if reachable else JSONResponse(body.model_dump(), status_code=503)

    @app.get("/pipelines", response_model=list[PipelineOut], tags=["pipelines"], responses=ERRORS)
    def list_exposed(request: Request, who: Key) -> Any:
        """The exposed pipelines with their parameters (name, type, default) and output columns."""
        with session_scope(request.app.state.engine) as session:
            found = session.exec(select(Pipeline).where(Pipeline.exposed).order_by(Pipeline.name)).all()
            specs = [(p, pipelines.spec_of(p)) for p in found]
            return [pipeline_out(p, spec, _output_schema(session, request, spec)) for p, spec in specs]

    @app.get("/pipelines/{name}", response_model=PipelineDetail, tags=["pipelines"], responses=ERRORS)
    def describe(request: Request, target: Exposed) -> Any:
        """One pipeline: the same as in the list, plus its steps."""
        pipeline, spec = target
        with session_scope(request.app.state.engine) as session:
            shown = pipeline_out(pipeline, spec, _output_schema(session, request, spec))
        return PipelineDetail(**shown.model_dump(), steps=redacted(spec.as_data()["steps"]))

    @app.post("/pipelines/{name}", response_model=RunDetail, tags=["runs"], responses=RUN_ERRORS)
    def run_now(request: Request, target: Exposed, who: Key,
                body: Annotated[RunBody | None, Body()] = None) -> Any:
        """Run now and wait: the run (id, status, rows, outputs with download URLs, the first rows, timings)."""
        api_run = _start(request, who, target[1], body or RunBody())
        run = runs.run_and_wait(api_run)
        problem = api_run.outcome(run)
        if problem is not None:
            raise problem
        return runs.detail(request.app.state.engine, request.app.state.settings, run)

    @app.post("/pipelines/{name}/stream", tags=["runs"], responses=RUN_ERRORS | {200: {
        "description": "Server-sent events: queued, run_started, step_started, step_finished, step_failed, warning, "
                       "then complete (the run) or error; with `stepwise`, each step_finished as its step ends, "
                       "with its duration_s", "content": {"text/event-stream": {}}}})
    def run_streamed(request: Request, target: Exposed, who: Key,
                     body: Annotated[RunBody | None, Body()] = None):
        """Run now and stream its progress as server-sent events, as the executor emits them (step by step, each
        step timed, with `"stepwise": true`)."""
        return EventSourceResponse(runs.stream(_start(request, who, target[1], body or RunBody())))

    @app.post("/pipelines/{name}/async", response_model=Accepted, status_code=202, tags=["runs"], responses=RUN_ERRORS)
    def run_in_background(request: Request, target: Exposed, who: Key,
                          body: Annotated[AsyncRunBody | None, Body()] = None) -> Any:
        """Start a run and answer at once (202) with its status URL; `webhook_url` is called with the run when it ends."""
        body = body or AsyncRunBody()
        secret = ""
        if body.webhook_url:  # everything that can refuse comes before the key's run slot is taken
            runs.check_webhook(body.webhook_url, request.app.state.settings)
            with session_scope(request.app.state.engine) as session:
                secret = api_keys.webhook_secret(request.app.state.settings, session.get(ApiKey, who.key_id))
        api_run = _start(request, who, target[1], body)
        run_id = runs.start_in_background(api_run, body.webhook_url, secret)
        url = f"/runs/{run_id}"
        return JSONResponse(Accepted(id=run_id, status="queued", status_url=url).model_dump(), status_code=202,
                            headers={"Location": url})

    @app.get("/pipelines/{name}/runs", response_model=list[RunOut], tags=["runs"], responses=ERRORS)
    def list_runs(request: Request, target: Exposed,
                  limit: int = Query(20, ge=1, le=200), status: str | None = Query(None, max_length=20)) -> Any:
        """The pipeline's runs, newest first, whatever started them."""
        query = select(PipelineRun).where(PipelineRun.pipeline_name == target[0].name)
        if status:
            query = query.where(PipelineRun.status == status)
        with session_scope(request.app.state.engine) as session:
            return [run_out(r) for r in session.exec(query.order_by(PipelineRun.id.desc()).limit(limit))]

    @app.get("/runs/{run_id}", response_model=RunDetail, tags=["runs"], responses=ERRORS)
    def get_run(request: Request, run_id: RunId, who: Key) -> Any:
        """One run: status, rows per step, outputs with download URLs, the first rows of its result."""
        run = _visible_run(request, run_id)
        return runs.detail(request.app.state.engine, request.app.state.settings, run)

    @app.get("/runs/{run_id}/outputs/{file}", tags=["runs"], responses=ERRORS | {
        410: {"model": ErrorBody, "description": "A later run wrote the file again"},
        200: {"description": "The file", "content": {"application/octet-stream": {}}}})
    def download(request: Request, run_id: RunId, file: Annotated[str, Path(max_length=300)],
                 who: Key):
        """A file the run wrote; only files the run recorded as its outputs are served."""
        run = _visible_run(request, run_id)
        path = runs.output_path(request.app.state.engine, request.app.state.settings, run, file)
        return FileResponse(path, filename=path.name)

    @app.post("/ask", tags=["chat"], responses=ERRORS | {429: RUN_ERRORS[429]})
    def ask(request: Request, body: AskBody, who: Key) -> dict[str, Any]:
        """A question about data sources: the chat engine's answer (value, text, reading, rows, plan, SQL, chart)."""
        slots = request.app.state.slots
        slots.take(who)  # it reads whole sources in this process: one of the key's runs, as a pipeline run is (429)
        try:
            return asking.ask(request.app.state.engine, request.app.state.settings, body.question, body.sources)
        finally:
            slots.give_back(who)


def _start(request: Request, who: Caller, spec: PipelineSpec, body: RunBody) -> runs.ApiRun:
    """Check the parameters (422) and that it is not running (409), then take one of the key's run slots (429)."""
    params = check_params(spec, body.params)
    if isinstance(params, str):
        raise ApiError(422, params)
    state = request.app.state
    if spec.concurrency == "refuse":
        with session_scope(state.engine) as session:
            holder = session.exec(select(PipelineRun.id).where(PipelineRun.pipeline_name == spec.name,
                                                               PipelineRun.status == "running")).first()
        if holder is not None:
            raise ApiError(409, f"'{spec.name}' is already running (run {holder}).", run_id=holder)
    api_run = runs.ApiRun(state.engine, state.settings, state.slots, who, spec, params, stepwise=body.stepwise)
    state.slots.take(who)
    return api_run


def _visible_run(request: Request, run_id: int) -> PipelineRun:
    """A run of an exposed pipeline: 404 when there is no such run, 403 when its pipeline is not exposed."""
    with session_scope(request.app.state.engine) as session:
        run = session.get(PipelineRun, run_id)
        pipeline = session.exec(select(Pipeline).where(Pipeline.name == run.pipeline_name)).first() if run else None
    if run is None or pipeline is None:
        raise ApiError(404, f"There is no run {run_id}.")
    if not pipeline.exposed:
        raise ApiError(403, f"Run {run_id} belongs to a pipeline that is not exposed over the API.")
    return run


def _output_schema(session, request: Request, spec: PipelineSpec) -> dict[str, str]:
    """The declared output types; for a pipeline saved without them, worked out from its steps (empty if it no longer
    validates)."""
    if spec.output_types:
        return dict(spec.output_types)
    try:
        return build_plan(spec, resolve_params(spec), pipelines.context(session, request.app.state.settings)).output_schema
    except core_errors.SluiceError:
        return {}
