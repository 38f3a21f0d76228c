"""Held-out questions on tables that are not the samples: support tickets and the staff who work them.

Written after the three sample batches were fixed, to see whether the planner carries over to another
analyst's data. First run: 29 right, 3 wrong, 1 declined of 33 (kept in docs/chat.md); after fixing the
causes, 32 right and 1 declined ('which priority takes longest to resolve': no word names the measure).
The tables are generated (seeded) as CSV and read by the real loaders in the test; the answers are
computed here in pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests.chat import expected
from tests.chat.expected import grouped

rng = np.random.default_rng(7)
N = 1200
AGENTS = ["Ana", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hal"]
tickets = pd.DataFrame({
    "ticket_id": [f"T-{i:05d}" for i in range(1, N + 1)],
    "opened_at": pd.to_datetime("2024-01-01") + pd.to_timedelta(np.sort(rng.integers(0, 547, N)), unit="D"),
    "priority": rng.choice(["Low", "Medium", "High", "Urgent"], N, p=[0.4, 0.3, 0.2, 0.1]),
    "category": rng.choice(["Billing", "Technical", "Account", "Shipping"], N),
    "agent": rng.choice(AGENTS, N),
    "channel": rng.choice(["Email", "Phone", "Chat"], N, p=[0.5, 0.2, 0.3]),
    "resolution_hours": np.round(rng.gamma(2.0, 12.0, N), 1),
    "satisfaction": rng.choice([1, 2, 3, 4, 5], N, p=[0.05, 0.1, 0.2, 0.35, 0.3]).astype(float),
    "reopened": rng.random(N) < 0.12,
    "status": rng.choice(["Open", "Closed", "Pending"], N, p=[0.15, 0.75, 0.10]),
})
tickets.loc[rng.random(N) < 0.08, "satisfaction"] = np.nan  # not every customer answers the survey
staff = pd.DataFrame({"agent": AGENTS, "team": ["Alpha", "Alpha", "Beta", "Beta", "Beta", "Gamma", "Gamma", "Alpha"],
                      "hire_date": pd.to_datetime(["2019-04-01", "2020-06-15", "2021-01-10", "2021-09-01", "2022-02-20",
                                                   "2022-11-05", "2023-03-14", "2023-08-30"]),
                      "level": ["Senior", "Senior", "Senior", "Junior", "Junior", "Senior", "Junior", "Junior"]})

t = tickets
opened = t["opened_at"]
joined = t.merge(staff, on="agent", how="left")


def where(condition) -> pd.DataFrame:
    return t[condition]


TICKET_QUESTIONS: list[tuple[object, object]] = [
    ("how many tickets", N),
    ("how many urgent tickets", int((t["priority"] == "Urgent").sum())),
    ("average resolution hours", t["resolution_hours"].mean()),
    ("average resolution time for High priority tickets", where(t["priority"] == "High")["resolution_hours"].mean()),
    ("median satisfaction by channel", grouped(t, "channel", "satisfaction", "median")),
    ("tickets by category", grouped(t, "category")),
    ("how many tickets were reopened", int(t["reopened"].sum())),
    ("tickets per month in 2025", expected.periods(where(opened.dt.year == 2025), "M", "opened_at")),
    ("which agent closed the most tickets", next(iter(grouped(where(t["status"] == "Closed"), "agent")))),
    ("top 3 agents by average satisfaction", grouped(t, "agent", "satisfaction", "mean", n=3)),
    ("average satisfaction for Email tickets in 2024",
     where((t["channel"] == "Email") & (opened.dt.year == 2024))["satisfaction"].mean()),
    ("how many open tickets are urgent", int(((t["status"] == "Open") & (t["priority"] == "Urgent")).sum())),
    ("tickets by team", grouped(joined, "team")),
    ("average resolution hours by level", grouped(joined, "level", "resolution_hours", "mean")),
    ("longest resolution time", t["resolution_hours"].max()),
    ("tickets with satisfaction below 3", int((t["satisfaction"] < 3).sum())),
    ("which category has the lowest average satisfaction",
     next(iter(grouped(t, "category", "satisfaction", "mean", ascending=True)))),
    ("list the channels", sorted(t["channel"].unique())),
    ("are ticket ids unique", True),
    ("any tickets with resolution over 200 hours", bool((t["resolution_hours"] > 200).any())),
    ("tickets opened in Q2 2025", int(((opened >= "2025-04-01") & (opened < "2025-07-01")).sum())),
    ("tickets since March 2025", int((opened >= "2025-03-01").sum())),
    ("weekly tickets for Billing in January 2025",
     expected.periods(where((t["category"] == "Billing") & (opened.dt.year == 2025) & (opened.dt.month == 1)), "W", "opened_at")),
    ("number of pending tickets by agent", grouped(where(t["status"] == "Pending"), "agent")),
    ("total resolution hours for Technical", where(t["category"] == "Technical")["resolution_hours"].sum()),
    ("average satisfaction excluding Billing", where(t["category"] != "Billing")["satisfaction"].mean()),
    ("which priority takes longest to resolve",
     next(iter(grouped(t, "priority", "resolution_hours", "mean")))),
    (("tickets by priority", "only Phone"), grouped(where(t["channel"] == "Phone"), "priority")),
    (("average satisfaction by agent", "top 5 instead"), grouped(t, "agent", "satisfaction", "mean", n=5)),
    (("how many tickets in 2024", "what about 2025?"), int((opened.dt.year == 2025).sum())),
    ("satisfaction by region", None),
    ("cost per ticket", None),
    ("tickets for the Narnia team", None),
]
