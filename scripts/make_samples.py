"""Generate the sample data shipped in data/samples (seeded: the same files every time).

orders.csv joins to customers.json on customer_id and to products.xlsx on product_id.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

OUT = Path(__file__).resolve().parents[1] / "data" / "samples"
REGIONS = {"North": ["Leeds", "York", "Newcastle"], "South": ["Brighton", "Southampton", "Oxford"],
           "East": ["Norwich", "Cambridge", "Ipswich"], "West": ["Bristol", "Exeter", "Bath"]}
CATEGORIES = {"Hardware": ["Drill", "Saw", "Hammer", "Wrench", "Sander", "Clamp", "Level", "Router", "Grinder", "Jigsaw"],
              "Garden": ["Hose", "Rake", "Shears", "Mower", "Trowel", "Planter", "Sprinkler", "Wheelbarrow", "Spade", "Pruner"],
              "Kitchen": ["Kettle", "Toaster", "Blender", "Pan", "Knife Set", "Scale", "Grater", "Whisk", "Colander", "Mixer"],
              "Office": ["Stapler", "Lamp", "Chair", "Desk Mat", "Shredder", "Binder", "Whiteboard", "Monitor Arm",
                         "Pen Set", "Organiser"]}
FIRST = ["Alice", "Ben", "Chloe", "Dan", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Kate", "Liam", "Mia", "Noah",
         "Olivia", "Paul", "Ruby", "Sam", "Tara", "Will"]
LAST = ["Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Walker", "Wright", "Hughes", "Green", "Hall"]


def main() -> None:
    rng = np.random.default_rng(20240101)
    OUT.mkdir(parents=True, exist_ok=True)
    products = _products(rng)
    customers = _customers(rng)
    orders = _orders(rng, products, customers)
    orders.write_csv(OUT / "orders.csv")
    _write_customers(customers)
    _write_products(products)
    print(f"orders {orders.height}, customers {customers.height}, products {products.height} -> {OUT}")


def _products(rng: np.random.Generator) -> pl.DataFrame:
    rows = []
    for category, names in CATEGORIES.items():
        for name in names:
            price = float(round(rng.uniform(5, 250), 2))
            rows.append({"product_id": f"P-{len(rows) + 1:03d}", "product_name": name, "category": category,
                         "list_price": price, "unit_cost": round(price * rng.uniform(0.4, 0.7), 2),
                         "launched": date(2019, 1, 1) + timedelta(days=int(rng.integers(0, 1500)))})
    return pl.DataFrame(rows)


def _customers(rng: np.random.Generator) -> pl.DataFrame:
    rows = []
    for i in range(1, 301):
        region = list(REGIONS)[int(rng.integers(0, 4))]
        first, last = FIRST[int(rng.integers(0, len(FIRST)))], LAST[int(rng.integers(0, len(LAST)))]
        rows.append({"customer_id": f"C-{i:04d}", "name": f"{first} {last}",
                     "email": f"{first.lower()}.{last.lower()}{i}@example.com",
                     "segment": str(rng.choice(["Consumer", "Small Business", "Enterprise"], p=[0.6, 0.3, 0.1])),
                     "signup_date": (date(2021, 1, 1) + timedelta(days=int(rng.integers(0, 1100)))).isoformat(),
                     "city": REGIONS[region][int(rng.integers(0, 3))], "region": region})
    return pl.DataFrame(rows)


def _orders(rng: np.random.Generator, products: pl.DataFrame, customers: pl.DataFrame) -> pl.DataFrame:
    n = 6000
    start = date(2023, 1, 1)
    days = np.sort(rng.integers(0, 3 * 365, n))
    customer_index = rng.integers(0, customers.height, n)
    product_index = rng.integers(0, products.height, n)
    quantity = rng.integers(1, 10, n)
    discount = rng.choice([0.0, 0.0, 0.0, 0.05, 0.1, 0.15], n)
    list_price = products["list_price"].to_numpy()[product_index]
    revenue = np.round(quantity * list_price * (1 - discount), 2)
    return pl.DataFrame({
        "order_id": [f"O-{100001 + i}" for i in range(n)],
        "order_date": [start + timedelta(days=int(d)) for d in days],
        "customer_id": customers["customer_id"].to_numpy()[customer_index],
        "product_id": products["product_id"].to_numpy()[product_index],
        "region": customers["region"].to_numpy()[customer_index],
        "channel": rng.choice(["Online", "Store", "Partner"], n, p=[0.55, 0.35, 0.10]),
        "quantity": quantity,
        "unit_price": list_price,
        "discount": discount,
        "revenue": revenue,
        "status": rng.choice(["completed", "cancelled", "returned", "pending"], n, p=[0.82, 0.07, 0.05, 0.06]),
    })


def _write_customers(customers: pl.DataFrame) -> None:
    records = [{"customer_id": r["customer_id"], "name": r["name"], "email": r["email"], "segment": r["segment"],
                "signup_date": r["signup_date"], "address": {"city": r["city"], "region": r["region"], "country": "UK"}}
               for r in customers.iter_rows(named=True)]
    (OUT / "customers.json").write_text(json.dumps(records, indent=1) + "\n")


def _write_products(products: pl.DataFrame) -> None:
    # a title and a blank row above the header, as exported workbooks often have
    with xlsxwriter.Workbook(OUT / "products.xlsx") as workbook:
        sheet = workbook.add_worksheet("Products")
        sheet.write(0, 0, "Product catalogue")
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
        for col, name in enumerate(products.columns):
            sheet.write(2, col, name)
        for row, record in enumerate(products.iter_rows(), start=3):
            for col, value in enumerate(record):
                if isinstance(value, date):
                    sheet.write_datetime(row, col, value, date_format)
                else:
                    sheet.write(row, col, value)
        notes = workbook.add_worksheet("Notes")
        notes.write(0, 0, "Prices in GBP, excluding VAT.")


if __name__ == "__main__":
    main()
