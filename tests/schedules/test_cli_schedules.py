"""python -m etl_core schedule, schedules and runs (in this process: the worker's own test starts real ones)."""

from __future__ import annotations

import json

import pytest

from etl_core import firing, pipelines
from etl_core.__main__ import main
from etl_core.models import utcnow


@pytest.fixture
def run_cli(loaded, settings, monkeypatch, capsys):
    monkeypatch.setenv("SLUICE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SLUICE_LOAD_SAMPLES", "false")
    monkeypatch.delenv("DATABASE_URL", raising=False)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_schedule_with_cron_every_and_off(run_cli):
    code, out, _ = run_cli("schedule", "quick", "--cron", "0 6 * * 1-5", "--tz", "Europe/Berlin")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "quick: At 06:00, Monday through Friday (Europe/Berlin)"
    assert len(lines) == 6 and all(line.startswith("  next: ") and " at 06:00 CE" in line for line in lines[1:])
    code, out, _ = run_cli("schedule", "broken", "--every", "30s")
    assert out.splitlines()[0] == "broken: Every 30 seconds"
    code, out, _ = run_cli("schedules")
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        ["broken", "Every 30 seconds"], ["quick", "At 06:00, Monday through Friday (Europe/Berlin)"]]
    assert run_cli("schedule", "quick", "--off")[1] == "quick: schedule off\n"
    assert "\tnext: off" in run_cli("schedules")[1].splitlines()[1]
    assert run_cli("schedule", "quick", "--on")[1] == "quick: schedule on\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--cron", "0 6 * * 1-5 2026"], "error: '0 6 * * 1-5 2026' is not a valid cron expression: it has 6 fields, not 5."),
    (["--cron", "0 6 * *  mon", "--tz", "Berlin"], "error: 'Berlin' is not a timezone. Did you mean"),
    (["--every", "5 minutes"], "error: '5 minutes' is not an interval."),
    (["--every", "1h", "--grace", "soon"], "error: --grace 'soon' is not an interval."),
    (["--off"], "error: 'quick' has no schedule to turn off."),
])
def test_bad_schedules_are_refused(run_cli, args, message):
    code, _, err = run_cli("schedule", "quick", *args)
    assert code == 1 and err.startswith(message)


def test_an_unknown_pipeline(run_cli):
    code, _, err = run_cli("schedule", "nope", "--every", "1h")
    assert code == 1 and err.startswith("error: There is no pipeline 'nope'. Pipelines: broken, quick.")


def test_runs_newest_first_as_text_and_json(run_cli, loaded, settings):
    run_cli("schedule", "broken", "--every", "1h")
    when = utcnow().replace(microsecond=0)
    firing.fire(loaded, settings, "broken", when)
    pipelines.run_pipeline(loaded, settings, pipelines.RunRequest("quick", trigger="cli"))
    code, out, _ = run_cli("runs", "--json")
    rows = json.loads(out)
    assert [(r["pipeline"], r["trigger"], r["status"]) for r in rows] == [("quick", "cli", "succeeded"),
                                                                          ("broken", "schedule", "failed")]
    assert rows[0]["rows"] == rows[0]["rows_out"] == 2 and rows[1]["scheduled_for"] == when.isoformat()
    code, out, _ = run_cli("runs", "quick")
    header, line = out.splitlines()
    assert header.split() == ["id", "pipeline", "trigger", "scheduled_for", "status", "started", "duration", "rows"]
    assert line.split()[1:4] == ["quick", "cli", "-"] and line.endswith("3 -> 2")
    assert "There is no pipeline 'nope'" in run_cli("runs", "nope")[2]
