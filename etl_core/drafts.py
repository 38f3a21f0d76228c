"""A pipeline being edited: its steps as plain data (half-configured ones included), with undo and redo.

Every edit makes a new immutable ``DraftState`` and pushes it on the history, so undo and
redo are moves along that list. Steps carry an id that survives moves, so a screen can
key widgets and a sortable list by step rather than by position.
"""

from __future__ import annotations

import copy
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from etl_core.errors import SpecError
from etl_core.spec import PipelineSpec, parse_spec
from etl_core.steps import STEP_TYPES

HISTORY_LIMIT = 200  # edits kept for undo; the oldest are forgotten


@dataclass(frozen=True)
class DraftStep:
    """One step as the analyst left it: may miss fields or hold wrong ones until fixed."""

    id: str
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data.get("type", ""))

    @property
    def disabled(self) -> bool:
        return bool(self.data.get("disabled"))


@dataclass(frozen=True)
class DraftState:
    """A whole pipeline at one point of the history."""

    name: str = ""
    description: str = ""
    parameters: tuple[dict[str, Any], ...] = ()
    steps: tuple[DraftStep, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)  # concurrency, row_counts, time_limit_s

    def as_data(self) -> dict[str, Any]:
        """The spec as JSON data (not checked): what the JSON view shows and save parses."""
        data: dict[str, Any] = {"name": self.name}
        if self.description:
            data["description"] = self.description
        if self.parameters:
            data["parameters"] = [dict(p) for p in self.parameters]
        data["steps"] = [copy.deepcopy(s.data) for s in self.steps]
        data.update(copy.deepcopy(self.settings))
        return data

    def position(self, step_id: str) -> int:
        """0-based position of a step by id."""
        for index, step in enumerate(self.steps):
            if step.id == step_id:
                return index
        raise KeyError(step_id)


def _new_id() -> str:
    return secrets.token_hex(4)


def state_from_data(data: dict[str, Any]) -> DraftState:
    """A draft state from spec data (a saved pipeline's, an imported file's).

    Declared output types are left out: saving derives them again from the edited steps.
    """
    keep = {k: v for k, v in data.items() if k not in ("name", "description", "parameters", "steps", "output_types")}
    return DraftState(name=str(data.get("name", "")), description=str(data.get("description") or ""),
                      parameters=tuple(dict(p) for p in data.get("parameters") or ()),
                      steps=tuple(DraftStep(_new_id(), copy.deepcopy(s)) for s in data.get("steps") or ()),
                      settings=copy.deepcopy(keep))


class Draft:
    """The pipeline on the builder's screen: the current state, undo and redo, and what was saved."""

    def __init__(self, state: DraftState, *, saved_as: str | None = None) -> None:
        self.history: list[DraftState] = [state]
        self.at = 0
        self.version = 0  # changes with every edit, undo and redo
        # changes when the steps change other than through their own form (undo, redo, a JSON edit):
        # widgets keyed by it are drawn afresh from the draft, and keep their state while the analyst types
        self.epoch = 0
        self.saved_as = saved_as  # the stored pipeline's name, None for a new one
        self.saved: DraftState | None = state if saved_as else None

    # ---- making one ---------------------------------------------------------------------

    @classmethod
    def from_spec(cls, spec: PipelineSpec, *, saved: bool = True) -> Draft:
        return cls(state_from_data(spec.as_data()), saved_as=spec.name if saved else None)

    @classmethod
    def from_source(cls, source: str, name: str = "") -> Draft:
        """A new pipeline whose first step reads ``source``."""
        return cls(DraftState(name=name, steps=(DraftStep(_new_id(), {"type": "source", "source": source}),)))

    # ---- reading ------------------------------------------------------------------------

    @property
    def state(self) -> DraftState:
        return self.history[self.at]

    @property
    def can_undo(self) -> bool:
        return self.at > 0

    @property
    def can_redo(self) -> bool:
        return self.at < len(self.history) - 1

    @property
    def unsaved(self) -> bool:
        """Whether the screen holds changes the stored pipeline does not."""
        if self.saved is None:
            return True
        return self.state.as_data() != self.saved.as_data()

    def to_spec(self) -> PipelineSpec:
        """The checked spec, or a SpecError naming the step and field that are not right yet."""
        if not self.state.steps:
            raise SpecError("the pipeline has no steps.", hint="Add a source step first.")
        if not self.state.name.strip():
            raise SpecError("the pipeline has no name.", hint="Type a name above the steps.")
        return parse_spec(self.state.as_data())

    # ---- history ------------------------------------------------------------------------

    def change(self, edit: Callable[[DraftState], DraftState]) -> None:
        """Apply an edit; an edit that changes nothing leaves the history alone."""
        new = edit(self.state)
        if new == self.state:
            return
        del self.history[self.at + 1:]  # a new edit drops what could have been redone
        self.history.append(new)
        if len(self.history) > HISTORY_LIMIT:
            del self.history[0]
        self.at = len(self.history) - 1
        self.version += 1

    def undo(self) -> None:
        if self.can_undo:
            self.at -= 1
            self.version += 1
            self.epoch += 1

    def redo(self) -> None:
        if self.can_redo:
            self.at += 1
            self.version += 1
            self.epoch += 1

    def mark_saved(self, name: str) -> None:
        self.saved_as, self.saved = name, self.state

    # ---- edits --------------------------------------------------------------------------

    def add_step(self, step_type: str, *, after: str | None = None, data: dict[str, Any] | None = None) -> str:
        """Add a step of ``step_type`` after step ``after`` (default: at the end); its id.

        New work goes before the outputs that end the pipeline: after one of them, or at the end, a step
        other than an output is put before them (an output in the middle is followed as asked).
        """
        if step_type not in STEP_TYPES:
            raise SpecError(f"unknown step type '{step_type}'.", hint=f"Step types: {', '.join(STEP_TYPES)}.")
        step = DraftStep(_new_id(), {"type": step_type, **(data or {})})

        def edit(state: DraftState) -> DraftState:
            steps = list(state.steps)
            at = len(steps) if after is None else state.position(after) + 1
            if step_type != "output" and all(s.type == "output" for s in steps[at:]):
                while at > 1 and steps[at - 1].type == "output":
                    at -= 1
            steps.insert(at, step)
            return replace(state, steps=tuple(steps))

        self.change(edit)
        return step.id

    def update_step(self, step_id: str, data: dict[str, Any]) -> None:
        """Replace a step's fields (its type and disabled flag are kept); empty values are dropped."""
        def edit(state: DraftState) -> DraftState:
            index = state.position(step_id)
            old = state.steps[index]
            new = {"type": old.type, **{k: v for k, v in data.items() if not _empty(v) and k != "type"}}
            if old.disabled:
                new["disabled"] = True
            steps = list(state.steps)
            steps[index] = DraftStep(step_id, new)
            return replace(state, steps=tuple(steps))

        self.change(edit)

    def set_field(self, step_id: str, name: str, value: Any) -> None:
        """Set one field of a step (an empty value removes it, so the model's default applies)."""
        data = dict(self.state.steps[self.state.position(step_id)].data)
        data[name] = value
        self.update_step(step_id, data)

    def remove_step(self, step_id: str) -> None:
        self.change(lambda s: replace(s, steps=tuple(step for step in s.steps if step.id != step_id)))

    def toggle_step(self, step_id: str) -> None:
        """Disable a step (kept, skipped when run) or enable it again."""
        def edit(state: DraftState) -> DraftState:
            index = state.position(step_id)
            data = dict(state.steps[index].data)
            if data.pop("disabled", None) is None:
                data["disabled"] = True
            steps = list(state.steps)
            steps[index] = DraftStep(step_id, data)
            return replace(state, steps=tuple(steps))

        self.change(edit)

    def move_step(self, step_id: str, offset: int) -> None:
        """Move a step up (negative) or down (positive); it stops at either end."""
        ids = [s.id for s in self.state.steps]
        index = ids.index(step_id)
        target = max(0, min(len(ids) - 1, index + offset))
        ids.insert(target, ids.pop(index))
        self.reorder(ids)

    def reorder(self, ids: list[str]) -> None:
        """Put the steps in this order (every id exactly once)."""
        by_id = {s.id: s for s in self.state.steps}
        if sorted(ids) != sorted(by_id):
            raise ValueError("a new order must name every step once")
        self.change(lambda s: replace(s, steps=tuple(by_id[i] for i in ids)))

    def set_details(self, *, name: str | None = None, description: str | None = None) -> None:
        def edit(state: DraftState) -> DraftState:
            return replace(state, name=" ".join(name.split()) if name is not None else state.name,
                           description=description if description is not None else state.description)

        self.change(edit)

    def set_parameters(self, parameters: list[dict[str, Any]]) -> None:
        cleaned = tuple({k: v for k, v in p.items() if not _empty(v)} for p in parameters if p.get("name"))
        self.change(lambda s: replace(s, parameters=cleaned))

    def replace_from_json(self, text: str) -> None:
        """Take an edited spec; one that is not a valid pipeline is refused (SpecError) and nothing changes."""
        spec = parse_spec(text)
        new = state_from_data(spec.as_data())
        # steps keep their ids where they are unchanged, so the selection survives the edit
        old = {json.dumps(s.data, sort_keys=True): s.id for s in self.state.steps}
        steps = tuple(DraftStep(old.pop(json.dumps(s.data, sort_keys=True), s.id), s.data) for s in new.steps)
        self.change(lambda _: replace(new, steps=steps))
        self.epoch += 1


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
