"""Data sources: add files, queries and endpoints; preview, profile, re-read, replace, delete."""

import polars as pl
import streamlit as st

import ui
from etl_core import charts, exports, profile_fill, sources
from etl_core.errors import SluiceError
from etl_core.loaders import DELIMITERS, ENCODINGS, EXTENSIONS, ReadOptions
from etl_core.models import DataSource

UPLOAD_TYPES = sorted({ext.lstrip(".") for ext in EXTENSIONS})
MAX_CHARTS = 24

st.title("Data sources")
settings = ui.settings()
st.session_state.setdefault("uploader_round", 0)


STATISTICS = ("min", "max", "mean", "median", "std")
COUNTS = {"nulls": "localized", "null %": "%.1f%%", "distinct": "localized"}


def profile_columns(rows: list[dict]) -> dict:
    """The profile table's columns, each as wide as its longest text (etl_core.charts.profile_widths), so a
    datetime min or a mean of 1,135,500.42 is never cut; the statistics come written for their column's type."""
    config = {}
    for name, width in charts.profile_widths(rows).items():
        if name in COUNTS:
            config[name] = st.column_config.NumberColumn(format=COUNTS[name], width=width)
        else:
            config[name] = st.column_config.TextColumn(
                width=width, pinned=name == "column", alignment="right" if name in STATISTICS else None,
                help="The stored type; the Preview names it in full." if name == "type" else None)
    return config


def preview_columns(schema) -> dict:
    """Each column's type as its help; dates as dates (not '2023-01-01 00:00:00'), times to the second."""
    def config(name, dtype):
        if dtype == pl.Date:
            return st.column_config.DateColumn(help=f"type: {dtype}", format="YYYY-MM-DD")
        if isinstance(dtype, pl.Datetime):
            return st.column_config.DatetimeColumn(help=f"type: {dtype}", format="YYYY-MM-DD HH:mm:ss")
        return st.column_config.Column(help=f"type: {dtype}")
    return {name: config(name, dtype) for name, dtype in schema.items()}


@st.fragment(run_every="2s")
def still_coming(source: DataSource) -> None:
    """Says which statistics are still being counted; reruns the page once they are stored."""
    profile = source.profile
    if failed := profile_fill.failure(ui.engine(), source):
        st.warning(f"The {', '.join(profile['pending'])} could not be counted: {failed} "
                   "Re-read or refresh the source (Reader options) to try again.")
        return
    st.info(f"Still coming: {', '.join(profile['pending'])} (counted over all {profile['rows']:,} rows in the "
            "background; types such as category and identifier follow with the distinct counts). "
            "They appear here when done.", icon=":material/hourglass_top:")
    if st.session_state.pop("coming_shown_by_page", False):
        return  # drawn with the page: a rerun now would drop the messages the page has just shown
    with ui.session() as session:
        if not sources.profile_pending(session, source.id):
            st.rerun()


def run_action(label: str, action, success: str | None = None):
    """Run an etl_core call under a status box; show its error instead of a traceback."""
    with st.status(f"{label}…", expanded=False) as box:
        try:
            result = action(ui.StatusProgress(box))
        except SluiceError as error:
            box.update(label=f"{label}: failed", state="error")
            ui.flash("error", str(error))
            return None
        box.update(label=f"{label}: done", state="complete")
    if success:
        ui.flash("success", success)
    return result


def announce(result) -> None:
    if result.already_loaded:
        ui.flash("info", result.notes[0])
        return
    ui.flash("success", f"Added '{result.source.name}': {result.source.row_count:,} rows, "
                        f"{result.source.column_count} columns.")
    for note in result.notes:
        ui.flash("info", note)


def add_uploads(files) -> None:
    for upload in files:
        if sheets := sources.sheets_to_offer(upload.name, upload.getvalue()):
            # a workbook of several sheets: the analyst picks which become sources
            st.session_state.setdefault("pending_workbooks", []).append((upload.name, upload.getvalue(), sheets))
            continue

        def add(progress, upload=upload):
            with ui.session() as session:
                return sources.add_file(session, settings, file_name=upload.name, data=upload, progress=progress)

        if result := run_action(f"Adding {upload.name}", add):
            announce(result)
            st.session_state["next_open"] = result.source.name
    st.session_state["uploader_round"] += 1  # a fresh, empty uploader
    st.rerun()


def pick_sheets(index: int, file_name: str, data: bytes, sheets: list[str]) -> None:
    """A workbook's sheets listed at upload: each one picked becomes its own source ('book - Sheet')."""
    with st.form(f"sheets_{index}_{file_name}"):
        st.markdown(f"**{file_name}** has {len(sheets)} sheets. Each sheet you pick becomes its own source.")
        picked = st.multiselect("Sheets to add", sheets, default=sheets, key=f"sheets_of_{index}_{file_name}")
        add_col, cancel_col = st.columns([1, 4])
        add = add_col.form_submit_button("Add sheets", type="primary")
        cancel = cancel_col.form_submit_button("Cancel")
    if not (add or cancel):
        return
    st.session_state["pending_workbooks"].pop(index)
    if add:
        def add_sheets(progress):
            with ui.session() as session:
                return sources.add_workbook(session, settings, file_name=file_name, data=data, sheets=picked,
                                            progress=progress)

        for result in run_action(f"Adding {len(picked)} sheet{'s' if len(picked) != 1 else ''} of {file_name}",
                                 add_sheets) or []:
            announce(result)
            st.session_state["next_open"] = result.source.name
    st.rerun()


with st.expander("Add data", expanded=False, icon=":material/add:"):
    tab_files, tab_query, tab_api = st.tabs(["Upload files", "Database query", "JSON API"])
    with tab_files:
        uploads = st.file_uploader(
            "Drop CSV, TSV, Excel, JSON or Parquet files", type=UPLOAD_TYPES, accept_multiple_files=True,
            key=f"uploader_{st.session_state['uploader_round']}",
            help=f"Up to {settings.max_upload_mb} MB each. The same file uploaded twice is stored once.",
        )
        if uploads:
            add_uploads(uploads)
    with tab_query, st.form("add_query"):
        query_name = st.text_input("Name", placeholder="monthly_orders", key="query_name")
        query_url = st.text_input("Database URL", placeholder="postgresql://user:password@host/db or sqlite:///path/file.db",
                                  key="query_url")
        query_sql = st.text_area("SELECT query", placeholder="SELECT * FROM orders WHERE order_date >= '2024-01-01'",
                                 key="query_sql")
        if st.form_submit_button("Add query"):
            def add_query(progress):
                with ui.session() as session:
                    return sources.add_query(session, settings, name=query_name or "query", url=query_url,
                                             query=query_sql, progress=progress)
            if result := run_action("Running the query", add_query):
                ui.flash("success", f"Added '{result.source.name}': {result.source.row_count:,} rows.")
                st.session_state["next_open"] = result.source.name
            st.rerun()
    with tab_api, st.form("add_api"):
        api_name = st.text_input("Name", placeholder="exchange_rates", key="api_name")
        api_url = st.text_input("Endpoint URL (GET, answers JSON)", placeholder="https://api.example.com/v1/rates",
                                key="api_url")
        col_header, col_value = st.columns(2)
        header_name = col_header.text_input("Header name (optional)", placeholder="Authorization")
        header_value = col_value.text_input("Header value", type="password", placeholder="Bearer ...")
        records_path = st.text_input("Key holding the records (optional)", placeholder="data", key="api_records")
        if st.form_submit_button("Add endpoint"):
            def add_api(progress):
                with ui.session() as session:
                    return sources.add_endpoint(session, settings, name=api_name or "api", url=api_url,
                                                header_name=header_name, header_value=header_value,
                                                records_path=records_path, progress=progress)
            if result := run_action("Calling the endpoint", add_api):
                ui.flash("success", f"Added '{result.source.name}': {result.source.row_count:,} rows.")
                st.session_state["next_open"] = result.source.name
            st.rerun()

for index, pending in enumerate(st.session_state.get("pending_workbooks", [])):
    pick_sheets(index, *pending)

ui.show_flash()

with ui.session() as session:
    all_sources = sources.list_sources(session)
# a large source's costly statistics are counted in a thread; one left pending by a stopped process starts again
profile_fill.fill_in_background(ui.engine(), settings, all_sources)
if not all_sources:
    st.info("No data sources yet. Open **Add data** above and drop in a CSV, Excel, JSON or Parquet file.")
    st.stop()

st.dataframe(
    [{"name": s.name, "kind": s.format if s.kind == "file" else s.kind, "rows": s.row_count, "columns": s.column_count,
      "size": ui.human_size(s.size_bytes), "added": s.created_at}
     for s in all_sources],
    hide_index=True, width="stretch",
    column_config={"added": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")},
)

names = [s.name for s in all_sources]
if "next_open" in st.session_state:  # chosen by an action on the previous run
    st.session_state["open_source"] = st.session_state.pop("next_open")
if st.session_state.get("open_source") not in names:
    st.session_state["open_source"] = names[0]
chosen = st.selectbox("Open a source", names, key="open_source")
source: DataSource = next(s for s in all_sources if s.name == chosen)

st.header(source.name)
st.caption(f"{source.format} · {source.row_count:,} rows × {source.column_count} columns · "
           f"from {sources.location(source)} · "
           f"updated {source.updated_at:%Y-%m-%d %H:%M}")
if st.button("Start a pipeline from this source", icon=":material/account_tree:"):
    st.session_state["builder_source"] = source.name
    st.switch_page("pages/builder.py")

# keyed tabs keep the analyst's tab across reruns (a delete confirmation, a re-read)
tab_preview, tab_profile, tab_options, tab_versions, tab_manage = st.tabs(
    ["Preview", "Profile", "Reader options", "Versions", "Manage"], key="source_tab", on_change="rerun")

with tab_preview:
    preview = sources.scan_source(settings, source).head(200).collect()
    st.dataframe(preview, hide_index=True, width="stretch", column_config=preview_columns(preview.schema))
    st.caption("First 200 rows. Types: " + ", ".join(f"{n} ({d})" for n, d in source.profile["schema"].items()))

with tab_profile:
    profile = source.profile
    if profile.get("pending"):
        st.session_state["coming_shown_by_page"] = True
        still_coming(source)
    m1, m2, m3, m4 = st.columns(4)
    m1.metric("Rows", f"{profile['rows']:,}")
    m2.metric("Columns", profile["column_count"])
    duplicates = profile["duplicate_rows"]
    m3.metric("Duplicate rows", "still coming" if duplicates is None else f"{duplicates:,}")
    m4.metric("Warnings", len(profile["warnings"]))
    if profile["warnings"]:
        st.warning("\n".join(f"- {w}" for w in profile["warnings"]))
    for note in profile.get("notes", []):
        st.caption(note)
    rows = charts.profile_rows(profile)
    st.dataframe(rows, hide_index=True, width="stretch", column_config=profile_columns(rows))
    columns = profile["columns"]
    shown = columns[:MAX_CHARTS]
    if len(columns) > MAX_CHARTS:
        picked = st.multiselect("Charts for", [c["name"] for c in columns], default=[c["name"] for c in shown])
        shown = [c for c in columns if c["name"] in picked]
    figures = [figure for column in shown if (figure := charts.column_chart(column)) is not None]
    grid = st.columns(3)
    for index, figure in enumerate(figures):
        grid[index % 3].plotly_chart(figure, width="stretch", config={"displayModeBar": False},
                                     key=f"chart_{source.id}_{index}")

with tab_options:
    if source.kind != "file":
        st.write(f"**From:** {sources.location(source)}")
        if source.kind == "query":
            st.code(source.connection.get("query", ""), language="sql")
        if st.button("Refresh now", help="Read the query or endpoint again"):
            def refresh(progress):
                with ui.session() as session:
                    return sources.reread_source(session, settings, source.id, progress=progress)
            run_action("Refreshing", refresh, success=f"'{source.name}' refreshed.")
            st.rerun()
    else:
        current = ReadOptions.model_validate(source.options)
        with st.form(f"options_{source.id}"):
            changes: dict = {}
            if current.format in ("csv", "tsv"):
                c1, c2, c3 = st.columns(3)
                delimiters = list(DELIMITERS)
                changes["delimiter"] = c1.selectbox(
                    "Delimiter", delimiters, index=delimiters.index(current.delimiter or ","),
                    format_func=lambda d: f"{DELIMITERS[d]} ({d!r})")
                encodings = ENCODINGS if current.encoding in ENCODINGS else [current.encoding, *ENCODINGS]
                changes["encoding"] = c2.selectbox("Encoding", encodings, index=encodings.index(current.encoding))
                changes["header_row"] = c3.number_input("Rows to skip above the header", 0, 1000, current.header_row or 0)
                c4, c5, c6 = st.columns(3)
                changes["has_header"] = c4.checkbox("First row holds column names", current.has_header is not False)
                changes["decimal_comma"] = c5.checkbox("Decimal comma (1,5)", bool(current.decimal_comma))
                changes["allow_ragged"] = c6.checkbox("Allow ragged rows", current.allow_ragged,
                                                      help="Rows with extra fields keep only the first ones")
            elif current.format == "excel":
                st.markdown(f"Sheet **{current.sheet}** of {source.file_name}")
                changes["header_row"] = st.number_input("Header row (0 = first used row)", 0, 1000, current.header_row or 0)
                changes["has_header"] = st.checkbox("Header row holds column names", current.has_header is not False)
            elif current.format == "json":
                changes["records_path"] = st.text_input("Key holding the records", current.records_path or "") or None
            text_columns = [c["name"] for c in source.profile["columns"] if c["dtype"] == "String"]
            offered = sorted(set(source.profile.get("suggestions", {})) | set(current.number_columns))
            number_columns = st.multiselect(
                "Read as numbers", offered, default=[c for c in current.number_columns if c in offered],
                help="Text such as '$1,200.00' or '12%' (read as 0.12) becomes a number column",
                disabled=not offered)
            keep_text = st.multiselect("Keep as text (no date or number detection)",
                                       sorted(set(text_columns) | set(current.text_columns) |
                                              set(current.date_formats) | set(current.number_columns)),
                                       default=current.text_columns)
            if st.form_submit_button("Re-read with these options", type="primary"):
                chosen_options = sources.options_for_reread(source, changes, number_columns, keep_text)

                def reread(progress):
                    with ui.session() as session:
                        return sources.reread_source(session, settings, source.id, chosen_options, progress)
                run_action("Re-reading", reread, success=f"'{source.name}' re-read with the new options.")
                st.rerun()
        with ui.session() as session:
            other_sheets = sources.sheets_not_added(session, source)
        if other_sheets:  # each sheet is its own source: other sheets are added beside this one, never swapped in
            more = st.multiselect(f"Add other sheets of {source.file_name} as sources", other_sheets,
                                  key=f"more_sheets_{source.id}")
            if st.button("Add these sheets", disabled=not more, key=f"add_sheets_{source.id}"):
                def add_more(progress):
                    with ui.session() as session:
                        return sources.add_workbook(session, settings, file_name=source.file_name or "",
                                                    data=sources.original_file(settings, source), sheets=more,
                                                    progress=progress)
                for result in run_action("Adding sheets", add_more) or []:
                    announce(result)
                st.rerun()

with tab_versions:
    if source.kind != "file":
        st.info("Queries and endpoints are read afresh on refresh; they have no file versions.")
    else:
        replacement = st.file_uploader("Replace with a new version of the file (keeps the name and options)",
                                       type=UPLOAD_TYPES, key=f"replace_{source.id}_{st.session_state['uploader_round']}")
        if replacement is not None:
            def replace(progress):
                with ui.session() as session:
                    return sources.replace_file(session, settings, source.id, file_name=replacement.name,
                                                data=replacement, progress=progress)
            if done := run_action(f"Replacing with {replacement.name}", replace):
                ui.flash("success", f"'{source.name}' now reads {replacement.name}. "
                                    f"Schema changes: {sources.describe_schema_changes(done[1])}.")
                if warning := sources.fewer_rows(done[1]):
                    ui.flash("warning", warning)
            st.session_state["uploader_round"] += 1
            st.rerun()
        if not source.versions:
            st.caption("No earlier versions.")
        for index, version in enumerate(source.versions):
            c1, c2, c3 = st.columns([4, 1, 1])
            c1.write(f"**{version['file_name']}** · {version['row_count']:,} rows × {version['column_count']} columns · "
                     f"replaced {version['replaced_at']}")
            if c2.button("Restore", key=f"restore_{source.id}_{index}"):
                with ui.session() as session:
                    sources.restore_version(session, settings, source.id, index)
                ui.flash("success", f"Restored {version['file_name']}.")
                st.rerun()
            if c3.button("Remove", key=f"remove_{source.id}_{index}"):
                with ui.session() as session:
                    sources.remove_version(session, settings, source.id, index)
                ui.flash("success", f"Removed the earlier version {version['file_name']}.")
                st.rerun()

with tab_manage:
    new_name = st.text_input("Name", source.name, key=f"name_{source.id}")
    if st.button("Rename", disabled=new_name == source.name):
        try:
            with ui.session() as session:
                renamed = sources.rename_source(session, source.id, new_name)
            st.session_state["next_open"] = renamed.name
            ui.flash("success", f"Renamed to '{renamed.name}'.")
        except SluiceError as error:
            ui.flash("error", str(error))
        st.rerun()

    st.subheader("Download")
    stem = source.name.replace("/", "_")
    d1, d2, d3, d4 = st.columns(4)
    if source.kind == "file":
        d1.download_button("Original file", sources.original_file(settings, source).read_bytes,
                           file_name=source.file_name, key="dl_original")
    frame = sources.scan_source(settings, source)
    d2.download_button("CSV", lambda: exports.to_csv_bytes(frame.collect()), file_name=f"{stem}.csv",
                       mime="text/csv", key="dl_csv")
    d3.download_button("Excel", lambda: exports.to_excel_bytes(frame.collect()), file_name=f"{stem}.xlsx",
                       key="dl_xlsx")
    d4.download_button("Parquet", lambda: exports.to_parquet_bytes(frame.collect()), file_name=f"{stem}.parquet",
                       key="dl_parquet")

    st.subheader("Delete")
    if st.session_state.get("confirm_delete") != source.id:
        if st.button("Delete this source", icon=":material/delete:"):
            st.session_state["confirm_delete"] = source.id
            st.rerun()
    else:
        st.warning(f"Delete '{source.name}' and its stored files? This cannot be undone.")
        c1, c2 = st.columns(2)
        if c1.button("Yes, delete it", type="primary"):
            with ui.session() as session:
                sources.delete_source(session, settings, source.id)
            st.session_state.pop("confirm_delete", None)
            ui.flash("success", f"Deleted '{source.name}'.")
            st.rerun()
        if c2.button("Cancel"):
            st.session_state.pop("confirm_delete", None)
            st.rerun()
