"""The reading, corrected: a phrase read another way (another column, another aggregation, a condition dropped).

Each chip of a plan's reading carries the other meanings its phrase can take, as changes to one place in
the plan. Choosing one gives a new plan, checked like any other and answered from scratch.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from etl_core.chat.plan import Chip, ChipOption, QueryPlan
from etl_core.errors import InputError

EDITABLE = {"measures", "filters", "group_by", "date_ranges", "column", "order", "limit", "having", "parts"}


def edit_plan(plan: QueryPlan, chip: int, option: int) -> QueryPlan:
    """The plan with chip ``chip`` read as its option ``option``."""
    try:
        said = plan.reading[chip]
        change = said.options[option]
    except IndexError as exc:
        raise InputError("That reading has no such choice.", hint="Pick one of the choices shown under the answer.") from exc
    path = change.path.split(".")
    if not path or path[0] not in EDITABLE:
        raise InputError(f"'{change.path}' is not a part of the plan that can be changed.")
    data = plan.model_dump(mode="json")
    before = _get(data, path)
    _apply(data, path, change)
    data["reading"] = [_renumbered(c, path, change).model_dump(mode="json") for c in plan.reading]
    back = ChipOption(label=said.meaning, path=change.path, value=before)
    kept = [o for o in said.options if o is not change and not o.remove]
    data["reading"][chip] = Chip(phrase=said.phrase, meaning=change.label, kind=said.kind,
                                 options=[] if change.remove else [back, *kept]).model_dump(mode="json")
    data["notes"] = [*plan.notes, f"'{said.phrase}' changed: {change.label}."]
    try:
        return QueryPlan.model_validate(data)
    except ValidationError as exc:
        raise InputError("That change does not make a plan that can be answered.") from exc


def _get(data: dict, path: list[str]) -> Any:
    target: Any = data
    for part in path:
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target


def _apply(data: dict, path: list[str], change: ChipOption) -> None:
    target: Any = data
    for part in path[:-1]:
        target = target[int(part)] if isinstance(target, list) else target[part]
    last = path[-1]
    key: int | str = int(last) if isinstance(target, list) else last
    if change.remove:
        if isinstance(target, list):
            del target[key]
        else:
            target[key] = None
    else:
        target[key] = change.value


def _renumbered(chip: Chip, path: list[str], change: ChipOption) -> Chip:
    """After a list item is removed, the options pointing past it point one lower."""
    if not change.remove or len(path) != 2 or not path[1].isdigit():
        return chip
    root, removed = path[0], int(path[1])
    options = []
    for option in chip.options:
        found = re.match(rf"^{root}\.(\d+)(.*)$", option.path)
        if found and int(found.group(1)) == removed:
            continue
        if found and int(found.group(1)) > removed:
            option = option.model_copy(update={"path": f"{root}.{int(found.group(1)) - 1}{found.group(2)}"})
        options.append(option)
    return chip.model_copy(update={"options": options})
