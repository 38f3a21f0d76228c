"""The optional LLM planner against a local HTTP server that speaks the chat-completions protocol."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import polars as pl
import pytest

from etl_core.chat import LLMConfig, answer_question
from etl_core.config import Settings
from tests.chat.test_engine import SALES

GOOD_PLAN = {"table": "sales", "measures": [{"agg": "sum", "column": "YTD_REV"}], "group_by": ["Region"]}


class CompletionServer:
    """Replies to POST /v1/chat/completions with the next canned content; keeps every request it saw."""

    def __init__(self) -> None:
        self.replies: list[tuple[int, str]] = []
        self.requests: list[dict] = []
        self.headers: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                server.headers.append(dict(self.headers))
                status, content = server.replies.pop(0) if server.replies else (200, json.dumps(GOOD_PLAN))
                if self.path != "/v1/chat/completions":
                    status, content = 404, "not found"
                reply = {"id": "x", "object": "chat.completion", "model": body.get("model"),
                         "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                      "finish_reason": "stop"}]}
                data = json.dumps(reply).encode() if status == 200 else content.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"


@pytest.fixture
def server() -> Iterator[CompletionServer]:
    fake = CompletionServer()
    thread = threading.Thread(target=fake.httpd.serve_forever, daemon=True)
    thread.start()
    yield fake
    fake.httpd.shutdown()


def config(server: CompletionServer, **changes) -> LLMConfig:
    return LLMConfig(**{"base_url": server.url, "model": "local-model", "api_key": "sk-test", "timeout_s": 5, **changes})


def test_the_llm_plan_is_used_and_said(server):
    answer = answer_question("how much did each area bring in?", {"sales": SALES}, llm=config(server))
    assert answer.value == [140.0, 112.0, 20.0]  # East 40+100, West 10+30+72, North 20: the figures asked for
    assert answer.table["Region"].to_list() == ["East", "West", "North"]
    assert "Planned by the LLM (local-model)" in answer.notes[0]
    sent = server.requests[0]
    assert sent["model"] == "local-model" and sent["temperature"] == 0
    data = json.loads(sent["messages"][1]["content"])
    assert data["question"] == "how much did each area bring in?"
    columns = {c["name"]: c for c in data["tables"][0]["columns"]}
    assert set(columns) == set(SALES.columns) and columns["Region"]["examples"] == ["West", "East", "North"]
    assert "QueryPlan" in sent["messages"][0]["content"], "the plan's JSON schema is part of the instructions"
    assert server.headers[0]["Authorization"] == "Bearer sk-test"


def test_the_previous_plan_goes_with_a_follow_up(server):
    first = answer_question("total ytd rev by region", {"sales": SALES})
    server.replies.append((200, json.dumps({**GOOD_PLAN, "filters": [{"column": "Region", "op": "==", "value": "West"}]})))
    answer = answer_question("only the west", {"sales": SALES}, previous=first.plan, llm=config(server))
    assert answer.value == [112.0] and answer.table["Region"].to_list() == ["West"]
    assert json.loads(server.requests[0]["messages"][1]["content"])["previous_plan"]["group_by"] == ["Region"]


def test_samples_can_be_turned_off(server):
    answer_question("total ytd rev", {"sales": SALES}, llm=config(server, send_samples=False))
    data = json.loads(server.requests[0]["messages"][1]["content"])
    assert all("examples" not in c for c in data["tables"][0]["columns"])
    assert "Ann" not in server.requests[0]["messages"][1]["content"]


@pytest.mark.parametrize("status, content, reason", [
    (200, "Sure! Revenue by region is a great question.", "did not reply with a JSON plan"),
    (200, "```json\n{\"table\": \"sales\", \"measures\": [{\"agg\": \"sum\", \"column\": \"Profit\"}]}\n```",
     "names a column that is not there ('Profit')"),
    (200, json.dumps({"table": "payroll", "measures": [{"agg": "count"}]}), "names a table that is not loaded"),
    (200, json.dumps({"table": "sales", "intent": "pick", "column": "Region", "offset": 1, "offset_by": "Grid",
                      "filters": [{"column": "Region", "op": "==", "value": "West"}]}),
     "names a column that is not there ('Grid')"),
    (200, json.dumps({"table": "sales", "intent": "list", "column": "Region",
                      "same": {"column": "Bonus", "op": ">", "label": "West",
                               "where": [{"column": "Region", "op": "==", "value": "West"}]}}),
     "names a column that is not there ('Bonus')"),
    (200, json.dumps({"table": "sales", "measures": [{"agg": "exec", "column": "YTD_REV"}]}), "not a valid plan"),
    (200, json.dumps({"table": "sales", "code": "import os; os.system('rm -rf /')"}), "not a valid plan"),
    (200, json.dumps({"table": "sales", "measures": [{"agg": "sum", "column": "Region"}]}), "could not be used"),
    (500, "upstream exploded", "replied 500"),
])
def test_an_unusable_reply_falls_back_to_the_built_in_planner(server, status, content, reason):
    server.replies.append((status, content))
    answer = answer_question("total ytd rev by region", {"sales": SALES}, llm=config(server))
    assert answer.value == [140.0, 112.0, 20.0], "the deterministic planner answered"
    assert reason in answer.text and "Answered by the built-in planner" in answer.text


def test_a_server_that_is_not_there_falls_back():
    answer = answer_question("total qty sold", {"sales": SALES},
                             llm=LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=1))
    assert answer.value == 21 and "did not answer" in answer.text


def test_the_llm_is_configured_from_settings(tmp_path):
    off = Settings.load(environ={"SLUICE_DATA_DIR": str(tmp_path)})
    assert LLMConfig.from_settings(off) is None, "no server configured: the built-in planner alone"
    on = Settings.load(environ={"SLUICE_DATA_DIR": str(tmp_path), "SLUICE_LLM_BASE_URL": "http://localhost:11434/v1/",
                                "SLUICE_LLM_MODEL": "llama3", "SLUICE_LLM_SEND_SAMPLES": "false"},
                       secrets={"SLUICE_LLM_API_KEY": "from-secrets"})
    llm = LLMConfig.from_settings(on)
    assert (llm.base_url, llm.model, llm.api_key, llm.send_samples) == ("http://localhost:11434/v1", "llama3",
                                                                        "from-secrets", False)


def test_an_llm_plan_over_durations_is_written_as_the_table_writes_them(server):
    tracks = pl.DataFrame({"Title": ["Intro", "Undertow", "Outro"], "Length": ["1:05", "4:47", "2:10"]})
    plan = {"table": "tracks", "intent": "value", "measures": [{"agg": "sum", "column": "Length"}]}
    server.replies.append((200, json.dumps(plan)))
    answer = answer_question("how long is the album?", {"tracks": tracks}, llm=config(server))
    assert answer.value == "8:02" and "Planned by the LLM" in answer.notes[0]
