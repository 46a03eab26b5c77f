"""Locale-aware money parsing with Babel's locale data and ``decimal.Decimal`` (never float).

The page's locale (``<html lang>``) decides the decimal and group symbols (from Babel/CLDR); when a
number is ambiguous on its own ("1.234" is 1234 in German and 1.234 in English) the locale wins,
and :func:`column_style` lets a whole column vote first (a column that also holds "12,50" is
written with a decimal comma). Signs: ``-1.00``, ``−1.00`` (unicode minus), ``(1.00)``, ``1.00-``,
and the markers ``CR``/``DR``, ``S``/``H`` (Soll/Haben), ``D``/``C`` are kept apart as
:attr:`Money.marker` so the caller can decide what they mean for its column.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, Iterator

from babel import Locale, UnknownLocaleError
from babel.numbers import (get_currency_precision, get_currency_symbol, get_decimal_symbol,
                           get_group_symbol, get_territory_currencies)

# Locales whose currency symbols we learn from Babel (what the portals we audit are written in).
SYMBOL_LOCALES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IN", "de_DE", "de_CH", "fr_FR", "fr_CH", "es_ES",
                  "es_MX", "nl_NL", "pt_BR", "pt_PT", "ja_JP", "it_IT", "sv_SE", "pl_PL", "da_DK", "nb_NO")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "BRL", "CHF", "CAD", "AUD", "SEK", "NOK", "DKK", "PLN", "INR",
              "CNY", "MXN", "NZD", "CZK", "HUF", "ZAR", "SGD", "HKD")
# Unit words Babel lists as display names rather than symbols, but that portals print as symbols.
EXTRA_SYMBOLS = {"円": "JPY", "￥": "JPY", "€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "Fr.": "CHF",
                 "zł": "PLN", "kr": "SEK", "R$": "BRL", "US$": "USD"}

MINUS_CHARS = "-\u2212\u2012\u2013\uff0d\ufe63"  # hyphen, unicode minus, figure dash, en dash, fullwidth
SPACE_CHARS = " \u00a0\u202f\u2009\u2007"
MARKERS = {"CR": "CR", "DR": "DR", "S": "DR", "H": "CR", "D": "DR", "C": "CR", "DB": "DR", "DEB": "DR",
           "CRED": "CR"}


@dataclass(frozen=True)
class NumberStyle:
    decimal: str  # "." or ","
    group: str  # ",", ".", " " (any space), "'"

    @staticmethod
    def for_locale(locale: str | None) -> "NumberStyle":
        return _style_for_locale(normalize_locale(locale) or "en_US")


@lru_cache(maxsize=64)
def _style_for_locale(loc: str) -> NumberStyle:
    try:
        dec = get_decimal_symbol(loc)
        grp = get_group_symbol(loc)
    except (UnknownLocaleError, ValueError):
        dec, grp = ".", ","
    if grp in SPACE_CHARS:
        grp = " "
    if grp in "’'":
        grp = "'"
    return NumberStyle(dec if dec in ".," else ".", grp)


def normalize_locale(lang: str | None) -> str | None:
    """'de-DE' / 'de' / 'DE_de' -> a Babel locale id ('de_DE'), or None when unknown."""
    if not lang:
        return None
    return _normalize_locale(lang.strip())


@lru_cache(maxsize=64)
def _normalize_locale(lang: str) -> str | None:
    try:
        loc = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            loc = Locale.parse(lang.split("-")[0].split("_")[0].lower())
        except (UnknownLocaleError, ValueError, TypeError):
            return None
    if not loc.territory:
        try:
            loc = Locale.parse(Locale.parse(loc.language).language + "_" + _likely_territory(loc.language))
        except (UnknownLocaleError, ValueError):
            pass
    return str(loc)


def _likely_territory(language: str) -> str:
    from babel.core import get_global

    likely = get_global("likely_subtags").get(language, "")
    parts = likely.split("_")
    return parts[-1] if len(parts) > 1 else language.upper()


@lru_cache(maxsize=1)
def currency_symbols() -> dict[str, tuple[str, ...]]:
    """Symbol or ISO code -> currencies it may stand for, learned from Babel's locale data."""
    table: dict[str, list[str]] = {}
    for code in CURRENCIES:
        table.setdefault(code, []).append(code)
        for loc in SYMBOL_LOCALES:
            try:
                sym = get_currency_symbol(code, loc)
            except (UnknownLocaleError, ValueError):
                continue
            if sym and sym != code:
                table.setdefault(sym, [])
                if code not in table[sym]:
                    table[sym].append(code)
    for sym, code in EXTRA_SYMBOLS.items():
        table.setdefault(sym, [])
        if code not in table[sym]:
            table[sym].insert(0, code)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _symbol_pattern() -> str:
    syms = sorted(currency_symbols(), key=len, reverse=True)
    return "|".join(re.escape(s) for s in syms)


@lru_cache(maxsize=64)
def locale_currency(locale: str | None) -> str | None:
    """The currency of the locale's territory (EUR for de-DE), from Babel."""
    loc = normalize_locale(locale)
    if not loc or "_" not in loc:
        return None
    try:
        found = get_territory_currencies(loc.split("_")[-1])
    except Exception:  # unknown territory
        return None
    return found[0] if found else None


@lru_cache(maxsize=1024)
def resolve_currency(symbol: str | None, locale: str | None = None) -> str | None:
    """The ISO code a symbol stands for on a page of this locale ('$' on en-CA is CAD)."""
    if not symbol:
        return None
    options = currency_symbols().get(symbol) or currency_symbols().get(symbol.upper())
    if not options:
        return None
    home = locale_currency(locale)
    if home in options:
        return home
    return options[0]


@lru_cache(maxsize=256)
def currency_digits(currency: str) -> int:
    try:
        return get_currency_precision(currency)
    except Exception:  # a code Babel doesn't know
        return 2


@lru_cache(maxsize=256)
def minor_unit(currency: str | None) -> Decimal:
    """The smallest amount of the currency: 0.01 for EUR, 1 for JPY."""
    if not currency:
        return Decimal("0.01")
    return Decimal(1).scaleb(-currency_digits(currency))


def quantize(amount: Decimal, currency: str | None) -> Decimal:
    return amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Money:
    amount: Decimal  # signed: explicit minus / parentheses / trailing minus make it negative
    currency: str | None = None  # ISO code when a symbol or code was written
    marker: str | None = None  # "CR" / "DR" when the text carries one (sign left to the caller)
    decimals: int = 0  # digits written after the decimal separator
    explicit_sign: bool = False  # "+" or a minus was written
    ambiguous: bool = False  # one separator followed by 3 digits: the locale decided
    text: str = ""

    def signed(self, cr_sign: int = 1) -> Decimal:
        """The amount with CR/DR applied: ``cr_sign`` is +1 when credits count as positive."""
        if self.marker == "CR":
            return abs(self.amount) * cr_sign
        if self.marker == "DR":
            return -abs(self.amount) * cr_sign
        return self.amount


_NUM = r"\d(?:[\d.,'’" + SPACE_CHARS + r"]*\d)?"
_SIGN = "[" + re.escape(MINUS_CHARS) + r"+]"
_MARK = r"CR|DR|DB|Cr|Dr|cr|dr|S|H|D|C"


@lru_cache(maxsize=1)
def _cell_regex() -> re.Pattern[str]:
    sym = _symbol_pattern()
    return re.compile(
        r"^(?P<open>\()?\s*(?P<sign1>" + _SIGN + r")?\s*(?P<sym1>" + sym + r")?\s*(?P<sign2>" + _SIGN + r")?\s*"
        r"(?P<num>" + _NUM + r")\s*(?P<sym2>" + sym + r")?\s*(?P<sign3>" + _SIGN + r")?\s*(?P<close>\))?"
        r"\s*(?P<sym3>" + sym + r")?\s*(?P<mark>" + _MARK + r")?\.?$")


@lru_cache(maxsize=1)
def _search_regex() -> re.Pattern[str]:
    sym = _symbol_pattern()
    # In running text an amount needs a currency (symbol or code) next to it.
    # In prose a sign must touch the amount ("-£79.00"); "3–5 days – £79.00" has a dash, not a minus,
    # and "(£3.95)" is an aside, not an accounting negative.
    tight = "[-\u2212+]"
    return re.compile(
        r"(?<![\w.,])(?P<sign1>" + tight + r")?(?:(?P<sym1>" + sym + r")\s?(?P<sign2>" + tight +
        r")?(?P<num1>" + _NUM + r")|(?P<num2>" + _NUM + r")\s?(?P<sym2>" + sym +
        r")(?!\w))(?:\s?(?P<mark>CR|DR|Cr|Dr)\b)?")


def parse_number(text: str, style: NumberStyle | None = None,
                 prefer_decimal: str | None = None) -> tuple[Decimal, int, bool] | None:
    """Digits with separators -> (value, digits after the decimal separator, ambiguous).

    ``prefer_decimal`` ("." or ",") settles "1.234" / "1,234"; else the style's decimal symbol does.
    """
    style = style or NumberStyle(".", ",")
    s = text.strip()
    for ch in SPACE_CHARS:
        s = s.replace(ch, " ")
    s = s.replace("’", "'")
    seps = [(i, c) for i, c in enumerate(s) if not c.isdigit()]
    if not seps:
        return Decimal(s), 0, False
    kinds = {c for _, c in seps}
    decimal_sep: str | None = None
    ambiguous = False
    last_i, last_c = seps[-1]
    if len(kinds) > 2:
        return None
    if len(kinds) == 2:
        if last_c not in ".," or [c for _, c in seps].count(last_c) != 1:
            return None
        decimal_sep = last_c
    else:
        (c,) = kinds
        if c in " '":
            decimal_sep = None
        elif len(seps) > 1:
            decimal_sep = None
        else:
            after = len(s) - last_i - 1
            if after != 3:
                decimal_sep = c
            else:
                ambiguous = True
                pref = prefer_decimal or style.decimal
                decimal_sep = c if c == pref else None
                # "0.125" can't be a group; neither can a group after more than 3 leading digits.
                if decimal_sep is None and (s[:last_i] == "0" or last_i > 3):
                    decimal_sep = c
    if decimal_sep is not None:
        int_part, frac = s[:last_i], s[last_i + 1:]
    else:
        int_part, frac = s, ""
    groups = re.split(r"[.,' ]", int_part)
    if len(groups) > 1:
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            return None
    if not frac.isdigit() and frac:
        return None
    try:
        value = Decimal("".join(groups) + ("." + frac if frac else ""))
    except InvalidOperation:
        return None
    return value, len(frac), ambiguous


def _build(m: re.Match[str], num: str, syms: Iterable[str | None], locale: str | None, style: NumberStyle,
           prefer_decimal: str | None, text: str) -> Money | None:
    parsed = parse_number(num, style, prefer_decimal)
    if parsed is None:
        return None
    value, decimals, ambiguous = parsed
    groups = m.groupdict()
    signs = [groups.get(k) for k in ("sign1", "sign2", "sign3")]
    negative = any(s and s != "+" for s in signs)
    opened = groups.get("open")
    closed = groups.get("close") or groups.get("close1")
    if opened and closed:
        negative = True
    elif opened or (closed and "close" in groups):
        return None
    mark = groups.get("mark")
    marker = MARKERS.get(mark.upper()) if mark else None
    symbol = next((s for s in syms if s), None)
    currency = resolve_currency(symbol, locale)
    if currency and currency_digits(currency) == 0 and decimals == 0 and ambiguous:
        # "¥1,234": a currency without minor units has no decimal part to be ambiguous about.
        value, ambiguous = Decimal(num.replace(",", "").replace(".", "").replace(" ", "")), False
    return Money(-value if negative else value, currency, marker, decimals, any(signs), ambiguous, text)


# Money is immutable, and long lists repeat amounts (fees, subscriptions, the same price).
@lru_cache(maxsize=16384)
def parse_money(text: str, locale: str | None = None, prefer_decimal: str | None = None) -> Money | None:
    """The amount a whole cell holds ("-1.234,56 €", "(45.00)", "$1,200.00 CR"), or None."""
    if not text:
        return None
    t = text.strip()
    if len(t) > 40 or not any(ch.isdigit() for ch in t):
        return None
    m = _cell_regex().match(t)
    if not m:
        return None
    if m.group("mark") in ("S", "H", "D", "C") and not re.search(r"\d\s+[SHDC]\.?$", t):
        return None  # a bare letter only counts as a Soll/Haben marker after a space
    style = NumberStyle.for_locale(locale)
    return _build(m, m.group("num"), (m.group("sym1"), m.group("sym2"), m.group("sym3")), locale, style,
                  prefer_decimal, t)


def find_money(text: str, locale: str | None = None, prefer_decimal: str | None = None) -> Iterator[tuple[int, int, Money]]:
    """Amounts written with a currency inside running text: (start, end, Money)."""
    style = NumberStyle.for_locale(locale)
    for m in _search_regex().finditer(text or ""):
        num = m.group("num1") or m.group("num2")
        if not num:
            continue
        money = _build(m, num, (m.group("sym1"), m.group("sym2")), locale, style, prefer_decimal, m.group(0))
        if money is not None:
            yield m.start(), m.end(), money


def column_style(texts: Iterable[str], locale: str | None = None) -> str:
    """The decimal separator a column of amounts uses: it votes with its unambiguous cells."""
    votes = {".": 0, ",": 0}
    for t in texts:
        nums = re.findall(_NUM, t or "")
        if not nums:
            continue
        n = nums[0].replace("’", "'")
        seps = [c for c in n if not c.isdigit()]
        if not seps:
            continue
        last = seps[-1]
        if last not in ".,":
            continue
        after = len(n) - n.rfind(last) - 1
        if len(set(seps)) == 2 or (seps.count(last) == 1 and after != 3):
            votes[last] += 1
        elif seps.count(last) > 1:
            votes["," if last == "." else "."] += 1
    if votes["."] != votes[","]:
        return "." if votes["."] > votes[","] else ","
    return NumberStyle.for_locale(locale).decimal


def page_locale(lang: str | None, texts: Iterable[str] = ()) -> str:
    """The page's locale: its lang attribute, else a guess from the currency symbols it shows."""
    loc = normalize_locale(lang)
    if loc and "_" in loc:
        return loc
    if loc:
        return loc
    counts: dict[str, int] = {}
    for t in texts:
        for sym, guess in (("R$", "pt_BR"), ("€", "de_DE"), ("£", "en_GB"), ("¥", "ja_JP"), ("円", "ja_JP"), ("$", "en_US")):
            if sym in t:
                counts[guess] = counts.get(guess, 0) + 1
                break
    return max(counts, key=counts.get) if counts else "en_US"
