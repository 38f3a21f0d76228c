"""The step catalogue: each step is a pydantic model plus how it changes a LazyFrame and its SQL.

A step's docstring is the help text the builder shows.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from etl_core.steps.base import POLARS_TYPES, SQL_TYPES, Schema, Step, StepContext, type_name
from etl_core.steps.columns import Cast, Derive, Drop, Rename, Select
from etl_core.steps.combine import Join, Source, Union
from etl_core.steps.io import Output
from etl_core.steps.quality import Rule, Sql, Validate
from etl_core.steps.reshape import Aggregate, Measure, Pivot, Unpivot
from etl_core.steps.rows import Dedupe, DropNulls, FillNulls, Filter, Limit, Sample, Sort, SortKey
from etl_core.steps.text import DatePart, Text
from etl_core.steps.window import Window

CATALOGUE: tuple[type[Step], ...] = (
    Source, Select, Drop, Rename, Cast, Filter, Derive, FillNulls, DropNulls, Dedupe, Sort, Limit, Sample,
    Join, Union, Aggregate, Pivot, Unpivot, Window, Text, DatePart, Sql, Validate, Output,
)
STEP_TYPES: dict[str, type[Step]] = {cls.model_fields["type"].default: cls for cls in CATALOGUE}

AnyStep = Annotated[
    Source | Select | Drop | Rename | Cast | Filter | Derive | FillNulls | DropNulls | Dedupe | Sort | Limit
    | Sample | Join | Union | Aggregate | Pivot | Unpivot | Window | Text | DatePart | Sql | Validate | Output,
    Field(discriminator="type"),
]


def help_text(step_type: str) -> str:
    """The builder's help for a step type: its docstring, on one paragraph."""
    return " ".join((STEP_TYPES[step_type].__doc__ or "").split())


__all__ = [
    "CATALOGUE", "POLARS_TYPES", "SQL_TYPES", "STEP_TYPES", "Aggregate", "AnyStep", "Cast", "DatePart", "Dedupe",
    "Derive", "Drop", "DropNulls", "FillNulls", "Filter", "Join", "Limit", "Measure", "Output", "Pivot", "Rename",
    "Rule", "Sample", "Schema", "Select", "Sort", "SortKey", "Source", "Sql", "Step", "StepContext", "Text",
    "Union", "Unpivot", "Validate", "Window", "help_text", "type_name",
]
