"""Webhooks: a Slack/Teams body to a local receiver, retried; a failed delivery is logged and never fails the run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import threading
import time

import pytest
from sqlmodel import Session

from etl_core import firing, notify, schedules
from etl_core.__main__ import main
from etl_core.errors import RequestRefusedError
from etl_core.loaders.fetch import check_url
from etl_core.models import utcnow
from etl_core.run_history import log_lines
from tests.schedules.conftest import runs_of, set_rule

HOUR = schedules.every_rule("1h")


@pytest.fixture(autouse=True)
def quick_backoff(monkeypatch):
    monkeypatch.setattr(notify, "BACKOFF_S", 0.01)


def now() -> dt.datetime:
    return utcnow().replace(microsecond=0)


def test_a_failure_is_posted_as_slack_and_teams_read_it(loaded, settings, receiver):
    hook = receiver()
    set_rule(loaded, "broken", HOUR.model_copy(update={"webhook_url": hook.url}))
    firing.fire(loaded, settings, "broken", now())
    (body,) = hook.bodies
    (run,) = runs_of(loaded, "broken")
    assert body["text"].startswith("❌ Sluice: 'broken' failed (scheduled for ")
    assert "column 'amout' does not exist" in body["text"]
    assert body["sluice"]["run_id"] == run.id and body["sluice"]["status"] == "failed"
    assert body["sluice"]["failed_step"] == 2
    with Session(loaded) as session:
        assert log_lines(session, run.id)[-1].text == "notify: Webhook delivered."


def test_success_is_posted_only_when_asked(loaded, settings, receiver):
    hook = receiver()
    set_rule(loaded, "quick", HOUR.model_copy(update={"webhook_url": hook.url}))
    firing.fire(loaded, settings, "quick", now() - dt.timedelta(seconds=5))
    assert hook.bodies == []
    set_rule(loaded, "quick", HOUR.model_copy(update={"webhook_url": hook.url, "notify_on_success": True}))
    firing.fire(loaded, settings, "quick", now())
    assert hook.bodies[0]["text"].startswith("✅ Sluice: 'quick' succeeded")
    assert "3 rows in, 2 out" in hook.bodies[0]["text"]


def test_a_webhook_that_fails_is_retried_logged_and_the_run_still_succeeds(loaded, settings, receiver):
    hook = receiver(500, 503, 500)
    set_rule(loaded, "quick", HOUR.model_copy(update={"webhook_url": hook.url, "notify_on_success": True}))
    result = firing.fire(loaded, settings, "quick", now())
    (run,) = runs_of(loaded, "quick")
    assert run.status == "succeeded" and len(hook.bodies) == 3
    assert result.notified == "The webhook was not delivered: the webhook answered HTTP 500"
    with Session(loaded) as session:
        last = log_lines(session, run.id)[-1]
    assert (last.level, last.text) == ("warning", "warning: The webhook was not delivered: the webhook answered HTTP 500")


def test_a_webhook_that_recovers_is_delivered(loaded, settings, receiver):
    hook = receiver(503)
    body = {"text": "hello"}
    assert notify.send(settings, hook.url, body) is None
    assert hook.bodies == [body, body]


def test_a_webhook_nobody_answers(loaded, settings, receiver):
    hook = receiver()
    hook.server.shutdown()
    hook.server.server_close()
    problem = notify.send(settings, hook.url, {"text": "x"})
    assert problem.startswith(f"The webhook was not delivered: Could not reach {hook.url}")


class Silent:
    """A receiver that accepts each connection and never answers (a hung webhook), on loopback."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}/hook"
        self.accepted: list[tuple[float, socket.socket]] = []
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:  # closed: the test is over
                return
            self.accepted.append((time.time(), connection))

    def close(self) -> None:
        self.server.close()
        for _, connection in self.accepted:
            connection.close()


def test_a_webhook_that_accepts_and_hangs_neither_fails_nor_holds_up_the_run(loaded, settings):
    hung = Silent()
    settings = dataclasses.replace(settings, http_timeout_s=0.5)
    set_rule(loaded, "quick", HOUR.model_copy(update={"webhook_url": hung.url, "notify_on_success": True}))
    started = time.monotonic()
    try:
        result = firing.fire(loaded, settings, "quick", now())
    finally:
        hung.close()
    took = time.monotonic() - started
    (run,) = runs_of(loaded, "quick")
    assert run.status == result.outcome == "succeeded"
    assert result.notified == f"The webhook was not delivered: {hung.url} did not answer within 0.5 s."
    assert len(hung.accepted) == notify.ATTEMPTS
    # the run was finished and recorded before the webhook was tried, and the firing waited on it only as
    # long as the timeout allows: three attempts of 0.5 s (and the backoff between), not for ever
    assert run.finished_at.timestamp() <= hung.accepted[0][0]
    assert took < notify.ATTEMPTS * 0.5 + 5
    with Session(loaded) as session:
        assert log_lines(session, run.id)[-1].level == "warning"


def test_webhook_addresses_follow_the_endpoint_rules(loaded, settings, receiver, monkeypatch, capsys):
    hook = receiver()
    strict = dataclasses.replace(settings, allowed_hosts=())
    with pytest.raises(RequestRefusedError, match="leads to 127.0.0.1, a loopback address: Sluice does not fetch"):
        check_url(hook.url, allowed_hosts=())
    assert notify.send(strict, hook.url, {"text": "x"}).startswith("The webhook was not delivered: http://127.0.0.1")
    assert hook.bodies == []  # refused before any request
    with pytest.raises(RequestRefusedError, match="is not an http:// or https:// address"):
        check_url("file:///etc/passwd", allowed_hosts=())
    monkeypatch.setenv("SLUICE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SLUICE_LOAD_SAMPLES", "false")
    assert main(["schedule", "quick", "--every", "1h", "--webhook", "http://169.254.169.254/latest"]) == 1
    assert "leads to 169.254.169.254, a link-local address" in capsys.readouterr().err
