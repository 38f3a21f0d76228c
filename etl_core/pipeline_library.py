"""The pipelines list: a summary of each, import, duplicate, rename, and saving the builder's draft."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from etl_core import builder, pipelines, schedules
from etl_core.config import Settings
from etl_core.drafts import Draft, state_from_data
from etl_core.errors import ConflictError, InputError, PipelineError, SluiceError, SpecError
from etl_core.models import Pipeline, PipelineRun, utcnow
from etl_core.spec import PipelineSpec, parse_spec
from etl_core.steps import Join, Source, Union


@dataclass
class PipelineSummary:
    """One row of the pipelines list."""

    name: str
    description: str
    steps: int
    sources: list[str]
    last_run: datetime | None
    last_status: str | None
    last_rows: int | None
    schedule: str | None
    updated_at: datetime
    problem: str | None = None  # why a stored spec no longer parses or validates


def summaries(session: Session, settings: Settings) -> list[PipelineSummary]:
    """Every pipeline with its last run; ``problem`` says why one no longer parses or validates against its sources."""
    rows = []
    for pipeline in pipelines.list_pipelines(session):
        last = pipelines.last_run(session, pipeline.name)
        try:
            spec = pipelines.spec_of(pipeline)
        except SluiceError as error:
            steps, used, problem = len(pipeline.spec.get("steps") or []), [], str(error)
        else:
            steps, used, problem = len(spec.steps), spec_sources(spec), _validation_problem(session, settings, spec)
        rows.append(PipelineSummary(
            name=pipeline.name, description=pipeline.description, steps=steps, sources=used,
            last_run=last.created_at if last else None, last_status=last.status if last else None,
            last_rows=last.rows_out if last else None,
            schedule=_schedule_text(pipeline), updated_at=pipeline.updated_at, problem=problem))
    return rows


def _validation_problem(session: Session, settings: Settings, spec: PipelineSpec) -> str | None:
    """Why a stored spec no longer validates (a source lost a column, was deleted), or None."""
    try:
        pipelines.check_pipeline(session, settings, spec)
    except SluiceError as error:
        return str(error)
    return None


def _schedule_text(pipeline: Pipeline) -> str | None:
    """The schedule in words as the Schedules page writes it ('Every 30 minutes', 'At 06:00 (UTC)'), '(off)' when disabled."""
    rule = schedules.rule_of(pipeline)
    if rule is None:
        return None
    return schedules.describe(rule) + ("" if rule.enabled else " (off)")


def spec_sources(spec: PipelineSpec) -> list[str]:
    """The data sources a spec reads: its source, and those it joins or appends."""
    return sorted({s.source for s in spec.steps if isinstance(s, Source | Join | Union)})


def import_spec(session: Session, settings: Settings, content: bytes | str) -> Pipeline:
    """Save a spec file's pipeline; a file that is not JSON, not a pipeline, or takes a used name is refused."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError("The file is not a text file.", hint="Export a pipeline as JSON and import that.") from exc
    return pipelines.save_pipeline(session, settings, parse_spec(content))


def rename_pipeline(session: Session, old: str, new: str) -> Pipeline:
    """Give a pipeline another name; its past runs follow it."""
    new = " ".join(new.split())
    if not new:
        raise InputError("A pipeline needs a name.", hint="Type a name such as monthly_revenue.")
    pipeline = pipelines.get_pipeline(session, old)
    if new == old:
        return pipeline
    if session.exec(select(Pipeline).where(Pipeline.name == new)).first():
        raise ConflictError(f"A pipeline called '{new}' already exists.", hint="Choose another name.")
    # the stored spec as it is: one that no longer parses can still be renamed (and then fixed)
    pipeline.name, pipeline.spec, pipeline.updated_at = new, {**pipeline.spec, "name": new}, utcnow()
    session.add(pipeline)
    session.exec(update(PipelineRun).where(PipelineRun.pipeline_name == old).values(pipeline_name=new))
    session.commit()
    session.refresh(pipeline)
    return pipeline


def export_text(session: Session, name: str) -> str:
    """A pipeline's spec as JSON to download; one that no longer parses is given as stored, to be fixed by hand."""
    pipeline = pipelines.get_pipeline(session, name)
    try:
        return pipelines.spec_of(pipeline).to_json()
    except SpecError:
        return json.dumps(pipeline.spec, indent=2)


def open_draft(session: Session, name: str) -> Draft:
    """A saved pipeline as a builder draft; one whose stored spec no longer parses opens as stored, to be fixed."""
    pipeline = pipelines.get_pipeline(session, name)
    try:
        return Draft.from_spec(pipelines.spec_of(pipeline))
    except SpecError:
        return Draft(state_from_data({**pipeline.spec, "name": pipeline.name}), saved_as=pipeline.name)


def duplicate_pipeline(session: Session, settings: Settings, name: str, new: str | None = None) -> Pipeline:
    """A copy under a new name (``name copy``, ``name copy 2``... when none is given)."""
    spec = pipelines.spec_of(pipelines.get_pipeline(session, name))
    taken = {p.name for p in pipelines.list_pipelines(session)}
    if not new:
        new, n = f"{name} copy", 2
        while new in taken:
            new, n = f"{name} copy {n}", n + 1
    return pipelines.save_pipeline(session, settings, spec.model_copy(update={"name": " ".join(new.split())}))


def save_draft(session: Session, settings: Settings, draft: Draft) -> Pipeline:
    """Store the builder's pipeline when every step checks out: a new one must take a free name; a renamed one
    keeps its runs. A draft with a problem is refused, naming the step, and what is stored stays as it was (the
    draft itself stays on the screen, unsaved)."""
    spec = draft.to_spec()  # a half-configured step, no steps or no name: refused naming the field
    ctx, versions = builder.context_for(session, settings, draft.state)
    checked = builder.check_draft(draft.state, ctx, versions)
    if not checked.ok:
        more = len(checked.errors) - 1
        raise PipelineError(checked.errors[0], hint=(f"{more} more problem{'s' if more > 1 else ''} marked ⚠. " if more else "")
                            + "Fix it and save again; your changes stay here until then.")
    if draft.saved_as is None:
        return pipelines.save_pipeline(session, settings, spec)
    if spec.name != draft.saved_as:
        pipelines.check_pipeline(session, settings, spec)  # before the rename, so a refusal changes nothing
        rename_pipeline(session, draft.saved_as, spec.name)
    return pipelines.save_pipeline(session, settings, spec, replace=True)


def output_file(settings: Settings, output: dict[str, Any]) -> Path | None:
    """A run's output file, when it is still there and inside the outputs folder (for a download)."""
    if not output.get("path"):
        return None
    path = Path(output["path"]).resolve()
    inside = (settings.data_dir / "outputs").resolve() in path.parents
    return path if inside and path.is_file() else None
