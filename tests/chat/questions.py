"""Questions over the sample data, each with its answer computed independently in pandas.

An entry: (question, expected), where expected is computed from the raw sample files
and compared with Answer.value: a number (to 0.01%), a bool, a string, or a list (in order).
"""

from __future__ import annotations

import pandas as pd

from tests.conftest import SAMPLES

orders = pd.read_csv(SAMPLES / "orders.csv", parse_dates=["order_date"])
customers = pd.read_json(SAMPLES / "customers.json")
products = pd.read_excel(SAMPLES / "products.xlsx", header=2)
LATEST = orders["order_date"].max()
completed = orders[orders["status"] == "completed"]


def top(frame: pd.DataFrame, key: str, value: str, n: int, ascending: bool = False) -> list:
    totals = frame.groupby(key)[value].sum().sort_values(ascending=ascending)
    return list(totals.index[:n])


def by(frame: pd.DataFrame, key: str, value: str | None = None, agg: str = "sum") -> list:
    grouped = frame.groupby(key).size() if value is None else frame.groupby(key)[value].agg(agg)
    return list(grouped.sort_values(ascending=False).index)


def in_year(year: int) -> pd.DataFrame:
    return orders[orders["order_date"].dt.year == year]


last_quarter_start = (LATEST.to_period("Q") - 1).start_time
last_quarter = orders[(orders["order_date"] >= last_quarter_start) &
                      (orders["order_date"] < LATEST.to_period("Q").start_time)]

QUESTIONS: list[tuple[str, object]] = [
    ("how many orders", orders["order_id"].nunique()),
    ("number of orders", orders["order_id"].nunique()),
    ("total revenue", orders["revenue"].sum()),
    ("sum of revenue", orders["revenue"].sum()),
    ("total sales", orders["revenue"].sum()),
    ("average revenue", orders["revenue"].mean()),
    ("mean quantity", orders["quantity"].mean()),
    ("median unit price", orders["unit_price"].median()),
    ("max revenue", orders["revenue"].max()),
    ("minimum unit price", orders["unit_price"].min()),
    ("how many customers", orders["customer_id"].nunique()),
    ("how many distinct products", orders["product_id"].nunique()),
    ("total quantity", orders["quantity"].sum()),
    ("revenue by region", by(orders, "region", "revenue")),
    ("revenue per channel", by(orders, "channel", "revenue")),
    ("total revenue for each status", by(orders, "status", "revenue")),
    ("orders by region", by(orders, "region")),
    ("top 5 products by revenue", top(orders, "product_id", "revenue", 5)),
    ("top 3 customers by revenue", top(orders, "customer_id", "revenue", 3)),
    ("bottom 2 regions by quantity", top(orders, "region", "quantity", 2, ascending=True)),
    ("total revenue in West", orders.loc[orders["region"] == "West", "revenue"].sum()),
    ("revenue for Online", orders.loc[orders["channel"] == "Online", "revenue"].sum()),
    ("how many cancelled orders", orders.loc[orders["status"] == "cancelled", "order_id"].nunique()),
    ("average discount in North", orders.loc[orders["region"] == "North", "discount"].mean()),
    ("revenue for Online or Partner", orders.loc[orders["channel"].isin(["Online", "Partner"]), "revenue"].sum()),
    ("revenue excluding West", orders.loc[orders["region"] != "West", "revenue"].sum()),
    ("total revenue in 2024", in_year(2024)["revenue"].sum()),
    ("how many orders in 2023", in_year(2023)["order_id"].nunique()),
    ("revenue in March 2024", orders.loc[(orders["order_date"].dt.year == 2024) &
                                         (orders["order_date"].dt.month == 3), "revenue"].sum()),
    ("revenue last quarter", last_quarter["revenue"].sum()),
    ("total revenue over 1000", orders.loc[orders["revenue"] > 1000, "revenue"].sum()),
    ("revenue between 100 and 200", orders.loc[orders["revenue"].between(100, 200), "revenue"].sum()),
    ("is there any order over 2000", bool((orders["revenue"] > 2000).any())),
    ("is there any order over 5000 revenue", bool((orders["revenue"] > 5000).any())),
    ("are order ids unique", bool(orders["order_id"].is_unique)),
    ("are customer ids unique", bool(orders["customer_id"].is_unique)),
    ("which regions", sorted(orders["region"].unique())),
    ("list the channels", sorted(orders["channel"].unique())),
    ("which customer has the highest revenue", top(orders, "customer_id", "revenue", 1)[0]),
    ("which product has the lowest revenue", top(orders, "product_id", "revenue", 1, ascending=True)[0]),
    ("which region has the most quantity", top(orders, "region", "quantity", 1)[0]),
    ("completed revenue by region", by(completed, "region", "revenue")),
    ("average unit price by category", by(orders.merge(products, on="product_id", how="left"), "category", "unit_price",
                                           "mean")),
    ("flux capacitor readings", None),
]
