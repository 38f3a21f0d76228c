"""The issue's own examples on the shipped samples (orders, customers, products), answered through the reader:
customers counted from the orders they placed, two values compared with 'bigger than', a total 'across all' lines."""

from __future__ import annotations

import pandas as pd
import pytest

from etl_core.chat import answer_question
from etl_core.loaders import read_file
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def tables():
    return {name: read_file(SAMPLES / file).frame.collect()
            for name, file in (("orders", "orders.csv"), ("customers", "customers.json"), ("products", "products.xlsx"))}


@pytest.fixture(scope="module")
def orders():
    return pd.read_csv(SAMPLES / "orders.csv")


def test_customers_counted_and_listed_by_the_orders_they_placed(tables, orders):
    per_customer = orders.groupby("customer_id").size()
    assert answer_question("How many customers ordered more than 25 times?", tables).value == int((per_customer > 25).sum())
    listed = answer_question("which customers ordered more than 30 times", tables)
    assert listed.value == sorted(per_customer[per_customer > 30].index)
    assert "groups have number of rows over 30" in listed.text


def test_two_values_compared_with_bigger_than(tables, orders):
    by_channel = orders.groupby("channel")["revenue"].sum()
    expected = bool(by_channel["Online"] > by_channel["Partner"])
    assert answer_question("is Online revenue bigger than Partner revenue", tables).value is expected
    assert answer_question("did Online have more revenue than Partner", tables).value is expected
    assert answer_question("is Online revenue less than Partner revenue", tables).value is (not expected)
    by_region = orders.groupby("region").size()
    assert answer_question("did West have fewer orders than East", tables).value is bool(by_region["West"] < by_region["East"])


def test_a_total_across_all_lines_is_one_total(tables, orders):
    answer = answer_question("What is the total revenue across all order lines?", tables)
    assert answer.value == pytest.approx(orders["revenue"].sum())


def test_items_sold_are_the_quantity(tables, orders):
    assert answer_question("How many items did we sell altogether?", tables).value == int(orders["quantity"].sum())
    in_west = orders[orders["region"] == "West"]["quantity"].sum()
    assert answer_question("how many items were sold in the West", tables).value == int(in_west)


def test_growth_with_no_periods_named_is_the_last_year_against_the_one_before(tables, orders):
    dates = pd.to_datetime(orders["order_date"])
    last = dates.dt.year.max()
    by_year = orders.groupby(dates.dt.year)["revenue"].sum()
    answer = answer_question("did revenue grow", tables)
    assert answer.value is bool(by_year[last] > by_year[last - 1])
    assert any(f"{last - 1} to {last}, the last two years in the data" in note for note in answer.notes)
