"""`"stepwise": true` in a run's body: each step computed on its own, its step_finished (rows, duration_s) sent as it
ends; the default fused run is untouched, and a pipeline parameter named stepwise stays a parameter."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.api.conftest import Api, error_of
from tests.api.test_stream import events


def test_a_stepwise_stream_sends_each_step_as_it_ends_with_its_time(api):
    arrived = []
    with api.client() as client, \
            client.stream("POST", "/pipelines/paced/stream", json={"stepwise": True}) as response:
        for kind, data in events(response):
            arrived.append((kind, time.perf_counter(), data))
    told = [(kind, data.get("step")) for kind, _, data in arrived if kind.startswith("step_")]
    assert told == [(kind, i) for i in range(1, 8) for kind in ("step_started", "step_finished")]
    assert arrived[-1][0] == "complete"
    run, complete_at = arrived[-1][2], arrived[-1][1]
    finished = [(when, data) for kind, when, data in arrived if kind == "step_finished"]
    assert [(d["rows"], d["duration_s"]) for _, d in finished] == [(s["rows"], s["duration_s"]) for s in run["steps"]]
    # spread over the run as the steps took it: the source's finish comes long before the end, and the slowest
    # step's finish at least about its own time after the step before it (sent together, they were milliseconds apart)
    assert complete_at - finished[0][0] >= 0.5 * run["duration_s"]
    slowest = max(range(1, len(finished)), key=lambda i: finished[i][1]["duration_s"])
    assert finished[slowest][1]["duration_s"] >= 0.1
    assert finished[slowest][0] - finished[slowest - 1][0] >= 0.5 * finished[slowest][1]["duration_s"]


def _run(api: Api, client: httpx.Client, way: str, body: dict) -> dict:
    """The recorded run, started the given way and followed to its end."""
    if way == "wait":
        return client.post("/pipelines/small", json=body).json()
    if way == "stream":
        with client.stream("POST", "/pipelines/small/stream", json=body) as response:
            return list(events(response))[-1][1]
    return api.wait_for_run(client.post("/pipelines/small/async", json=body).json()["id"])


@pytest.mark.parametrize("stepwise", [False, True])
@pytest.mark.parametrize("way", ["wait", "stream", "async"])
def test_every_way_to_run_times_each_step_only_when_asked(api, way, stepwise):
    body = {"params": {"min_quantity": 3}} | ({"stepwise": True} if stepwise else {})
    with api.client() as client:
        run = _run(api, client, way, body)
    assert run["status"] == "succeeded" and run["params"]["min_quantity"] == 3
    assert [s["duration_s"] is not None for s in run["steps"]] == [stepwise] * 5


def test_a_parameter_named_stepwise_stays_a_parameter(api):
    """The option sits beside `params`, never among them: the two cannot be taken for each other."""
    with api.client() as client:
        as_parameter = client.post("/pipelines/knobs", json={"params": {"stepwise": True}}).json()
        both = client.post("/pipelines/knobs", json={"params": {"stepwise": False}, "stepwise": True}).json()
    assert as_parameter["params"] == {"stepwise": True}
    assert all(s["duration_s"] is None for s in as_parameter["steps"])
    assert both["params"] == {"stepwise": False}
    assert all(s["duration_s"] is not None for s in both["steps"])


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_stepwise_takes_a_json_boolean_only(api, value):
    with api.client() as client:
        before = len(client.get("/pipelines/small/runs").json())
        response = client.post("/pipelines/small", json={"stepwise": value})
        after = len(client.get("/pipelines/small/runs").json())
    assert response.status_code == 422 and error_of(response)["type"] == "invalid_request"
    assert "stepwise" in error_of(response)["message"] and after == before


def test_the_openapi_schema_documents_the_option_and_its_cost(api):
    with httpx.Client(base_url=api.url) as client:
        schemas = client.get("/openapi.json").json()["components"]["schemas"]
    for body in ("RunBody", "AsyncRunBody"):
        option = schemas[body]["properties"]["stepwise"]
        assert option["type"] == "boolean" and option["default"] is False
        assert "duration_s" in option["description"] and "slower" in option["description"]
