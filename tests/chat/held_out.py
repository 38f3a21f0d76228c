"""Held-out questions: written after the planner was tuned on questions.py, in phrasings that set does not use,
and run once before any planner change (the first result is kept in docs/chat.md).

Answers are computed independently in pandas. A grouped answer is checked by its numbers too: expected is
{label: measure} in the answer's order, compared with the answer's table (the label column and the first measure).
"""

from __future__ import annotations

import pandas as pd

from tests.chat.questions import (
    channel,
    customers_flat,
    in_year,
    month,
    orders,
    periods,
    products,
    region,
    status,
    when,
    with_customers,
    with_products,
    year,
)


def grouped(frame: pd.DataFrame, key: str, value: str | None = None, agg: str = "sum", n: int | None = None,
            ascending: bool = False) -> dict:
    """{label: measure} ordered by the measure, ties by the label; value None counts the orders."""
    measure = frame.groupby(key)["order_id"].nunique() if value is None else frame.groupby(key)[value].agg(agg)
    table = measure.rename("m").reset_index().sort_values(["m", key], ascending=[ascending, True])
    pairs = dict(zip(table[key], table["m"], strict=True))
    return dict(list(pairs.items())[:n]) if n else pairs


segment = customers_flat["segment"]

HELD_OUT: list[tuple[object, object]] = [
    # one number, asked the way people ask
    ("What was total revenue in 2024?", in_year(2024)["revenue"].sum()),
    ("how much revenue came from the Partner channel", when(channel == "Partner")["revenue"].sum()),
    ("total units sold in the South", when(region == "South")["quantity"].sum()),
    ("give me the number of returned orders in 2024", when((status == "returned") & (year == 2024))["order_id"].nunique()),
    ("count pending orders in the East region", when((status == "pending") & (region == "East"))["order_id"].nunique()),
    ("how many orders did we get in Q1 2025", when((year == 2025) & month.isin([1, 2, 3]))["order_id"].nunique()),
    ("Revenue in Q4 2024", when((year == 2024) & month.isin([10, 11, 12]))["revenue"].sum()),
    ("biggest discount", orders["discount"].max()),
    ("smallest quantity ordered", orders["quantity"].min()),
    ("median revenue in the West", when(region == "West")["revenue"].median()),
    ("how many unique customers ordered in 2025", in_year(2025)["customer_id"].nunique()),
    ("revenue from completed orders in 2023", when((status == "completed") & (year == 2023))["revenue"].sum()),
    ("total revenue where discount is above 0.1", when(orders["discount"] > 0.1)["revenue"].sum()),
    ("how many orders have a quantity of at least 9", when(orders["quantity"] >= 9)["order_id"].nunique()),
    ("number of orders with revenue between 500 and 1000", when(orders["revenue"].between(500, 1000))["order_id"].nunique()),
    ("revenue since July 2025", when(orders["order_date"] >= "2025-07-01")["revenue"].sum()),
    ("how many orders before 2024", when(orders["order_date"] < "2024-01-01")["order_id"].nunique()),
    ("total revenue in december 2025", when((year == 2025) & (month == 12))["revenue"].sum()),
    ("how many orders from customer C-0132", when(orders["customer_id"] == "C-0132")["order_id"].nunique()),
    ("total revenue for product P-018", when(orders["product_id"] == "P-018")["revenue"].sum()),
    ("average revenue of Store orders in 2025", when((channel == "Store") & (year == 2025))["revenue"].mean()),
    ("sum of quantity for Online in the North", when((channel == "Online") & (region == "North"))["quantity"].sum()),
    # lookups and the other tables
    ("what is the list price of Drill", products.loc[products["product_name"] == "Drill", "list_price"].iloc[0]),
    ("unit cost of the Hammer", products.loc[products["product_name"] == "Hammer", "unit_cost"].iloc[0]),
    ("how many customers are in the Enterprise segment", int((segment == "Enterprise").sum())),
    ("which segment has the most customers", customers_flat.groupby("segment").size().sort_values(ascending=False).index[0]),
    ("highest revenue channel", next(iter(grouped(orders, "channel", "revenue")))),
    ("which status has the fewest orders", next(iter(grouped(orders, "status", ascending=True)))),
    # grouped, checked by their numbers
    ("revenue by region in 2025", grouped(in_year(2025), "region", "revenue")),
    ("avg discount by channel", grouped(orders, "channel", "discount", "mean")),
    ("number of orders per status in 2024", grouped(in_year(2024), "status")),
    ("total quantity by product category", grouped(with_products, "category", "quantity")),
    ("revenue by customer segment", grouped(with_customers, "segment", "revenue")),
    ("top 3 regions by number of orders", grouped(orders, "region", n=3)),
    ("5 best selling products by quantity", grouped(orders, "product_id", "quantity", n=5)),
    ("bottom 3 customers by revenue in 2024", grouped(in_year(2024), "customer_id", "revenue", n=3, ascending=True)),
    ("max unit price by region", grouped(orders, "region", "unit_price", "max")),
    ("median quantity for each channel", grouped(orders, "channel", "quantity", "median")),
    ("revenue by category for the West", grouped(with_products[with_products["region"] == "West"], "category", "revenue")),
    ("show me cancelled orders by channel", grouped(when(status == "cancelled"), "channel")),
    # lists and yes/no
    ("list the product categories", sorted(products["category"].unique())),
    ("what statuses are there", sorted(status.unique())),
    ("which segments exist", sorted(segment.unique())),
    ("is there an order with quantity over 10", bool((orders["quantity"] > 10).any())),
    ("are there any orders with a discount of 0.3 or more", bool((orders["discount"] >= 0.3).any())),
    ("are product ids unique in products", bool(products["product_id"].is_unique)),
    # time series: the periods, in order
    ("monthly orders in 2025", periods(in_year(2025), "M")),
    ("revenue per week in December 2025", periods(when((year == 2025) & (month == 12)), "W")),
    ("yearly quantity", periods(orders, "Y")),
    ("revenue by year for Store", periods(when(channel == "Store"), "Y")),
    # follow-ups
    (("revenue by channel", "only 2024"), grouped(in_year(2024), "channel", "revenue")),
    (("how many orders in the West", "and in the East?"), when(region == "East")["order_id"].nunique()),
    (("top 5 customers by revenue", "just the top 3"), grouped(orders, "customer_id", "revenue", n=3)),
    (("orders by channel", "excluding cancelled"), grouped(when(status != "cancelled"), "channel")),
    (("average revenue by region", "for 2023 instead"), grouped(in_year(2023), "region", "revenue", "mean")),
    # what it must decline: no such column or value, or not a data question
    ("profit by region", None),
    ("revenue in Atlantis", None),
    ("what's the weather tomorrow", None),
    ("average age of customers", None),
]
