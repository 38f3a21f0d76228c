"""A pipeline's schedule: the rule (cron or an interval, in a timezone), its options, and when it fires.

The rule is kept as JSON in ``Pipeline.schedule``; every scheduler reads it from there, so a
change made by one process reaches the others on their next poll. Cron expressions are the
usual five fields (minute hour day-of-month month day-of-week, Sunday = 0 or 7) and are
handed to APScheduler's CronTrigger with the day of week spelled by name, since
APScheduler counts Monday as 0.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import humanize
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from cron_descriptor import Options, get_description
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session, select

from etl_core.errors import SpecError
from etl_core.models import Pipeline, utcnow

EVERY = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|d)\s*$", re.IGNORECASE)
UNIT_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
CRON_HINT = ("A cron expression has five fields: minute hour day-of-month month day-of-week, "
             "e.g. '0 6 * * 1-5' for 06:00 on weekdays.")
FIELD_NAMES = ["minute", "hour", "day of month", "month", "day of week"]
PRESETS = ["every N minutes", "hourly", "daily", "weekdays", "weekly", "monthly", "interval", "cron"]
CATCH_UP_SCAN = 10_000  # firing times counted one by one when looking back for missed firings


class ScheduleRule(BaseModel):
    """When a pipeline runs by itself, and what to do when a run fails, overlaps or is missed."""

    model_config = ConfigDict(extra="ignore")
    kind: Literal["cron", "every"]
    cron: str | None = None  # five fields, for kind cron
    every_s: int | None = Field(default=None, ge=1)  # for kind every
    timezone: str = "UTC"
    enabled: bool = True
    # when the rule was saved: interval firings count from it, and firings before it are never caught up
    anchor: datetime = Field(default_factory=lambda: utcnow().replace(microsecond=0))
    grace_s: int = Field(default=600, ge=0)  # a firing missed by at most this long still runs on wake
    retries: int = Field(default=0, ge=0, le=10)
    retry_backoff_s: float = Field(default=30.0, ge=0)  # doubles after each failed attempt
    time_limit_s: float | None = Field(default=None, gt=0)
    overlap: Literal["skip", "queue"] = "skip"  # a firing while the pipeline is still running
    webhook_url: str | None = None
    notify_on_success: bool = False


@dataclass(frozen=True)
class Due:
    """The firings due since the last one: how many, the latest (the one a catch-up may run), the one before."""

    count: int
    latest: datetime
    earliest: datetime
    before_latest: datetime | None


# ---- reading rules -----------------------------------------------------------------------

def parse_every(text: str) -> int:
    """'30s', '5m', '1h', '1d' -> seconds."""
    match = EVERY.match(text or "")
    if not match or int(match.group(1)) == 0:
        raise SpecError(f"'{text}' is not an interval.", hint="Write a whole number and s, m, h or d: 30s, 5m, 1h, 1d.")
    return int(match.group(1)) * UNIT_SECONDS[match.group(2).lower()]


def check_timezone(name: str) -> str:
    """The timezone's name, or an error that suggests the nearest real one."""
    try:
        ZoneInfo(name)
        return name
    except (ZoneInfoNotFoundError, ValueError):
        close = difflib.get_close_matches(name, timezones(), n=1)
        raise SpecError(f"'{name}' is not a timezone.",
                        hint=f"Did you mean '{close[0]}'?" if close else "Use a name such as UTC or Europe/Berlin.") from None


def cron_rule(expression: str, timezone: str = "UTC", **options) -> ScheduleRule:
    rule = ScheduleRule(kind="cron", cron=" ".join(expression.split()), timezone=check_timezone(timezone), **options)
    check_rule(rule)
    return rule


def every_rule(text: str | int, timezone: str = "UTC", **options) -> ScheduleRule:
    seconds = text if isinstance(text, int) else parse_every(text)
    return ScheduleRule(kind="every", every_s=seconds, timezone=check_timezone(timezone), **options)


def preset_cron(preset: str, *, minutes: int = 15, at: str = "06:00", weekday: int = 1, day: int = 1,
                minute: int = 0) -> str:
    """A preset as a cron expression (weekday: 0 = Sunday .. 6 = Saturday; at: 'HH:MM')."""
    hour, _, mins = at.partition(":")
    hm = f"{int(mins or 0)} {int(hour)}"
    crons = {"every N minutes": f"*/{minutes} * * * *", "hourly": f"{minute} * * * *", "daily": f"{hm} * * *",
             "weekdays": f"{hm} * * 1-5", "weekly": f"{hm} * * {weekday}", "monthly": f"{hm} {day} * *"}
    if preset not in crons:
        raise SpecError(f"'{preset}' is not a schedule preset.", hint=f"Presets: {', '.join(crons)}.")
    return crons[preset]


def check_rule(rule: ScheduleRule) -> None:
    """Refuse a rule that cannot be read or never fires."""
    trigger = build_trigger(rule)
    if trigger.get_next_fire_time(None, utcnow()) is None:
        raise SpecError(f"'{rule.cron}' never fires: no date matches it.",
                        hint="Check the day of month against the month (there is no 31 February).")


def build_trigger(rule: ScheduleRule) -> BaseTrigger:
    """The APScheduler trigger for a rule; every process builds the same one, so firing times agree."""
    tz = ZoneInfo(rule.timezone)
    if rule.kind == "every":
        return IntervalTrigger(seconds=rule.every_s, start_date=_aware(rule.anchor), timezone=tz)
    fields = (rule.cron or "").split()
    if len(fields) != 5:
        raise SpecError(f"'{rule.cron or ''}' is not a valid cron expression: it has {len(fields)} fields, not 5.",
                        hint=CRON_HINT)
    minute, hour, day, month, weekday = fields
    try:
        return CronTrigger(minute=minute, hour=hour, day=day, month=month, day_of_week=_weekday_names(weekday),
                           timezone=tz)
    except ValueError as exc:
        raise SpecError(f"'{rule.cron}' is not a valid cron expression: {_cron_reason(fields, str(exc))}.",
                        hint=CRON_HINT) from exc


def _weekday_names(field: str) -> str:
    """Cron's day-of-week field (0 or 7 = Sunday) with names, which APScheduler reads the cron way."""
    if field in ("*", "?"):
        return "*"
    days: set[int] = set()
    for part in field.lower().split(","):
        span, _, step = part.partition("/")
        if span == "*":
            first, last = 0, 6
        else:
            start, _, end = span.partition("-")
            first = _day_number(start)
            last = _day_number(end) if end else (6 if step else first)
            if last == 0 and end:
                last = 7  # '5-7' and '5-0' run through Sunday
        if not step.isdigit() and step:
            raise ValueError(f"Error validating expression '{part}': the step '{step}' is not a number")
        days.update(d % 7 for d in range(first, last + 1, int(step or 1)))
    return ",".join(DAY_NAMES[d] for d in sorted(days))


def _day_number(token: str) -> int:
    if token.isdigit() and 0 <= int(token) <= 7:
        return int(token)
    if token[:3] in DAY_NAMES:
        return DAY_NAMES.index(token[:3])
    raise ValueError(f"Error validating expression '{token}': a day of week is 0-7 or a name such as mon")


def _cron_reason(fields: list[str], message: str) -> str:
    """APScheduler's complaint, with the field it is about named."""
    found = re.search(r"expression '([^']*)'", message)
    reason = message.split(": ", 1)[-1].rstrip(".")
    if found:
        for name, value in zip(FIELD_NAMES, fields, strict=True):
            if found.group(1) in value.lower() or found.group(1) in value:
                return f"the {name} field '{value}': {reason}"
    return reason


def _aware(moment: datetime) -> datetime:
    """Datetimes read back from SQLite come without a zone; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# ---- when a rule fires -----------------------------------------------------------------

def next_runs(rule: ScheduleRule, count: int = 5, now: datetime | None = None) -> list[datetime]:
    """The next firings after now, in the rule's timezone."""
    trigger, moment, found = build_trigger(rule), _aware(now or utcnow()) + timedelta(microseconds=1), []
    previous = None
    while len(found) < count:
        moment = trigger.get_next_fire_time(previous, moment)
        if moment is None:
            break
        found.append(moment)
        previous, moment = moment, moment + timedelta(microseconds=1)
    return found


def due_firings(rule: ScheduleRule, since: datetime | None, now: datetime) -> Due | None:
    """Firings after ``since`` (or the rule's anchor) up to now; None when nothing is due."""
    start = max(_aware(rule.anchor), _aware(since)) if since else _aware(rule.anchor)
    now = _aware(now)
    if rule.kind == "every":
        first = _aware(rule.anchor) + timedelta(seconds=rule.every_s * ((start - _aware(rule.anchor)).total_seconds()
                                                                          // rule.every_s + 1))
        if first > now:
            return None
        count = int((now - first).total_seconds() // rule.every_s) + 1
        latest = first + timedelta(seconds=rule.every_s * (count - 1))
        return Due(count, latest, first, latest - timedelta(seconds=rule.every_s) if count > 1 else None)
    trigger, times = build_trigger(rule), []
    moment, previous = start + timedelta(microseconds=1), None
    while len(times) < CATCH_UP_SCAN:
        moment = trigger.get_next_fire_time(previous, moment)
        if moment is None or moment > now:
            break
        times.append(moment)
        previous, moment = moment, moment + timedelta(microseconds=1)
    if not times:
        return None
    if len(times) == CATCH_UP_SCAN:  # a long sleep: the latest is found by looking back a day from now
        recent = due_firings(rule.model_copy(update={"anchor": now - timedelta(days=1)}), None, now)
        if recent and recent.before_latest:
            return Due(CATCH_UP_SCAN, recent.latest, times[0], recent.before_latest)
    return Due(len(times), times[-1], times[0], times[-2] if len(times) > 1 else None)


# ---- words -----------------------------------------------------------------------------

def describe(rule: ScheduleRule) -> str:
    """The rule in words: 'At 06:00 AM, Monday through Friday (Europe/Berlin)'."""
    if rule.kind == "every":
        return f"Every {humanize.precisedelta(timedelta(seconds=rule.every_s))}"
    return f"{_cron_words(rule.cron)} ({rule.timezone})"


@cache
def _cron_words(expression: str) -> str:
    options = Options()
    options.use_24hour_time_format = True
    return get_description(expression, options)


def in_words(moment: datetime, tz: str, now: datetime | None = None) -> str:
    """'Mon 7 Dec 2026 at 06:00 CET (in 3 days)'."""
    local = _aware(moment).astimezone(ZoneInfo(tz))
    seconds = local.second and f":{local.second:02d}" or ""
    delta = _aware(moment) - _aware(now or utcnow())
    ago = f"in {humanize.naturaldelta(delta)}" if delta.total_seconds() >= 0 else f"{humanize.naturaldelta(-delta)} ago"
    return f"{local:%a} {local.day} {local:%b %Y} at {local:%H:%M}{seconds} {local.tzname()} ({ago})"


# ---- stored rules ----------------------------------------------------------------------

def rule_of(pipeline: Pipeline) -> ScheduleRule | None:
    """The pipeline's schedule, or None when it has none (old or unreadable entries count as none)."""
    if not pipeline.schedule or "kind" not in pipeline.schedule:
        return None
    try:
        return ScheduleRule.model_validate(pipeline.schedule)
    except ValidationError:
        return None


def set_schedule(session: Session, pipeline: Pipeline, rule: ScheduleRule | None) -> Pipeline:
    """Store (or with None remove) a pipeline's schedule; the anchor restarts so nothing before now is caught up."""
    if rule is not None:
        check_rule(rule)
        rule = rule.model_copy(update={"anchor": utcnow().replace(microsecond=0)})
    pipeline.schedule = rule.model_dump(mode="json") if rule else None
    pipeline.updated_at = utcnow()
    session.add(pipeline)
    session.commit()
    session.refresh(pipeline)
    return pipeline


def set_enabled(session: Session, pipeline: Pipeline, enabled: bool) -> Pipeline:
    rule = rule_of(pipeline)
    if rule is None:
        raise SpecError(f"'{pipeline.name}' has no schedule to turn {'on' if enabled else 'off'}.",
                        hint=f"Give it one: python -m etl_core schedule {pipeline.name} --every 1h")
    return set_schedule(session, pipeline, rule.model_copy(update={"enabled": enabled}))


def scheduled_pipelines(session: Session, *, enabled_only: bool = False) -> list[tuple[Pipeline, ScheduleRule]]:
    """Every pipeline with a schedule, by name."""
    found = []
    for pipeline in session.exec(select(Pipeline).where(Pipeline.schedule.is_not(None)).order_by(Pipeline.name)):
        rule = rule_of(pipeline)
        if rule and (rule.enabled or not enabled_only):
            found.append((pipeline, rule))
    return found


@cache
def timezones() -> list[str]:
    return sorted(available_timezones())


def rule_from_choice(repeat: str, *, timezone: str = "UTC", minutes: int = 15, at: str = "06:00", weekday: int = 1,
                     day: int = 1, minute: int = 0, every: str = "1h", cron: str = "", **options) -> ScheduleRule:
    """The rule a schedule form describes: a preset, an interval ('30s', '5m') or a cron expression."""
    if repeat == "interval":
        return every_rule(every, timezone, **options)
    if repeat == "cron":
        return cron_rule(cron, timezone, **options)
    return cron_rule(preset_cron(repeat, minutes=minutes, at=at, weekday=weekday, day=day, minute=minute), timezone,
                     **options)


def every_text(seconds: int) -> str:
    """An interval as the form and the command line write it: 90 -> '90s', 300 -> '5m'."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
