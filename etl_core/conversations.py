"""Chat conversations: questions and answers kept in the database, attachments turned into data sources.

The chat page, and anything else that holds a conversation, calls these; the answers come
from etl_core.chat. A message's payload keeps what the page redraws later without
recomputing: the plan, the value, the table (up to PAYLOAD_ROWS rows) and the chart.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any, BinaryIO

import plotly.graph_objects as go
import plotly.io as pio
import polars as pl
from sqlmodel import Session, delete, select

from etl_core import pipelines, sources
from etl_core.chat import Alternative, Answer, LLMConfig, answer_plan, answer_question, suggestions
from etl_core.chat.answer import BLANK
from etl_core.chat.catalogue import Catalogue, build
from etl_core.chat.compile import compile_plan, pipeline_name
from etl_core.chat.describe import describe_plan
from etl_core.chat.edit import edit_plan
from etl_core.chat.plan import QueryPlan
from etl_core.chat.prepare import Prepared, prepare
from etl_core.config import Settings
from etl_core.errors import InputError, NotFoundError, SluiceError
from etl_core.loaders import detect_format
from etl_core.models import Conversation, DataSource, Message, Pipeline, utcnow

DEFAULT_TITLE = "New conversation"
TITLE_LENGTH = 60
PAYLOAD_ROWS = 1_000
CACHED_TABLES = 8
FIRST_SOURCES = 3

# (name, parquet file) -> the frame made ready to ask about, and how its text was read ('read as numbers')
_frames: OrderedDict[tuple[str, str], Prepared] = OrderedDict()
_catalogues: OrderedDict[tuple, Catalogue] = OrderedDict()
_cache_lock = threading.Lock()  # Streamlit answers each session in its own thread


# ---- conversations -----------------------------------------------------------------------

def new_conversation(session: Session, owner: str = "local", sources_in_play: list[str] | None = None) -> Conversation:
    conversation = Conversation(owner=owner, sources=list(sources_in_play or []))
    return _save(session, conversation)


def start_conversation(session: Session, owner: str = "local", carry: list[str] | None = None) -> Conversation:
    """A new conversation with tables already in play: those of the conversation it follows, or on a first
    visit the data sources (up to a few, newest first) so a question can be asked at once."""
    known = [s.name for s in sources.list_sources(session)]
    in_play = [n for n in carry or [] if n in known] or (known if len(known) <= FIRST_SOURCES else known[:1])
    return new_conversation(session, owner, in_play)


def list_conversations(session: Session, owner: str = "local") -> list[Conversation]:
    query = select(Conversation).where(Conversation.owner == owner)
    return list(session.exec(query.order_by(Conversation.updated_at.desc(), Conversation.id.desc())))


def get_conversation(session: Session, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFoundError(f"There is no conversation {conversation_id}.", hint="It may have been deleted; start a new one.")
    return conversation


def rename_conversation(session: Session, conversation_id: int, title: str) -> Conversation:
    title = " ".join(title.split())
    if not title:
        raise InputError("A conversation needs a title.", hint="Type a few words.")
    if len(title) > 200:
        raise InputError("That title is longer than 200 characters.", hint="Use a shorter one.")
    conversation = get_conversation(session, conversation_id)
    conversation.title = title
    return _save(session, conversation)


def delete_conversation(session: Session, conversation_id: int) -> None:
    """The conversation and its messages; data sources attached in it stay (other pages may use them)."""
    conversation = get_conversation(session, conversation_id)
    session.exec(delete(Message).where(Message.conversation_id == conversation.id))
    session.delete(conversation)
    session.commit()


def messages(session: Session, conversation_id: int) -> list[Message]:
    query = select(Message).where(Message.conversation_id == conversation_id)
    return list(session.exec(query.order_by(Message.created_at, Message.id)))


def set_sources(session: Session, conversation_id: int, names: list[str]) -> Conversation:
    """Choose the data sources in play; a name that is not a data source is refused."""
    known = {s.name for s in sources.list_sources(session)}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise NotFoundError(f"There is no data source '{unknown[0]}'.", hint=f"Sources: {', '.join(sorted(known))}.")
    conversation = get_conversation(session, conversation_id)
    conversation.sources = list(dict.fromkeys(names))
    return _save(session, conversation)


def title_from(question: str) -> str:
    """The first question, cut at a word boundary: the conversation's title."""
    text = " ".join(question.split()).rstrip("?!. ")
    if len(text) <= TITLE_LENGTH:
        return text[:1].upper() + text[1:] if text else DEFAULT_TITLE
    cut = text[:TITLE_LENGTH + 1].rsplit(" ", 1)[0]
    return cut[:1].upper() + cut[1:] + "…"


# ---- the tables in play ------------------------------------------------------------------

def _load(session: Session, settings: Settings, names: list[str]) -> tuple[dict[str, pl.DataFrame], tuple]:
    """The named sources as frames, read once per stored version and kept for the next question, and a
    key naming those versions (the catalogue cache's key). Sources deleted since are skipped."""
    found = {s.name: s for s in session.exec(select(DataSource).where(DataSource.name.in_(names)))}
    tables, versions = {}, []
    for name in names:
        source = found.get(name)
        if source is None or not source.parquet_file:
            continue
        key = (name, source.parquet_file)
        versions.append(key)
        with _cache_lock:
            cached = _frames.get(key)
        if cached is None:  # read once per stored version, with numbers written as text made numbers
            cached = prepare(sources.scan_source(settings, source).collect())
        with _cache_lock:
            _frames[key] = cached
            _frames.move_to_end(key)
            while len(_frames) > CACHED_TABLES:
                _frames.popitem(last=False)
        tables[name] = cached.frame
    return tables, tuple(sorted(versions))


def _with_read_notes(answer: Answer, key: tuple) -> Answer:
    """The answer with how its table's text was read ('Pos' read as numbers, 'Ret' as empty): an analyst checks
    a figure against the file they know."""
    plan = answer.plan
    if plan is None:
        return answer
    with _cache_lock:
        notes = [n for k in key if k[0] == plan.table and k in _frames for n in _frames[k].notes]
    answer.notes += [n for n in notes if n not in answer.notes]
    return answer


def catalogue_for(tables: dict[str, pl.DataFrame], key: tuple) -> Catalogue:
    """The column roles and value index, built once per set of stored versions (it reads every column)."""
    with _cache_lock:
        catalogue = _catalogues.get(key)
    if catalogue is None:
        with _cache_lock:  # how each table wrote its durations and dates, from the same stored versions
            written = {k[0]: _frames[k].written for k in key if k in _frames}
            units = {k[0]: _frames[k].units for k in key if k in _frames}
        catalogue = build(tables, written, units)
        with _cache_lock:
            _catalogues[key] = catalogue
            while len(_catalogues) > CACHED_TABLES:
                _catalogues.popitem(last=False)
    return catalogue


def suggested_questions(session: Session, settings: Settings, conversation: Conversation, limit: int = 4) -> list[str]:
    """Questions drawn from the tables in play: their own columns and values; after an attachment,
    the questions its reply suggested come first."""
    history = messages(session, conversation.id)
    attached = history[-1].payload.get("suggestions", []) if history else []
    tables, key = _load(session, settings, conversation.sources)
    general = suggestions(catalogue_for(tables, key), limit=limit) if tables else []
    return list(dict.fromkeys([*attached, *general]))[:limit]


# ---- asking ------------------------------------------------------------------------------

def ask(session: Session, settings: Settings, conversation_id: int, question: str) -> Message:
    """Store the question, answer it from the tables in play (following up the last answer, or taking one of
    the readings it offered back: 'the first one'), store the answer."""
    conversation = get_conversation(session, conversation_id)
    question = question.strip()
    _add(session, conversation, "user", question)
    if conversation.title == DEFAULT_TITLE and question:
        conversation.title = title_from(question)
    tables, key = _load(session, settings, conversation.sources)
    catalogue = catalogue_for(tables, key) if tables else None
    answer = answer_question(question, tables, previous_plan(session, conversation_id), catalogue=catalogue,
                             llm=LLMConfig.from_settings(settings), choices=offered(session, conversation_id))
    answer = _with_read_notes(answer, key)
    return _add(session, conversation, "assistant", with_table_named(answer), answer_payload(answer, question))


def choose(session: Session, settings: Settings, message_id: int, index: int) -> Message:
    """Answer one of the readings an answer offered back (the page's buttons)."""
    message, conversation = _answer_message(session, message_id)
    alternatives = message.payload.get("alternatives") or []
    if not 0 <= index < len(alternatives):
        raise InputError("That answer has no such choice.", hint="Pick one of the readings offered.")
    chosen = alternatives[index]
    _add(session, conversation, "user", chosen["label"], {"kind": "choice"})
    return _answer_again(session, settings, conversation, QueryPlan.model_validate(chosen["plan"]),
                         message.payload.get("question", chosen["label"]))


def revise(session: Session, settings: Settings, message_id: int, chip: int, option: int) -> Message:
    """Answer again with one phrase read another way (a chip's choice on the page)."""
    message, conversation = _answer_message(session, message_id)
    if not message.payload.get("plan"):
        raise InputError("That message has no reading to change.", hint="Pick an answer with a reading.")
    plan = QueryPlan.model_validate(message.payload["plan"])
    changed = edit_plan(plan, chip, option)
    said = plan.reading[chip]
    _add(session, conversation, "user", f"Read '{said.phrase}' as {said.options[option].label}", {"kind": "revision"})
    return _answer_again(session, settings, conversation, changed, message.payload.get("question", ""))


def _answer_message(session: Session, message_id: int) -> tuple[Message, Conversation]:
    message = session.get(Message, message_id)
    if message is None or message.role != "assistant":
        raise NotFoundError("That message has no answer to change.", hint="Pick an answer in the conversation.")
    return message, get_conversation(session, message.conversation_id)


def _answer_again(session: Session, settings: Settings, conversation: Conversation, plan: QueryPlan,
                  question: str) -> Message:
    tables, key = _load(session, settings, conversation.sources)
    if plan.table not in tables:
        raise InputError(f"'{plan.table}' is no longer in play.", hint="Pick it again above the question box.")
    answer = _with_read_notes(answer_plan(plan, tables), key)
    return _add(session, conversation, "assistant", with_table_named(answer), answer_payload(answer, question))


def with_table_named(answer: Answer) -> str:
    """The answer's sentence and the table it was computed from: several tables may be in play."""
    plan = answer.plan
    if plan is None or plan.intent == "help":
        return answer.text
    lookups = "".join(f", looking up '{j.table}'" for j in plan.joins)
    return f"{answer.text} (From '{plan.table}'{lookups}.)"


def previous_plan(session: Session, conversation_id: int) -> QueryPlan | None:
    """The plan of the latest answered question: what a follow-up ('and by month?') changes."""
    for message in reversed(messages(session, conversation_id)):
        plan = message.payload.get("plan") if message.role == "assistant" else None
        if plan and message.payload.get("value") is not None:
            return QueryPlan.model_validate(plan)
    return None


def offered(session: Session, conversation_id: int) -> list[Alternative]:
    """The readings the last answer offered back, if it asked: a reply such as 'the second one' takes one."""
    history = messages(session, conversation_id)
    if history and history[-1].role == "user":
        history = history[:-1]  # the reply being answered now
    last = history[-1] if history else None
    if last is None or last.role != "assistant":
        return []
    return [Alternative(a["label"], QueryPlan.model_validate(a["plan"])) for a in last.payload.get("alternatives", [])]


def attach(session: Session, settings: Settings, conversation_id: int, *, file_name: str,
           data: bytes | BinaryIO) -> Message:
    """A file attached in the chat becomes a data source (the same loaders as the data sources page), and
    the table in play: the tables before it leave play until picked again. A workbook gives a source per
    sheet with data. The reply summarises it and suggests questions. A file that cannot be read gets a
    reply saying why."""
    conversation = get_conversation(session, conversation_id)
    _add(session, conversation, "user", f"Attached {file_name}", {"kind": "attachment", "file_name": file_name})
    try:
        if detect_format(file_name) == "excel":
            added = sources.add_workbook(session, settings, file_name=file_name, data=data)
        else:
            added = [sources.add_file(session, settings, file_name=file_name, data=data)]
    except SluiceError as error:
        session.rollback()
        return _add(session, conversation, "assistant", f"I could not read {file_name}: {error}",
                    {"kind": "error", "file_name": file_name})
    names = [a.source.name for a in added]
    attached_before = {n for m in messages(session, conversation.id) if m.role == "assistant"
                       and m.payload.get("kind") == "attachment" for n in m.payload.get("sources", [m.payload.get("source")])}
    # files attached earlier in this conversation stay in play beside it; anything else leaves
    kept = [n for n in conversation.sources if n in attached_before or n in names]
    conversation.sources = list(dict.fromkeys([*kept, *names]))
    if conversation.title == DEFAULT_TITLE:
        conversation.title = title_from(f"About {file_name if len(names) > 1 else names[0]}")
    tables, key = _load(session, settings, names)
    chips = suggestions(catalogue_for(tables, key), names[0]) if tables else []
    text = "\n\n".join(summarise_source(a.source, already=a.already_loaded) for a in added)
    if added[0].source.format == "excel":
        sheets = added[0].source.profile.get("sheets", [])
        text = f"{file_name} has {len(sheets)} sheet{'s' if len(sheets) != 1 else ''}: {', '.join(sheets)}. " \
               f"Each sheet with data is a table of its own.\n\n{text}"
        empty = [n for a in added for n in a.notes if "empty and" in n]
        text += "".join(f"\n\n{n}" for n in empty)
    return _add(session, conversation, "assistant", text,
                {"kind": "attachment", "source": names[0], "sources": names, "suggestions": chips})


def summarise_source(source: DataSource, already: bool = False) -> str:
    """Rows, columns, types and what the profile found worth saying, in a few lines."""
    profile = source.profile or {}
    columns = profile.get("columns", [])
    kinds: dict[str, int] = {}
    for column in columns:
        kinds[column.get("semantic_type", "other")] = kinds.get(column.get("semantic_type", "other"), 0) + 1
    said = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1]))
    lead = f"'{source.name}' was already loaded; it is now in play." if already else f"Added '{source.name}'."
    rows = f"{source.row_count:,} row{'' if source.row_count == 1 else 's'}"
    text = f"{lead} It has {rows} and {source.column_count} column{'' if source.column_count == 1 else 's'} ({said})."
    findings = list(profile.get("warnings", []))[:3] + list(profile.get("notes", []))[:2]
    if findings:
        text += "\n\nWorth knowing: " + "; ".join(findings) + "."
    if profile.get("pending"):  # a large source: the types above are those its values tell at once
        text += (f"\n\nIts {', '.join(profile['pending'])} are still being counted; Data sources shows them "
                 "when they are done.")
    return text


# ---- keeping an answer -------------------------------------------------------------------

def save_as_pipeline(session: Session, settings: Settings, message_id: int, name: str | None = None) -> Pipeline:
    """The answer's own spec, kept as a pipeline with a Parquet output: listed and run like any other."""
    message = session.get(Message, message_id)
    if message is None or message.role != "assistant" or not message.payload.get("plan"):
        raise NotFoundError("That message has no answer to keep.", hint="Pick an answer with a table.")
    if not can_save(message.payload):
        raise InputError("Only answers with a table can be saved as a pipeline.",
                         hint="A yes/no, a description or a question back has no table to keep.")
    plan = QueryPlan.model_validate(message.payload["plan"])
    question = message.payload.get("question", "")
    name = " ".join((name or pipeline_name(question)).split())
    if not name:
        raise InputError("A pipeline needs a name.", hint="Type a name such as revenue_by_region.")
    compiled = compile_plan(plan, output=f"{pipeline_name(name)}.parquet")
    spec = compiled.spec.model_copy(update={"name": name, "description": f"Saved from the chat: {question}"})
    return pipelines.save_pipeline(session, settings, spec)


def can_save(payload: dict[str, Any]) -> bool:
    """Whether an answer can be kept as a pipeline: it has a table computed from a plan that compiles to a spec."""
    plan = payload.get("plan")
    if not plan or payload.get("value") is None or plan.get("intent") in ("describe", "help", "test") \
            or plan.get("test") is not None:
        return False
    try:
        compile_plan(QueryPlan.model_validate(plan))
    except (SluiceError, ValueError):  # a plan stored by an older version, or one with no table of its own
        return False
    return True


def free_pipeline_name(session: Session, wanted: str) -> str:
    """The wanted pipeline name, or wanted_2, wanted_3... when a pipeline has it already."""
    taken = {p.name for p in pipelines.list_pipelines(session)}
    name, n = wanted, 1
    while name in taken:
        n += 1
        name = f"{wanted}_{n}"
    return name


def pipeline_name_problem(session: Session, name: str) -> str | None:
    """What stops a pipeline being saved under this name, said before the analyst presses Save."""
    name = " ".join(name.split())
    if not name:
        return "A pipeline needs a name."
    if any(p.name == name for p in pipelines.list_pipelines(session)):
        return f"A pipeline called '{name}' already exists; choose another name."
    return None


def conversation_label(conversation: Conversation) -> str:
    """A conversation as the sidebar lists it: its title and when it was last used, so two alike differ."""
    return f"{conversation.title} · {conversation.updated_at:%d %b %H:%M}"


def listed_conversations(session: Session, owner: str = "local") -> list[Conversation]:
    """The conversations worth listing: an untouched new one is reached by the 'new conversation' button."""
    return [c for c in list_conversations(session, owner) if c.title != DEFAULT_TITLE or messages(session, c.id)]


# ---- what the page shows -----------------------------------------------------------------

def shown_table(payload: dict[str, Any]) -> pl.DataFrame | None:
    """The answer's table as the page shows it: a month reads 'Oct 2024', a quarter '2024 Q4', and a group
    with no value '(blank)', not a grey None or NaN, whatever the type of its column. Downloads keep the table
    as computed."""
    table = table_from_payload(payload)
    if table is None:
        return None
    plan = payload.get("plan") or {}
    bucket = plan.get("bucket")
    if bucket in ("month", "quarter") and bucket in table.columns:
        start = pl.col(bucket).cast(pl.String).str.slice(0, 10).str.to_date(strict=False)
        named = start.dt.strftime("%b %Y") if bucket == "month" else \
            pl.format("{} Q{}", start.dt.year(), start.dt.quarter())
        table = table.with_columns(named.alias(bucket))
    keys = {bucket, *plan.get("group_by", [])}
    # a group all blank is read back as Null; a number or true/false group with a blank becomes text to say so
    blanks = [c for c, d in table.schema.items()
              if d in (pl.String, pl.Null) or (c in keys and table[c].null_count())]
    return table.with_columns(pl.col(c).cast(pl.String).fill_null(BLANK) for c in blanks)


# ---- payloads ----------------------------------------------------------------------------

def answer_payload(answer: Answer, question: str) -> dict[str, Any]:
    """What the page needs to draw the answer again, as JSON: the same reading the command line prints."""
    payload: dict[str, Any] = {"kind": "answer", "question": question, "value": _json_safe(answer.value),
                               "notes": answer.notes, "sql": answer.sql}
    if answer.plan is not None and answer.plan.intent != "help":
        payload["plan"] = answer.plan.model_dump(mode="json")
        payload["plan_words"] = plan_in_words(answer.plan)
        payload["reading"] = [c.model_dump(mode="json") for c in answer.plan.reading]
    if answer.alternatives:
        payload["alternatives"] = [{"label": a.label, "plan": a.plan.model_dump(mode="json")} for a in answer.alternatives]
    if answer.table is not None:
        payload["table"] = table_payload(answer.table)
    if answer.figure is not None:
        payload["figure"] = json.loads(pio.to_json(answer.figure))
    return payload


def table_payload(table: pl.DataFrame) -> dict[str, Any]:
    shown = table.head(PAYLOAD_ROWS)
    return {"columns": shown.columns, "rows": json.loads(shown.write_json()), "total_rows": table.height}


def table_from_payload(payload: dict[str, Any]) -> pl.DataFrame | None:
    stored = payload.get("table")
    if not stored:
        return None
    if not stored["rows"]:
        return pl.DataFrame({c: [] for c in stored["columns"]})
    return pl.DataFrame(stored["rows"], infer_schema_length=None).select(stored["columns"])


def figure_from_payload(payload: dict[str, Any]) -> go.Figure | None:
    return go.Figure(payload["figure"]) if payload.get("figure") else None


def plan_in_words(plan: QueryPlan) -> list[str]:
    """The plan as short lines an analyst can check: from, looked up, kept, computed, ordered."""
    lines = [f"From {plan.table}"]
    lines += [f"Look up {j.table} by {', '.join(j.on)}" for j in plan.joins]
    lines += [f"Keep rows where {f.words()}" for f in plan.filters]
    lines += [f"Keep dates of {r.column}: {r.label or f'{r.start} to {r.end}'}" for r in plan.date_ranges]
    keys = ([f"{plan.bucket} of {plan.date_column}"] if plan.bucket else []) + list(plan.group_by)
    if keys:
        lines.append(f"Group by {', '.join(keys)}")
    lines.append(f"Answer: {describe_plan(plan)}")
    return lines


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def _add(session: Session, conversation: Conversation, role: str, text: str,
         payload: dict[str, Any] | None = None) -> Message:
    message = Message(conversation_id=conversation.id, role=role, text=text, payload=payload or {})
    conversation.updated_at = utcnow()
    session.add(message)
    session.add(conversation)
    session.commit()
    session.refresh(message)
    return message


def _save(session: Session, conversation: Conversation) -> Conversation:
    conversation.updated_at = utcnow()
    session.add(conversation)
    session.commit()
    session.refresh(conversation)
    return conversation
