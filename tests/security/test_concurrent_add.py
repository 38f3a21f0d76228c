"""The same upload added twice at once: one source, its stored files intact."""

from __future__ import annotations

import io
import threading

import polars as pl
import pytest
from sqlmodel import Session

from etl_core import sources
from etl_core.errors import ConflictError, SluiceError

TRIALS = 6


def parquet_bytes(trial: int) -> tuple[pl.DataFrame, bytes]:
    frame = pl.DataFrame({"trial": [trial] * 2000, "value": list(range(2000))})
    buffer = io.BytesIO()
    frame.write_parquet(buffer)
    return frame, buffer.getvalue()


def add_twice_at_once(engine, settings, data: bytes) -> list[BaseException]:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def add() -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait()
            try:
                sources.add_file(session, settings, file_name="upload.parquet", data=data)
            except BaseException as exc:  # collected and asserted below
                errors.append(exc)

    threads = [threading.Thread(target=add) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.parametrize("trial", range(TRIALS))
def test_the_same_upload_added_twice_at_once_is_one_intact_source(engine, settings, trial):
    frame, data = parquet_bytes(trial)
    errors = add_twice_at_once(engine, settings, data)
    assert all(isinstance(e, SluiceError) for e in errors), errors
    with Session(engine) as session:
        added = sources.list_sources(session)
        assert len(added) == 1, [s.name for s in added]
        source = added[0]
        assert sources.original_file(settings, source).read_bytes() == data
        assert sources.scan_source(settings, source).collect().equals(frame)


def test_replacing_with_another_sources_upload_is_a_clear_conflict(session, settings):
    _, first = parquet_bytes(1)
    _, second = parquet_bytes(2)
    kept = sources.add_file(session, settings, file_name="a.parquet", data=first).source
    other = sources.add_file(session, settings, file_name="b.parquet", data=second).source
    with pytest.raises(ConflictError, match="'a.parquet' with the same content is already loaded as 'a'"):
        sources.replace_file(session, settings, other.id, file_name="a.parquet", data=first)
    assert sources.get_source(session, other.id).file_name == "b.parquet"
    assert sources.scan_source(settings, kept).collect()["trial"][0] == 1
