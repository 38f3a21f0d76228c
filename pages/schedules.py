"""Schedules: when each pipeline runs by itself, the next five runs before saving, run now."""

from datetime import time

import streamlit as st

import ui
from etl_core import pipelines, run_control, run_history, schedules
from etl_core.errors import SluiceError

WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
REPEAT_LABELS = {"every N minutes": "Every N minutes", "hourly": "Hourly", "daily": "Daily at a time",
                 "weekdays": "Weekdays at a time", "weekly": "Weekly", "monthly": "Monthly",
                 "interval": "Every interval (30s, 5m, 1h)", "cron": "Cron expression"}
ZONES = schedules.timezones()

st.title("Schedules")
settings = ui.settings()
ui.show_flash()

with ui.session() as session:
    names = [p.name for p in pipelines.list_pipelines(session)]
if not names:
    st.info("No pipelines yet. Save an answer from the chat as a pipeline, or import one from the command line.")
    st.stop()

name = st.selectbox("Pipeline", names, key="schedule_pipeline")
with ui.session() as session:
    current = schedules.rule_of(pipelines.get_pipeline(session, name))
if current:
    st.caption(f"Now: {schedules.describe(current)} · {'on' if current.enabled else 'off'}")
else:
    st.caption("Not scheduled yet.")

left, right = st.columns(2)
default_repeat = ("interval" if current.kind == "every" else "cron") if current else "daily"
repeat = left.selectbox("Repeat", list(REPEAT_LABELS), format_func=REPEAT_LABELS.get,
                        index=list(REPEAT_LABELS).index(default_repeat), key=f"repeat_{name}")
zone = right.selectbox("Timezone", ZONES, index=ZONES.index(current.timezone if current else "UTC"), key=f"tz_{name}")
values: dict = {}
if repeat == "every N minutes":
    values["minutes"] = left.number_input("Minutes", 1, 59, 15)
if repeat == "hourly":
    values["minute"] = left.number_input("Minutes past the hour", 0, 59, 0)
if repeat in ("daily", "weekdays", "weekly", "monthly"):
    values["at"] = right.time_input("At", time(6, 0), step=300).strftime("%H:%M")
if repeat == "weekly":
    values["weekday"] = WEEKDAYS.index(left.selectbox("On", WEEKDAYS, index=1))
if repeat == "monthly":
    values["day"] = left.number_input("Day of the month", 1, 31, 1)
if repeat == "interval":
    every = schedules.every_text(current.every_s) if current and current.kind == "every" else "1h"
    values["every"] = left.text_input("Every", every, help="A number and s, m, h or d: 30s, 5m, 1h, 1d")
if repeat == "cron":
    values["cron"] = left.text_input("Cron expression", current.cron if current and current.cron else "0 6 * * 1-5",
                                     help="minute hour day-of-month month day-of-week (0 or 7 = Sunday)")

with st.expander("When a run fails, overlaps or is missed"):
    base = current or schedules.ScheduleRule(kind="every", every_s=3600)
    a, b = st.columns(2)
    options = {
        "retries": a.number_input("Retries after a failure", 0, 10, base.retries),
        "retry_backoff_s": b.number_input("Wait before the first retry (seconds, doubled after each)", 0.0, 3600.0,
                                          float(base.retry_backoff_s)),
        "time_limit_s": a.number_input("Time limit (minutes; 0: the pipeline's own)", 0.0, 1440.0,
                                       (base.time_limit_s or 0) / 60) * 60 or None,
        "grace_s": int(b.number_input("Run a missed firing on wake if at most this late (minutes)", 0, 1440,
                                      base.grace_s // 60) * 60),
        "overlap": a.radio("If the last run is still going", ["skip", "queue"], index=["skip", "queue"].index(base.overlap),
                           format_func={"skip": "Skip this firing", "queue": "Queue it"}.get, horizontal=True),
        "notify_on_success": b.checkbox("Tell the webhook of successes too", base.notify_on_success),
        "webhook_url": st.text_input("Webhook on failure (Slack, Teams or any URL taking JSON)", base.webhook_url or "",
                                     placeholder="https://hooks.slack.com/services/...") or None,
    }
enabled = st.toggle("On", value=current.enabled if current else True, key=f"on_{name}")

try:
    rule = schedules.rule_from_choice(repeat, timezone=zone, enabled=enabled, **values, **options)
except SluiceError as error:
    st.error(str(error))
    rule = None

if rule:
    st.subheader("Next five runs")
    st.markdown("\n".join(f"- {schedules.in_words(t, zone)}" for t in schedules.next_runs(rule, 5)))
    st.caption(schedules.describe(rule) + ("" if enabled else " · saved off: it will not run"))

save, run_now, remove = st.columns(3)
if save.button("Save schedule", type="primary", disabled=rule is None):
    try:
        with ui.session() as session:
            if rule.webhook_url:
                run_control.check_webhook(settings, rule.webhook_url)
            schedules.set_schedule(session, pipelines.get_pipeline(session, name), rule)
        ui.flash("success", f"Saved the schedule of '{name}': {schedules.describe(rule)}" + ("" if enabled else ", off."))
    except SluiceError as error:
        ui.flash("error", str(error))
    st.rerun()
if run_now.button("Run now"):
    try:
        run_control.start_run(ui.engine(), settings, name)
        ui.flash("success", f"Started '{name}'. Follow it in Run history.")
    except SluiceError as error:
        ui.flash("error", str(error))
    st.rerun()
if current and remove.button("Remove schedule"):
    with ui.session() as session:
        schedules.set_schedule(session, pipelines.get_pipeline(session, name), None)
    ui.flash("success", f"'{name}' is no longer scheduled.")
    st.rerun()

st.subheader("All schedules")
with ui.session() as session:
    lines = run_history.schedule_lines(session, upcoming=1)
if not lines:
    st.caption("No schedules yet.")
else:
    st.dataframe([{"pipeline": line.pipeline, "rule": line.words, "on": line.rule.enabled,
                   "next run": schedules.in_words(line.upcoming[0], line.rule.timezone) if line.upcoming else "off",
                   "last run": ("⚠ " if line.last_status in ("failed", "missed", "interrupted") else "")
                   + (line.last_status or "never"),
                   "problem": line.last_error if line.last_status in ("failed", "missed", "interrupted") else None}
                  for line in lines], hide_index=True, width="stretch")
