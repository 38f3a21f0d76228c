"""Attacks on the HTTP API, each reproduced against a real server: what a key holder (or a careless client)
could reach or break before it was fixed."""

from __future__ import annotations

import json
from typing import Any

from etl_core import pipelines
from etl_core.db import session_scope
from etl_core.spec import parse_spec


def save(api, spec: dict[str, Any], exposed: bool = True) -> None:
    with session_scope(api.engine) as session:
        pipelines.save_pipeline(session, api.settings, parse_spec(json.dumps(spec)))
        pipelines.expose_pipeline(session, spec["name"], exposed)


def test_a_database_password_in_a_spec_is_never_shown_by_describe(api):
    save(api, {"name": "to_warehouse", "steps": [
        {"type": "source", "source": "products"},
        {"type": "output", "format": "table", "url": "postgresql://etl:S3cretPw@db.internal:5432/wh", "table": "t"}]})
    with api.client() as client:
        described = client.get("/pipelines/to_warehouse")
        listed = client.get("/pipelines")
    assert described.status_code == listed.status_code == 200
    assert "S3cretPw" not in described.text and "S3cretPw" not in listed.text
    output = described.json()["steps"][1]
    assert output["url"] == "postgresql://etl:***@db.internal:5432/wh" and output["table"] == "t"
