"""Regenerate the static demo portal in ``site/`` (its pages and manifest).

``flows.yaml`` next to it is hand-written (its journeys use every step type) and is never
touched here; ``site/assets/northwind.css`` is hand-written too.

The site is plain static HTML; this script only keeps its shared header, footer and figures in
one place, so that every statement adds up except where a page is built not to. Run it after
editing and commit its output::

    python -m uxcheck.demo.build_site

Each page is broken for its own rule(s) only: every other page has a proper viewport, text of
13 px or more, tap targets of 24 px or more, key tasks in the main navigation, totals that add up,
balances that reconcile and dates inside the stated period.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Callable, Iterable

import yaml
from babel.dates import format_date
from babel.numbers import format_currency

HERE = Path(__file__).parent
SITE = HERE / "site"

CURRENT = ' aria-current="page"'
DESKTOP_ONLY = ' class="desktop-only"'
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
CSS_HREF = "/assets/northwind.css"


# --------------------------------------------------------------------------- page registry
@dataclass
class Page:
    path: str
    title: str
    html: str
    rules: list[str] = field(default_factory=list)
    twin: str | None = None
    devices: list[str] = field(default_factory=lambda: ["desktop", "mobile"])
    flow: list[str] = field(default_factory=list)
    lang: str = "en"
    kind: str = "problem"
    description: str = ""

    def manifest_entry(self) -> dict:
        entry: dict = {"path": self.path, "title": self.title, "kind": self.kind, "lang": self.lang,
                       "rules": list(self.rules), "twin": self.twin, "devices": list(self.devices)}
        if self.flow:
            entry["flow"] = list(self.flow)
        entry["description"] = self.description
        return entry


PAGES: list[Page] = []


def add(page: Page) -> Page:
    if not page.rules and page.kind == "problem":
        page.kind = "twin"
    PAGES.append(page)
    return page


# --------------------------------------------------------------------------- money and dates
def money(value: Decimal | int | str, currency: str = "GBP", locale: str = "en_GB", signed: bool = False) -> str:
    amount = Decimal(value)
    text = format_currency(amount, currency, locale=locale)
    if signed and amount > 0:
        text = "+" + text
    return text


def day(date: dt.date, locale: str = "en_GB") -> str:
    pattern = {"en_GB": "dd MMM yyyy", "en_US": "MMM d, yyyy", "de_DE": "dd.MM.yyyy", "fr_FR": "d MMMM yyyy"}[locale]
    return format_date(date, pattern, locale=locale)


D = dt.date


# --------------------------------------------------------------------------- layout
def document(*, title: str, body: str, lang: str = "en-GB", viewport: str | None = VIEWPORT,
             head_extra: str = "", body_class: str = "") -> str:
    vp = f"\n{viewport}" if viewport else ""
    cls = f' class="{body_class}"' if body_class else ""
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">{vp}
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{CSS_HREF}">{head_extra}
</head>
<body{cls}>
{body}
</body>
</html>
"""


BANK_NAV = [
    ("/bank/accounts", "Accounts"),
    ("/bank/statements", "Statements"),
    ("/bank/pay", "Pay a bill"),
    ("/bank/pay#transfer", "Transfer money"),
    ("/bank/cards", "Cards"),
    ("/bank/help", "Help"),
    ("/bank/help#contact", "Contact us"),
]


def bank_header(active: str | None = None, nav: list[tuple[str, str]] | None = None,
                nav_html: str | None = None, switcher: bool = True) -> str:
    items = nav if nav is not None else BANK_NAV
    links = "\n".join(
        f'      <li><a href="{href}"{CURRENT if label == active else ""}>{label}</a></li>'
        for href, label in items)
    switch = """
    <div class="switcher">
      <label for="account-switcher">Account</label>
      <select id="account-switcher" name="account">
        <option>Current account ••••4821</option>
        <option>Easy Saver ••••9930</option>
        <option>Rewards Credit Card ••••7012</option>
      </select>
    </div>""" if switcher else ""
    navigation = nav_html if nav_html is not None else f"""  <nav class="mainnav" aria-label="Main">
    <ul>
{links}
    </ul>
  </nav>"""
    return f"""<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/bank/accounts"><span class="logo" aria-hidden="true">N</span> Northwind Bank</a>{switch}
    <a class="signout" href="/login">Log out</a>
  </div>
{navigation}
</header>"""


def bank_footer(extra: str = "") -> str:
    return f"""<footer class="site-footer">
  <div class="footer-inner">
    <ul class="footer-links">
      <li><a href="/legal#privacy">Privacy</a></li>
      <li><a href="/legal#cookies">Cookies</a></li>
      <li><a href="/legal#accessibility">Accessibility</a></li>
      <li><a href="/legal#security">Security</a></li>
      <li><a href="/">Demo home</a></li>
    </ul>{extra}
    <p>Northwind Bank plc is a fictional bank made for the uxcheck demo. Registered office: 1 Harbour Street, Bristol BS1 4AA.</p>
  </div>
</footer>"""


STORE_NAV = [
    ("/store/product", "Shop"),
    ("/store/orders", "Your orders"),
    ("/store/orders#track", "Track order"),
    ("/store/orders#returns", "Returns"),
    ("/store/help", "Help"),
    ("/store/help#contact", "Contact us"),
]


def store_header(active: str | None = None, lang: str = "en") -> str:
    nav = STORE_NAV if lang == "en" else [
        ("/store/fr/produit", "Boutique"),
        ("/store/orders", "Mes commandes"),
        ("/store/orders#track", "Suivre ma commande"),
        ("/store/orders#returns", "Retours"),
        ("/store/help", "Aide"),
        ("/store/help#contact", "Contactez-nous"),
    ]
    links = "\n".join(
        f'      <li><a href="{href}"{CURRENT if label == active else ""}>{label}</a></li>'
        for href, label in nav)
    search = "Rechercher" if lang == "fr" else "Search"
    placeholder = "Rechercher un article" if lang == "fr" else "Search products"
    basket = "Panier (4)" if lang == "fr" else "Cart (4)"
    return f"""<header class="topbar store">
  <div class="topbar-inner">
    <a class="brand" href="/store/product"><span class="logo" aria-hidden="true">N</span> Northwind Store</a>
    <form class="search" role="search" action="/store/product" method="get">
      <label class="visually-hidden" for="q">{search}</label>
      <input id="q" name="q" type="search" placeholder="{placeholder}">
      <button class="button small" type="submit">{search}</button>
    </form>
    <a class="signout" href="/store/cart">{basket}</a>
  </div>
  <nav class="mainnav" aria-label="Main">
    <ul>
{links}
    </ul>
  </nav>
</header>"""


def store_footer(lang: str = "en") -> str:
    if lang == "fr":
        return """<footer class="site-footer">
  <div class="footer-inner">
    <ul class="footer-links">
      <li><a href="/legal#privacy">Confidentialité</a></li>
      <li><a href="/legal#terms">Conditions générales</a></li>
      <li><a href="/">Accueil de la démo</a></li>
    </ul>
    <p>Northwind Store est une boutique fictive créée pour la démonstration d'uxcheck.</p>
  </div>
</footer>"""
    return """<footer class="site-footer">
  <div class="footer-inner">
    <ul class="footer-links">
      <li><a href="/legal#privacy">Privacy</a></li>
      <li><a href="/legal#terms">Terms of sale</a></li>
      <li><a href="/legal#accessibility">Accessibility</a></li>
      <li><a href="/">Demo home</a></li>
    </ul>
    <p>Northwind Store is a fictional store made for the uxcheck demo.</p>
  </div>
</footer>"""


def focused_header(brand: str, home: str, step: str) -> str:
    """The slim header of a task flow (change an order, close an account): brand and step, no menu."""
    store = " store" if "Store" in brand else ""
    return f"""<header class="topbar{store}">
  <div class="topbar-inner">
    <a class="brand" href="{home}"><span class="logo" aria-hidden="true">N</span> {brand}</a>
    <span class="flow-step">{step}</span>
  </div>
</header>"""


def bank_page(title: str, main: str, *, active: str | None = None, lang: str = "en-GB", **kw) -> str:
    header = kw.pop("header", None) or bank_header(active)
    footer = kw.pop("footer", None) or bank_footer()
    body = f"""{header}
<main class="page" id="main">
{main}
</main>
{footer}"""
    return document(title=f"{title} | Northwind Bank", body=body, lang=lang, **kw)


def store_page(title: str, main: str, *, active: str | None = None, lang: str = "en-US", **kw) -> str:
    short = lang.split("-")[0]
    header = kw.pop("header", None) or store_header(active, short)
    body = f"""{header}
<main class="page" id="main">
{main}
</main>
{store_footer(short)}"""
    return document(title=f"{title} | Northwind Store", body=body, lang=lang, **kw)


# --------------------------------------------------------------------------- statements
@dataclass(frozen=True)
class Tx:
    date: dt.date
    text: str
    amount: Decimal


def txs(rows: Iterable[tuple[dt.date, str, str]]) -> list[Tx]:
    return [Tx(d, t, Decimal(a)) for d, t, a in rows]


OCTOBER = txs([
    (D(2026, 10, 1), "Salary NORTHWIND LOGISTICS LTD", "2850.00"),
    (D(2026, 10, 2), "Rent, standing order to K. PATEL", "-1150.00"),
    (D(2026, 10, 3), "TESCO STORES 2231, card payment", "-64.37"),
    (D(2026, 10, 5), "THAMES WATER, direct debit", "-38.50"),
    (D(2026, 10, 7), "COSTA COFFEE BRISTOL, card payment", "-4.20"),
    (D(2026, 10, 9), "Transfer from Easy Saver ••••9930", "250.00"),
    (D(2026, 10, 12), "BRITISH GAS, direct debit", "-72.18"),
    (D(2026, 10, 15), "TFL TRAVEL CHARGE, contactless", "-28.40"),
    (D(2026, 10, 18), "AMAZON MARKETPLACE, card payment", "-42.99"),
    (D(2026, 10, 21), "BRISTOL CITY COUNCIL TAX, direct debit", "-146.00"),
    (D(2026, 10, 24), "Cash withdrawal, HARBOURSIDE ATM", "-60.00"),
    (D(2026, 10, 27), "Refund ASOS.COM", "35.00"),
    (D(2026, 10, 29), "VODAFONE, direct debit", "-24.00"),
    (D(2026, 10, 31), "Interest paid", "1.12"),
])
OPENING = Decimal("2450.00")


def statement_table(rows: list[Tx], opening: Decimal, *, table_id: str = "transactions",
                    caption: str = "Transactions") -> tuple[str, Decimal, Decimal]:
    """The statement table with running balance and a total row; returns (html, money in, money out)."""
    balance = opening
    body = []
    for tx in rows:
        balance += tx.amount
        body.append(f"""      <tr>
        <td>{day(tx.date)}</td>
        <td>{escape(tx.text)}</td>
        <td class="num">{money(tx.amount, signed=True)}</td>
        <td class="num">{money(balance)}</td>
      </tr>""")
    money_in = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
    money_out = -sum((t.amount for t in rows if t.amount < 0), Decimal(0))
    net = money_in - money_out
    html = f"""  <div class="table-scroll">
    <table class="tx" id="{table_id}">
      <caption>{caption}</caption>
      <thead>
        <tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="num">Amount</th><th scope="col" class="num">Balance</th></tr>
      </thead>
      <tbody>
{chr(10).join(body)}
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="2">Total for this period</th><td class="num">{money(net, signed=True)}</td><td></td></tr>
      </tfoot>
    </table>
  </div>"""
    return html, money_in, money_out


def statement_summary(period: str, opening: Decimal, money_in: Decimal, money_out: Decimal,
                      closing: Decimal, extra: str = "") -> str:
    return f"""  <section class="card summary" aria-labelledby="summary-h">
    <h2 id="summary-h">Summary</h2>
    <p class="period">Statement period: <strong>{period}</strong></p>
    <dl class="figures">
      <div><dt>Opening balance</dt><dd>{money(opening)}</dd></div>
      <div><dt>Money in</dt><dd>{money(money_in)}</dd></div>
      <div><dt>Money out</dt><dd>{money(money_out)}</dd></div>
      <div><dt>Closing balance</dt><dd>{money(closing)}</dd></div>{extra}
    </dl>
  </section>"""


def statement_page(*, title: str, rows: list[Tx], closing_shift: Decimal = Decimal(0),
                   extra_figure: str = "", intro: str = "") -> str:
    period = f"{day(D(2026, 10, 1))} to {day(D(2026, 10, 31))}"
    table, money_in, money_out = statement_table(rows, OPENING)
    closing = OPENING + money_in - money_out + closing_shift
    main = f"""  <p class="crumbs"><a href="/bank/statements">Statements</a> › October 2026</p>
  <h1>{title}</h1>
  <p class="muted">Current account ••••4821 · Sort code 20-41-77{intro}</p>
{statement_summary(period, OPENING, money_in, money_out, closing, extra_figure)}
  <section class="card">
{table}
    <p class="actions"><a class="button secondary" href="/bank/statements">All statements</a> <a class="button secondary" href="/bank/help#contact">Question about a payment?</a></p>
  </section>"""
    return bank_page(title, main, active="Statements")


# --------------------------------------------------------------------------- pages: helpers
def build_home() -> None:
    rows = []
    for p in PAGES:
        if p.kind != "problem":
            continue
        twin = f'<a href="{p.twin}">corrected twin</a>' if p.twin else ""
        rules = ", ".join(f"<code>{r}</code>" for r in p.rules)
        rows.append(f'      <li class="pair"><a href="{p.path}">{escape(p.title)}</a> <span class="muted">({rules}; {", ".join(p.devices)})</span> {twin}</li>')
    helpers = "\n".join(f'      <li><a href="{p.path}">{escape(p.title)}</a></li>'
                        for p in PAGES if p.kind == "helper")
    main = f"""  <h1>Northwind demo portal</h1>
  <p>A small fictional bank and store, built to show what uxcheck finds. Each page below is broken on
  purpose for the rules named next to it, and has a corrected twin that should pass.</p>
  <section class="card">
    <h2>Pages with a problem, and their corrected twins</h2>
    <!-- Link texts here describe broken pages; they are not the portal's own navigation. -->
    <ul class="pairs" data-uxcheck-ignore="buried-link">
{chr(10).join(rows)}
    </ul>
  </section>
  <section class="card">
    <h2>Everyday pages</h2>
    <ul class="pairs">
{helpers}
    </ul>
  </section>"""
    body = f"""<header class="topbar">
  <div class="topbar-inner">
    <a class="brand" href="/"><span class="logo" aria-hidden="true">N</span> Northwind demo</a>
    <a class="signout" href="/login">Log in to online banking</a>
  </div>
  <nav class="mainnav" aria-label="Main">
    <ul>
      <li><a href="/bank/accounts">Northwind Bank</a></li>
      <li><a href="/bank/statements">Statements</a></li>
      <li><a href="/store/product">Northwind Store</a></li>
      <li><a href="/bank/help">Help</a></li>
      <li><a href="/bank/help#contact">Contact us</a></li>
    </ul>
  </nav>
</header>
<main class="page" id="main">
{main}
</main>
{bank_footer()}"""
    html = document(title="Northwind demo portal", body=body)
    PAGES.insert(0, Page("/", "Northwind demo portal (home)", html, kind="helper",
                         description="Links every demo page."))


def helper_pages() -> None:
    add(Page("/login", "Log in to online banking", bank_page("Log in", """  <div class="narrow">
  <h1>Log in to online banking</h1>
  <p>This is a demo: any user ID and passcode will do.</p>
  <form class="card" id="login" method="post" action="/login">
    <div class="field">
      <label for="user-id">User ID</label>
      <input id="user-id" name="user" type="text" autocomplete="username">
    </div>
    <div class="field">
      <label for="passcode">Passcode</label>
      <input id="passcode" name="passcode" type="password" autocomplete="current-password">
    </div>
    <div class="field check">
      <input id="remember" name="remember" type="checkbox"> <label for="remember">Remember my user ID on this device</label>
    </div>
    <button class="button" type="submit">Log in</button>
  </form>
  <p><a href="/bank/help">Forgotten your login details?</a></p>
  </div>""", header=bank_header(switcher=False)), kind="helper",
        description="Any credentials; the form POSTs to /login, which answers 303 to /bank/accounts."))

    add(Page("/legal", "Legal information", bank_page("Legal information", """  <h1>Legal information</h1>
  <section class="card" id="privacy"><h2>Privacy</h2><p>We only use your data to run your accounts and keep them safe.</p></section>
  <section class="card" id="cookies"><h2>Cookies</h2><p>This demo sets no cookies.</p></section>
  <section class="card" id="accessibility"><h2>Accessibility</h2><p>We aim to meet WCAG 2.2 AA on every page.</p></section>
  <section class="card" id="security"><h2>Security</h2><p>We will never ask for your full passcode by phone or email.</p></section>
  <section class="card" id="terms"><h2>Terms of sale</h2><p>Northwind Store terms apply to store orders.</p></section>"""),
        kind="helper", description="Legal pages linked from every footer."))

    add(Page("/bank/accounts", "Accounts overview", accounts_page(buried=False), kind="helper",
             description="Accounts overview with Statements in the main navigation and on each card "
                         "(the corrected twin of the buried statements link)."))

    months = "\n".join(
        f'      <li><a href="{href}">{label}</a> <span class="muted">{note}</span></li>' for href, label, note in [
            ("/bank/statement-october", "October 2026", "Current account ••••4821"),
            ("/bank/card-transactions", "Rewards Credit Card: since your last statement", "Credit card ••••7012"),
            ("/bank/de/kreditkartenabrechnung", "Kreditkartenabrechnung Oktober 2026", "Deutsch"),
        ])
    add(Page("/bank/statements", "Statements", bank_page("Statements", f"""  <h1>Statements</h1>
  <p>View and download your statements for the last 7 years.</p>
  <section class="card">
    <h2>Latest statements</h2>
    <ul class="pairs">
{months}
    </ul>
  </section>""", active="Statements"), kind="helper", description="Statement index."))

    add(Page("/bank/pay", "Pay a bill or transfer money", bank_page("Pay a bill", """  <h1>Pay a bill or transfer money</h1>
  <form class="card" id="payment" method="post" action="/bank/pay/submit">
    <p class="hint" id="payee-why">We use the payee's name, sort code and account number to send your money to the right account
    and to check that the name matches the account before you pay (Confirmation of Payee).</p>
    <div class="field">
      <label for="payee">Payee name</label>
      <input id="payee" name="payee" type="text" value="Bristol Energy Co-op" aria-describedby="payee-why">
    </div>
    <div class="field">
      <label for="sort-code">Sort code</label>
      <input id="sort-code" name="sort_code" type="text" inputmode="numeric" value="30-94-12" aria-describedby="payee-why">
    </div>
    <div class="field">
      <label for="account-number">Account number</label>
      <input id="account-number" name="account_number" type="text" inputmode="numeric" value="55102093" aria-describedby="payee-why">
    </div>
    <div class="field">
      <label for="reference">Reference</label>
      <input id="reference" name="reference" type="text" value="NW-88213">
      <p class="hint">Shown on the payee's statement, so they know the payment is from you.</p>
    </div>
    <div class="field">
      <label for="amount">Amount (£)</label>
      <input id="amount" name="amount" type="text" inputmode="decimal" value="48.20">
    </div>
    <button class="button" type="submit">Submit payment</button>
  </form>
  <section class="card" id="transfer">
    <h2>Transfer money between your accounts</h2>
    <p>Move money between your Northwind accounts instantly, any time of day.</p>
    <form method="post" action="/bank/transfer/submit" class="inline-form">
      <label for="transfer-amount">Amount to move to Easy Saver (£)</label>
      <input id="transfer-amount" name="amount" type="text" inputmode="decimal" value="100.00">
      <button class="button" type="submit">Transfer now</button>
    </form>
  </section>""", active="Pay a bill"), kind="helper",
        description="A POST form ('Submit payment') for the write-blocking tests."))

    add(Page("/bank/transactions", "Current account transactions", transactions_page("1842.16", "/bank/accounts"),
             kind="helper", description="This month's transactions with a total."))
    add(Page("/bank/disputes", "Dispute a transaction", bank_page("Dispute a transaction", """  <h1>Dispute a transaction</h1>
  <p>Don't recognise a payment, or paid for something that never arrived? Tell us which payment it is
  and what went wrong. We reply within 2 working days and, for card payments, can ask the shop for your money back.</p>
  <form class="card" id="dispute" method="post" action="/bank/disputes/submit">
    <div class="field">
      <label for="dispute-tx">Payment</label>
      <select id="dispute-tx" name="transaction">
        <option>18 Nov 2026 · AMAZON MARKETPLACE · £42.99</option>
        <option>12 Nov 2026 · BRITISH GAS · £72.18</option>
      </select>
    </div>
    <div class="field">
      <label for="dispute-reason">What went wrong?</label>
      <textarea id="dispute-reason" name="reason" rows="4"></textarea>
    </div>
    <button class="button" type="submit">Send dispute</button>
  </form>""", active="Accounts"), kind="helper", description="Where 'Dispute a transaction' leads."))
    add(Page("/store/orders", "Your orders", store_orders_page(), kind="helper", lang="en",
             description="An order with lines and a correct total; track, change, cancel and return."))
    add(Page("/store/help", "Store customer service", store_help_page(), kind="helper",
             description="Store help with phone hours, chat and email."))


def accounts_page(*, buried: bool, title: str = "Your accounts", current: str = "1842.16",
                  link_prefix: str = "") -> str:
    saver = Decimal("5310.00")
    total = Decimal(current) + saver
    statements_btn = "" if buried else '\n        <a class="button secondary" href="/bank/statement-october">Statements</a>'
    tx_href = f"{link_prefix}/transactions" if link_prefix else "/bank/transactions"
    main = f"""  <h1>{title}</h1>
  <p class="muted">Good afternoon, Sam. Last login 22 Nov 2026 at 18:04.</p>
  <div class="grid accounts">
    <article class="card account" id="acct-current">
      <h2>Current account</h2>
      <p class="muted">••••4821 · Sort code 20-41-77</p>
      <p class="figure"><span class="label">Available balance</span> <span class="amount">{money(current)}</span></p>
      <p class="actions"><a class="button" href="{tx_href}">View transactions</a>{statements_btn}</p>
    </article>
    <article class="card account" id="acct-saver">
      <h2>Easy Saver</h2>
      <p class="muted">••••9930 · 3.10% AER variable</p>
      <p class="figure"><span class="label">Available balance</span> <span class="amount">{money(saver)}</span></p>
      <p class="actions"><a class="button" href="/bank/pay#transfer">Move money</a>{statements_btn}</p>
    </article>
  </div>
  <section class="card total-line" aria-label="Total">
    <p class="figure"><span class="label">Total across your accounts</span> <span class="amount">{money(total)}</span></p>
  </section>"""
    if buried:
        nav = [item for item in BANK_NAV if item[1] != "Statements"]
        extra = '\n    <p class="fineprint">Paper statements are no longer sent. <a class="faint" href="/bank/statement-october">Statements</a></p>'
        return bank_page(title, main, active="Accounts", header=bank_header("Accounts", nav=nav),
                         footer=bank_footer(extra))
    return bank_page(title, main, active="Accounts")


def store_orders_page() -> str:
    lines = [("Trailhead 2 Hiking Boot, size 10", 1, "129.00"), ("Merino hiking socks, 3 pairs", 2, "18.50"),
             ("Waterproofing spray 250 ml", 1, "9.99")]
    rows = []
    subtotal = Decimal(0)
    for name, qty, price in lines:
        line_total = Decimal(price) * qty
        subtotal += line_total
        rows.append(f'        <tr><td>{name}</td><td class="num">{qty}</td><td class="num">{money(price, "USD", "en_US")}</td>'
                    f'<td class="num">{money(line_total, "USD", "en_US")}</td></tr>')
    shipping = Decimal("0.00")
    tax = Decimal("14.02")
    total = subtotal + shipping + tax
    main = f"""  <h1>Your orders</h1>
  <section class="card" id="order-NW-20431">
    <h2>Order NW-20431</h2>
    <p class="muted">Placed {day(D(2026, 11, 18), "en_US")} · Arriving {day(D(2026, 11, 24), "en_US")}</p>
    <div class="table-scroll">
    <table class="tx" id="order-lines">
      <thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Unit price</th><th scope="col" class="num">Total</th></tr></thead>
      <tbody>
{chr(10).join(rows)}
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="3">Subtotal</th><td class="num">{money(subtotal, "USD", "en_US")}</td></tr>
        <tr><th scope="row" colspan="3">Shipping</th><td class="num">{money(shipping, "USD", "en_US")}</td></tr>
        <tr><th scope="row" colspan="3">Sales tax</th><td class="num">{money(tax, "USD", "en_US")}</td></tr>
        <tr class="grand"><th scope="row" colspan="3">Order total</th><td class="num">{money(total, "USD", "en_US")}</td></tr>
      </tfoot>
    </table>
    </div>
    <p class="actions" id="track"><a class="button" href="/store/orders#order-NW-20431">Track order</a>
      <a class="button secondary" href="/store/order-change">Change order</a>
      <a class="button secondary" href="/store/order-change#cancel">Cancel order</a></p>
  </section>
  <section class="card" id="returns">
    <h2>Returns</h2>
    <p>Return unworn items within 60 days for a full refund. Drop-off is free at any Northwind Store.</p>
    <p><a class="button secondary" href="/store/help#contact">Start a return</a></p>
  </section>"""
    return store_page("Your orders", main, active="Your orders")


CART = [("Trailhead 2 Hiking Boot, size 10", 1, "129.00"), ("Merino hiking socks, 3 pairs", 2, "18.50"),
        ("Waterproofing spray 250 ml", 1, "9.99"), ("Trekking poles, carbon", 1, "74.95")]


def cart_page(with_total: bool) -> str:
    """A cart built from div rows (no table); the corrected twin adds the order summary."""
    rows = []
    subtotal = Decimal(0)
    for i, (name, qty, price) in enumerate(CART, 1):
        line = Decimal(price) * qty
        subtotal += line
        rows.append(f"""      <div class="cart-row" role="listitem" id="line-{i}">
        <span class="cart-item">{escape(name)}</span>
        <span class="cart-qty">Qty {qty}</span>
        <span class="cart-price">{money(line, "USD", "en_US")}</span>
      </div>""")
    summary = ""
    if with_total:
        shipping = Decimal("0.00")
        tax = (subtotal * Decimal("0.0725")).quantize(Decimal("0.01"))
        summary = f"""
    <dl class="figures order-summary" aria-label="Order summary">
      <div><dt>Subtotal</dt><dd>{money(subtotal, "USD", "en_US")}</dd></div>
      <div><dt>Shipping</dt><dd>{money(shipping, "USD", "en_US")}</dd></div>
      <div><dt>Estimated tax</dt><dd>{money(tax, "USD", "en_US")}</dd></div>
      <div><dt>Order total</dt><dd>{money(subtotal + shipping + tax, "USD", "en_US")}</dd></div>
    </dl>"""
    main = f"""  <h1>Your cart</h1>
  <section class="card">
    <div class="cart" role="list" id="cart-lines">
{chr(10).join(rows)}
    </div>{summary}
    <p class="actions"><a class="button" href="/store/orders">Check out</a> <a class="button secondary" href="/store/product">Keep shopping</a></p>
  </section>
  <p>Free shipping on every order. Free returns within 60 days.</p>"""
    return store_page("Your cart", main, active="Shop")


def human_contact_block(heading: str = "Talk to us", phone: str = "0345 600 1234", store: bool = False) -> str:
    tel = phone.replace(" ", "")
    email = "help@northwind-store.example" if store else "help@northwind-bank.example"
    hours = "7am to 10pm ET, every day" if store else "Monday to Friday 8am to 8pm, Saturday 9am to 5pm"
    return f"""  <section class="card contact" id="contact">
    <h2>{heading}</h2>
    <ul class="contact-options">
      <li><h3>Call us</h3><p><a class="button secondary" href="tel:{tel}">{phone}</a></p>
        <p>Our team is here {hours}. Calls cost the same as a local call.</p></li>
      <li><h3>Chat with an adviser</h3><p><a class="button secondary" href="#chat">Start a chat</a></p>
        <p>Real people, {hours}. Out of hours, leave a message and we reply the next morning.</p></li>
      <li><h3>Email us</h3><p><a class="button secondary" href="mailto:{email}">{email}</a></p>
        <p>We reply within one working day.</p></li>
    </ul>
  </section>"""


def store_help_page() -> str:
    main = f"""  <h1>Customer service</h1>
  <p>Questions about an order, a delivery or a return? We're happy to help.</p>
  <section class="card">
    <h2>Popular topics</h2>
    <ul class="pairs">
      <li><a href="/store/orders#track">Where is my order?</a></li>
      <li><a href="/store/orders#returns">How do I return an item?</a></li>
      <li><a href="/store/order-change">Change or cancel an order</a></li>
    </ul>
  </section>
{human_contact_block("Contact us", "1-800-555-0199", store=True)}"""
    return store_page("Customer service", main, active="Help")


# --------------------------------------------------------------------------- statements group
def statements_group() -> None:
    # missing-total: card transactions since the last statement
    card_rows = txs([
        (D(2026, 10, 25), "SAINSBURY'S BRISTOL", "58.14"),
        (D(2026, 10, 27), "TRAINLINE.COM", "46.30"),
        (D(2026, 10, 30), "NETFLIX.COM", "10.99"),
        (D(2026, 11, 2), "PRET A MANGER", "7.85"),
        (D(2026, 11, 4), "SHELL HOTWELLS", "61.02"),
        (D(2026, 11, 8), "WATERSTONES", "23.98"),
        (D(2026, 11, 11), "ZIZZI RESTAURANT", "48.60"),
        (D(2026, 11, 14), "BOOTS 1187", "12.49"),
        (D(2026, 11, 17), "JOHN LEWIS", "129.00"),
        (D(2026, 11, 20), "SPOTIFY", "11.99"),
        (D(2026, 11, 21), "UBER *TRIP", "14.35"),
    ])

    def card_page(with_total: bool) -> str:
        rows = "\n".join(f"""        <tr><td>{day(t.date)}</td><td>{escape(t.text)}</td><td class="num">{money(t.amount)}</td></tr>"""
                         for t in card_rows)
        total = sum((t.amount for t in card_rows), Decimal(0))
        foot = f"""
      <tfoot>
        <tr><th scope="row" colspan="2">Total spent since your last statement</th><td class="num">{money(total)}</td></tr>
      </tfoot>""" if with_total else ""
        main = f"""  <p class="crumbs"><a href="/bank/statements">Statements</a> › Rewards Credit Card</p>
  <h1>Rewards Credit Card</h1>
  <p class="muted">••••7012 · Credit limit £4,500.00 · Next statement 24 Nov 2026</p>
  <section class="card">
    <h2>Transactions since your last statement</h2>
    <p>From {day(D(2026, 10, 25))} to {day(D(2026, 11, 22))}</p>
    <div class="table-scroll">
    <table class="tx" id="card-transactions">
      <thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="num">Amount</th></tr></thead>
      <tbody>
{rows}
      </tbody>{foot}
    </table>
    </div>
    <p class="actions"><a class="button secondary" href="/bank/pay">Pay your card</a> <a class="button secondary" href="/bank/statements">Past statements</a></p>
  </section>"""
        return bank_page("Rewards Credit Card", main, active="Statements")

    add(Page("/bank/card-transactions-no-total", "Credit card transactions with no total", card_page(False),
             rules=["missing-total"], twin="/bank/card-transactions",
             description="Eleven card purchases since the last statement and no total anywhere."))
    add(Page("/bank/card-transactions", "Credit card transactions with a total", card_page(True),
             description="The same list with 'Total spent since your last statement'."))

    add(Page("/store/cart-no-total", "Cart with no subtotal or total", cart_page(False),
             rules=["missing-total"], twin="/store/cart",
             description="Four cart lines with quantities and prices, and no subtotal or total anywhere."))
    add(Page("/store/cart", "Cart with an order summary", cart_page(True),
             description="The same cart with subtotal, shipping, tax and order total."))

    # total-mismatch: German credit card bill whose Summe has two digits swapped
    de_rows = txs([
        (D(2026, 10, 2), "REWE Markt Köln-Ehrenfeld", "84.17"),
        (D(2026, 10, 6), "Deutsche Bahn Fernverkehr", "129.90"),
        (D(2026, 10, 9), "Lufthansa Online-Buchung", "214.00"),
        (D(2026, 10, 14), "dm-drogerie markt", "23.45"),
        (D(2026, 10, 19), "Aral Tankstelle", "72.38"),
        (D(2026, 10, 26), "Thalia Buchhandlung", "36.90"),
        (D(2026, 10, 30), "Spotify AB", "10.99"),
    ])
    de_total = sum((t.amount for t in de_rows), Decimal(0))

    def de_page(shown_total: Decimal) -> str:
        rows = "\n".join(f"""        <tr><td>{day(t.date, "de_DE")}</td><td>{escape(t.text)}</td><td class="num">{money(-t.amount, "EUR", "de_DE")}</td></tr>"""
                         for t in de_rows)
        main = f"""  <p class="crumbs"><a href="/bank/statements">Kontoauszüge</a> › Kreditkarte</p>
  <h1>Kreditkartenabrechnung Oktober 2026</h1>
  <p class="muted">Northwind Visa ••••3380 · Abrechnungszeitraum {day(D(2026, 10, 1), "de_DE")} – {day(D(2026, 10, 31), "de_DE")}</p>
  <section class="card">
    <h2>Umsätze</h2>
    <div class="table-scroll">
    <table class="tx" id="umsaetze">
      <thead><tr><th scope="col">Buchungstag</th><th scope="col">Verwendungszweck</th><th scope="col" class="num">Betrag</th></tr></thead>
      <tbody>
{rows}
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="2">Summe der Umsätze</th><td class="num">{money(-shown_total, "EUR", "de_DE")}</td></tr>
      </tfoot>
    </table>
    </div>
    <p>Der Betrag wird am {day(D(2026, 11, 10), "de_DE")} von Ihrem Girokonto ••••4410 abgebucht.</p>
    <p class="actions"><a class="button secondary" href="/bank/statements">Alle Kontoauszüge</a> <a class="button secondary" href="/bank/help#contact">Umsatz reklamieren</a></p>
  </section>"""
        nav = [("/bank/accounts", "Konten"), ("/bank/statements", "Kontoauszüge"), ("/bank/pay", "Rechnung bezahlen"), ("/bank/pay#transfer", "Überweisung"),
               ("/bank/cards", "Karten"), ("/bank/help", "Hilfe"), ("/bank/help#contact", "Kontakt")]
        return bank_page("Kreditkartenabrechnung", main, lang="de-DE",
                         header=bank_header("Kontoauszüge", nav=nav, switcher=False))

    wrong = Decimal("530.79")  # the true sum is 571.79: 7 and 3 swapped in the tens
    assert de_total == Decimal("571.79"), de_total
    add(Page("/bank/de/kreditkartenabrechnung-falsche-summe", "German card bill whose total is wrong", de_page(wrong),
             rules=["total-mismatch"], twin="/bank/de/kreditkartenabrechnung", lang="de",
             description=f"Seven charges adding up to {de_total} EUR; the 'Summe' row shows {wrong} EUR."))
    add(Page("/bank/de/kreditkartenabrechnung", "German card bill with a correct total", de_page(de_total), lang="de",
             description="The same bill; the Summe matches the charges."))

    # period-mismatch, balance-unreconciled and their shared corrected twin
    ytd = """
      <div><dt>Interest paid, year to date</dt><dd>£9.87</dd></div>"""
    add(Page("/bank/statement-ytd-mixed", "Monthly statement mixing in a year-to-date figure",
             statement_page(title="Statement: October 2026", rows=OCTOBER, extra_figure=ytd),
             rules=["period-mismatch"], twin="/bank/statement-october",
             description="An October statement whose summary adds 'Interest paid, year to date'."))
    # the direct debit of 29 Oct slips to 3 Nov, and stays listed on the October statement
    november_slip = [t for t in OCTOBER if not t.text.startswith("VODAFONE")] + [
        Tx(D(2026, 11, 3), "VODAFONE, direct debit", Decimal("-24.00"))]
    add(Page("/bank/statement-date-outside", "Statement listing a payment from after its period",
             statement_page(title="Statement: October 2026", rows=november_slip),
             rules=["period-mismatch"], twin="/bank/statement-october",
             description="Statement period 1 to 31 October 2026, but one row is dated 03 Nov 2026."))
    add(Page("/bank/statement-unreconciled", "Statement whose balances do not add up",
             statement_page(title="Statement: October 2026", rows=OCTOBER, closing_shift=Decimal("36.00")),
             rules=["balance-unreconciled"], twin="/bank/statement-october",
             description="Opening balance plus money in minus money out is £36.00 less than the closing balance shown."))
    add(Page("/bank/statement-october", "Statement that reconciles", statement_page(title="Statement: October 2026", rows=OCTOBER),
             description="Period, dates, totals and balances all agree."))

    # buried-link
    add(Page("/bank/accounts-buried-statements", "Accounts overview with statements buried in the footer",
             accounts_page(buried=True), rules=["buried-link"], twin="/bank/accounts",
             description="The only Statements link is in the footer fine print, 11px light grey."))


# --------------------------------------------------------------------------- mobile group
MESSAGES = [
    (D(2026, 11, 21), "Your new debit card is on its way"),
    (D(2026, 11, 14), "Changes to our savings rates from 1 December"),
    (D(2026, 11, 2), "Your October statement is ready"),
    (D(2026, 10, 19), "We've updated our privacy notice"),
    (D(2026, 10, 3), "Your September statement is ready"),
    (D(2026, 9, 22), "Reply: question about a card payment"),
]


def messages_main(desktop_only: bool) -> str:
    rows = "\n".join(
        f'        <tr><td>{day(d)}</td><td>{escape(s)}</td><td><a href="#m{i}">Read</a> <a href="#m{i}">Archive</a> <a href="#m{i}">Delete</a></td></tr>'
        if desktop_only else
        f'        <li class="message"><a class="message-link" href="#m{i}"><span class="muted">{day(d)}</span> {escape(s)}</a></li>'
        for i, (d, s) in enumerate(MESSAGES))
    if desktop_only:
        listing = f"""    <table class="inbox" id="inbox">
      <thead><tr><th>Received</th><th>Subject</th><th>Actions</th></tr></thead>
      <tbody>
{rows}
      </tbody>
    </table>"""
    else:
        listing = f"""    <ul class="inbox" id="inbox">
{rows}
    </ul>"""
    return f"""  <h1>Secure messages</h1>
  <p>Messages from us about your accounts. We will never ask for your passcode in a message.</p>
  <div class="layout">
  <section class="card messages">
    <h2>Inbox</h2>
{listing}
  </section>
  <aside class="card side">
    <h2>Write to us</h2>
    <p>Send us a secure message and we reply within two working days. For anything urgent, call us.</p>
    <p><a class="button secondary" href="/bank/help#contact">Contact us</a></p>
  </aside>
  </div>"""


DESKTOP_ONLY_STYLE = """
<style>
  /* A fixed desktop layout from 2012: no breakpoints, 10px body text, links packed together. */
  body.fixed { font-size: 10px; min-width: 1132px; }
  body.fixed .topbar-inner, body.fixed .mainnav ul, body.fixed .page, body.fixed .footer-inner { width: 1100px; max-width: none; }
  body.fixed .page p, body.fixed .page td, body.fixed .page th, body.fixed .page li, body.fixed .site-footer p { font-size: 10px; line-height: 1.3; }
  body.fixed .page h1 { font-size: 18px; }
  body.fixed .page h2 { font-size: 13px; }
  body.fixed .layout { display: flex; gap: 20px; }
  body.fixed .messages { width: 760px; flex: none; }
  body.fixed .side { width: 300px; flex: none; }
  body.fixed .mainnav a { padding: 2px 4px; min-height: 0; font-size: 13px; line-height: 16px; }
  body.fixed .mainnav ul { gap: 0; flex-wrap: nowrap; }
  body.fixed .inbox a { font-size: 13px; line-height: 14px; padding: 0 1px; margin: 0; display: inline; }
  body.fixed .site-footer a { font-size: 13px; line-height: 14px; padding: 0 2px; display: inline; }
  body.fixed .site-footer ul { gap: 0 4px; flex-wrap: nowrap; }
  body.fixed .signout { padding: 0 2px; font-size: 13px; line-height: 14px; }
  body.fixed .side .button { font-size: 13px; padding: 1px 4px; min-height: 0; }
</style>"""


def mobile_group() -> None:
    add(Page("/bank/messages-desktop-only", "Desktop-only page (no viewport meta)",
             bank_page("Secure messages", messages_main(True), viewport=None, head_extra=DESKTOP_ONLY_STYLE,
                       body_class="fixed"),
             rules=["viewport-meta", "horizontal-overflow", "small-tap-target"],
             twin="/bank/messages", devices=["mobile"],
             description="No viewport meta, a fixed 1100px layout, 10px text and tiny crowded links. "
                         "(small-text judges only pages with a phone viewport, like Lighthouse: see "
                         "/bank/card-key-facts-small-print.)"))
    add(Page("/bank/messages-width-1024", "Desktop-only page (viewport width=1024)",
             bank_page("Secure messages", messages_main(True),
                       viewport='<meta name="viewport" content="width=1024">', head_extra=DESKTOP_ONLY_STYLE,
                       body_class="fixed"),
             rules=["viewport-meta", "horizontal-overflow", "small-tap-target"],
             twin="/bank/messages", devices=["mobile"],
             description="A viewport of width=1024 instead of device-width, on the same fixed layout."))
    add(Page("/bank/messages", "Responsive secure messages", bank_page("Secure messages", messages_main(False)),
             description="The same page, responsive: device-width viewport, 16px text, full-width message links."))

    cards_main = """  <h1>Your cards</h1>
  <div class="grid">
    <article class="card" id="debit-card">
      <h2>Northwind Debit Card</h2>
      <p class="muted">••••4821 · Expires 09/29</p>
      <p>Contactless, chip and PIN, Apple Pay and Google Pay.</p>
      <p class="actions"><a class="button" href="#freeze">Freeze card</a> <a class="button secondary" href="#pin">View PIN</a></p>
    </article>
    <article class="card" id="credit-card">
      <h2>Rewards Credit Card</h2>
      <p class="muted">••••7012 · Expires 03/28</p>
      <p>Earn 1 point for every pound you spend.</p>
      <p class="actions"><a class="button" href="#freeze">Freeze card</a> <a class="button secondary" href="#lost">Report lost or stolen</a></p>
    </article>
  </div>
  <section class="card" id="lost">
    <h2>Lost or stolen card?</h2>
    <p>Freeze it here straight away, then order a replacement. It arrives in 3 to 5 working days.</p>
  </section>"""
    add(Page("/bank/cards-zoom-locked", "Cards page that blocks zooming",
             bank_page("Your cards", cards_main, active="Cards",
                       viewport='<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no">'),
             rules=["zoom-disabled"], twin="/bank/cards", devices=["mobile"],
             description="The viewport says maximum-scale=1, user-scalable=no."))
    add(Page("/bank/cards", "Cards page that allows zooming", bank_page("Your cards", cards_main, active="Cards"),
             description="The same page with width=device-width, initial-scale=1."))


RATES = [
    ("Easy Saver", "3.10%", "3.06%", "Instant, unlimited", "Monthly"),
    ("Regular Saver", "5.00%", "4.89%", "No withdrawals for 12 months", "On maturity"),
    ("1 Year Fixed Saver", "4.20%", "4.12%", "None until maturity", "Yearly"),
    ("Cash ISA", "3.40%", "3.35%", "Instant, unlimited", "Monthly"),
]


def rates_main(wide: bool) -> str:
    """Savings rates: percentages, no money lists. The wide version is a 760px table with nowrap cells."""
    rows = "\n".join(f"        <tr><th scope=\"row\">{a}</th><td>{b}</td><td>{c}</td><td>{d}</td><td>{e}</td></tr>"
                     for a, b, c, d, e in RATES)
    cls = "rates wide" if wide else "rates"
    style = """
<style>
  /* Laid out for a desktop screen: a fixed-width table whose cells never wrap. */
  table.rates.wide { width: 760px; white-space: nowrap; }
</style>""" if wide else """
<style>
  @media (max-width: 600px) {
    table.rates thead { display: none; }
    table.rates tr { display: block; border-bottom: 1px solid #e3e7ed; padding: 8px 0; }
    table.rates th, table.rates td { display: block; border: 0; padding: 2px 0; }
    table.rates td::before { content: attr(data-label) ": "; color: #4b5563; }
  }
</style>"""
    if not wide:
        labels = ["AER", "Gross", "Access", "Interest paid"]
        rows = "\n".join(
            f"        <tr><th scope=\"row\">{a}</th>" + "".join(
                f'<td data-label="{lab}">{v}</td>' for lab, v in zip(labels, (b, c, d, e))) + "</tr>"
            for a, b, c, d, e in RATES)
    main = f"""  <h1>Savings rates</h1>
  <p>Rates for new and existing customers from {day(D(2026, 11, 1))}. AER stands for Annual Equivalent Rate.</p>
  <section class="card">
    <table class="tx {cls}" id="rates">
      <thead><tr><th scope="col">Account</th><th scope="col">AER</th><th scope="col">Gross</th><th scope="col">Access</th><th scope="col">Interest paid</th></tr></thead>
      <tbody>
{rows}
      </tbody>
    </table>
    <p class="actions"><a class="button" href="/bank/open-savings-explained">Open an Easy Saver</a></p>
  </section>"""
    return bank_page("Savings rates", main, active="Accounts", head_extra=style)


FINE_PRINT_STYLE = """
<style>
  /* Everything but the headings set in 11px, as if the whole page were small print. */
  .page p, .page li, .page dd, .page dt { font-size: 11px; line-height: 1.4; }
</style>"""


def card_terms_main() -> str:
    return """  <h1>Rewards Credit Card: key facts</h1>
  <section class="card">
    <h2>What it costs</h2>
    <ul>
      <li>Purchase rate 24.9% variable. Representative APR 24.9% (variable).</li>
      <li>Cash withdrawals: 3% of the amount, at least £3, and interest from the day you take the cash.</li>
      <li>Using your card abroad: no foreign transaction fee.</li>
      <li>Late payment or going over your limit: £12 each time.</li>
    </ul>
  </section>
  <section class="card">
    <h2>How interest works</h2>
    <p>If you pay your balance in full by the due date each month, you pay no interest on purchases.
    If you pay less, we charge interest on the purchases from the date they were added to your account
    until you pay them off. Interest on cash withdrawals is charged from the day you take the cash,
    even if you then pay in full.</p>
    <p>We tell you about any change to your rate at least 30 days before it happens, and you can close
    your account without paying more interest at the old rate if you do not want to accept the change.</p>
  </section>
  <section class="card">
    <h2>Rewards</h2>
    <p>You earn 1 point for every pound you spend on purchases. Points are not earned on cash withdrawals,
    balance transfers, fees or interest. 500 points can be swapped for a £5 voucher.</p>
    <p class="actions"><a class="button" href="/bank/cards">Back to your cards</a></p>
  </section>"""


TINY_TARGETS_STYLE = """
<style>
  /* An icon toolbar and a pager packed as tight as on a desktop mouse UI. */
  .toolbar { display: flex; gap: 2px; margin: 8px 0; }
  .toolbar a, .pager a { display: inline-block !important; width: 18px; height: 18px; line-height: 18px !important;
    padding: 0 !important; font-size: 13px; text-align: center; border: 1px solid #8a94a3; border-radius: 3px; text-decoration: none; }
  .pager { display: flex; gap: 2px; list-style: none; padding: 0; }
</style>"""


def inbox_main(tiny: bool) -> str:
    if tiny:
        toolbar = """    <div class="toolbar" role="toolbar" aria-label="Message actions">
      <a href="#print" aria-label="Print" title="Print">⎙</a><a href="#archive" aria-label="Archive" title="Archive">⌂</a><a href="#flag" aria-label="Flag" title="Flag">⚑</a><a href="#delete" aria-label="Delete" title="Delete">✕</a>
    </div>"""
        pager = "\n".join(f'      <li><a href="#page-{n}" aria-label="Page {n}">{n}</a></li>' for n in range(1, 9))
        pager = f"""    <ul class="pager" aria-label="Pages">
{pager}
    </ul>"""
    else:
        toolbar = """    <p class="actions" role="toolbar" aria-label="Message actions">
      <a class="button secondary" href="#print">Print</a> <a class="button secondary" href="#archive">Archive</a>
      <a class="button secondary" href="#flag">Flag</a> <a class="button secondary" href="#delete">Delete</a>
    </p>"""
        pager = "\n".join(f'      <a class="button secondary" href="#page-{n}" aria-label="Page {n}">{n}</a>' for n in range(1, 9))
        pager = f"""    <nav class="actions" aria-label="Pages">
{pager}
    </nav>"""
    items = "\n".join(
        f'      <li class="message"><a class="message-link" href="#m{i}"><span class="muted">{day(d)}</span> {escape(t)}</a></li>'
        for i, (d, t) in enumerate(MESSAGES))
    return f"""  <h1>Secure messages</h1>
  <section class="card">
    <h2>Your new debit card is on its way</h2>
    <p class="muted">From Northwind Bank · {day(D(2026, 11, 21))}</p>
{toolbar}
    <p>Your new Northwind Debit Card will arrive within 5 working days. Your card number stays the same,
    so your regular card payments will carry on without you doing anything.</p>
  </section>
  <section class="card">
    <h2>Inbox</h2>
    <ul class="inbox">
{items}
    </ul>
{pager}
  </section>"""


def mobile_single_rule_pages() -> None:
    """One page per phone rule, broken for that rule alone, each with its own corrected twin."""
    add(Page("/bank/savings-rates-wide", "Savings rates in a table wider than a phone",
             rates_main(wide=True), rules=["horizontal-overflow"], twin="/bank/savings-rates", devices=["mobile"],
             description="A 760px table of rates whose cells never wrap: the page scrolls sideways on a phone."))
    add(Page("/bank/savings-rates", "Savings rates that fit a phone", rates_main(wide=False),
             description="Below 600px each account's rates are stacked as a small card."))
    add(Page("/bank/card-key-facts-small-print", "Card key facts set entirely in 11px text",
             bank_page("Card key facts", card_terms_main(), active="Cards", head_extra=FINE_PRINT_STYLE),
             rules=["small-text"], twin="/bank/card-key-facts", devices=["mobile"],
             description="Every paragraph and list item is 11px."))
    add(Page("/bank/card-key-facts", "Card key facts in readable text",
             bank_page("Card key facts", card_terms_main(), active="Cards"),
             description="The same page at 16px."))
    add(Page("/bank/message-tiny-buttons", "Message page with tiny, crowded icon buttons",
             bank_page("Secure messages", inbox_main(tiny=True), head_extra=TINY_TARGETS_STYLE),
             rules=["small-tap-target"], twin="/bank/message", devices=["mobile"],
             description="An 18px icon toolbar and an 18px pager with 2px gaps."))
    add(Page("/bank/message", "Message page with comfortable buttons", bank_page("Secure messages", inbox_main(tiny=False)),
             description="The same actions as 44px buttons with 8px gaps."))


# --------------------------------------------------------------------------- service group
ORDER_FLOW_HEADER = focused_header("Northwind Store", "/store/orders", "Change your order")
CLOSE_FLOW_HEADER = focused_header("Northwind Bank", "/bank/accounts", "Close an account")


def service_group() -> None:
    refused = """  <h1>Change order NW-20431</h1>
  <div class="alert" role="alert" id="change-refused">
    <p><strong>We can't change your order online.</strong></p>
  </div>"""
    add(Page("/store/order-change-refused", "Order change refused with no way forward",
             store_page("Change order", refused, header=ORDER_FLOW_HEADER),
             rules=["dead-end"], twin="/store/order-change",
             description="'We can't change your order online.' and nothing else."))
    helpful = f"""  <h1>Change order NW-20431</h1>
  <div class="alert" role="alert" id="change-refused">
    <p><strong>We can't change your order online</strong> because it's already being packed for delivery on {day(D(2026, 11, 24), "en_US")}.</p>
  </div>
  <section class="card" id="cancel">
    <h2>What you can do instead</h2>
    <ul class="options">
      <li><strong>Cancel and order again.</strong> Cancelling is free until the order ships, and we refund you within 3 days.
        <p><a class="button" href="/store/orders#order-NW-20431">Cancel order</a></p></li>
      <li><strong>Change the delivery address with the carrier</strong> once the order ships.
        <p><a class="button secondary" href="/store/orders#track">Track order</a></p></li>
    </ul>
  </section>
{human_contact_block("Or talk to us", "1-800-555-0199", store=True)}"""
    add(Page("/store/order-change", "Order change refused, with alternatives and contact",
             store_page("Change order", helpful, header=ORDER_FLOW_HEADER),
             description="The refusal says why, offers cancel-and-reorder, carrier changes, phone and chat."))

    close_refused = """  <h1>Close your Easy Saver</h1>
  <div class="alert" role="alert" id="close-refused">
    <p><strong>Sorry, you can't close this account online.</strong></p>
    <p>Error code ACC-CLS-409.</p>
  </div>"""
    add(Page("/bank/close-account-refused", "Account closure refused with only an error code",
             bank_page("Close your Easy Saver", close_refused, header=CLOSE_FLOW_HEADER),
             rules=["dead-end"], twin="/bank/close-account",
             description="'Sorry, you can't close this account online.' and an error code; nothing to do next."))
    close_helpful = f"""  <h1>Close your Easy Saver</h1>
  <div class="alert" role="alert" id="close-refused">
    <p><strong>You can't close this account online</strong> while a fixed-rate bonus is still running (it ends on {day(D(2027, 1, 31))}).</p>
  </div>
  <section class="card">
    <h2>What you can do</h2>
    <ul class="options">
      <li>Move all your money out now: the account stays open at no cost and you keep the bonus.
        <p><a class="button" href="/bank/pay#transfer">Move money</a></p></li>
      <li>Close it by phone today. We'll tell you how much bonus you would give up before you decide.</li>
    </ul>
  </section>
{human_contact_block("Talk to us")}"""
    add(Page("/bank/close-account", "Account closure refused, with a reason, an alternative and contact",
             bank_page("Close your Easy Saver", close_helpful, header=CLOSE_FLOW_HEADER),
             description="Says why, offers moving the money now, and a phone line, chat and email."))

    bot_only = """  <h1>Help and support</h1>
  <p>Find answers fast, any time of day.</p>
  <section class="card">
    <h2>Popular topics</h2>
    <ul class="pairs">
      <li><a href="/bank/cards#lost">Lost or stolen card</a></li>
      <li><a href="/bank/pay">Making a payment</a></li>
      <li><a href="/bank/statements">Finding a statement</a></li>
      <li><a href="/bank/help-bot-only#assistant">Something else</a></li>
    </ul>
  </section>
  <section class="card" id="assistant">
    <h2>Ask Nora, our virtual assistant</h2>
    <p>Nora answers questions about payments, cards and statements instantly.</p>
    <form method="get" action="/bank/help-bot-only" class="inline-form">
      <label for="nora-question">Your question</label>
      <input id="nora-question" name="question" type="text" placeholder="e.g. How do I order a new card?">
      <button class="button" type="submit">Ask Nora</button>
    </form>
  </section>
  <section class="card" id="contact">
    <h2>Send us a message</h2>
    <form method="post" action="/bank/help/message">
      <div class="field"><label for="topic">Topic</label>
        <select id="topic" name="topic"><option>Payments</option><option>Cards</option><option>Statements</option></select></div>
      <div class="field"><label for="message">Message</label>
        <textarea id="message" name="message" rows="4"></textarea></div>
      <button class="button" type="submit">Send</button>
    </form>
  </section>"""
    add(Page("/bank/help-bot-only", "Help page with only topics, a bot and a form",
             bank_page("Help", bot_only, header=bank_header("Help", nav=[
                 (href.replace("/bank/help", "/bank/help-bot-only"), label) for href, label in BANK_NAV])),
             rules=["no-human-contact"], twin="/bank/help",
             description="Topic menus, a virtual assistant and a message form; no phone, chat with people or email."))
    with_people = f"""  <h1>Help and support</h1>
  <p>Find answers fast, or talk to one of our team.</p>
  <section class="card">
    <h2>Popular topics</h2>
    <ul class="pairs">
      <li><a href="/bank/cards#lost">Lost or stolen card</a></li>
      <li><a href="/bank/pay">Making a payment</a></li>
      <li><a href="/bank/statements">Finding a statement</a></li>
    </ul>
  </section>
{human_contact_block()}"""
    add(Page("/bank/help", "Help page with phone hours, chat and email", bank_page("Help", with_people, active="Help"),
             description="Phone number with opening hours, chat with advisers, an email address."))

    def product(*, lang: str, restock: bool) -> str:
        fr = lang == "fr"
        cur, loc = ("EUR", "fr_FR") if fr else ("USD", "en_US")
        name = "Chaussure de randonnée Trailhead 2 – Homme" if fr else "Trailhead 2 Hiking Boot – Men's"
        price = money("129.00", cur, loc)
        # Every size is sold out: the picker offers nothing to choose instead.
        sold_out = "épuisée" if fr else "sold out"
        sizes = "".join(f"<option disabled>{s} ({sold_out})</option>"
                        for s in (["41", "42", "43", "44"] if fr else ["8", "9", "10", "11"]))
        size_label = "Pointure" if fr else "Size"
        stock = "Rupture de stock" if fr else "Out of stock"
        add_label = "Ajouter au panier" if fr else "Add to cart"
        details = ("Tige en cuir imperméable, semelle Vibram, 540 g la paire." if fr
                   else "Waterproof leather upper, Vibram sole, 19 oz per pair.")
        extra = ""
        if restock:
            back = (f"De retour en stock le {day(D(2026, 12, 12), 'fr_FR')}." if fr
                    else f"Back in stock on {day(D(2026, 12, 12), 'en_US')}.")
            notify_h = "Me prévenir du retour en stock" if fr else "Email me when it's back"
            email_l = "Adresse e-mail" if fr else "Email address"
            why = ("Nous vous enverrons un seul e-mail lorsque l'article sera de retour, puis nous effacerons votre adresse."
                   if fr else "We'll send you one email when it's back in stock, then delete your address.")
            notify_b = "Me prévenir" if fr else "Notify me"
            similar_h = "Articles similaires disponibles" if fr else "Similar boots in stock"
            items = [("Ridgeline Mid", "119.00"), ("Summit GTX", "149.00"), ("Trailhead 1", "99.00")]
            cards = "\n".join(
                f'      <li class="card product-card"><a href="/store/{"fr/produit" if fr else "product"}#{n.lower().replace(" ", "-")}">{n}</a>'
                f'<span class="price">{money(p, cur, loc)}</span></li>' for n, p in items)
            extra = f"""
    <p class="restock" id="restock">{back}</p>
    <form class="card notify" method="post" action="/store/notify">
      <h2>{notify_h}</h2>
      <label for="notify-email">{email_l}</label>
      <input id="notify-email" name="email" type="email" autocomplete="email" aria-describedby="notify-why">
      <p class="hint" id="notify-why">{why}</p>
      <button class="button" type="submit">{notify_b}</button>
    </form>
  </section>
  <section class="similar" aria-labelledby="similar-h">
    <h2 id="similar-h">{similar_h}</h2>
    <ul class="grid products">
{cards}
    </ul>"""
        main = f"""  <section class="product" id="product">
    <div class="product-photo" role="img" aria-label="{name}"></div>
    <h1>{name}</h1>
    <p class="price">{price}</p>
    <p>{details}</p>
    <label for="size">{size_label}</label>
    <select id="size" name="size">{sizes}</select>
    <p class="stock out" id="stock">{stock}</p>
    <button class="button" type="button" disabled>{add_label}</button>{extra}
  </section>"""
        return store_page(name, main, lang="fr-FR" if fr else "en-US", active="Boutique" if fr else "Shop")

    add(Page("/store/product-out-of-stock", "Out-of-stock product with nothing more", product(lang="en", restock=False),
             rules=["no-restock-info"], twin="/store/product",
             description="'Out of stock' and a disabled button: no date, no notify-me, no alternatives."))
    add(Page("/store/product", "Out-of-stock product with a restock date, notify-me and similar items",
             product(lang="en", restock=True), description="Restock date, an explained notify-me form, three similar boots."))
    add(Page("/store/fr/produit-indisponible", "Produit en rupture de stock, sans rien d'autre",
             product(lang="fr", restock=False), rules=["no-restock-info"], twin="/store/fr/produit", lang="fr",
             description="French: 'Rupture de stock' with no date, no alert and no alternative."))
    add(Page("/store/fr/produit", "Produit en rupture de stock, avec date, alerte et articles similaires",
             product(lang="fr", restock=True), lang="fr", description="French twin with date, alert form and similar items."))


# --------------------------------------------------------------------------- data group
def data_group() -> None:
    def form(explained: bool) -> str:
        def hint(field_id: str, text: str) -> tuple[str, str]:
            if not explained:
                return "", ""
            return f' aria-describedby="{field_id}-why"', f'\n        <p class="hint" id="{field_id}-why">{text}</p>'

        e_attr, e_hint = hint("email", "We'll send your account details and savings statements to this address.")
        p_attr, p_hint = hint("mobile", "We text you a one-time code each time you move money out of this account.")
        b_attr, b_hint = hint("dob", "You must be 16 or over to open an Easy Saver; we also use it to confirm your identity.")
        intro = ("<p>We ask only for what we need to open your account and keep it safe. "
                 "The note under each box says why we need it.</p>" if explained else
                 "<p>Open an Easy Saver in five minutes. 3.10% AER variable.</p>")
        main = f"""  <h1>Open an Easy Saver</h1>
  {intro}
  <form class="card" id="open-saver" method="post" action="/bank/open-savings/submit">
    <div class="field">
      <label for="full-name">Full name</label>
      <input id="full-name" name="name" type="text" autocomplete="name">
    </div>
    <div class="field">
      <label for="email">Email address</label>
      <input id="email" name="email" type="email" autocomplete="email"{e_attr}>{e_hint}
    </div>
    <div class="field">
      <label for="mobile">Mobile phone number</label>
      <input id="mobile" name="mobile" type="tel" autocomplete="tel"{p_attr}>{p_hint}
    </div>
    <div class="field">
      <label for="dob">Date of birth</label>
      <input id="dob" name="dob" type="date" autocomplete="bday"{b_attr}>{b_hint}
    </div>
    <button class="button" type="submit">Continue</button>
  </form>"""
        return bank_page("Open an Easy Saver", main, active="Accounts")

    add(Page("/bank/open-savings", "Savings form asking for personal data without saying why", form(False),
             rules=["unexplained-data-request"], twin="/bank/open-savings-explained",
             description="Asks for email, mobile number and date of birth with no reason given."))
    add(Page("/bank/open-savings-explained", "Savings form that explains each personal data field", form(True),
             description="Each personal field has a hint (aria-describedby) that says why it is needed."))


# --------------------------------------------------------------------------- journey group
RECENT = txs([
    (D(2026, 11, 2), "Rent, standing order to K. PATEL", "-1150.00"),
    (D(2026, 11, 3), "TESCO STORES 2231, card payment", "-58.12"),
    (D(2026, 11, 5), "THAMES WATER, direct debit", "-38.50"),
    (D(2026, 11, 9), "Transfer from Easy Saver ••••9930", "200.00"),
    (D(2026, 11, 12), "BRITISH GAS, direct debit", "-72.18"),
    (D(2026, 11, 18), "AMAZON MARKETPLACE, card payment", "-42.99"),
    (D(2026, 11, 21), "Refund ASOS.COM", "18.00"),
])


def transactions_page(available: str, back: str) -> str:
    rows = "\n".join(f"""        <tr><td>{day(t.date)}</td><td>{escape(t.text)}</td><td class="num">{money(t.amount, signed=True)}</td></tr>"""
                     for t in RECENT)
    net = sum((t.amount for t in RECENT), Decimal(0))
    main = f"""  <p class="crumbs"><a href="{back}">Accounts</a> › Current account</p>
  <h1>Current account</h1>
  <p class="muted">••••4821 · Sort code 20-41-77</p>
  <section class="card">
    <p class="figure"><span class="label">Available balance</span> <span class="amount">{money(available)}</span></p>
  </section>
  <section class="card">
    <h2>Transactions this month</h2>
    <p>From {day(D(2026, 11, 1))} to {day(D(2026, 11, 22))}</p>
    <div class="table-scroll">
    <table class="tx" id="recent-transactions">
      <thead><tr><th scope="col">Date</th><th scope="col">Description</th><th scope="col" class="num">Amount</th></tr></thead>
      <tbody>
{rows}
      </tbody>
      <tfoot>
        <tr><th scope="row" colspan="2">Total this month</th><td class="num">{money(net, signed=True)}</td></tr>
      </tfoot>
    </table>
    </div>
    <p class="actions"><a class="button secondary" href="/bank/statement-october">Statements</a> <a class="button secondary" href="/bank/pay">Pay a bill</a></p>
  </section>"""
    return bank_page("Current account", main, active="Accounts")


def transaction_detail(hidden_on_phone: bool) -> str:
    dispute = ("/bank/disputes", "Dispute a transaction")
    nav = BANK_NAV[:5] + [dispute] + BANK_NAV[5:]
    if hidden_on_phone:
        items = "\n".join(
            f'      <li{DESKTOP_ONLY if label == dispute[1] else ""}><a href="{href}">{label}</a></li>'
            for href, label in nav)
        nav_html = f"""  <nav class="mainnav" aria-label="Main">
    <ul>
{items}
    </ul>
  </nav>"""
    else:
        items = "\n".join(f'      <li><a href="{href}">{label}</a></li>' for href, label in nav)
        nav_html = f"""  <nav class="mainnav wide-nav" aria-label="Main">
    <ul>
{items}
    </ul>
  </nav>
  <details class="phone-menu">
    <summary>Menu</summary>
    <nav aria-label="Main (phone)">
      <ul>
{items}
      </ul>
    </nav>
  </details>"""
    main = f"""  <p class="crumbs"><a href="/bank/accounts">Accounts</a> › Current account › Transaction</p>
  <h1>AMAZON MARKETPLACE</h1>
  <section class="card" id="transaction">
    <dl class="figures">
      <div><dt>Amount</dt><dd>{money("-42.99")}</dd></div>
      <div><dt>Date</dt><dd>{day(D(2026, 11, 18))}</dd></div>
      <div><dt>Paid with</dt><dd>Northwind Debit Card ••••4821</dd></div>
      <div><dt>Merchant</dt><dd>amazon.co.uk, Luxembourg</dd></div>
    </dl>
    <p>Don't recognise this payment? Check with the people who share your card first, then tell us.</p>
  </section>
  <section class="card">
    <h2>About this payment</h2>
    <p>This card payment has been taken from your available balance. It will appear on your
    November statement as AMAZON MKTPLACE, with the reference 4821-7730.</p>
  </section>"""
    header = bank_header("Accounts", nav_html=nav_html)
    return bank_page("Transaction details", main, header=header)


def journey_group() -> None:
    add(Page("/bank/journey/accounts", "Journey step 1: accounts overview (balance £1,842.16)",
             accounts_page(buried=False, current="1842.16", link_prefix="/bank/journey"), kind="helper",
             flow=["/bank/journey/accounts", "/bank/journey/transactions"],
             description="First step of the inconsistent journey; fine on its own."))
    add(Page("/bank/journey/transactions", "Journey step 2: the same account shows £1,824.16",
             transactions_page("1824.16", "/bank/journey/accounts"),
             rules=["inconsistent-figure"], twin="/bank/journey-ok/transactions",
             flow=["/bank/journey/accounts", "/bank/journey/transactions"],
             description="The overview says Available balance £1,842.16; the account page says £1,824.16."))
    add(Page("/bank/journey-ok/accounts", "Consistent journey step 1: accounts overview",
             accounts_page(buried=False, current="1842.16", link_prefix="/bank/journey-ok"), kind="helper",
             flow=["/bank/journey-ok/accounts", "/bank/journey-ok/transactions"],
             description="First step of the consistent journey."))
    add(Page("/bank/journey-ok/transactions", "Consistent journey step 2: the same balance",
             transactions_page("1842.16", "/bank/journey-ok/accounts"),
             flow=["/bank/journey-ok/accounts", "/bank/journey-ok/transactions"],
             description="Both steps show Available balance £1,842.16."))

    add(Page("/bank/transaction-dispute-hidden", "Transaction page whose phone layout hides 'Dispute a transaction'",
             transaction_detail(hidden_on_phone=True), rules=["mobile-missing-task"],
             twin="/bank/transaction-details", devices=["mobile"],
             description="The desktop navigation offers 'Dispute a transaction'; below 600px it is display:none "
                         "and no menu offers it."))
    add(Page("/bank/transaction-details", "Transaction page with a phone menu", transaction_detail(hidden_on_phone=False),
             description="Below 600px the navigation moves into a working <details> 'Menu' with every link."))


# --------------------------------------------------------------------------- fixed files
NOT_FOUND = document(title="Page not found | Northwind", body=f"""{bank_header(switcher=False)}
<main class="page" id="main">
  <h1>Page not found</h1>
  <p>This page doesn't exist, or has moved. Try one of these instead:</p>
  <p class="actions"><a class="button" href="/">Demo home</a> <a class="button secondary" href="/bank/help">Help</a></p>
</main>
{bank_footer()}""")


BUILDERS: list[Callable[[], None]] = [helper_pages, statements_group, mobile_group, mobile_single_rule_pages,
                                      service_group, data_group,
                                      journey_group]


def build() -> list[Page]:
    PAGES.clear()
    for builder in BUILDERS:
        builder()
    build_home()
    return list(PAGES)


def url_to_file(path: str) -> Path:
    if path == "/":
        return SITE / "index.html"
    return SITE / (path.strip("/") + ".html")


def main() -> None:
    pages = build()
    for page in pages:
        target = url_to_file(page.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
    (SITE / "404.html").write_text(NOT_FOUND, encoding="utf-8")
    manifest = {"site": "Northwind demo portal", "pages": [p.manifest_entry() for p in pages]}
    (SITE / "manifest.yaml").write_text(
        "# What each demo page is for. Generated by `python -m uxcheck.demo.build_site`; edit that, not this.\n"
        + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    print(f"wrote {len(pages)} pages to {SITE}")


if __name__ == "__main__":
    main()
