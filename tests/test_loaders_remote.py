"""A SQL query over a real SQLite file; a JSON endpoint served on loopback (allowed by name, as an internal API is)."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from etl_core.errors import ConnectionFailedError, EmptyFileError, InputError
from etl_core.loaders import read_endpoint, read_query

LOOPBACK = ("127.0.0.1",)  # endpoints on loopback are refused unless the host is on the allow-list


@pytest.fixture
def shop_db(tmp_path):
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as connection:
        connection.execute("create table orders (id integer, region text, amount real)")
        connection.executemany("insert into orders values (?, ?, ?)",
                               [(1, "North", 10.0), (2, "South", 25.5), (3, "North", 7.25)])
    return f"sqlite:///{path}"


def test_query_reads_rows(shop_db):
    frame = read_query(shop_db, "select region, sum(amount) as total from orders group by region order by region")
    assert frame.to_dicts() == [{"region": "North", "total": 17.25}, {"region": "South", "total": 25.5}]


@pytest.mark.parametrize("query", [
    "delete from orders", "drop table orders", "select 1; delete from orders", "update orders set amount = 0",
])
def test_only_one_select_is_accepted(shop_db, query):
    with pytest.raises(InputError, match="Only a single SELECT"):
        read_query(shop_db, query)


def test_query_with_no_rows(shop_db):
    with pytest.raises(EmptyFileError, match="no rows"):
        read_query(shop_db, "select * from orders where amount > 1000")


def test_missing_sqlite_file_is_not_created(tmp_path):
    missing = tmp_path / "nope.db"
    with pytest.raises(ConnectionFailedError, match="no SQLite database file"):
        read_query(f"sqlite:///{missing}", "select 1")
    assert not missing.exists()


def test_unreachable_database(shop_db):
    with pytest.raises(ConnectionFailedError, match="query failed"):
        read_query("postgresql://nobody@127.0.0.1:1/none", "select 1", timeout_s=2)


def test_bad_sql_names_the_problem(shop_db):
    with pytest.raises(ConnectionFailedError, match="no such table"):
        read_query(shop_db, "select * from missing_table")


def test_not_a_url():
    with pytest.raises(ConnectionFailedError, match="not a database URL"):
        read_query("just some words", "select 1")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        routes = {
            "/records": (200, "application/json", json.dumps({"data": [{"a": 1}, {"a": 2}]})),
            "/html": (200, "text/html", "<html><body>Sign in</body></html>"),
            "/broken": (500, "text/plain", "oops"),
        }
        if self.path == "/secret":
            ok = self.headers.get("Authorization") == "Bearer t0ken"
            routes["/secret"] = (200, "application/json", '[{"x": 1}]') if ok else (401, "text/plain", "no")
        if self.path == "/host":
            routes["/host"] = (200, "application/json", json.dumps([{"host": self.headers["Host"]}]))
        if self.path == "/slow":
            time.sleep(3)
            routes["/slow"] = (200, "application/json", "[]")
        status, kind, body = routes.get(self.path, (404, "text/plain", "missing"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_endpoint_records(api):
    frame, notes = read_endpoint(f"{api}/records", allowed_hosts=LOOPBACK)
    assert frame["a"].to_list() == [1, 2]


def test_endpoint_named_by_host_is_asked_by_its_name(api):
    # the connection goes to the address checked, but the server still sees the name typed
    port = api.rsplit(":", 1)[1]
    frame, _ = read_endpoint(f"http://localhost:{port}/host", allowed_hosts=("localhost",))
    assert frame["host"].to_list() == [f"localhost:{port}"]


def test_endpoint_token_header(api):
    with pytest.raises(ConnectionFailedError, match="401.*token"):
        read_endpoint(f"{api}/secret", allowed_hosts=LOOPBACK)
    frame, _ = read_endpoint(f"{api}/secret", "Authorization", "Bearer t0ken", allowed_hosts=LOOPBACK)
    assert frame["x"].to_list() == [1]


def test_endpoint_returning_html(api):
    with pytest.raises(ConnectionFailedError, match="web page"):
        read_endpoint(f"{api}/html", allowed_hosts=LOOPBACK)


def test_endpoint_timeout(api):
    with pytest.raises(ConnectionFailedError, match="did not answer within 1 s"):
        read_endpoint(f"{api}/slow", timeout_s=1, allowed_hosts=LOOPBACK)


def test_endpoint_server_error(api):
    with pytest.raises(ConnectionFailedError, match="500"):
        read_endpoint(f"{api}/broken", allowed_hosts=LOOPBACK)


def test_endpoint_not_http():
    with pytest.raises(ConnectionFailedError, match="not an http"):
        read_endpoint("file:///etc/passwd")
