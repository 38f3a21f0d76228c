"""Inputs made to eat memory or time: refused before the work starts, with a message that says why."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import replace

import pytest

from etl_core import sources
from etl_core.errors import ExpressionError, InputError, UnreadableFileError
from tests.pipeline_helpers import run_frame, store_as_is


def test_a_csv_with_100000_columns_is_refused(session, settings):
    header = ",".join(f"c{i}" for i in range(100_000))
    with pytest.raises(UnreadableFileError, match="has more than 5,000 columns; Sluice reads up to 5,000"):
        sources.add_file(session, settings, file_name="wide.csv", data=(header + "\n" + "1," * 99_999 + "1\n").encode())
    assert sources.list_sources(session) == []


def test_the_column_count_reads_the_whole_header(session, settings):
    """The header was counted in a 256 KB sample: 100,000 names of 58 characters showed 4,400 there and the
    file was read (3.4 GB). Quoted names may hold the delimiter and line breaks: they are one column each."""
    names = ",".join(f"column_with_a_rather_long_descriptive_name_number_{i:07d}" for i in range(100_000))
    big = replace(settings, max_upload_mb=20)
    with pytest.raises(UnreadableFileError, match="has more than 5,000 columns"):
        sources.add_file(session, big, file_name="wide_long.csv", data=(names + "\n" + "1," * 99_999 + "1\n").encode())
    narrow = replace(settings, max_columns=3)
    quoted = b'"a,1","b\n2",c\n1,2,3\n'
    assert sources.add_file(session, narrow, file_name="quoted.csv", data=quoted).source.column_count == 3
    with pytest.raises(UnreadableFileError, match="has more than 3 columns; Sluice reads up to 3.*SLUICE_MAX_COLUMNS"):
        sources.add_file(session, narrow, file_name="four.csv", data=b'"a,1","b\n2",c,d\n1,2,3,4\n')
    assert [s.name for s in sources.list_sources(session)] == ["quoted"]


@pytest.mark.parametrize(("name", "document"), [
    ("keys.json", json.dumps([{f"key_{i:06d}": i for i in range(100_000)}])),          # one record, 100,000 keys
    ("records.json", json.dumps([{f"key_{i:06d}": i} for i in range(100_000)])),       # each record a new key
    ("nested.json", json.dumps([{"a": {f"key_{i:06d}": i for i in range(100_000)}}])),  # flattened to a.key_...
    ("lines.ndjson", "\n".join(json.dumps({f"key_{i:06d}": i}) for i in range(100_000))),
])
def test_json_with_more_keys_than_the_column_limit_is_refused(session, settings, name, document):
    """A 1.3 MB record with 100,000 keys was added at a 3 GB peak: JSON had no column limit."""
    with pytest.raises(UnreadableFileError, match="more than 5,000 columns; Sluice reads up to 5,000"):
        sources.add_file(session, replace(settings, max_upload_mb=20), file_name=name, data=document.encode())
    assert sources.list_sources(session) == []


def test_the_reader_limits_are_settings(session, settings):
    from etl_core.config import Settings

    loaded = Settings.load({"SLUICE_MAX_COLUMNS": "7", "SLUICE_JSON_MAX_DEPTH": "3", "SLUICE_WORKBOOK_MAX_MB": "20",
                            "SLUICE_WORKBOOK_MAX_RATIO": "50"})
    assert (loaded.max_columns, loaded.json_max_depth, loaded.workbook_max_mb, loaded.workbook_max_ratio) == (7, 3, 20, 50)
    with pytest.raises(UnreadableFileError, match="nested 4 levels deep; Sluice reads JSON up to 3 levels"):
        sources.add_file(session, replace(settings, json_max_depth=3), file_name="d.json",
                         data=b'[{"a": {"b": {"c": 1}}}]')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 2 * 1024 * 1024)  # 12 MB unpacked
    with pytest.raises(UnreadableFileError, match="unpacks to 12 MB.*up to 10 MB unpacked"):
        sources.add_file(session, replace(settings, workbook_max_mb=10), file_name="b.xlsx", data=buffer.getvalue())
    assert sources.list_sources(session) == []


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_before_unpacking(session, settings):
    """A zip whose one sheet is 1.5 GB of repeated XML, a few MB packed: the size in its directory is enough."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(1_500_000_000 // len(chunk)):
                sheet.write(chunk)
    with pytest.raises(UnreadableFileError, match="unpacks to"):
        sources.add_file(session, settings, file_name="bomb.xlsx", data=buffer.getvalue())
    assert sources.list_sources(session) == []


@pytest.mark.parametrize("query", ["SELECT * FROM data a CROSS JOIN data b CROSS JOIN data c",
                                   "SELECT a.id FROM data a, data b"])
def test_a_sql_step_cannot_multiply_its_rows(query):
    with pytest.raises(ExpressionError, match="joins the table to itself"):
        run_frame({"type": "sql", "query": query})


RECURSIVE = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"


@pytest.mark.parametrize("query", [
    RECURSIVE, RECURSIVE.lower(),
    f"SELECT x FROM ({RECURSIVE}) AS inner_query",
    "WITH n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n",  # reads itself without the keyword
    "WITH a AS (SELECT * FROM b), b AS (SELECT * FROM a) SELECT * FROM a",   # two that read each other
])
def test_a_sql_step_cannot_recurse(engine, session, settings, query):
    """A recursive CTE ran without end in Polars: a builder preview, in the app process, grew to 1.2 GB in 40 s."""
    from etl_core import executor, pipelines
    from etl_core.spec import parse_spec

    sources.add_file(session, settings, file_name="t.csv", data=b"a\n1\n")
    raw = {"name": "p", "steps": [{"type": "source", "source": "t"}, {"type": "sql", "query": query}]}
    spec = parse_spec(raw)
    message = "the query is recursive"
    with pytest.raises(ExpressionError, match=message):  # checked before anything is collected
        executor.validate(spec, {}, pipelines.context(session, settings))
    with pytest.raises(ExpressionError, match=f"Step 2 \\(sql\\): {message}"):
        pipelines.preview_step(session, settings, spec, 2)
    with pytest.raises(ExpressionError, match=message):
        pipelines.save_pipeline(session, settings, spec)
    store_as_is(session, raw)  # as an older version could have saved it: the run refuses it too
    run = pipelines.run_pipeline(engine, settings, pipelines.RunRequest("p"))
    assert run.status == "failed" and message in run.error


@pytest.mark.parametrize("step", [
    {"type": "filter", "condition": f"a IN ({RECURSIVE})"},
    {"type": "derive", "column": "y", "expression": f"(SELECT MAX(x) FROM ({RECURSIVE}) AS r)"},
])
def test_a_filter_or_derived_column_cannot_recurse(step):
    with pytest.raises(ExpressionError, match="contains a query"):
        run_frame(step)


def test_a_sql_step_may_still_use_a_common_table_expression():
    query = "WITH big AS (SELECT * FROM data WHERE qty > 1), data AS (SELECT * FROM data) SELECT id FROM big"
    assert run_frame({"type": "sql", "query": query})["id"].to_list() == [1, 4, 5, 5]


def test_a_sql_step_may_still_use_a_subquery():
    frame = run_frame({"type": "sql", "query": "SELECT id FROM data WHERE qty > (SELECT AVG(qty) FROM data)"})
    assert frame.height > 0


def test_a_recursive_query_source_is_refused(session, settings):
    query = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n"
    with pytest.raises(InputError, match="recursive"):
        sources.add_query(session, settings, name="q", url="sqlite:///shop.db", query=query)


def test_a_run_with_no_time_limit_of_its_own_stops_at_the_default(engine, session, settings):
    from dataclasses import replace

    from etl_core import pipelines
    from etl_core.spec import parse_spec

    sources.add_file(session, settings, file_name="t.csv", data=b"a,b\n1,2\n")
    spec = parse_spec({"name": "p", "steps": [{"type": "source", "source": "t"},
                                             {"type": "output", "format": "parquet", "path": "p.parquet"}]})
    pipelines.save_pipeline(session, settings, spec)
    hurried = replace(settings, run_time_limit_s=1e-9)  # already past: the first check stops it
    run = pipelines.run_pipeline(engine, hurried, pipelines.RunRequest("p"))
    assert run.status == "failed" and "timed out" in run.error
    assert not (settings.data_dir / "outputs" / "p.parquet").exists()
    assert pipelines.run_pipeline(engine, settings, pipelines.RunRequest("p")).status == "succeeded"


BOMBS_UNDER_A_CEILING = '''
import io, resource, sys, zipfile
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # 1 GB of address space for everything below
from etl_core.errors import SluiceError
from etl_core.loaders import read_file

folder = Path(sys.argv[1])
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
    archive.writestr("[Content_Types].xml", "<Types/>")
    with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
        chunk = b"<row><c><v>1</v></c></row>" * 40_000
        for _ in range(1_500_000_000 // len(chunk)):
            sheet.write(chunk)
(folder / "bomb.xlsx").write_bytes(buffer.getvalue())
(folder / "deep.json").write_text('[{"x": ' + '{"a": ' * 800 + "1" + "}" * 800 + "}]")
(folder / "wide.csv").write_text(",".join(f"c{i}" for i in range(100_000)) + "\\n" + "1," * 99_999 + "1\\n")
(folder / "wide_long.csv").write_text(",".join(f"column_with_a_rather_long_descriptive_name_number_{i:07d}"
                                               for i in range(100_000)) + "\\n" + "1," * 99_999 + "1\\n")
(folder / "keys.json").write_text("[{" + ", ".join(f'"key_{i:06d}": {i}' for i in range(100_000)) + "}]")
for name in ("bomb.xlsx", "deep.json", "wide.csv", "wide_long.csv", "keys.json"):
    try:
        read_file(folder / name)
        print(name, "read")
    except SluiceError as error:
        print(name, "refused:", str(error)[:60])
'''


def test_the_bomb_files_are_refused_under_a_1_gb_ceiling(tmp_path):
    """Each of these took 3 to 6.8 GB before; under a 1 GB address-space limit each is refused with a
    message (a MemoryError or a crash would fail the run)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", BOMBS_UNDER_A_CEILING, str(tmp_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["bomb.xlsx", "deep.json", "wide.csv", "wide_long.csv", "keys.json"]
    assert all("refused:" in line for line in lines), lines


SERVE_JSON = '''
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
records = int(sys.argv[1])
body = ("[" + ",".join('{"id": %d, "name": "customer %d", "amount": %d.5}' % (i, i, i) for i in range(records)) + "]").encode()
class Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = ThreadingHTTPServer(("127.0.0.1", 0), Answer)
print(server.server_address[1], len(body), flush=True)
server.serve_forever()
'''

ADD_ENDPOINT = '''
import resource, sys
from pathlib import Path
from sqlmodel import Session
from etl_core import sources
from etl_core.config import Settings
from etl_core.db import open_database
from etl_core.errors import SluiceError

data = Path(sys.argv[1])
settings = Settings.load({"SLUICE_DATA_DIR": str(data), "SLUICE_LOAD_SAMPLES": "false",
                          "SLUICE_ALLOWED_HOSTS": "127.0.0.1"})  # every other limit at its default
engine = open_database(settings.database_url)
with Session(engine) as session:
    try:
        print("added", sources.add_endpoint(session, settings, name="big", url=sys.argv[2]).source.row_count)
    except SluiceError as error:
        print("refused:", error)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
'''


@pytest.mark.parametrize(("records", "said"), [(400_000, "added 400000"), (1_550_000, "refused: ")])
def test_an_endpoint_answer_at_the_default_limit_is_read_in_under_1_gb(tmp_path, records, said):
    """A 97 MB answer, under the old 100 MB default, peaked at 1.2 GB in the process that added it: the default
    is now 25 MB (a 24.5 MB answer peaks near 460 MB), and the 97 MB answer is refused as it arrives."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    server = subprocess.Popen([sys.executable, "-c", SERVE_JSON, str(records)], stdout=subprocess.PIPE, text=True)
    try:
        port, size = map(int, server.stdout.readline().split())
        done = subprocess.run([sys.executable, "-c", ADD_ENDPOINT, str(tmp_path / "data"), f"http://127.0.0.1:{port}/"],
                              cwd=ROOT, capture_output=True, text=True, timeout=300)
    finally:
        server.kill()
        server.wait()
    assert done.returncode == 0, done.stderr[-2000:]
    outcome, peak_mb = done.stdout.strip().splitlines()
    assert outcome.startswith(said), outcome
    if said.startswith("refused"):
        assert "more than 25 MB" in outcome and size > 90 * 1024 * 1024
    assert int(peak_mb) < 1024, f"{size / 1e6:.0f} MB answer: peak {peak_mb} MB"
