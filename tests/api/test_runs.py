"""Runs over the API: run and wait, parameters checked by type, the errors of a run (409, 422, 500 with its step,
504), run history, and the files a run wrote (nothing else)."""

from __future__ import annotations

import polars as pl
import pytest

from etl_core import pipelines
from etl_core.db import session_scope
from tests.api.conftest import SAMPLE, error_of
from tests.conftest import SAMPLES


def test_list_and_describe_show_parameters_outputs_and_steps(api):
    with api.client() as client:
        listed = {p["name"]: p for p in client.get("/pipelines").json()}
        described = client.get(f"/pipelines/{SAMPLE}").json()
    with session_scope(api.engine) as session:
        spec = pipelines.spec_of(pipelines.get_pipeline(session, SAMPLE))
    sample = listed[SAMPLE]
    assert sample["parameters"] == [{"name": p.name, "type": p.type, "default": p.default, "description": p.description,
                                     "required": False} for p in spec.parameters]
    assert sample["output_schema"] == spec.output_types
    assert described == sample | {"steps": spec.as_data()["steps"]}
    assert listed["small"]["output_schema"] == {"region": "string", "orders": "integer"}


def test_run_and_wait_returns_the_run_with_rows_outputs_and_the_first_rows(api):
    with api.client() as client:
        response = client.post("/pipelines/small", json={"params": {"min_quantity": 5, "channel": "Partner"}})
        assert response.status_code == 200, response.text
        run = response.json()
        download = client.get(run["outputs"][0]["url"])
    orders = pl.read_csv(SAMPLES / "orders.csv")
    expected = (orders.filter((pl.col("quantity") >= 5) & (pl.col("channel") == "Partner"))
                .group_by("region").len("orders").sort("region"))
    assert run["status"] == "succeeded" and run["trigger"] == "api"
    assert run["params"] == {"min_quantity": 5, "channel": "Partner"}
    assert run["rows_in"] == orders.height and run["rows_out"] == expected.height
    assert [s["type"] for s in run["steps"]] == ["source", "filter", "aggregate", "sort", "output"]
    assert run["result"]["rows"] == expected.to_dicts() and run["result"]["total_rows"] == expected.height
    assert run["outputs"][0] | {"url": None} == {"step": 5, "format": "csv", "file": "small.csv", "table": None,
                                                  "rows": expected.height, "url": None}
    assert download.status_code == 200 and pl.read_csv(download.content).equals(expected.cast({"orders": pl.Int64}))
    assert run["started_at"] and run["finished_at"] and run["duration_s"] > 0


@pytest.mark.parametrize("params, message", [
    ({"min_quantity": "many"}, "parameter 'min_quantity' must be a integer"),
    ({"min_quantity": 2.5}, "parameter 'min_quantity' must be a integer"),
    ({"channel": 7}, "parameter 'channel' must be a string"),
    ({"colour": "red"}, "'colour' is not a parameter of 'small' (parameters: min_quantity, channel)"),
])
def test_parameters_of_the_wrong_type_or_name_are_422_and_nothing_runs(api, params, message):
    with api.client() as client:
        before = len(client.get("/pipelines/small/runs").json())
        response = client.post("/pipelines/small", json={"params": params})
        after = len(client.get("/pipelines/small/runs").json())
    assert response.status_code == 422
    assert error_of(response)["message"].startswith(message)
    assert before == after


@pytest.mark.parametrize("since", [0, 1_700_000_000, 2025.5, True, "0", "1700000000", "31/01/2025", ""])
def test_a_date_parameter_takes_only_text_like_2025_01_31(api, since):
    """A number is not a date (read as a Unix timestamp before, 0 ran the sample from 1970-01-01)."""
    with api.client() as client:
        before = len(client.get(f"/pipelines/{SAMPLE}/runs").json())
        response = client.post(f"/pipelines/{SAMPLE}", json={"params": {"since": since}})
        after = len(client.get(f"/pipelines/{SAMPLE}/runs").json())
    assert response.status_code == 422
    assert error_of(response) == {"type": "invalid_request", "message": (
        "parameter 'since' must be a date: write it as text like \"2025-01-31\"")}
    assert before == after


def test_a_date_parameter_given_as_text_runs_with_that_date(api):
    with api.client() as client:
        response = client.post(f"/pipelines/{SAMPLE}", json={"params": {"since": "2025-01-31"}})
    assert response.status_code == 200, response.text
    assert response.json()["params"] == {"since": "2025-01-31"}


@pytest.mark.parametrize("body", [b"[1, 2]", b"{not json", b'{"params": [1]}', b'{"param": {}}'])
def test_a_body_of_the_wrong_shape_is_422(api, body):
    with api.client() as client:
        response = client.post("/pipelines/small", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert error_of(response)["type"] == "invalid_request"


def test_an_execution_error_is_500_naming_the_step(api):
    with api.client() as client:
        response = client.post("/pipelines/broken")
        error = error_of(response)
        run = client.get(f"/runs/{error['run_id']}").json()
    assert response.status_code == 500
    assert error["type"] == "execution_error" and error["step"] == 2
    breaking = pl.read_csv(SAMPLES / "orders.csv").filter(pl.col("region") != "North").height
    assert error["message"] == (f"Step 2 (validate): region is one of ['North']: {breaking} row(s) break it. "
                                "Fix the data, or set on_failure to drop or warn.")
    assert run["status"] == "failed" and run["failed_step"] == 2 and run["outputs"] == []


def test_past_the_time_limit_is_504(api):
    with api.client() as client:
        response = client.post("/pipelines/too_slow")
    assert response.status_code == 504
    error = error_of(response)
    assert error["type"] == "time_limit" and "timed out after" in error["message"]


def test_already_running_is_409(api):
    with api.holding("busy") as holder, api.client() as client:
        waiting = client.post("/pipelines/busy")
        streamed = client.post("/pipelines/busy/stream")
        background = client.post("/pipelines/busy/async")
    for response in (waiting, streamed, background):
        assert response.status_code == 409
        assert error_of(response) == {"type": "already_running", "run_id": holder.run_id,
                                      "message": f"'busy' is already running (run {holder.run_id})."}


def test_run_history_newest_first_and_one_run_in_detail(api):
    with api.client() as client:
        first = client.post("/pipelines/busy").json()
        second = client.post("/pipelines/busy").json()
        history = client.get("/pipelines/busy/runs", params={"limit": 2}).json()
        failed = client.get("/pipelines/broken/runs", params={"status": "failed"}).json()
        detail = client.get(f"/runs/{first['id']}").json()
    assert [r["id"] for r in history] == [second["id"], first["id"]]
    assert all(r["status"] == "failed" for r in failed) and failed
    assert detail == first | {"result": None}  # no output file: no rows to show


def test_outputs_serve_only_files_the_run_recorded(api):
    with api.client() as client:
        run = client.post("/pipelines/small").json()
        (api.settings.data_dir / "outputs" / "other.csv").write_text("secret\n")
        asked = {name: client.get(f"/runs/{run['id']}/outputs/{name}").status_code
                 for name in ("other.csv", "..%2F..%2Fsluice.db", "../sluice.db", "%2e%2e/sluice.db", "secret.key")}
        served = client.get(f"/runs/{run['id']}/outputs/small.csv")
    assert set(asked.values()) == {404}, asked
    assert served.status_code == 200
    assert served.content == (api.settings.data_dir / "outputs" / "small.csv").read_bytes()


def test_a_file_written_again_by_a_later_run_is_410_for_the_earlier_run(api):
    with api.client() as client:
        earlier = client.post("/pipelines/small").json()
        later = client.post("/pipelines/small").json()
        gone = client.get(f"/runs/{earlier['id']}/outputs/small.csv")
        current = client.get(f"/runs/{later['id']}/outputs/small.csv")
    assert gone.status_code == 410
    assert error_of(gone)["message"] == f"Run {later['id']} has written 'small.csv' again since run {earlier['id']}."
    assert current.status_code == 200
