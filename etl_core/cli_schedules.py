"""The commands of ``python -m etl_core`` for schedules and run history: schedule, schedules, runs, worker."""

from __future__ import annotations

import argparse
import json


def add_commands(commands: argparse._SubParsersAction) -> None:
    schedule = commands.add_parser("schedule", help="set, change or turn off a pipeline's schedule")
    schedule.add_argument("name")
    rule = schedule.add_mutually_exclusive_group(required=True)
    rule.add_argument("--cron", metavar="EXPR", help="five fields: minute hour day month weekday, e.g. '0 6 * * 1-5'")
    rule.add_argument("--every", metavar="N[s|m|h|d]", help="an interval: 30s, 5m, 1h, 1d")
    rule.add_argument("--off", action="store_true", help="turn the schedule off (kept; --on turns it back on)")
    rule.add_argument("--on", action="store_true", help="turn a schedule that is off back on")
    rule.add_argument("--remove", action="store_true", help="remove the schedule")
    schedule.add_argument("--tz", default="UTC", help="timezone of the cron expression (default UTC)")
    schedule.add_argument("--grace", default="10m", help="a missed firing at most this late runs on wake (default 10m)")
    schedule.add_argument("--retries", type=int, default=0, help="attempts after a failure (default 0)")
    schedule.add_argument("--backoff", default="30s", help="wait before the first retry, doubled after each (default 30s)")
    schedule.add_argument("--time-limit", help="stop a scheduled run after this long (e.g. 10m)")
    schedule.add_argument("--overlap", choices=["skip", "queue"], default="skip",
                          help="a firing while the last run is still going: skip it, or queue it (default skip)")
    schedule.add_argument("--webhook", help="a Slack, Teams or other incoming-webhook URL told of failures")
    schedule.add_argument("--notify-success", action="store_true", help="tell the webhook of successes too")
    commands.add_parser("schedules", help="every schedule: name, rule, next run")
    runs = commands.add_parser("runs", help="run history, newest first")
    runs.add_argument("name", nargs="?", help="one pipeline's runs")
    runs.add_argument("--json", action="store_true", help="one JSON array")
    runs.add_argument("--limit", type=int, default=50)
    commands.add_parser("worker", help="run schedules without the app, until stopped (for a server)")


def command_schedule(args: argparse.Namespace) -> int:
    from etl_core import pipelines, run_control, schedules
    from etl_core.cli_pipelines import _open
    from etl_core.db import session_scope
    settings, engine = _open()
    with session_scope(engine) as session:
        pipeline = pipelines.get_pipeline(session, args.name)
        if args.off or args.on:
            schedules.set_enabled(session, pipeline, args.on)
            print(f"{args.name}: schedule {'on' if args.on else 'off'}")
            return 0
        if args.remove:
            schedules.set_schedule(session, pipeline, None)
            print(f"{args.name}: schedule removed")
            return 0
        if args.webhook:
            run_control.check_webhook(settings, args.webhook)
        options = {"grace_s": _seconds(args.grace, "--grace", zero=True), "retries": args.retries,
                   "retry_backoff_s": _seconds(args.backoff, "--backoff", zero=True), "overlap": args.overlap,
                   "time_limit_s": _seconds(args.time_limit, "--time-limit") if args.time_limit else None,
                   "webhook_url": args.webhook, "notify_on_success": args.notify_success}
        rule = (schedules.cron_rule(args.cron, args.tz, **options) if args.cron
                else schedules.every_rule(args.every, args.tz, **options))
        schedules.set_schedule(session, pipeline, rule)
    print(f"{args.name}: {schedules.describe(rule)}")
    for moment in schedules.next_runs(rule, 5):
        print(f"  next: {schedules.in_words(moment, rule.timezone)}")
    return 0


def command_schedules(args: argparse.Namespace) -> int:
    from etl_core import run_history, schedules
    from etl_core.cli_pipelines import _open
    from etl_core.db import session_scope
    settings, engine = _open()
    with session_scope(engine) as session:
        lines = run_history.schedule_lines(session, upcoming=1)
    if not lines:
        print("no schedules yet: python -m etl_core schedule NAME --every 1h")
    for line in lines:
        upcoming = schedules.in_words(line.upcoming[0], line.rule.timezone) if line.upcoming else "off"
        flag = f"\tlast run {line.last_status}" + (f": {line.last_error}" if line.last_status == "failed" else "") \
            if line.last_status else ""
        print(f"{line.pipeline}\t{line.words}\tnext: {upcoming}{flag}")
    return 0


def command_runs(args: argparse.Namespace) -> int:
    from etl_core import pipelines, run_history
    from etl_core.cli_pipelines import _open
    from etl_core.db import session_scope
    settings, engine = _open()
    with session_scope(engine) as session:
        if args.name:
            pipelines.get_pipeline(session, args.name)  # a name that is no pipeline says so
        found = run_history.list_runs(session, run_history.RunFilter(pipeline=args.name, limit=args.limit))
    rows = [run_history.row(run) for run in found]
    if args.json:
        print(json.dumps([{**r, "rows": r["rows_out"]} for r in rows], default=_iso))
        return 0
    print(f"{'id':>5}  {'pipeline':<20} {'trigger':<9} {'scheduled_for':<19}  {'status':<11} {'started':<19}  "
          f"{'duration':>9}  rows")
    for r in rows:
        rows_text = f"{r['rows_in']:,} -> {r['rows_out']:,}" if r["rows_out"] is not None else ""
        print(f"{r['id']:>5}  {r['pipeline'][:20]:<20} {r['trigger']:<9} {_when(r['scheduled_for']):<19}  "
              f"{r['status']:<11} {_when(r['started']):<19}  {_took(r['duration_s']):>9}  {rows_text}")
    return 0


def command_worker(args: argparse.Namespace) -> int:
    from etl_core.cli_pipelines import _open
    from etl_core.scheduler import run_worker

    settings, engine = _open()
    return run_worker(engine, settings)


def _seconds(text: str, option: str, *, zero: bool = False) -> int:
    from etl_core import schedules
    from etl_core.errors import SpecError
    if zero and text.strip() in ("0", "0s"):
        return 0
    try:
        return schedules.parse_every(text)
    except SpecError as error:
        raise SpecError(f"{option} {error.message}", hint=error.hint) from error


def _when(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}" if moment else "-"


def _took(seconds: float | None) -> str:
    return f"{seconds:.2f} s" if seconds is not None else "-"


def _iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
