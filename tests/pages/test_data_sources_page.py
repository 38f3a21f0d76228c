"""The data sources page through AppTest: upload, options, replace, rename, delete, errors."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

SEMICOLON = b"city;sales;day\nLeeds;1234.5;05/03/2024\nYork;99;06/03/2024\n"


@pytest.fixture
def app(launch):
    return lambda samples=False: launch(samples, "pages/data_sources.py")


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    at.file_uploader[0].set_value([(name, content, "application/octet-stream")]).run()
    return at


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_first_start_loads_the_samples(app):
    at = app(samples=True)
    assert not at.exception
    assert at.title[0].value == "Data sources"
    listed = at.dataframe[0].value
    assert sorted(listed["name"]) == ["customers", "orders", "products"]
    assert at.header[0].value == "orders"
    assert at.selectbox(key="open_source").value == "orders"


def test_empty_start_says_what_to_do(app):
    at = app()
    assert "No data sources yet" in at.info[0].value


def test_upload_shows_preview_profile_and_charts(app):
    at = upload(app(), "sales.csv", b"region,amount\nNorth,10\nSouth,20\nNorth,5\n")
    assert not at.exception
    assert "Added 'sales': 3 rows, 2 columns." in texts(at.success)
    assert at.header[0].value == "sales"
    preview = at.dataframe[1].value
    assert preview["amount"].tolist() == [10, 20, 5]
    profile_table = at.dataframe[2].value
    assert profile_table["column"].tolist() == ["region", "amount"]
    assert profile_table.loc[1, "mean"] == "11.67"  # written for the column, never cut
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert [f["layout"]["title"]["text"] for f in figures] == ["region (category)", "amount (integer)"]


def test_bad_upload_shows_the_message_and_stores_nothing(app):
    at = upload(app(), "photo.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert not at.exception
    assert any("a PNG image, not a text file" in e for e in texts(at.error))
    assert "No data sources yet" in at.info[0].value


def test_changing_the_delimiter_splits_the_columns(app):
    at = upload(app(), "cities.csv", SEMICOLON)
    assert at.dataframe[1].value.columns.tolist() == ["city", "sales", "day"]
    assert at.selectbox[1].label == "Delimiter"
    # a form sends its values with the submit: set, then click, then one run
    at.selectbox[1].set_value(",")
    next(b for b in at.button if b.label == "Re-read with these options").click().run()
    assert not at.exception
    assert at.dataframe[1].value.columns.tolist() == ["city;sales;day"]
    at.selectbox[1].set_value(";")
    next(b for b in at.button if b.label == "Re-read with these options").click().run()
    preview = at.dataframe[1].value
    assert preview.columns.tolist() == ["city", "sales", "day"]
    assert preview["sales"].tolist() == [1234.5, 99.0]


def test_a_delimiter_that_breaks_the_rows_is_explained(app):
    at = upload(app(), "eu.csv", b"city;sales\nLeeds;1.234,50\nYork;99,00\n")
    at.selectbox[1].set_value(",")
    next(b for b in at.button if b.label == "Re-read with these options").click().run()
    assert any("more fields than the header" in e for e in texts(at.error))
    assert at.dataframe[1].value["sales"].tolist() == [1234.5, 99.0], "the source is unchanged"


def test_rename_then_delete_with_confirmation(app):
    at = upload(app(), "a.csv", b"x,y\n1,2\n")
    at.text_input(key=f"name_{1}").set_value("renamed").run()
    next(b for b in at.button if b.label == "Rename").click().run()
    assert "Renamed to 'renamed'." in texts(at.success)
    assert at.header[0].value == "renamed"
    next(b for b in at.button if b.label == "Delete this source").click().run()
    assert "cannot be undone" in at.warning[0].value
    next(b for b in at.button if b.label == "Cancel").click().run()
    assert at.header[0].value == "renamed"
    next(b for b in at.button if b.label == "Delete this source").click().run()
    next(b for b in at.button if b.label == "Yes, delete it").click().run()
    assert "Deleted 'renamed'." in texts(at.success)
    assert "No data sources yet" in at.info[0].value


def test_replacing_the_file_reports_schema_changes_and_can_restore(app):
    at = upload(app(), "m.csv", b"id,amount\n1,10\n2,20\n")
    at.file_uploader(key="replace_1_1").set_value(("m-feb.csv", b"id,amount,channel\n3,5,web\n", "text/csv")).run()
    assert not at.exception
    message = next(s for s in texts(at.success) if "now reads m-feb.csv" in s)
    assert "added: channel" in message
    assert at.header[0].value == "m"
    next(b for b in at.button if b.label == "Restore").click().run()
    assert "Restored m.csv." in texts(at.success)
    assert at.dataframe[1].value["amount"].tolist() == [10, 20]


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    return at


def test_add_a_database_query_then_refresh_it(app, tmp_path):
    import sqlite3

    db = tmp_path / "data" / "databases" / "shop.db"  # where SQLite sources may be read
    db.parent.mkdir(parents=True)
    with sqlite3.connect(db) as connection:
        connection.execute("create table orders (id integer, amount real)")
        connection.execute("insert into orders values (1, 9.5), (2, 3.0)")
    at = app()
    at.text_input(key="query_name").set_value("shop orders")
    at.text_input(key="query_url").set_value(f"sqlite:///{db}")
    at.text_area(key="query_sql").set_value("select * from orders")
    submit(at, "Add query")
    assert not at.exception
    assert "Added 'shop orders': 2 rows." in texts(at.success)
    assert at.header[0].value == "shop orders"
    with sqlite3.connect(db) as connection:
        connection.execute("insert into orders values (3, 1.0)")
    submit(at, "Refresh now")
    assert "'shop orders' refreshed." in texts(at.success)
    assert at.dataframe[0].value["rows"].tolist() == [3]


def test_a_query_that_cannot_connect_is_explained(app, tmp_path):
    at = app()
    at.text_input(key="query_url").set_value(f"sqlite:///{tmp_path}/missing.db")
    at.text_area(key="query_sql").set_value("select 1")
    submit(at, "Add query")
    assert any("SQLite files can be read only in" in e for e in texts(at.error))
    assert "No data sources yet" in at.info[0].value


def test_add_a_json_endpoint(app, monkeypatch):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            ok = self.headers.get("X-Token") == "s3cret"
            self.send_response(200 if ok else 403)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"items": [{"code": "EUR", "rate": 1.17}, {"code": "USD", "rate": 1.27}]}' if ok else b"{}")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("SLUICE_ALLOWED_HOSTS", "127.0.0.1")  # an endpoint on loopback is refused unless allowed
    try:
        at = app()
        at.text_input(key="api_name").set_value("rates")
        at.text_input(key="api_url").set_value(f"http://127.0.0.1:{server.server_address[1]}/rates")
        submit(at, "Add endpoint")
        assert any("403" in e and "token" in e for e in texts(at.error))
        at.text_input(key="api_url").set_value(f"http://127.0.0.1:{server.server_address[1]}/rates")
        next(t for t in at.text_input if t.label == "Header name (optional)").set_value("X-Token")
        next(t for t in at.text_input if t.label == "Header value").set_value("s3cret")
        submit(at, "Add endpoint")
        assert "Added 'rates': 2 rows." in texts(at.success)
        assert at.dataframe[1].value["rate"].tolist() == [1.17, 1.27]
    finally:
        server.shutdown()


SALES = b"region,amount\nNorth,10\nSouth,20\nNorth,5\nNorth,5\n"


def test_a_large_upload_gets_its_costly_statistics_in_the_background(app, monkeypatch):
    from etl_core import profile_fill

    monkeypatch.setenv("SLUICE_BACKGROUND_PROFILE_ROWS", "2")  # four rows count as large
    at = upload(app(), "sales.csv", SALES)
    assert not at.exception
    assert "Added 'sales': 4 rows, 2 columns." in texts(at.success)
    assert profile_fill.wait(60)
    at.run()  # the page shows what the thread stored
    assert not any("Still coming" in i for i in texts(at.info))
    profile_table = at.dataframe[2].value
    assert profile_table["distinct"].tolist() == [2, 3] and profile_table.loc[1, "median"] == "7.50"
    assert {m.label: m.value for m in at.metric}["Duplicate rows"] == "1"


def test_the_page_says_which_statistics_are_still_coming_and_shows_them_once_stored(app, monkeypatch):
    import sqlite3

    from etl_core import profile_fill, sources
    from etl_core.config import Settings
    from etl_core.db import open_database, session_scope

    monkeypatch.setenv("SLUICE_BACKGROUND_PROFILE_ROWS", "2")
    at = app()
    settings = Settings.load()
    engine = open_database(settings.database_url)
    with session_scope(engine) as session:  # stored with its quick profile, as a process stopped mid-fill leaves it
        sources.add_file(session, settings, file_name="sales.csv", data=SALES)
    engine.dispose()
    lock = sqlite3.connect(settings.data_dir / "sluice.db", isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")  # the fill can count but not store until the page has been seen pending
    try:
        at.run()
        assert not at.exception
        coming = next(i for i in texts(at.info) if i.startswith("Still coming"))
        assert "distinct counts, medians, top values, duplicate rows" in coming
        assert {m.label: m.value for m in at.metric}["Duplicate rows"] == "still coming"
        assert at.dataframe[2].value["mean"].tolist() == ["", "10"], "the fast statistics are shown at once"
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert profile_fill.wait(60)
    at.run()
    assert not any("Still coming" in i for i in texts(at.info))
    assert at.dataframe[2].value["distinct"].tolist() == [2, 3]
