"""Generates realistic self-service pages for the benchmark: statements of R rows, account
summaries, order pages and product pages; some phone-friendly, some not."""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

CSS_RESPONSIVE = """body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a}
header,footer{background:#0b3d91;color:#fff;padding:12px 16px}header a,footer a{color:#fff;padding:10px;display:inline-block}
main{padding:16px;max-width:960px;margin:auto}.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%}
td,th{padding:8px;border-bottom:1px solid #ddd;text-align:left}td.amt,th.amt{text-align:right}
.card{border:1px solid #ddd;border-radius:8px;padding:16px;margin:12px 0}.btn{display:inline-block;padding:12px 20px;background:#0b3d91;color:#fff;border-radius:6px}"""
CSS_DESKTOP_ONLY = """body{font:11px/1.3 Arial,sans-serif;width:1100px;margin:0 auto}header,footer{background:#333;color:#fff;padding:4px}
header a,footer a{color:#fff;font-size:10px;margin-right:4px}table{width:1060px}td,th{padding:2px 4px;font-size:10px}
.card{float:left;width:340px;margin:4px;border:1px solid #ccc}.btn{font-size:10px}"""


def _head(title: str, phone_friendly: bool) -> str:
    meta = '<meta name="viewport" content="width=device-width, initial-scale=1">' if phone_friendly else ""
    css = CSS_RESPONSIVE if phone_friendly else CSS_DESKTOP_ONLY
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">{meta}<title>{title}</title>'
            f"<style>{css}</style></head><body>")


def _chrome_top() -> str:
    return ('<header><nav><a href="/">Home</a><a href="/accounts">Accounts</a><a href="/statements">Statements</a>'
            '<a href="/pay">Pay a bill</a><a href="/transfer">Transfer</a><a href="/help">Help</a></nav></header><main>')


def _chrome_bottom() -> str:
    return ('</main><footer><a href="/contact">Contact us</a><a href="/privacy">Privacy</a>'
            '<a href="/terms">Terms</a></footer></body></html>')


def statement(rows: int, rng: random.Random, phone_friendly: bool, with_total: bool) -> str:
    start = date(2026, 10, 1)
    body = []
    total = 0
    for i in range(rows):
        cents = rng.randint(-25000, 9000)
        total += cents
        d = start + timedelta(days=(i * 30) // max(rows, 1))
        body.append(f"<tr><td>{d:%d %b %Y}</td><td>{rng.choice(['Grocery Mart', 'Fuel Stop', 'Salary', 'Rent', 'Coffee Co', 'Online Store'])} #{i}</td>"
                    f'<td class="amt">{cents / 100:,.2f}</td></tr>')
    foot = f'<tfoot><tr><th colspan="2">Total</th><td class="amt">{total / 100:,.2f}</td></tr></tfoot>' if with_total else ""
    return (_head(f"Card statement ({rows} transactions)", phone_friendly) + _chrome_top()
            + "<h1>Card statement</h1><p>Statement period: 1 Oct 2026 – 31 Oct 2026</p>"
            + '<div class="scroll"><table id="tx"><caption>Transactions</caption><thead><tr><th>Date</th><th>Description</th><th class="amt">Amount (USD)</th></tr></thead><tbody>'
            + "".join(body) + "</tbody>" + foot + "</table></div>" + _chrome_bottom())


def summary(rng: random.Random, phone_friendly: bool) -> str:
    cards = "".join(
        f'<div class="card"><h2>{name}</h2><p>Available balance</p><p><strong>${rng.randint(100, 99999):,}.{rng.randint(0, 99):02d}</strong></p>'
        f'<a class="btn" href="/statements">Statements</a> <a class="btn" href="/transfer">Transfer</a></div>'
        for name in ("Everyday checking", "Savings", "Rewards credit card"))
    return _head("Your accounts", phone_friendly) + _chrome_top() + "<h1>Your accounts</h1>" + cards + _chrome_bottom()


def order(rng: random.Random, phone_friendly: bool) -> str:
    lines, sub = [], 0
    for i in range(rng.randint(2, 8)):
        price = rng.randint(500, 20000)
        sub += price
        lines.append(f'<tr><td>Item {i}</td><td>1</td><td class="amt">${price / 100:.2f}</td></tr>')
    ship, tax = 599, round(sub * 0.08)
    return (_head("Order #100234", phone_friendly) + _chrome_top() + "<h1>Order #100234</h1>"
            + '<table id="order"><thead><tr><th>Item</th><th>Qty</th><th class="amt">Price</th></tr></thead><tbody>' + "".join(lines)
            + f'</tbody><tfoot><tr><td colspan="2">Subtotal</td><td class="amt">${sub / 100:.2f}</td></tr>'
            + f'<tr><td colspan="2">Shipping</td><td class="amt">${ship / 100:.2f}</td></tr>'
            + f'<tr><td colspan="2">Tax</td><td class="amt">${tax / 100:.2f}</td></tr>'
            + f'<tr><th colspan="2">Order total</th><td class="amt">${(sub + ship + tax) / 100:.2f}</td></tr></tfoot></table>'
            + '<p><a class="btn" href="/orders/100234/track">Track order</a> <a class="btn" href="/returns">Start a return</a></p>'
            + _chrome_bottom())


def product(rng: random.Random, phone_friendly: bool) -> str:
    in_stock = rng.random() > 0.3
    stock = ('<p class="stock">In stock</p><a class="btn" href="/cart">Add to cart</a>' if in_stock else
             '<p class="stock">Out of stock</p><p>Back in stock around 12 December. <a class="btn" href="/notify">Email me when available</a></p>')
    return (_head("Trail running shoe", phone_friendly) + _chrome_top()
            + f"<h1>Trail running shoe</h1><p>${rng.randint(60, 180)}.00</p>{stock}"
            + "<p>" + " ".join(["Lightweight, grippy and comfortable on long runs."] * 8) + "</p>" + _chrome_bottom())


def generate(out: Path, count: int, seed: int = 7) -> list[str]:
    """Writes `count` mixed pages into `out`; returns their file names."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    names = []
    kinds = ["statement", "summary", "order", "product"]
    for i in range(count):
        kind = kinds[i % len(kinds)]
        phone = i % 3 != 0  # two in three pages are phone-friendly
        if kind == "statement":
            html = statement(rng.choice([20, 40, 80]), rng, phone, with_total=i % 2 == 0)
        elif kind == "summary":
            html = summary(rng, phone)
        elif kind == "order":
            html = order(rng, phone)
        else:
            html = product(rng, phone)
        name = f"{i:03d}-{kind}.html"
        (out / name).write_text(html, encoding="utf-8")
        names.append(name)
    return names


def generate_statement(out: Path, rows: int) -> str:
    out.mkdir(parents=True, exist_ok=True)
    name = f"statement-{rows}.html"
    (out / name).write_text(statement(rows, random.Random(rows), True, with_total=True), encoding="utf-8")
    return name
