"""POST /ask: the chat engine's answer over named data sources, as JSON."""

from __future__ import annotations

import polars as pl
import pytest

from tests.api.conftest import error_of
from tests.conftest import SAMPLES


def test_a_question_gets_the_value_the_reading_rows_sql_and_chart(api):
    with api.client() as client:
        response = client.post("/ask", json={"question": "total revenue by region", "sources": ["orders"]})
    assert response.status_code == 200, response.text
    answer = response.json()
    expected = pl.read_csv(SAMPLES / "orders.csv").group_by("region").agg(pl.col("revenue").sum()).sort("revenue",
                                                                                                        descending=True)
    assert answer["answered"] is True
    assert {r["region"]: r for r in answer["rows"]}.keys() == set(expected["region"])
    got = {r["region"]: next(v for k, v in r.items() if k != "region") for r in answer["rows"]}
    assert got == pytest.approx(dict(zip(expected["region"], expected["revenue"], strict=True)))
    assert answer["value"] == pytest.approx(sorted(expected["revenue"].to_list(), reverse=True))
    assert {c["phrase"] for c in answer["reading"]} >= {"revenue", "region"}
    assert answer["plan"]["group_by"] == ["region"] and answer["sql"].upper().startswith(("WITH", "SELECT"))
    assert answer["chart"]["data"] and answer["total_rows"] == expected.height


def test_a_question_it_cannot_place_is_declined_not_guessed(api):
    with api.client() as client:
        answer = client.post("/ask", json={"question": "total profit for Narnia", "sources": ["orders"]}).json()
    assert answer["answered"] is False and answer["value"] is None
    assert answer["text"].startswith("I can't answer that")


@pytest.mark.parametrize("body, status", [
    ({"question": "how many orders", "sources": ["no_such_source"]}, 404),
    ({"question": "", "sources": ["orders"]}, 422),
    ({"question": "how many orders", "sources": []}, 422),
    ({"question": "how many orders"}, 422),
])
def test_bad_questions_keep_the_error_shape(api, body, status):
    with api.client() as client:
        response = client.post("/ask", json=body)
    assert response.status_code == status
    error_of(response)
