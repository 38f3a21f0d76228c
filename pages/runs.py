"""Run history: every run newest first, filtered; one run's timeline, log, outputs; runs at a glance; schedulers."""

from pathlib import Path

import streamlit as st

import ui
from etl_core import pipelines, run_charts, run_control, run_history, schedules
from etl_core.errors import SluiceError

LIVE = "2s"  # how often a running run's row and detail refresh
IDLE = "10s"  # how often the table looks for runs started elsewhere (a schedule, another tab)

st.title("Run history")
settings = ui.settings()
ui.show_flash()

with ui.session() as session:
    names = [p.name for p in pipelines.list_pipelines(session)]
a, b, c, d = st.columns(4)
where = run_history.RunFilter(
    pipeline=a.selectbox("Pipeline", [None, *names], format_func=lambda v: v or "All", key="runs_pipeline"),
    status=b.selectbox("Status", [None, *run_history.STATUSES], format_func=lambda v: v or "All", key="runs_status"),
    trigger=c.selectbox("Trigger", [None, *run_history.TRIGGERS], format_func=lambda v: v or "All", key="runs_trigger"),
)
days = d.date_input("Dates", value=(), key="runs_dates")
if len(days) == 2:
    where = run_history.RunFilter(where.pipeline, where.status, where.trigger, since=days[0], until=days[1])

tab_runs, tab_glance = st.tabs(["Runs", "At a glance"])


def run_label(run) -> str:
    when = f"{run.started_at or run.created_at:%Y-%m-%d %H:%M:%S}"
    return f"#{run.id} · {run.pipeline_name} · {run.status} · {when}"


def load_runs():
    with ui.session() as session:
        return run_history.list_runs(session, where)


runs = load_runs()
active = any(run.status in ("queued", "running") for run in runs)


@st.fragment(run_every=LIVE if active else IDLE)
def runs_table() -> None:
    shown = load_runs()
    if not shown:
        st.info("No runs yet. Run a pipeline from Schedules (Run now), the command line, or let a schedule fire.")
        return
    st.dataframe([run_history.row(run) for run in shown],
                 hide_index=True, width="stretch", key="runs_table",
                 column_config={"started": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss"),
                                "scheduled_for": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm:ss"),
                                "duration_s": st.column_config.NumberColumn("duration (s)", format="%.2f")})


def run_again(run, *, stepwise: bool) -> None:
    try:
        run_control.start_run(ui.engine(), settings, run.pipeline_name, params=run.params, stepwise=stepwise)
        ui.flash("success", f"Started '{run.pipeline_name}' again{', timing each step' if stepwise else ''}.")
    except SluiceError as error:
        ui.flash("error", str(error))
    st.rerun()


def run_detail(run_id: int, live: bool) -> None:
    with ui.session() as session:
        run = run_history.get_run(session, run_id)
        lines = run_history.log_lines(session, run_id)
        attempt = run_history.attempt_of(session, run)
    if live and run.status not in run_control.ACTIVE:
        st.rerun()  # it finished: redraw the whole page once (the table, the charts), then stop polling
    st.subheader(run_label(run))
    cols = st.columns(5)
    cols[0].metric("Trigger", run.trigger)
    cols[1].metric("Duration", f"{run.duration_s:.2f} s" if run.duration_s is not None else "–")
    cols[2].metric("Rows in", f"{run.rows_in:,}" if run.rows_in is not None else "–")
    cols[3].metric("Rows out", f"{run.rows_out:,}" if run.rows_out is not None else "–")
    cols[4].metric("Attempt", f"{attempt[0]} of {attempt[1]}" if attempt else "–")
    if run.scheduled_for:
        st.caption(f"Scheduled for {run.scheduled_for:%Y-%m-%d %H:%M:%S} UTC")
    if run.error:
        where_ = f" (step {run.failed_step})" if run.failed_step else ""
        st.error(f"{run.status.capitalize()}{where_}: {run.error}")
    stop, again, timed = st.columns(3)
    if run.status in run_control.ACTIVE and stop.button("Cancel run", key=f"cancel_{run.id}"):
        try:
            run_control.request_cancel(ui.engine(), run.id)
            st.toast("Asked the run to stop.")
        except SluiceError as error:
            st.error(str(error))
    if run.status not in run_control.ACTIVE:
        if again.button("Run again", key=f"again_{run.id}"):
            run_again(run, stepwise=False)
        if timed.button("Run again, timing each step", key=f"timed_{run.id}",
                        help="Each step runs on its own and is timed: slower than the usual fused run"):
            run_again(run, stepwise=True)
    if figure := run_charts.step_timeline(run):
        st.markdown("**Steps**")
        st.plotly_chart(figure, key=f"timeline_{run.id}")
        if note := run_charts.untimed_note(run):
            st.caption(note)
        st.dataframe(run.steps, hide_index=True, width="stretch",
                     column_config={"duration_s": st.column_config.NumberColumn("duration (s)", format="%.3f")})
    st.markdown("**Log**")
    st.dataframe([{"at": line.at, "level": line.level, "step": line.step, "message": line.text} for line in lines],
                 hide_index=True, width="stretch",
                 column_config={"at": st.column_config.DatetimeColumn(format="HH:mm:ss.SSS")})
    if run.params:
        st.markdown("**Parameters**")
        st.json(run.params)
    for output in run.outputs:
        path = Path(output["path"]) if output.get("path") else None
        label = f"{output['format']} output of step {output['step']}: {output['rows']:,} rows"
        if path and path.is_file():
            st.download_button(f"Download {path.name}", path.read_bytes(), file_name=path.name, help=label,
                               key=f"download_{run.id}_{output['step']}")
        else:
            st.caption(f"{label} → {output.get('table') or (path.name if path else '')} "
                       f"{'' if output.get('table') else '(removed since)'}")


with tab_runs:
    runs_table()
    if runs:
        chosen = st.selectbox("Open a run", [run.id for run in runs], key="open_run",
                              format_func=lambda i: run_label(next(r for r in runs if r.id == i)))
        live = next(r for r in runs if r.id == chosen).status in run_control.ACTIVE
        st.fragment(run_every=LIVE if live else None)(run_detail)(chosen, live)

with tab_glance:
    with ui.session() as session:
        recent = run_history.list_runs(session, run_history.RunFilter(pipeline=where.pipeline, limit=5000))
        lines = run_history.schedule_lines(session, upcoming=3)
        states = run_history.scheduler_states(session, settings.scheduler_poll_s)
    st.markdown("**Schedulers**")
    if not any(state.state == "running" for state in states):
        st.warning("No scheduler is running: schedules fire only while the app is open or a worker runs "
                   "(`python -m etl_core worker`).")
    st.dataframe([{"process": s.process, "kind": s.kind, "state": s.state, "schedules": s.schedules,
                   "started": s.started, "last heartbeat": s.last_beat, "last retention": s.retention} for s in states],
                 hide_index=True, width="stretch")
    st.markdown("**Upcoming runs**")
    upcoming = [{"pipeline": line.pipeline, "when": schedules.in_words(t, line.rule.timezone), "rule": line.words}
                for line in lines for t in line.upcoming]
    st.dataframe(upcoming, hide_index=True, width="stretch") if upcoming else st.caption("No schedule is on.")
    st.markdown("**Runs per day**")
    if figure := run_charts.runs_per_day(recent):
        st.plotly_chart(figure, key="per_day")
    st.markdown("**Duration over time**")
    if figure := run_charts.durations(recent):
        st.plotly_chart(figure, key="durations")
