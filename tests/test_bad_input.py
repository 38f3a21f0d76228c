"""Every bad input named by the foundation issue: a clear typed error, and nothing stored changes."""

from __future__ import annotations

import io
import zipfile

import pytest
from sqlmodel import select

from etl_core import sources
from etl_core.errors import (
    ConnectionFailedError,
    EmptyFileError,
    FileTooLargeError,
    InputError,
    UnreadableFileError,
    UnsupportedFormatError,
)
from etl_core.loaders import ReadOptions
from etl_core.models import DataSource


def encrypted_office_file() -> bytes:
    # an OLE compound file holding an 'EncryptedPackage' stream, as Excel writes for a password
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512


def not_a_workbook_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


BAD_FILES = [
    ("empty.csv", b"", EmptyFileError, "is empty"),
    ("blank.csv", b"  \n\n ", EmptyFileError, "is empty"),
    ("header_only.csv", b"name,amount\n", EmptyFileError, "column names but no rows"),
    ("binary.csv", bytes(range(256)) * 8, UnreadableFileError, "binary data"),
    ("image.csv", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnreadableFileError, "a PNG image, not a text file"),
    ("web.xlsx", b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table></html>",
     UnreadableFileError, "web page"),
    ("locked.xlsx", encrypted_office_file(), UnreadableFileError, "protected by a password"),
    ("notbook.xlsx", not_a_workbook_zip(), UnreadableFileError, "could not be opened as an Excel workbook"),
    ("broken.parquet", b"PAR1" + b"\x07" * 100 + b"PAR1", UnreadableFileError, "could not be read"),
    ("cut.parquet", b"PAR1" + b"\x00" * 40, UnreadableFileError, "not a valid Parquet file"),
    ("ragged.csv", b"a,b\n1,2\n3,4,5,6\n", UnreadableFileError, "more fields than the header"),
    ("number.json", b"42", UnreadableFileError, "single int"),
    ("empty.json", b"[]", EmptyFileError, "empty array"),
    ("broken.json", b'[{"a": 1}, {"a": ', UnreadableFileError, "not valid JSON"),
    ("notes.docx", b"whatever", UnsupportedFormatError, "not a file type Sluice reads"),
]


@pytest.fixture
def stored_before(session, settings, write):
    """One good source, so the tests can check it survives untouched."""
    path = write("good.csv", "a,b\n1,2\n")
    sources.add_file(session, settings, file_name="good.csv", data=path)
    return snapshot(session, settings)


def snapshot(session, settings):
    rows = [(s.name, s.content_hash, s.parquet_file, s.row_count) for s in session.exec(select(DataSource))]
    files = sorted(p.name for p in settings.data_dir.rglob("*") if p.is_file() and p.name != "sluice.db"
                   and not p.name.startswith("sluice.db"))
    return rows, files


@pytest.mark.parametrize(("file_name", "content", "error", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_is_refused_and_nothing_changes(session, settings, stored_before, file_name, content, error, message):
    with pytest.raises(error, match=message) as caught:
        sources.add_file(session, settings, file_name=file_name, data=content)
    assert caught.value.hint, "every error tells the analyst what to do"
    assert snapshot(session, settings) == stored_before


def test_undecodable_bytes_with_a_forced_encoding(session, settings, stored_before):
    content = "name\nCafé\n".encode("cp1252")
    with pytest.raises(UnreadableFileError, match="not valid UTF-8.*cp1252"):
        sources.add_file(session, settings, file_name="cafe.csv", data=content, options=ReadOptions(encoding="utf-8"))
    assert snapshot(session, settings) == stored_before


def test_undecodable_bytes_are_detected_and_read_as_cp1252(session, settings):
    content = "name\nCafé\nNaïve\n".encode("cp1252")
    added = sources.add_file(session, settings, file_name="cafe.csv", data=content)
    assert added.source.options["encoding"] == "cp1252"
    assert sources.scan_source(settings, added.source).collect()["name"].to_list() == ["Café", "Naïve"]


def test_file_over_the_size_limit(session, settings, stored_before):
    big = b"a,b\n" + b"1,2\n" * (settings.max_upload_bytes // 4 + 10)
    with pytest.raises(FileTooLargeError, match="larger than the 5 MB limit"):
        sources.add_file(session, settings, file_name="big.csv", data=big)
    assert snapshot(session, settings) == stored_before


@pytest.mark.parametrize("hostile", ["../../x.csv", "..\\..\\x.csv", "/etc/passwd.csv", "a/../../../../tmp/x.csv",
                                     "\x00evil.csv", "....csv"])
def test_path_characters_in_a_file_name_never_write_outside_the_data_directory(session, settings, tmp_path, hostile):
    before = {p for p in tmp_path.rglob("*")}
    added = sources.add_file(session, settings, file_name=hostile, data=b"a,b\n1,2\n")
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(settings.data_dir in p.parents for p in created)
    assert "/" not in added.source.file_name and "\\" not in added.source.file_name


def test_unreachable_database_url(session, settings, stored_before):
    with pytest.raises(ConnectionFailedError):
        sources.add_query(session, settings, name="q", url="postgresql://x@127.0.0.1:1/db", query="select 1")
    assert snapshot(session, settings) == stored_before


def test_a_query_that_writes_is_refused(session, settings, stored_before, tmp_path):
    with pytest.raises(InputError, match="Only a single SELECT"):
        sources.add_query(session, settings, name="q", url=f"sqlite:///{tmp_path}/x.db", query="drop table t")
    assert snapshot(session, settings) == stored_before


def test_a_failed_reread_keeps_the_source_as_it_was(session, settings):
    added = sources.add_file(session, settings, file_name="t.csv", data=b"a;b\n1;2\n")
    before = (added.source.parquet_file, added.source.options, added.source.row_count)
    with pytest.raises(InputError):
        sources.reread_source(session, settings, added.source.id, ReadOptions(format="csv", encoding="utf-16"))
    again = sources.get_source(session, added.source.id)
    assert (again.parquet_file, again.options, again.row_count) == before
    assert sources.scan_source(settings, again).collect().columns == ["a", "b"]
