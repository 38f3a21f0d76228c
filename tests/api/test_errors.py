"""The catch-all: an unexpected failure inside an endpoint is 500 `internal` in the one shape, its trace only in the
server's log, and the key's run slot is given back."""

from __future__ import annotations

import logging

from etl_core import sources, storage
from etl_core.db import session_scope
from tests.api.conftest import error_of, serve


def test_an_unexpected_failure_is_500_internal_with_no_trace_and_gives_the_slot_back(tmp_path, caplog):
    """A damaged stored copy is nothing /ask expects: Polars' own error escapes it, as a bug would."""
    question = {"question": "how many orders", "sources": ["orders"]}
    server_log = logging.getLogger("uvicorn.error")  # uvicorn's own loggers do not reach the root
    with serve(tmp_path / "data") as api, caplog.at_level(logging.ERROR, logger="sluice.api"):
        server_log.addHandler(caplog.handler)
        with session_scope(api.engine) as session:
            copy = storage.parquet_path(api.settings, sources.get_source(session, "orders").parquet_file)
        copy.write_bytes(b"PAR1 damaged on disk /etc/shadow PAR1")
        with api.client() as client:
            failed = [client.post("/ask", json=question) for _ in range(api.settings.api_runs_per_key + 1)]
            then = client.post("/ask", json={"question": "how many products", "sources": ["products"]})
            run = client.post("/pipelines/busy")
        server_log.removeHandler(caplog.handler)
    assert [response.status_code for response in failed] == [500] * (api.settings.api_runs_per_key + 1)
    for response in failed:  # never 429: each failure gave its slot back
        assert error_of(response) == {"type": "internal",
                                      "message": "Sluice failed unexpectedly; the error is in the server's log."}
        assert "shadow" not in response.text and "polars" not in response.text.lower()
    assert then.status_code == 200 and run.status_code == 200
    logged = [r for r in caplog.records if r.name == "sluice.api" and r.exc_info]
    assert len(logged) == len(failed) and logged[0].getMessage() == "unexpected error on POST /ask"
    # answered inside the app: the server never saw the exception, so it kept the connection (and logged no trace)
    assert not [r for r in caplog.records if r.name == "uvicorn.error"]
