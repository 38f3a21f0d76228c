"""The reference pipeline of the engine benchmark, as a Sluice spec and hand-written elsewhere.

Read orders, join customers and products, keep completed orders after a date, derive
revenue and month, aggregate by month, region and category (sum, count, distinct
count), sort, write Parquet.
"""

from __future__ import annotations

from etl_core.spec import PipelineSpec, parse_spec

SINCE = "2023-06-01"


def reference_spec(output: str) -> PipelineSpec:
    return parse_spec({
        "name": "reference",
        "steps": [
            {"type": "source", "source": "orders"},
            {"type": "join", "source": "customers", "on": ["customer_id"], "how": "left"},
            {"type": "join", "source": "products", "on": ["product_id"], "how": "left"},
            {"type": "filter", "condition": f"status = 'completed' AND order_date >= '{SINCE}'"},
            {"type": "derive", "column": "net_revenue", "expression": "quantity * unit_price * (1 - discount)"},
            {"type": "date_part", "column": "order_date", "part": "month_start", "output": "month"},
            {"type": "aggregate", "group_by": ["month", "region", "category"], "measures": [
                {"agg": "sum", "column": "net_revenue", "name": "revenue"},
                {"agg": "count", "name": "orders"},
                {"agg": "count_distinct", "column": "customer_id", "name": "customers"}]},
            {"type": "sort", "by": [{"column": "month"}, {"column": "region"}, {"column": "category"}]},
            {"type": "output", "format": "parquet", "path": output},
        ],
    })
