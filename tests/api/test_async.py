"""POST /pipelines/{name}/async: 202 and a status URL, polled to the end; a signed webhook to a receiver on
loopback (opened by the allow-list), retried; addresses a webhook may not reach; at most N runs per key (429)."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from sqlmodel import select

from etl_core.db import session_scope
from etl_core.models import RunLog
from tests.api.conftest import error_of


def test_a_background_run_answers_202_and_is_polled_to_its_end(api):
    with api.client() as client:
        response = client.post("/pipelines/small/async", json={"params": {"channel": "Store"}})
    assert response.status_code == 202
    accepted = response.json()
    assert accepted == {"id": accepted["id"], "status": "queued", "status_url": f"/runs/{accepted['id']}"}
    assert response.headers["location"] == accepted["status_url"]
    run = api.wait_for_run(accepted["id"])
    assert run["status"] == "succeeded" and run["params"] == {"min_quantity": 1, "channel": "Store"}  # defaults filled
    assert run["result"]["total_rows"] == run["rows_out"]


class Receiver:
    """A webhook receiver on loopback: answers 500 to the first delivery, then 200; keeps what it was sent."""

    def __init__(self) -> None:
        self.deliveries: list[tuple[dict[str, str], bytes]] = []
        self.delivered = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.deliveries.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(500 if len(outer.deliveries) == 1 else 200)
                self.end_headers()
                if len(outer.deliveries) > 1:
                    outer.delivered.set()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/sluice"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    yield found
    found.server.shutdown()
    found.server.server_close()


def test_the_webhook_is_signed_with_the_keys_secret_and_retried(api, receiver):
    with api.client() as client:
        accepted = client.post("/pipelines/small/async", json={"webhook_url": receiver.url}).json()
    assert receiver.delivered.wait(120), "the webhook never arrived"
    run = api.wait_for_run(accepted["id"])
    assert len(receiver.deliveries) == 2  # the first answered 500, so it came again
    for headers, body in receiver.deliveries:
        expected = "sha256=" + hmac.new(api.webhook_secret.encode(), body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(headers["x-sluice-signature"], expected)
        assert headers["x-sluice-run"] == str(accepted["id"]) and headers["content-type"] == "application/json"
        assert json.loads(body) == {"event": "run.finished", "run": run}
    with session_scope(api.engine) as session:
        logged = [r.message for r in session.exec(select(RunLog).where(RunLog.run_id == accepted["id"],
                                                                        RunLog.kind == "webhook"))]
    assert logged == ["webhook delivered on attempt 2 (answered 200)"]


@pytest.mark.parametrize("url, says", [
    ("http://localhost:9/hook", "a loopback address"),  # loopback by another name: only 127.0.0.1 is allowed
    ("http://169.254.169.254/latest/meta-data", "a link-local address"),
    ("http://10.1.2.3/hook", "a private address"),
    ("ftp://example.com/hook", "is not an http:// or https:// address"),
    ("not a url", "is not an http:// or https:// address"),
])
def test_a_webhook_that_would_reach_inside_the_network_is_422_and_nothing_runs(api, url, says):
    with api.client() as client:
        before = len(client.get("/pipelines/small/runs").json())
        response = client.post("/pipelines/small/async", json={"webhook_url": url})
        after = len(client.get("/pipelines/small/runs").json())
    assert response.status_code == 422
    error = error_of(response)
    assert error["message"].startswith("webhook_url: ") and says in error["message"]
    assert before == after


def test_past_the_runs_per_key_the_next_run_is_429_and_other_keys_go_on(api):
    limit = api.settings.api_runs_per_key
    with api.client() as client, api.client(key=api.other_key) as other:
        with api.holding("waits"):
            waiting = [client.post("/pipelines/waits/async").json()["id"] for _ in range(limit)]
            refused = client.post("/pipelines/small")
            streamed = client.post("/pipelines/small/stream")
            others = other.post("/pipelines/busy")
        ended = [api.wait_for_run(run_id)["status"] for run_id in waiting]
        again = client.post("/pipelines/small")
    for response in (refused, streamed):
        assert response.status_code == 429 and response.headers["retry-after"] == "5"
        assert error_of(response) == {"type": "too_many_runs",
                                      "message": f"The key 'tests' already has {limit} run(s) going; wait for one to finish."}
    assert others.status_code == 200
    assert ended == ["succeeded"] * limit
    assert again.status_code == 200  # the slots were given back


def test_a_webhook_that_never_succeeds_is_given_up_and_noted(api):
    class Failing(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(503)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with api.client() as client:
            accepted = client.post("/pipelines/small/async",
                                   json={"webhook_url": f"http://127.0.0.1:{server.server_port}/h"}).json()
        api.wait_for_run(accepted["id"])
        deadline = time.monotonic() + 60  # the last attempt's note follows the run's end
        while True:
            with session_scope(api.engine) as session:
                logged = [r.message for r in session.exec(select(RunLog).where(RunLog.run_id == accepted["id"],
                                                                                RunLog.kind == "webhook"))]
            if logged or time.monotonic() > deadline:
                break
            time.sleep(0.1)
    finally:
        server.shutdown()
        server.server_close()
    assert logged == [f"webhook not delivered after {api.settings.api_webhook_attempts} attempts: answered 503"]
