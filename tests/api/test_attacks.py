"""Attacks on the HTTP API, each reproduced against a real server: what a key holder (or a careless client)
could reach or break before it was fixed."""

from __future__ import annotations

import json
from typing import Any

from etl_core import pipelines
from etl_core.db import session_scope
from etl_core.spec import parse_spec
from tests.api.conftest import error_of


def save(api, spec: dict[str, Any], exposed: bool = True) -> None:
    with session_scope(api.engine) as session:
        pipelines.save_pipeline(session, api.settings, parse_spec(json.dumps(spec)))
        pipelines.expose_pipeline(session, spec["name"], exposed)


def test_a_database_password_in_a_spec_is_never_shown_by_describe(api):
    """A spec can no longer hold one (parse_spec refuses it); one an older version stored loses it on start."""
    from etl_core.models import Pipeline
    from etl_core.startup import seal_stored_secrets

    with session_scope(api.engine) as session:
        session.add(Pipeline(name="to_warehouse", exposed=True, spec={"name": "to_warehouse", "steps": [
            {"type": "source", "source": "products"},
            {"type": "output", "format": "table", "url": "postgresql://etl:S3cretPw@db.internal:5432/wh", "table": "t"}]}))
    seal_stored_secrets(api.engine, api.settings)
    with api.client() as client:
        described = client.get("/pipelines/to_warehouse")
        listed = client.get("/pipelines")
    assert described.status_code == listed.status_code == 200
    assert "S3cretPw" not in described.text and "S3cretPw" not in listed.text
    output = described.json()["steps"][1]
    assert output["url"] == "postgresql://etl@db.internal:5432/wh" and output["table"] == "t"


def test_an_output_rewritten_by_a_hidden_pipeline_is_not_served_through_an_exposed_run(api):
    """Two pipelines write the same file; the hidden one ran last: the exposed run's link must not serve its rows."""
    output = {"type": "output", "format": "csv", "path": "shared_by_two.csv"}
    save(api, {"name": "public_part", "steps": [{"type": "source", "source": "orders"}, {"type": "limit", "rows": 2},
                                                 {"type": "select", "columns": ["region"]}, output]})
    save(api, {"name": "private_part", "steps": [{"type": "source", "source": "customers"}, output]}, exposed=False)
    with api.client() as client:
        run = client.post("/pipelines/public_part").json()
        assert run["status"] == "succeeded"
        hidden = pipelines.run_pipeline(api.engine, api.settings, pipelines.RunRequest("private_part"))
        assert hidden.status == "succeeded"
        download = client.get(f"/runs/{run['id']}/outputs/shared_by_two.csv")
        shown = client.get(f"/runs/{run['id']}").json()
    assert download.status_code == 410, download.text[:300]
    assert error_of(download)["type"] == "gone"
    assert shown["result"] is None  # no preview read from the hidden pipeline's file


def test_an_async_run_refused_for_its_webhook_secret_does_not_keep_a_run_slot(api):
    """A webhook secret that cannot be opened (SLUICE_SECRET_KEY changed) refused the run after its slot was taken,
    and never gave it back: two such calls locked the key out for good."""
    from etl_core import api_keys, secrets_store
    from etl_core.models import ApiKey

    with session_scope(api.engine) as session:
        made = api_keys.create_key(session, api.settings, "rotated")
        key = session.get(ApiKey, api_keys.find_key(session, made.key).id)
        key.webhook_secret = secrets_store.PREFIX + "gAAAAABnot-a-token"
        session.add(key)
    hook = {"webhook_url": "http://127.0.0.1:9/hook"}
    with api.client(key=made.key) as client:
        refused = [client.post("/pipelines/busy/async", json=hook) for _ in range(api.settings.api_runs_per_key + 1)]
        after = client.post("/pipelines/busy")
    assert {r.status_code for r in refused} == {422}
    assert "cannot be decrypted" in error_of(refused[0])["message"]
    assert after.status_code == 200, after.text




def test_streams_waiting_for_their_runs_do_not_starve_other_streams(api):
    """Each stream used to block a thread of the event loop's small default pool while its run waited; once a few
    streams (from a few keys) waited, a new stream sent nothing, not even its first event, until one of them ended."""
    import concurrent.futures
    import contextlib
    import os
    import time

    from etl_core import api_keys
    from tests.api.test_stream import events

    pool_size = min(32, (os.cpu_count() or 1) + 4)  # asyncio's default executor
    per_key = api.settings.api_runs_per_key
    with session_scope(api.engine) as session:
        keys = [api_keys.create_key(session, api.settings, f"streamer {i}").key
                for i in range(-(-(pool_size + 1) // per_key))]

    def first_event(key: str) -> str:
        with api.client(key=key) as client, client.stream("POST", "/pipelines/waits/stream") as response:
            return next(events(response))[0]

    with api.holding("waits") as other, contextlib.ExitStack() as streams, \
            concurrent.futures.ThreadPoolExecutor(1) as reader:
        try:
            for i in range(pool_size):  # each waits for the held run, its stream open
                client = streams.enter_context(api.client(key=keys[i // per_key]))
                response = streams.enter_context(client.stream("POST", "/pipelines/waits/stream"))
                assert next(events(response))[0] == "queued"
            time.sleep(3)  # lets each of those streams go back to waiting for its next event (the starving state)
            late = reader.submit(first_event, keys[pool_size // per_key])
            try:  # pings keep a starved stream open for ever: its first event is waited for here, at most 60 s
                first = late.result(timeout=60)
            except concurrent.futures.TimeoutError:
                first = None
        finally:
            other.release()
    api.wait_until_idle()
    assert first == "queued"


def test_a_path_cannot_forge_lines_in_the_audit_log(api, caplog):
    """The audit line held the decoded path: %0A in a URL started a new, made-up line (any caller, even without a key)."""
    import time

    caplog.set_level("INFO", logger="sluice.api.audit")
    forged = "key=admin POST /pipelines/payroll pipeline=payroll status=200 duration_ms=1.0"
    with api.client(key=None) as client:
        response = client.get("/pipelines/x%0D%0A" + forged.replace(" ", "%20"))
    assert response.status_code == 404  # the decoded path holds slashes: no route, but a line all the same
    deadline = time.monotonic() + 30  # the line is written once the answer has gone out
    while time.monotonic() < deadline and not any("/pipelines/x" in m for m in caplog.messages):
        time.sleep(0.05)
    lines = [m for m in caplog.messages if "/pipelines/x" in m]
    assert lines and all("\n" not in m and "\r" not in m for m in lines), lines
    assert not any(m.startswith("key=admin") for m in "\n".join(caplog.messages).splitlines())


def test_questions_count_against_the_keys_runs_at_once(api):
    """/ask reads each source whole into the server's own process (no run process, no memory limit), yet a key could
    ask any number of questions at once while its runs were bounded."""
    limit = api.settings.api_runs_per_key
    question = {"question": "how many orders", "sources": ["orders"]}
    with api.client() as client:
        with api.holding("waits"):
            waiting = [client.post("/pipelines/waits/async").json()["id"] for _ in range(limit)]
            refused = client.post("/ask", json=question)
        for run_id in waiting:
            api.wait_for_run(run_id)
        answered = client.post("/ask", json=question)
    assert refused.status_code == 429 and error_of(refused)["type"] == "too_many_runs"
    assert answered.status_code == 200 and answered.json()["answered"] is True


def test_a_run_of_a_hidden_pipeline_does_not_name_it(api):
    """Walking run ids gave away the names of pipelines their owners had not exposed."""
    save(api, {"name": "secret_merger_model", "steps": [{"type": "source", "source": "products"}]}, exposed=False)
    run = pipelines.run_pipeline(api.engine, api.settings, pipelines.RunRequest("secret_merger_model"))
    with api.client() as client:
        shown = client.get(f"/runs/{run.id}")
        download = client.get(f"/runs/{run.id}/outputs/anything.csv")
    for response in (shown, download):
        assert response.status_code == 403 and error_of(response)["type"] == "forbidden"
        assert "secret_merger_model" not in response.text
