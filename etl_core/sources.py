"""Data sources: add, read, re-read, replace, rename, delete; one Parquet copy each.

Heavy work (reading, writing Parquet, profiling) happens before the database is
touched, so a failure leaves stored sources exactly as they were and no write
transaction is held while Polars works.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, BinaryIO

import polars as pl
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from etl_core import database_access, secrets_store, storage
from etl_core.analyzers import profile as profile_frame
from etl_core.analyzers import statistics
from etl_core.config import SAMPLES_DIR, SAMPLES_MARKER, Settings
from etl_core.errors import ConflictError, EmptyFileError, InputError, NotFoundError, SluiceError
from etl_core.loaders import (
    EXTENSIONS,
    LoadResult,
    ReadOptions,
    detect_format,
    list_sheets,
    read_endpoint,
    read_file,
    read_frame,
    read_query,
)
from etl_core.loaders import materialise as write_copy
from etl_core.loaders.remote import check_read_only
from etl_core.models import DataSource, utcnow

Progress = Callable[[str], None]


@dataclass
class Materialised:
    """A source read and stored: what goes into its row."""

    parquet_file: str
    options: ReadOptions
    profile: dict[str, Any]


@dataclass
class AddResult:
    source: DataSource
    notes: list[str] = field(default_factory=list)
    already_loaded: bool = False


def _quiet(_: str) -> None:
    return None


# ---- reading -----------------------------------------------------------------------

def materialise(settings: Settings, result: LoadResult, key: str, file_name: str,
                progress: Progress = _quiet) -> Materialised:
    """Write the Parquet copy and profile it from there (the same bytes every screen reads).

    A source of more than ``settings.background_profile_rows`` rows gets a quick profile, its costly
    statistics pending until ``complete_profile``."""
    options_key = hashlib.sha256(result.options.model_dump_json().encode()).hexdigest()[:12]
    parquet_file = f"{key[:40]}-{options_key}.parquet"
    target = storage.parquet_path(settings, parquet_file)
    progress("Writing the Parquet copy")
    # a copy too large to collect gets its quick statistics as it streams to the file, in the same pass
    written = write_copy(result, target, file_name,
                         lambda lazy: lazy.select(statistics(lazy.collect_schema(), quick=True)))
    progress("Profiling every column")
    stored = written.frame if written.frame is not None else pl.scan_parquet(target)
    rows = stored.height if isinstance(stored, pl.DataFrame) else written.summary["__rows"]
    profile = profile_frame(stored, quick=rows > settings.background_profile_rows, computed=written.summary)
    profile.update(notes=result.notes, suggestions=result.suggestions, sheets=result.sheets,
                   schema={name: str(dtype) for name, dtype in stored.collect_schema().items()})
    return Materialised(parquet_file, result.options, profile)


def _read_stored_file(settings: Settings, content_hash: str, file_name: str, options: ReadOptions | None,
                      progress: Progress) -> Materialised:
    progress(f"Reading {file_name}")
    result = read_file(storage.upload_path(settings, content_hash), options, file_name, settings.read_limits)
    return materialise(settings, result, content_hash, file_name, progress)


def _read_remote(settings: Settings, kind: str, connection: dict[str, Any], label: str,
                 progress: Progress) -> tuple[Materialised, str]:
    progress(f"Reading {label}")
    if kind == "query":
        check_read_only(connection["query"])  # what the query does is said before where it would run
        url = database_access.query_url(connection["url"], settings)
        frame = read_query(url, connection["query"], settings.query_timeout_s, max_rows=settings.query_max_rows,
                           max_bytes=settings.query_max_bytes,
                           check_connection=lambda opened: database_access.refuse_app_database(opened, settings))
        notes = []
    else:
        frame, notes = read_endpoint(connection["url"], connection.get("header_name"),
                                     connection.get("header_value"), connection.get("records_path"),
                                     settings.http_timeout_s, allowed_hosts=settings.allowed_hosts,
                                     max_bytes=settings.http_max_bytes, total_timeout_s=settings.http_total_timeout_s,
                                     limits=settings.read_limits)
    content_hash = hashlib.sha256(frame.hash_rows().to_numpy().tobytes()).hexdigest()
    result = read_frame(frame.lazy(), ReadOptions(), label, notes=notes)
    return materialise(settings, result, f"{kind}-{content_hash}", label, progress), content_hash


# ---- adding ------------------------------------------------------------------------

def add_file(session: Session, settings: Settings, *, file_name: str, data: bytes | BinaryIO | Path,
             name: str | None = None, options: ReadOptions | None = None,
             progress: Progress = _quiet) -> AddResult:
    """Store an uploaded file, read it, keep its Parquet copy and profile, and record it.

    A workbook gives its first sheet with data unless ``options.sheet`` names one; see ``add_workbook``."""
    display_name = storage.safe_display_name(file_name)
    fmt = (options.format if options and options.format else None) or detect_format(display_name)
    options = (options or ReadOptions()).merged(format=fmt)
    progress(f"Saving {display_name}")
    stored = storage.store_upload(settings, data, display_name)
    return _add_stored(session, settings, stored, display_name, name, options, progress)


def _add_stored(session: Session, settings: Settings, stored: storage.StoredFile, display_name: str,
                name: str | None, options: ReadOptions, progress: Progress) -> AddResult:
    existing = _loaded_as(session, stored.content_hash, display_name, options.sheet)
    if existing is not None:
        return _already_loaded(existing)
    try:
        done = _read_stored_file(settings, stored.content_hash, display_name, options, progress)
    except Exception:
        _forget_unused(session, settings, {stored.content_hash}, set())
        raise
    source = DataSource(
        name=_free_name(session, name or PurePath(display_name).stem),
        kind="file", format=options.format or "csv", file_name=display_name, size_bytes=stored.size_bytes,
        content_hash=stored.content_hash,
    )
    _apply(source, done)
    try:
        _save(session, source)
    except ConflictError:
        # the same upload added at the same moment elsewhere: theirs is ours
        existing = _loaded_as(session, stored.content_hash, display_name, source.sheet or None)
        if existing is None:
            raise
        return _already_loaded(existing)
    return AddResult(source, done.profile.get("notes", []))


def sheets_to_offer(file_name: str, data: bytes) -> list[str]:
    """A workbook's sheets when it has several (the analyst picks which to add); [] for any other upload,
    including one that cannot be read: adding it says why."""
    import tempfile

    display_name = storage.safe_display_name(file_name)
    if PurePath(display_name).suffix.lower() not in EXTENSIONS or detect_format(display_name) != "excel":
        return []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "workbook"
        path.write_bytes(data)
        try:
            sheets = list_sheets(path, display_name)
        except SluiceError:
            return []
    return sheets if len(sheets) > 1 else []


def add_workbook(session: Session, settings: Settings, *, file_name: str, data: bytes | BinaryIO | Path,
                 sheets: list[str] | None = None, progress: Progress = _quiet) -> list[AddResult]:
    """Each chosen sheet of a workbook (every sheet with data when none are chosen) as its own source,
    named 'book - Sheet' when the workbook has several sheets. Empty sheets are passed over with a note."""
    display_name = storage.safe_display_name(file_name)
    progress(f"Saving {display_name}")
    stored = storage.store_upload(settings, data, display_name)
    every = list_sheets(storage.upload_path(settings, stored.content_hash), display_name)
    chosen = [s for s in sheets if s in every] if sheets else every
    if not chosen:
        raise InputError(f"'{display_name}' has none of the sheets asked for.", hint=f"Its sheets: {', '.join(every)}.")
    stem = PurePath(display_name).stem
    results: list[AddResult] = []
    skipped: list[str] = []
    for sheet in chosen:
        options = ReadOptions(format="excel", sheet=sheet)
        name = f"{stem} - {sheet}" if len(every) > 1 else stem
        try:
            results.append(_add_stored(session, settings, stored, display_name, name, options, progress))
        except EmptyFileError:
            skipped.append(sheet)
    if not results:
        raise EmptyFileError(f"The sheets of '{display_name}' you picked are empty ({', '.join(skipped)}).",
                             hint="Pick a sheet that holds data.")
    if skipped:
        results[0].notes.append(f"Sheet{'s' if len(skipped) > 1 else ''} {', '.join(repr(s) for s in skipped)} "
                                f"of '{display_name}' {'are' if len(skipped) > 1 else 'is'} empty and "
                                f"{'were' if len(skipped) > 1 else 'was'} not added.")
    return results


def _loaded_as(session: Session, content_hash: str, file_name: str, sheet: str | None = None) -> DataSource | None:
    """The source already made from this upload (and sheet, when one is named)."""
    query = select(DataSource).where(DataSource.content_hash == content_hash, DataSource.file_name == file_name)
    if sheet is not None:
        query = query.where(DataSource.sheet == sheet)
    return session.exec(query.order_by(DataSource.id)).first()


def _already_loaded(existing: DataSource) -> AddResult:
    return AddResult(existing, [f"'{existing.file_name}' is already loaded as '{existing.name}'."], True)


def add_query(session: Session, settings: Settings, *, name: str, url: str, query: str,
              progress: Progress = _quiet) -> AddResult:
    """A SQL query over a database URL; read now, and afresh whenever it is refreshed."""
    return _add_remote(session, settings, "query", name, {"url": url.strip(), "query": query.strip()}, progress)


def add_endpoint(session: Session, settings: Settings, *, name: str, url: str, header_name: str | None = None,
                 header_value: str | None = None, records_path: str | None = None,
                 progress: Progress = _quiet) -> AddResult:
    """A JSON HTTP endpoint (GET, optional token header)."""
    connection = {"url": url.strip(), "header_name": header_name or None,
                  "header_value": header_value or None, "records_path": records_path or None}
    return _add_remote(session, settings, "api", name, connection, progress)


def _add_remote(session: Session, settings: Settings, kind: str, name: str, connection: dict[str, Any],
                progress: Progress) -> AddResult:
    done, content_hash = _read_remote(settings, kind, connection, name, progress)
    stored = {**secrets_store.sealed(connection, settings), "shown_url": database_access.masked(connection["url"])}
    source = DataSource(name=_free_name(session, name), kind=kind, format=kind, connection=stored,
                        content_hash=content_hash)
    _apply(source, done)
    _save(session, source)
    return AddResult(source, done.profile.get("notes", []))


# ---- reading what is stored --------------------------------------------------------

def list_sources(session: Session) -> list[DataSource]:
    return list(session.exec(select(DataSource).order_by(DataSource.created_at.desc(), DataSource.id.desc())))


def get_source(session: Session, key: int | str) -> DataSource:
    """A source by id or by name."""
    query = select(DataSource).where(DataSource.id == key if isinstance(key, int) else DataSource.name == key)
    source = session.exec(query).first()
    if source is None:
        names = ", ".join(s.name for s in list_sources(session)) or "none yet"
        raise NotFoundError(f"There is no data source '{key}'.", hint=f"Sources: {names}.")
    return source


def scan_source(settings: Settings, source: DataSource) -> pl.LazyFrame:
    """The source's data, from its Parquet copy (never the raw file again)."""
    path = storage.parquet_path(settings, source.parquet_file or "")
    if not source.parquet_file or not path.exists():
        raise NotFoundError(f"The stored copy of '{source.name}' is missing.",
                            hint="Re-read the source from its options tab, or upload the file again.")
    return pl.scan_parquet(path)


def location(source: DataSource) -> str:
    """Where a source comes from, fit to show: the file name, or the URL without its password."""
    if source.kind == "file":
        return source.file_name or ""
    if source.connection.get("shown_url"):
        return source.connection["shown_url"]  # the URL as stored is encrypted; this one has no secret
    url = database_access.masked(source.connection.get("url", ""))
    if source.kind == "query":
        from sqlalchemy.engine import make_url

        try:
            return make_url(url).render_as_string(hide_password=True)
        except Exception:  # an unparseable URL was refused when added; show nothing secret
            return "(database)"
    return url


def sheets_not_added(session: Session, source: DataSource) -> list[str]:
    """The sheets of a workbook source's file that are not yet sources of their own."""
    if source.format != "excel" or not source.content_hash:
        return []
    added = set(session.exec(select(DataSource.sheet).where(DataSource.content_hash == source.content_hash,
                                                            DataSource.file_name == source.file_name)))
    return [s for s in source.profile.get("sheets", []) if s not in added]


def original_file(settings: Settings, source: DataSource) -> Path:
    if source.kind != "file" or not source.content_hash:
        raise NotFoundError(f"'{source.name}' is not a file upload.")
    return storage.upload_path(settings, source.content_hash)


def profile_pending(session: Session, source_id: int) -> list[str]:
    """The statistics a source's stored profile still waits for ([] once complete, or when the source is gone)."""
    source = session.get(DataSource, source_id)
    return list(source.profile.get("pending", [])) if source is not None else []


def complete_profile(session: Session, settings: Settings, source_id: int) -> DataSource:
    """Compute a quick profile's pending statistics from the Parquet copy and store the exact profile.

    Until then the quick profile stays stored, marked pending, so a process stopped halfway leaves the
    source usable and this can simply run again. A copy re-read or replaced meanwhile keeps its own profile."""
    source = get_source(session, source_id)
    parquet_file = source.parquet_file
    if not source.profile.get("pending"):
        return source
    copy = scan_source(settings, source)
    session.rollback()  # no transaction stays open while Polars works
    exact = profile_frame(copy)
    source = get_source(session, source_id)
    if source.parquet_file != parquet_file or not source.profile.get("pending"):
        return source
    source.profile = {**{k: v for k, v in source.profile.items() if k != "pending"}, **exact}
    _save(session, source)
    return source


# ---- changing ----------------------------------------------------------------------

def rename_source(session: Session, source_id: int, new_name: str) -> DataSource:
    source = get_source(session, source_id)
    new_name = _check_name(new_name)
    if new_name != source.name and _name_taken(session, new_name):
        raise ConflictError(f"A data source called '{new_name}' already exists.", hint="Choose another name.")
    source.name = new_name
    _save(session, source)
    return source


def reread_source(session: Session, settings: Settings, source_id: int, options: ReadOptions | None = None,
                  progress: Progress = _quiet) -> AddResult:
    """Read the stored original again with other options (or refresh a query or endpoint)."""
    source = get_source(session, source_id)
    if source.kind == "file":
        options = options or ReadOptions.model_validate(source.options)
        done = _read_stored_file(settings, source.content_hash or "", source.file_name or "", options, progress)
    else:
        done, source.content_hash = _read_remote(settings, source.kind, secrets_store.opened(source.connection, settings),
                                                 source.name, progress)
    old_parquet = source.parquet_file
    _apply(source, done)
    _save(session, source)
    _forget_unused(session, settings, set(), {old_parquet} if old_parquet else set())
    return AddResult(source, done.profile.get("notes", []))


def replace_file(session: Session, settings: Settings, source_id: int, *, file_name: str,
                 data: bytes | BinaryIO | Path, progress: Progress = _quiet) -> tuple[DataSource, dict[str, Any]]:
    """Upload a new version (next month's export): same name and options, schema changes reported."""
    source = get_source(session, source_id)
    if source.kind != "file":
        raise InputError(f"'{source.name}' is a {source.kind} source; only uploaded files can be replaced.")
    display_name = storage.safe_display_name(file_name)
    fmt = detect_format(display_name)
    kept = ReadOptions.model_validate(source.options)
    stored = storage.store_upload(settings, data, display_name)
    options = kept.merged(sheet=_same_sheet(settings, stored.content_hash, display_name, kept.sheet)) \
        if fmt == source.format else ReadOptions(format=fmt)
    try:
        done = _read_stored_file(settings, stored.content_hash, display_name, options, progress)
    except Exception:
        _forget_unused(session, settings, {stored.content_hash}, set())
        raise
    changes = {**schema_diff(source.profile.get("schema", {}), done.profile["schema"]),
               "rows_before": source.row_count, "rows_after": done.profile["rows"]}
    source.versions = [_version_of(source), *source.versions]
    source.file_name, source.size_bytes, source.content_hash = display_name, stored.size_bytes, stored.content_hash
    source.format = fmt
    _apply(source, done)
    _save(session, source)
    return source, changes


def _same_sheet(settings: Settings, content_hash: str, file_name: str, sheet: str | None) -> str | None:
    """A sheet's source reads the same sheet of the new version when it has one (else its first sheet)."""
    if not sheet:
        return None
    return sheet if sheet in list_sheets(storage.upload_path(settings, content_hash), file_name) else None


def restore_version(session: Session, settings: Settings, source_id: int, index: int) -> DataSource:
    """Make an earlier version current again; the current one becomes a version."""
    source = get_source(session, source_id)
    version = _version_at(source, index)
    current = _version_of(source)
    versions = [v for i, v in enumerate(source.versions) if i != index]
    for key in ("file_name", "size_bytes", "content_hash", "parquet_file", "options", "profile",
                "row_count", "column_count", "format"):
        setattr(source, key, version[key])
    source.sheet = version.get("sheet", "")
    source.versions = [current, *versions]
    _save(session, source)
    return source


def remove_version(session: Session, settings: Settings, source_id: int, index: int) -> DataSource:
    source = get_source(session, source_id)
    version = _version_at(source, index)
    source.versions = [v for i, v in enumerate(source.versions) if i != index]
    _save(session, source)
    _forget_unused(session, settings, {version["content_hash"]}, {version["parquet_file"]})
    return source


def delete_source(session: Session, settings: Settings, source_id: int) -> None:
    """Delete a source and every stored file only it was using."""
    source = get_source(session, source_id)
    hashes = {source.content_hash or ""} | {v["content_hash"] for v in source.versions}
    parquet = {source.parquet_file or ""} | {v["parquet_file"] for v in source.versions}
    session.delete(source)
    session.commit()
    _forget_unused(session, settings, hashes - {""}, parquet - {""})


def load_samples(session: Session, settings: Settings, samples_dir: Path = SAMPLES_DIR) -> list[DataSource]:
    """Add the shipped samples once, on the first start (deleting them later is respected)."""
    marker = settings.data_dir / SAMPLES_MARKER
    if marker.exists() or not samples_dir.is_dir():
        return []
    added = []
    # the main table last, so it is the newest and opens first
    order = {".xlsx": 0, ".json": 1, ".csv": 2}
    for path in sorted(samples_dir.iterdir(), key=lambda p: (order.get(p.suffix.lower(), 9), p.name)):
        if path.suffix.lower() in order and not _name_taken(session, path.stem):
            added.append(add_file(session, settings, file_name=path.name, data=path).source)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text("Samples were loaded once; delete this file to load them again.\n")
    return added


def options_for_reread(source: DataSource, changes: dict[str, Any], number_columns: list[str],
                       text_columns: list[str]) -> ReadOptions:
    """The options an analyst chose in the reader options form.

    Columns accepted as numbers keep the style (1,234.5 or 1.234,5) that was detected for
    them; dates are detected afresh, since a new delimiter or header changes the columns.
    """
    current = ReadOptions.model_validate(source.options)
    styles = {**source.profile.get("suggestions", {}), **current.number_columns}
    return current.merged(**changes, number_columns={c: styles[c] for c in number_columns if c in styles},
                          date_formats={}, text_columns=text_columns)


def describe_schema_changes(diff: dict[str, Any]) -> str:
    """A schema diff in one line, for the analyst."""
    parts = []
    if diff["added"]:
        parts.append(f"added: {', '.join(diff['added'])}")
    if diff["removed"]:
        parts.append(f"removed: {', '.join(diff['removed'])}")
    if diff["retyped"]:
        parts.append("retyped: " + ", ".join(f"{r['column']} ({r['was']} → {r['now']})" for r in diff["retyped"]))
    if warning := fewer_rows(diff):
        parts.append(warning[0].lower() + warning[1:].rstrip("."))
    return "; ".join(parts) or "same columns and types"


FEWER_ROWS = 0.5  # a monthly export with under half the rows of the last one is more often cut short than real


def fewer_rows(diff: dict[str, Any]) -> str | None:
    """A warning when a new version has far fewer rows than the one it replaced (20,000 -> 5,000)."""
    before, after = diff.get("rows_before"), diff.get("rows_after")
    if not before or after is None or after >= before * FEWER_ROWS:
        return None
    return (f"The new version has {after:,} rows, {1 - after / before:.0%} fewer than the {before:,} before: "
            "check that the export is complete (restore the earlier version below if not).")


def schema_diff(old: dict[str, str], new: dict[str, str]) -> dict[str, Any]:
    """Columns added, removed and retyped between two schemas (name -> dtype)."""
    return {
        "added": [c for c in new if c not in old],
        "removed": [c for c in old if c not in new],
        "retyped": [{"column": c, "was": old[c], "now": new[c]} for c in new if c in old and old[c] != new[c]],
    }


# ---- helpers -----------------------------------------------------------------------

def _apply(source: DataSource, done: Materialised) -> None:
    source.parquet_file = done.parquet_file
    source.sheet = done.options.sheet or "" if source.kind == "file" else ""
    source.options = json.loads(done.options.model_dump_json())
    source.profile = done.profile
    source.row_count = done.profile["rows"]
    source.column_count = done.profile["column_count"]
    source.status, source.error = "ready", None
    source.updated_at = utcnow()


def _version_of(source: DataSource) -> dict[str, Any]:
    return {"file_name": source.file_name, "size_bytes": source.size_bytes, "content_hash": source.content_hash,
            "parquet_file": source.parquet_file, "options": source.options, "profile": source.profile,
            "row_count": source.row_count, "column_count": source.column_count, "format": source.format,
            "sheet": source.sheet, "replaced_at": f"{utcnow():%Y-%m-%d %H:%M} UTC"}


def _version_at(source: DataSource, index: int) -> dict[str, Any]:
    if not 0 <= index < len(source.versions):
        raise NotFoundError(f"'{source.name}' has no earlier version number {index + 1}.")
    return source.versions[index]


def _save(session: Session, source: DataSource) -> None:
    source_id, name, content_hash, file_name = source.id, source.name, source.content_hash, source.file_name
    sheet = source.sheet
    session.add(source)
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()  # expires the source: its wanted values were kept above
        same_file = _loaded_as(session, content_hash, file_name, sheet) if content_hash and file_name else None
        if same_file is not None and same_file.id != source_id:
            raise ConflictError(f"'{file_name}' with the same content is already loaded as '{same_file.name}'.",
                                hint=f"Use '{same_file.name}', or delete it first.") from exc
        raise ConflictError(f"A data source called '{name}' already exists.", hint="Choose another name.") from exc
    session.refresh(source)


def _check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InputError("A data source needs a name.", hint="Type a name.")
    if len(name) > 200:
        raise InputError("That name is too long (over 200 characters).", hint="Choose a shorter name.")
    return name


def _name_taken(session: Session, name: str) -> bool:
    return session.exec(select(DataSource.id).where(DataSource.name == name)).first() is not None


def _free_name(session: Session, wanted: str) -> str:
    """The wanted name, or 'name (2)', 'name (3)'... when it is taken."""
    base = _check_name(wanted)
    candidate, n = base, 1
    while _name_taken(session, candidate):
        n += 1
        candidate = f"{base} ({n})"
    return candidate


def _forget_unused(session: Session, settings: Settings, hashes: set[str], parquet_files: set[str]) -> None:
    keep_hashes: set[str] = set()
    keep_parquet: set[str] = set()
    for source in session.exec(select(DataSource)):
        keep_hashes |= {source.content_hash or ""} | {v["content_hash"] for v in source.versions}
        keep_parquet |= {source.parquet_file or ""} | {v["parquet_file"] for v in source.versions}
    storage.remove_unreferenced(settings, hashes, parquet_files, keep_hashes, keep_parquet)
