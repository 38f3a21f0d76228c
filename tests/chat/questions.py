"""Questions over the sample data, each with its answer computed independently in pandas.

An entry: (question, expected), where expected is computed from the raw sample files
and compared with Answer.value: a number (to 0.01%), a bool, a string, or a list (in order).
"""

from __future__ import annotations

import pandas as pd

from tests.chat import expected
from tests.conftest import SAMPLES

orders = pd.read_csv(SAMPLES / "orders.csv", parse_dates=["order_date"])
customers = pd.read_json(SAMPLES / "customers.json")
products = pd.read_excel(SAMPLES / "products.xlsx", header=2)
LATEST = orders["order_date"].max()
completed = orders[orders["status"] == "completed"]


def top(frame: pd.DataFrame, key: str, value: str, n: int, ascending: bool = False) -> list:
    totals = frame.groupby(key)[value].sum().sort_values(ascending=ascending)
    return list(totals.index[:n])


def by(frame: pd.DataFrame, key: str, value: str | None = None, agg: str = "sum") -> dict:
    """A figure by group: {label: measure}, the largest first (the value is the measures, in that order)."""
    return expected.grouped(frame, key, value, agg)


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
    ("top 5 products by revenue", expected.names(top(orders, "product_id", "revenue", 5))),
    ("top 3 customers by revenue", expected.names(top(orders, "customer_id", "revenue", 3))),
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
    ("which customer has the highest revenue", expected.names(top(orders, "customer_id", "revenue", 1)[0])),
    ("which product has the lowest revenue", expected.names(top(orders, "product_id", "revenue", 1, ascending=True)[0])),
    ("which region has the most quantity", top(orders, "region", "quantity", 1)[0]),
    ("completed revenue by region", by(completed, "region", "revenue")),
    ("average unit price by category", by(orders.merge(products, on="product_id", how="left"), "category", "unit_price",
                                           "mean")),
    ("flux capacitor readings", None),
]

# ---- the wider set: every phrasing family of ../shared/CHAT-GRAMMAR.md, joins, follow-ups ----------------

customers_flat = pd.json_normalize(pd.read_json(SAMPLES / "customers.json").to_dict("records"))
with_customers = orders.merge(customers_flat, on="customer_id", how="left")
with_products = orders.merge(products, on="product_id", how="left")
year = orders["order_date"].dt.year
month = orders["order_date"].dt.month


def ranked(frame: pd.DataFrame, key: str | list, value: str | None = None, agg: str = "sum", n: int | None = None,
           ascending: bool = False) -> list:
    """Group labels ordered by the measure, ties by the label (the order an analyst reads a ranking)."""
    keys = [key] if isinstance(key, str) else key
    grouped = (frame.groupby(keys).size() if value is None else frame.groupby(keys)[value].agg(agg)).rename("m")
    table = grouped.reset_index().sort_values(["m", *keys], ascending=[ascending] + [True] * len(keys))
    labels = list(table[keys[-1]])
    return labels[:n] if n else labels


def table_of(frame: pd.DataFrame, key: str | list, value: str | None = None, agg: str = "sum") -> dict:
    return expected.grouped(frame, key, value, agg)


def shares(table: dict) -> dict:
    total = sum(table.values())
    return {k: 100 * v / total for k, v in table.items()}


def distinct_table(frame: pd.DataFrame, key: str, value: str) -> dict:
    """{label: distinct values of value}, the largest first."""
    table = frame.groupby(key)[value].nunique().rename("m").reset_index().sort_values(["m", key], ascending=[False, True])
    return dict(zip(table[key], table["m"], strict=True))


def distinct(frame: pd.DataFrame, key: str, value: str, n: int | None = None, ascending: bool = False) -> list:
    table = frame.groupby(key)[value].nunique().rename("m").reset_index().sort_values(["m", key],
                                                                                       ascending=[ascending, True])
    return list(table[key])[:n] if n else list(table[key])


def periods(frame: pd.DataFrame, freq: str, column: str = "order_date") -> list:
    return expected.periods(frame, freq, column)


def between_dates(start: str, end: str | None = None) -> pd.DataFrame:
    keep = orders["order_date"] >= start
    if end:
        keep &= orders["order_date"] < end
    return orders[keep]


def lookup(frame: pd.DataFrame, key: str, value: str | None = None, agg: str = "sum", lowest: bool = False):
    return ranked(frame, key, value, agg, ascending=lowest)[0]


def when(condition) -> pd.DataFrame:
    return orders[condition]


region, channel, status = orders["region"], orders["channel"], orders["status"]
products_launched = products["launched"].dt.year if hasattr(products["launched"], "dt") else \
    pd.to_datetime(products["launched"]).dt.year
signup_year = pd.to_datetime(customers_flat["signup_date"]).dt.year

MORE_QUESTIONS: list[tuple[str, object]] = [
    # aggregates of one measure
    ("total revenue in 2023", in_year(2023)["revenue"].sum()),
    ("total revenue in 2025", in_year(2025)["revenue"].sum()),
    ("sum of quantity in 2024", in_year(2024)["quantity"].sum()),
    ("what is the average discount", orders["discount"].mean()),
    ("median revenue", orders["revenue"].median()),
    ("max quantity", orders["quantity"].max()),
    ("min revenue", orders["revenue"].min()),
    ("highest unit price", orders["unit_price"].max()),
    ("lowest unit price", orders["unit_price"].min()),
    ("standard deviation of revenue", orders["revenue"].std()),
    ("variance of quantity", orders["quantity"].var()),
    ("how many rows are there", len(orders)),
    ("count of orders", orders["order_id"].nunique()),
    ("number of customers", len(customers)),
    ("how many products", len(products)),
    ("how many distinct regions", region.nunique()),
    ("how many unique channels", channel.nunique()),
    ("how many different statuses", status.nunique()),
    ("average revenue", orders["revenue"].mean()),
    ("avg quantity", orders["quantity"].mean()),
    ("total discount", orders["discount"].sum()),
    ("what is the total quantity", orders["quantity"].sum()),
    ("median quantity in 2024", in_year(2024)["quantity"].median()),
    ("max revenue in 2024", in_year(2024)["revenue"].max()),
    # filters by value
    ("total revenue for completed orders", completed["revenue"].sum()),
    ("total revenue where status is completed", completed["revenue"].sum()),
    ("how many orders were returned", when(status == "returned")["order_id"].nunique()),
    ("how many pending orders", when(status == "pending")["order_id"].nunique()),
    ("average revenue in the East", when(region == "East")["revenue"].mean()),
    ("total quantity in South for Online", when((region == "South") & (channel == "Online"))["quantity"].sum()),
    ("revenue for Store in North", when((channel == "Store") & (region == "North"))["revenue"].sum()),
    ("total revenue not cancelled", when(status != "cancelled")["revenue"].sum()),
    ("revenue except Partner", when(channel != "Partner")["revenue"].sum()),
    ("revenue excluding West and East", when(~region.isin(["West", "East"]))["revenue"].sum()),
    ("revenue for North or South", when(region.isin(["North", "South"]))["revenue"].sum()),
    ("average quantity for Partner", when(channel == "Partner")["quantity"].mean()),
    ("min quantity in North", when(region == "North")["quantity"].min()),
    ("median discount for Online", when(channel == "Online")["discount"].median()),
    ("how many orders in West in 2024", when((region == "West") & (year == 2024))["order_id"].nunique()),
    ("total revenue for completed orders in 2025", when((status == "completed") & (year == 2025))["revenue"].sum()),
    # comparisons
    ("how many orders over 1000 revenue", when(orders["revenue"] > 1000)["order_id"].nunique()),
    ("total revenue over 500", when(orders["revenue"] > 500)["revenue"].sum()),
    ("number of orders with quantity at least 8", when(orders["quantity"] >= 8)["order_id"].nunique()),
    ("orders with revenue under 50", when(orders["revenue"] < 50)["order_id"].nunique()),
    ("revenue between 1000 and 2000", when(orders["revenue"].between(1000, 2000))["revenue"].sum()),
    ("how many orders between 100 and 200 revenue", when(orders["revenue"].between(100, 200))["order_id"].nunique()),
    ("average unit price above 200", when(orders["unit_price"] > 200)["unit_price"].mean()),
    ("total revenue at most 100", when(orders["revenue"] <= 100)["revenue"].sum()),
    ("orders over 2k", when(orders["revenue"] > 2000)["order_id"].nunique()),
    ("how many orders over 1.5k revenue", when(orders["revenue"] > 1500)["order_id"].nunique()),
    ("orders with a discount above 0.1", when(orders["discount"] > 0.1)["order_id"].nunique()),
    ("total quantity where unit price is below 20", when(orders["unit_price"] < 20)["quantity"].sum()),
    # calendar and relative dates (relative to the latest date in the data: 2025-12-30)
    ("revenue in Jan 2024", when((year == 2024) & (month == 1))["revenue"].sum()),
    ("how many orders in December 2025", when((year == 2025) & (month == 12))["order_id"].nunique()),
    ("revenue in June", when((year == 2025) & (month == 6))["revenue"].sum()),
    ("revenue since 2025", between_dates("2025-01-01")["revenue"].sum()),
    ("revenue before 2024", when(orders["order_date"] < "2024-01-01")["revenue"].sum()),
    ("revenue since March 2025", between_dates("2025-03-01")["revenue"].sum()),
    ("revenue after 2025-06-30", when(orders["order_date"] > "2025-06-30")["revenue"].sum()),
    ("revenue until 2023-12-31", when(orders["order_date"] <= "2023-12-31")["revenue"].sum()),
    ("revenue last year", in_year(2024)["revenue"].sum()),
    ("revenue this year", in_year(2025)["revenue"].sum()),
    ("revenue last month", when((year == 2025) & (month == 11))["revenue"].sum()),
    ("orders last week", between_dates("2025-12-22", "2025-12-29")["order_id"].nunique()),
    ("revenue last 6 months", between_dates("2025-07-01")["revenue"].sum()),
    ("revenue in the last 3 months", between_dates("2025-10-01")["revenue"].sum()),
    ("revenue last 30 days", between_dates("2025-12-01")["revenue"].sum()),
    ("revenue year to date", in_year(2025)["revenue"].sum()),
    ("revenue ytd", in_year(2025)["revenue"].sum()),
    ("revenue month to date", between_dates("2025-12-01")["revenue"].sum()),
    ("how many orders last quarter", last_quarter["order_id"].nunique()),
    ("revenue in Q1 2024", between_dates("2024-01-01", "2024-04-01")["revenue"].sum()),
    ("orders in 2024 Q3", between_dates("2024-07-01", "2024-10-01")["order_id"].nunique()),
    ("revenue during 2023", in_year(2023)["revenue"].sum()),
    # time buckets
    ("revenue per year", periods(orders, "Y")),
    ("orders per month", periods(orders, "M")),
    ("quarterly revenue", periods(orders, "Q")),
    ("monthly revenue in 2024", periods(in_year(2024), "M")),
    ("weekly orders in March 2025", periods(when((year == 2025) & (month == 3)), "W")),
    ("daily revenue last week", periods(between_dates("2025-12-22", "2025-12-29"), "D")),
    ("revenue trend", periods(orders, "M")),
    ("revenue over time for West", periods(when(region == "West"), "M")),
    ("revenue by month for Online", periods(when(channel == "Online"), "M")),
    ("yearly quantity by region", {f"{y}-01-01 / {r}": q for (y, r), q in
                                   orders.groupby([year, region])["quantity"].sum().sort_index().items()}),
    ("revenue by quarter in 2025", periods(in_year(2025), "Q")),
    ("average discount per year", periods(orders, "Y")),
    # rankings and groups
    ("revenue by status", table_of(orders, "status", "revenue")),
    ("quantity by channel", table_of(orders, "channel", "quantity")),
    ("average revenue by region", table_of(orders, "region", "revenue", "mean")),
    ("median unit price per channel", table_of(orders, "channel", "unit_price", "median")),
    ("max revenue by region", table_of(orders, "region", "revenue", "max")),
    ("orders per region", distinct_table(orders, "region", "order_id")),
    ("number of orders by status", distinct_table(orders, "status", "order_id")),
    ("revenue broken down by channel", table_of(orders, "channel", "revenue")),
    ("revenue by region in 2024", table_of(in_year(2024), "region", "revenue")),
    ("revenue by region for Online", table_of(when(channel == "Online"), "region", "revenue")),
    ("revenue by region and channel", table_of(orders, ["region", "channel"], "revenue")),
    ("top 5 customers by quantity", expected.names(ranked(orders, "customer_id", "quantity", n=5))),
    ("bottom 3 products by revenue", expected.names(ranked(orders, "product_id", "revenue", n=3, ascending=True))),
    ("top 3 regions", ranked(orders, "region", "revenue", n=3)),
    ("best 2 channels by revenue", ranked(orders, "channel", "revenue", n=2)),
    ("worst 3 products by quantity", expected.names(ranked(orders, "product_id", "quantity", n=3, ascending=True))),
    ("top 5 customers by revenue in 2025", expected.names(ranked(in_year(2025), "customer_id", "revenue", n=5))),
    ("top 3 products by revenue for Online", expected.names(ranked(when(channel == "Online"), "product_id", "revenue", n=3))),
    ("bottom 2 regions by revenue in 2023", ranked(in_year(2023), "region", "revenue", n=2, ascending=True)),
    ("top 5 customers by number of orders", expected.names(distinct(orders, "customer_id", "order_id", n=5))),
    ("top 10 products", expected.names(ranked(orders, "product_id", "revenue", n=10))),
    ("top 4 customers by average revenue", expected.names(ranked(orders, "customer_id", "revenue", "mean", n=4))),
    # shares, comparisons, change
    # a share by group: the value is each group's percentage of the total
    ("percentage of revenue by region", shares(table_of(orders, "region", "revenue"))),
    ("share of orders by channel", shares(distinct_table(orders, "channel", "order_id"))),
    ("% of quantity by status", shares(table_of(orders, "status", "quantity"))),
    # two periods side by side: the value is each period's figure, in the order asked (the table adds the difference)
    ("revenue 2023 vs 2024", [in_year(2023)["revenue"].sum(), in_year(2024)["revenue"].sum()]),
    ("orders 2024 vs 2025", [in_year(2024)["order_id"].nunique(), in_year(2025)["order_id"].nunique()]),
    ("revenue growth per year", periods(orders, "Y")),
    ("monthly change in revenue in 2025", periods(in_year(2025), "M")),
    # lookups
    ("which region has the highest revenue", lookup(orders, "region", "revenue")),
    ("which channel has the lowest revenue", lookup(orders, "channel", "revenue", lowest=True)),
    ("which status has the most orders", distinct(orders, "status", "order_id")[0]),
    ("which customer bought the most quantity", expected.names(lookup(orders, "customer_id", "quantity"))),
    ("what region had the largest revenue in 2024", lookup(in_year(2024), "region", "revenue")),
    ("which segment has the highest revenue", lookup(with_customers, "segment", "revenue")),
    ("which category has the most revenue", lookup(with_products, "category", "revenue")),
    ("which city has the highest revenue", lookup(with_customers, "address.city", "revenue")),
    ("what is the list price of Drill", products.loc[products["product_name"] == "Drill", "list_price"].item()),
    ("what is the unit cost of Saw", products.loc[products["product_name"] == "Saw", "unit_cost"].item()),
    ("which product has the highest list price", products.loc[products["list_price"].idxmax(), "product_name"]),
    ("which region has the lowest average discount", lookup(orders, "region", "discount", "mean", lowest=True)),
    # yes or no
    ("is there any order over 3000", bool((orders["revenue"] > 3000).any())),
    ("are there any orders in 2022", bool((year == 2022).any())),
    ("are there any cancelled orders", bool((status == "cancelled").any())),
    ("is there any order in North with revenue over 2000",
     bool(((region == "North") & (orders["revenue"] > 2000)).any())),
    ("are all order ids unique", bool(orders["order_id"].is_unique)),
    ("are emails unique", bool(customers_flat["email"].is_unique)),
    ("are customer names unique", bool(customers_flat["name"].is_unique)),
    ("does any order have quantity over 9", bool((orders["quantity"] > 9).any())),
    # lists
    ("which statuses", sorted(status.unique())),
    ("list the segments", sorted(customers_flat["segment"].unique())),
    ("which categories are there", sorted(products["category"].unique())),
    ("list the products in category Garden", sorted(products.loc[products["category"] == "Garden", "product_name"])),
    ("list the regions in 2024", sorted(in_year(2024)["region"].unique())),
    ("which channels in West", sorted(when(region == "West")["channel"].unique())),
    ("show me the categories", sorted(products["category"].unique())),
    ("list the cities", sorted(customers_flat["address.city"].unique())),
    # describe
    ("what's in this file", len(orders)),
    ("describe products", len(products)),
    ("summarise revenue", orders["revenue"].nunique()),
    ("describe the discount column", orders["discount"].nunique()),
    # across tables, by their shared keys
    ("revenue by segment", table_of(with_customers, "segment", "revenue")),
    ("revenue by category", table_of(with_products, "category", "revenue")),
    ("total quantity by category", table_of(with_products, "category", "quantity")),
    ("average revenue by customer segment", table_of(with_customers, "segment", "revenue", "mean")),
    ("how many orders by segment", distinct_table(with_customers, "segment", "order_id")),
    ("revenue for Garden", with_products.loc[with_products["category"] == "Garden", "revenue"].sum()),
    ("revenue for Enterprise customers", with_customers.loc[with_customers["segment"] == "Enterprise", "revenue"].sum()),
    ("top 3 products by revenue in Kitchen",
     expected.names(ranked(with_products[with_products["category"] == "Kitchen"], "product_id", "revenue", n=3))),
    ("revenue by city in 2024", table_of(with_customers[year == 2024], "address.city", "revenue")),
    ("revenue for Drill", with_products.loc[with_products["product_name"] == "Drill", "revenue"].sum()),
    ("total quantity of Hammer", with_products.loc[with_products["product_name"] == "Hammer", "quantity"].sum()),
    ("average discount by category", table_of(with_products, "category", "discount", "mean")),
    ("revenue per month for Office", periods(with_products[with_products["category"] == "Office"], "M")),
    ("revenue by product name", table_of(with_products, "product_name", "revenue")),
    ("how many orders from Enterprise customers", with_customers.loc[with_customers["segment"] == "Enterprise",
                                                                      "order_id"].nunique()),
    # the smaller tables on their own
    ("average list price", products["list_price"].mean()),
    ("average list price by category", table_of(products, "category", "list_price", "mean")),
    ("how many products in Garden", int((products["category"] == "Garden").sum())),
    ("how many customers in the Enterprise segment", int((customers_flat["segment"] == "Enterprise").sum())),
    ("customers by segment", distinct_table(customers_flat, "segment", "customer_id")),
    ("how many customers signed up in 2024", int((signup_year == 2024).sum())),
    ("customers per city", distinct_table(customers_flat, "address.city", "customer_id")),
    ("average unit cost by category", table_of(products, "category", "unit_cost", "mean")),
    ("how many products launched in 2023", int((products_launched == 2023).sum())),
    # what it must decline rather than guess
    ("revenue by planet", None),
    ("total profit", None),
    ("average salary", None),
    ("revenue by weather", None),
    ("what is the meaning of life", None),
    ("how many unicorns", None),
    ("total revenue for Widget", None),
    ("sales of unicorn horns by region", None),
]

# a question, then a follow-up that changes its plan
FOLLOW_UPS: list[tuple[tuple[str, str], object]] = [
    (("revenue by region", "only for Online"), table_of(when(channel == "Online"), "region", "revenue")),
    (("revenue by region", "what about 2023?"), table_of(in_year(2023), "region", "revenue")),
    (("top 3 customers by revenue", "top 5 instead"), expected.names(ranked(orders, "customer_id", "revenue", n=5))),
    (("revenue by channel", "and by region"), table_of(orders, ["channel", "region"], "revenue")),
    (("total revenue", "and by month?"), periods(orders, "M")),
    (("revenue by region", "as a pie chart"), table_of(orders, "region", "revenue")),
    (("how many orders in 2024", "what about 2025?"), in_year(2025)["order_id"].nunique()),
    (("revenue for West", "now for East"), when(region == "East")["revenue"].sum()),
    (("average quantity by channel", "just for North"), table_of(when(region == "North"), "channel", "quantity", "mean")),
    (("revenue by category", "only for Enterprise customers"),
     table_of(with_customers.merge(products, on="product_id").query("segment == 'Enterprise'"), "category", "revenue")),
    (("revenue per month in 2024", "what about 2025?"), periods(in_year(2025), "M")),
    (("top 5 products by revenue", "bottom 5 instead"), expected.names(
        ranked(orders, "product_id", "revenue", n=5, ascending=True))),
]
