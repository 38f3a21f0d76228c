"""POST /pipelines/{name}/stream: server-sent events read as they arrive, from the executor's own events."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx

from tests.api.conftest import error_of


def events(response: httpx.Response) -> Iterator[tuple[str, dict]]:
    """(event, data) pairs, each yielded as soon as its blank line arrives."""
    kind, data = None, []
    for line in response.iter_lines():
        if line.startswith("event:"):
            kind = line.removeprefix("event:").strip()
        elif line.startswith("data:"):
            data.append(line.removeprefix("data:").strip())
        elif not line and kind:
            yield kind, json.loads("\n".join(data))
            kind, data = None, []


def test_a_streamed_run_sends_every_step_then_the_run(api):
    body = {"params": {"min_quantity": 3}}
    with api.client() as client, client.stream("POST", "/pipelines/small/stream", json=body) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        received = list(events(response))
    kinds = [kind for kind, _ in received]
    assert kinds == ["queued", "run_started", *["step_started"] * 5, *["step_finished"] * 5, "complete"]
    run_id = received[0][1]["run_id"]
    assert all(data["run_id"] == run_id for _, data in received[:-1])
    finished = [data for kind, data in received if kind == "step_finished"]
    assert [d["step"] for d in finished] == [1, 2, 3, 4, 5] and [d["type"] for d in finished][-1] == "output"
    complete = received[-1][1]
    with api.client() as client:
        assert complete == client.get(f"/runs/{run_id}").json()
    assert complete["status"] == "succeeded" and [s["rows"] for s in complete["steps"]] == [d["rows"] for d in finished]


def test_events_arrive_while_the_run_is_still_going(api):
    """The first event comes while the run waits for another run of its pipeline to end: nothing is buffered."""
    with api.holding("waits") as other, api.client() as client, \
            client.stream("POST", "/pipelines/waits/stream") as response:
        stream = events(response)
        kind, queued = next(stream)
        status_while_held = client.get(queued["status_url"]).json()["status"]
        other.release()
        rest = [kind for kind, _ in stream]
    assert kind == "queued" and status_while_held == "queued"
    assert rest[0] == "run_started" and rest[-1] == "complete"


def test_each_event_is_sent_when_the_executor_emits_it_not_with_the_result(api):
    """On a run that takes a moment: run_started comes as the run's process starts, step_started as the one fused
    pass begins (every step together), step_finished when it has ended, complete last; each apart by the work."""
    arrived = []
    with api.client() as client, client.stream("POST", "/pipelines/heavy/stream") as response:
        for kind, data in events(response):
            arrived.append((kind, time.perf_counter(), data))
    kinds = [kind for kind, _, _ in arrived]
    assert kinds == ["queued", "run_started", *["step_started"] * 5, *["step_finished"] * 5, "complete"]
    at = {kind: [when for k, when, _ in arrived if k == kind] for kind in kinds}
    run = arrived[-1][2]
    assert run["status"] == "succeeded" and run["duration_s"] >= 0.1  # the moment it takes
    # as far apart as the executor took between emitting them (batched at the end, they were milliseconds apart)
    assert at["complete"][0] - at["run_started"][0] >= 0.8 * run["duration_s"]
    assert at["step_finished"][0] - at["step_started"][-1] >= 0.3 * run["duration_s"]
    assert all(d.get("duration_s") is None for k, _, d in arrived if k == "step_finished")  # a fused pass: untimed


def test_a_failing_run_streams_the_failed_step_then_an_error(api):
    with api.client() as client, client.stream("POST", "/pipelines/broken/stream") as response:
        received = list(events(response))
    kinds = [kind for kind, _ in received]
    assert kinds[-2:] == ["step_failed", "error"]
    failed, last = received[-2][1], received[-1][1]
    assert failed["step"] == 2 and failed["type"] == "validate"
    assert last["error"]["type"] == "execution_error" and last["error"]["step"] == 2
    assert last["run"]["status"] == "failed" and last["error"]["message"] == failed["message"]


def test_stream_errors_before_the_run_are_plain_json(api):
    with api.client() as client:
        response = client.post("/pipelines/small/stream", json={"params": {"min_quantity": "x"}})
    assert response.status_code == 422 and error_of(response)["type"] == "invalid_request"


def test_a_client_that_leaves_early_does_not_stop_the_run_or_keep_its_slot(api):
    with api.client() as client:
        with client.stream("POST", "/pipelines/small/stream") as response:
            kind, queued = next(events(response))  # then hang up
        run = api.wait_for_run(queued["run_id"])
        after = [client.post("/pipelines/busy").status_code for _ in range(api.settings.api_runs_per_key + 1)]
    assert kind == "queued" and run["status"] == "succeeded"
    assert after == [200] * (api.settings.api_runs_per_key + 1)
