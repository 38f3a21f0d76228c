"""Chat: ask about the tables in play, attach files, keep answers as pipelines."""

import streamlit as st

import ui
from etl_core import conversations, exports, profile_fill, sources
from etl_core.chat.compile import pipeline_name
from etl_core.errors import SluiceError
from etl_core.loaders import EXTENSIONS
from etl_core.models import Message

UPLOAD_TYPES = sorted({ext.lstrip(".") for ext in EXTENSIONS})
OWNER = "local"

st.title("Chat")
settings = ui.settings()
ui.show_flash()


def current_conversation():
    """The conversation on screen: the one picked, else the latest, else a new one."""
    with ui.session() as session:
        chosen = st.session_state.get("conversation_id")
        known = conversations.list_conversations(session, OWNER)
        if chosen not in {c.id for c in known}:
            chosen = known[0].id if known else conversations.start_conversation(session, OWNER).id
            st.session_state["conversation_id"] = chosen
        return conversations.get_conversation(session, chosen), conversations.listed_conversations(session, OWNER)


def act(action, success: str | None = None, after=None, rerun: bool = True) -> None:
    """Run an etl_core call; its error is shown instead of a traceback (after the rerun, at the top)."""
    try:
        with ui.session() as session:
            action(session)
    except SluiceError as error:
        ui.flash("error", str(error))
        ui.flash("toast", f"Not done: {error.message}")  # the chat may be scrolled far from the top
    else:
        if success:
            ui.flash("success", success)
            ui.flash("toast", success)
        if after:
            after()
    if rerun:
        st.rerun()


conversation, known = current_conversation()

with st.sidebar:
    st.subheader("Conversations")
    if st.button("Start a new conversation", icon=":material/add:", use_container_width=True, key="new"):
        with ui.session() as session:
            if conversations.messages(session, conversation.id):  # an empty one is already new
                st.session_state["conversation_id"] = conversations.start_conversation(
                    session, OWNER, conversation.sources).id
        st.rerun()
    for item in known:  # an untouched new conversation is not listed: the button above is the way to it
        if st.button(conversations.conversation_label(item), key=f"open_{item.id}", use_container_width=True,
                     type="primary" if item.id == conversation.id else "secondary"):
            st.session_state["conversation_id"] = item.id
            st.rerun()
    with st.expander("Rename or delete this conversation"):
        title = st.text_input("Title", value=conversation.title, key=f"title_{conversation.id}")
        if st.button("Rename", key="rename"):
            act(lambda s: conversations.rename_conversation(s, conversation.id, title), "Renamed.")
        if st.checkbox("Yes, delete it and its messages", key=f"confirm_delete_{conversation.id}") and \
                st.button("Delete conversation", type="primary", key="delete"):
            act(lambda s: conversations.delete_conversation(s, conversation.id), f"Deleted '{conversation.title}'.",
                after=lambda: st.session_state.pop("conversation_id", None))

with ui.session() as session:
    listed = sources.list_sources(session)
rows = {s.name: s.row_count for s in listed}
profile_fill.fill_in_background(ui.engine(), settings, listed)  # a large file attached here completes its profile
all_sources = list(rows)


def pick_tables() -> None:
    picked = st.session_state[f"in_play_{conversation.id}"]
    act(lambda s: conversations.set_sources(s, conversation.id, picked), rerun=False)


# the stored conversation is the truth (an attachment adds to it): the widget shows it
st.session_state[f"in_play_{conversation.id}"] = [n for n in conversation.sources if n in all_sources]
st.multiselect("Tables in play", all_sources, key=f"in_play_{conversation.id}", on_change=pick_tables,
               format_func=lambda n: f"{n} ({rows.get(n, 0):,} rows)",
               placeholder="Pick data sources, or attach a file below")
if settings.llm_base_url and settings.llm_model:
    st.caption(f"Questions are planned by the LLM **{settings.llm_model}** and checked against the tables; "
               "when its plan is not usable, the built-in planner answers and says so.")
gone = [n for n in conversation.sources if n not in all_sources]
if gone:
    st.caption(f"No longer available (deleted from Data sources): {', '.join(gone)}.")


def draw_reading(message: Message) -> None:
    """The reading as chips above the answer: each phrase and what it was taken as; a chip's other meanings
    answer again when picked."""
    chips = message.payload.get("reading") or []
    if not chips:
        return
    row = st.container(horizontal=True, key=f"reading_{message.id}")
    for index, chip in enumerate(chips):
        with row.popover(f"{chip['phrase']} → {chip['meaning']}", key=f"chip_{message.id}_{index}"):
            if not chip["options"]:
                st.caption("No other reading of this phrase.")
            for number, option in enumerate(chip["options"]):
                if st.button(option["label"], key=f"option_{message.id}_{index}_{number}"):
                    act(lambda s, i=index, n=number: conversations.revise(s, settings, message.id, i, n))


def draw_choices(message: Message) -> None:
    """A question back: each reading as a button; a reply such as 'the first one' takes one too."""
    for index, alternative in enumerate(message.payload.get("alternatives") or []):
        if st.button(f"{index + 1}. {alternative['label']}", key=f"choice_{message.id}_{index}"):
            act(lambda s, i=index: conversations.choose(s, settings, message.id, i))


def draw_answer(message: Message) -> None:
    payload = message.payload
    draw_reading(message)
    draw_choices(message)
    table = conversations.table_from_payload(payload)
    figure = conversations.figure_from_payload(payload)
    if figure is not None:
        st.plotly_chart(figure, key=f"figure_{message.id}")
    if table is not None and table.height:
        shown = conversations.shown_table(payload)
        numbers = {c: st.column_config.NumberColumn(format="localized") for c in shown.columns[1:]
                   if shown[c].dtype.is_numeric()}  # 910,417.71 as the sentence says it; the label column stays as is
        st.dataframe(shown, hide_index=True, height=min(38 + 35 * shown.height, 320), column_config=numbers)
        if payload["table"]["total_rows"] > table.height:
            st.caption(f"Showing {table.height:,} of {payload['table']['total_rows']:,} rows; save as a pipeline for all.")
    if payload.get("plan_words"):
        with st.expander("How this was computed"):
            st.markdown("\n".join(f"{i}. {line}" for i, line in enumerate(payload["plan_words"], start=1)))
            for note in payload.get("notes", []):
                st.caption(note)
            if payload.get("sql"):
                st.code(payload["sql"], language="sql")
    if table is None or not table.height or payload.get("value") is None:
        return
    left, middle, right = st.columns([1, 1, 2])
    stem = pipeline_name(payload.get("question", "answer"))
    left.download_button("CSV", lambda: exports.to_csv_bytes(table), f"{stem}.csv", "text/csv",
                         key=f"csv_{message.id}", icon=":material/download:")
    middle.download_button("Excel", lambda: exports.to_excel_bytes(table), f"{stem}.xlsx", key=f"xlsx_{message.id}",
                           icon=":material/download:")
    if not conversations.can_save(payload):
        return
    with right.popover("Save as pipeline", icon=":material/account_tree:"):
        with ui.session() as session:
            suggested = conversations.free_pipeline_name(session, stem)
            name = st.text_input("Pipeline name", value=suggested, key=f"pipeline_name_{message.id}")
            problem = conversations.pipeline_name_problem(session, name)
        if problem:  # said here, before Save, rather than as an error at the top of the page
            st.caption(problem)
        if st.button("Save", key=f"save_{message.id}", type="primary", disabled=problem is not None):
            saved = " ".join(name.split())
            act(lambda s: conversations.save_as_pipeline(s, settings, message.id, name),
                f"Saved as pipeline '{saved}'. Run it with: python -m etl_core run \"{saved}\"")


def ask(question: str) -> None:
    with st.spinner("Working it out…"), ui.session() as session:
        conversations.ask(session, settings, conversation.id, question)


prompt = st.chat_input("Ask about your data, or attach a file", accept_file="multiple", file_type=UPLOAD_TYPES,
                       max_upload_size=settings.max_upload_mb)
question = st.session_state.pop("chip_question", None)
if prompt:
    for upload in prompt.files:
        with st.spinner(f"Reading {upload.name}…"), ui.session() as session:
            conversations.attach(session, settings, conversation.id, file_name=upload.name, data=upload)
    question = prompt.text or None
if question:
    ask(question)
if prompt or question:
    st.rerun()

with ui.session() as session:
    history = conversations.messages(session, conversation.id)
    chips = conversations.suggested_questions(session, settings, conversations.get_conversation(session, conversation.id))
if not history:
    st.info("Ask a question about the tables in play, e.g. *total revenue by region*, *top 5 products*, "
            "*revenue per month in 2024* — or attach a CSV, Excel, JSON or Parquet file with the clip.")
for message in history:
    with st.chat_message(message.role):
        st.markdown(message.text)
        if message.role == "assistant" and message.payload.get("kind") == "answer":
            draw_answer(message)


def choose(text: str) -> None:
    st.session_state["chip_question"] = text


in_play_now = [n for n in st.session_state.get(f"in_play_{conversation.id}", []) if n in rows]
st.caption("Asking about: " + (" · ".join(f"**{n}** ({rows[n]:,} rows)" for n in in_play_now) if in_play_now
                               else "nothing yet — pick tables above or attach a file"))
if chips:
    columns = st.columns(len(chips[:4]))
    for index, (column, text) in enumerate(zip(columns, chips[:4], strict=False)):
        column.button(text, key=f"chip_{index}", on_click=choose, args=(text,), use_container_width=True,
                      icon=":material/lightbulb:")
