"""Who may call what: keys in either header, 401 for none, a wrong or a revoked key, 403 for what is not exposed,
404 for what does not exist; /health needs no key; bodies are bounded."""

from __future__ import annotations

import time

import pytest

from etl_core import pipelines
from etl_core.db import session_scope
from tests.api.conftest import SAMPLE, error_of


def test_health_needs_no_key_and_says_the_database_answers(api):
    with api.client(key=None) as client:
        health = client.get("/health")
    assert health.status_code == 200
    assert health.json() | {"version": "x"} == {"status": "ok", "version": "x", "database": True, "scheduler": "none"}


def test_health_says_whether_a_scheduler_runs_on_the_database(api):
    from etl_core.scheduler import Scheduler

    scheduler = Scheduler(api.engine, api.settings, kind="worker").start()
    try:
        with api.client(key=None) as client:
            states = []
            for _ in range(100):  # its first heartbeat comes from its first sync, on its own thread
                states.append(client.get("/health").json()["scheduler"])
                if states[-1] == "running":
                    break
                time.sleep(0.2)
            assert states[-1] == "running" and set(states) <= {"none", "running"}
    finally:
        scheduler.shutdown()
    with api.client(key=None) as client:
        assert client.get("/health").json()["scheduler"] == "stopped"


@pytest.mark.parametrize("headers, message", [
    ({}, "An API key is needed"),
    ({"Authorization": "Bearer sluice_not-a-key"}, "This API key is not valid."),
    ({"X-API-Key": "something else"}, "This API key is not valid."),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, "An API key is needed"),
])
def test_no_key_or_a_wrong_one_is_401(api, headers, message):
    with api.client(key=None) as client:
        response = client.get("/pipelines", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    error = error_of(response)
    assert error["type"] == "unauthorized" and error["message"].startswith(message)


def test_a_revoked_key_is_refused_by_name(api):
    with api.client(key=api.revoked_key) as client:
        response = client.get("/pipelines")
    assert response.status_code == 401
    assert error_of(response)["message"] == "The API key 'gone' was revoked."


def test_the_key_works_in_either_header(api):
    with api.client(key=None) as client:
        bearer = client.get("/pipelines", headers={"Authorization": f"Bearer {api.key}"})
        header = client.get("/pipelines", headers={"X-API-Key": api.other_key})
    assert bearer.status_code == header.status_code == 200
    assert bearer.json() == header.json()


def test_only_exposed_pipelines_are_listed_and_reachable(api):
    with api.client() as client:
        listed = [p["name"] for p in client.get("/pipelines").json()]
        hidden = client.get("/pipelines/hidden")
        run_hidden = client.post("/pipelines/hidden")
        missing = client.get("/pipelines/nope")
    with session_scope(api.engine) as session:
        exposed = sorted(p.name for p in pipelines.list_pipelines(session) if p.exposed)
    assert listed == exposed and "hidden" not in listed and SAMPLE in listed
    assert hidden.status_code == run_hidden.status_code == 403
    assert error_of(hidden) == {"type": "forbidden", "message": "The pipeline 'hidden' is not exposed over the API."}
    assert missing.status_code == 404 and error_of(missing)["type"] == "not_found"


def test_expose_off_and_on_takes_effect_at_once(api):
    with api.client() as client:
        with session_scope(api.engine) as session:
            pipelines.expose_pipeline(session, "busy", False)
        off = client.get("/pipelines/busy").status_code
        with session_scope(api.engine) as session:
            pipelines.expose_pipeline(session, "busy", True)
        on = client.get("/pipelines/busy").status_code
    assert (off, on) == (403, 200)


def test_a_run_of_a_pipeline_that_is_not_exposed_is_403(api):
    from etl_core.models import PipelineRun

    with session_scope(api.engine) as session:
        run = PipelineRun(pipeline_name="hidden", status="succeeded")
        session.add(run)
        session.flush()
        run_id = run.id
    with api.client() as client:
        shown = client.get(f"/runs/{run_id}")
        missing = client.get("/runs/999999")
    assert shown.status_code == 403 and "not exposed" in error_of(shown)["message"]
    assert missing.status_code == 404 and error_of(missing)["message"] == "There is no run 999999."


def test_a_body_over_the_limit_is_413_whether_declared_or_not(api):
    big = b'{"params": {"channel": "' + b"x" * (api.settings.api_max_body_kb * 1024) + b'"}}'

    def chunks():  # no Content-Length: counted as it arrives
        yield big[:1000]
        yield big[1000:]

    with api.client() as client:
        declared = client.post("/pipelines/small", content=big, headers={"Content-Type": "application/json"})
        streamed = client.post("/pipelines/small", content=chunks(), headers={"Content-Type": "application/json"})
    for response in (declared, streamed):
        assert response.status_code == 413
        assert error_of(response)["type"] == "body_too_large"


def test_an_unknown_route_and_a_wrong_method_keep_the_error_shape(api):
    with api.client() as client:
        unknown = client.get("/nothing/here")
        wrong = client.delete("/pipelines")
    assert unknown.status_code == 404 and error_of(unknown)["type"] == "not_found"
    assert wrong.status_code == 405 and error_of(wrong)["type"] == "method_not_allowed"


def test_every_call_is_logged_with_key_pipeline_status_and_duration(api, caplog):
    import re
    import time

    caplog.set_level("INFO", logger="sluice.api.audit")
    with api.client() as client:
        run = client.post("/pipelines/busy").json()
        client.get("/pipelines/nope")
    wanted = [re.compile(r"key=tests POST /pipelines/busy pipeline=busy status=200 duration_ms=\d+\.\d"),
              re.compile(r"key=tests GET /pipelines/nope pipeline=nope status=404 duration_ms=\d+\.\d"),
              re.compile(rf"run {run['id']} key=tests pipeline=busy event=run_finished status=succeeded")]
    deadline = time.monotonic() + 30  # the line is written once the answer has gone out
    while time.monotonic() < deadline and not all(any(w.search(m) for m in caplog.messages) for w in wanted):
        time.sleep(0.05)
    assert all(any(w.search(m) for m in caplog.messages) for w in wanted), caplog.messages
    assert not any(api.key in m for m in caplog.messages)  # the key itself is never logged
