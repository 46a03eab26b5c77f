"""Locale-aware money parsing: separators, symbols, signs, ambiguity and minor units."""
from decimal import Decimal

import pytest

from uxcheck.parsing.money import (column_style, find_money, minor_unit, normalize_locale, page_locale,
                                   parse_money, quantize, resolve_currency)


@pytest.mark.parametrize("text, locale, amount, currency", [
    ("$1,234.56", "en-US", "1234.56", "USD"),
    ("£1,234.56", "en-GB", "1234.56", "GBP"),
    ("-1.234,56 €", "de-DE", "-1234.56", "EUR"),
    ("1\u202f234,56\u00a0€", "fr-FR", "1234.56", "EUR"),  # narrow no-break space groups
    ("1 234,56 €", "fr-FR", "1234.56", "EUR"),
    ("1.234,56 €", "es-ES", "1234.56", "EUR"),
    ("€ 1.234,56", "nl-NL", "1234.56", "EUR"),
    ("€ -12,00", "nl-NL", "-12.00", "EUR"),
    ("R$ 1.234,56", "pt-BR", "1234.56", "BRL"),
    ("¥12,345", "ja-JP", "12345", "JPY"),
    ("12,345円", "ja-JP", "12345", "JPY"),
    ("￥1,280", "ja-JP", "1280", "JPY"),
    ("EUR 1,234.56", "en-GB", "1234.56", "EUR"),
    ("CHF 1’234.50", "de-CH", "1234.50", "CHF"),
    ("US$ 19.99", "pt-BR", "19.99", "USD"),
])
def test_symbols_and_separators(text, locale, amount, currency):
    m = parse_money(text, locale)
    assert m is not None, text
    assert m.amount == Decimal(amount)
    assert m.currency == currency


@pytest.mark.parametrize("text, amount", [
    ("-1.00", "-1.00"), ("\u22121.00", "-1.00"), ("(1.00)", "-1.00"), ("1.00-", "-1.00"),
    ("−€45.00", "-45.00"), ("$-45.00", "-45.00"), ("- $45.00", "-45.00"), ("+ 12.00", "12.00"),
])
def test_negative_forms(text, amount):
    m = parse_money(text, "en-US")
    assert m is not None and m.amount == Decimal(amount)


def test_markers_are_kept_for_the_column_to_decide():
    cr = parse_money("1,200.00 CR", "en-GB")
    dr = parse_money("45.00 DR", "en-GB")
    assert (cr.marker, dr.marker) == ("CR", "DR")
    assert cr.signed() == Decimal("1200.00") and dr.signed() == Decimal("-45.00")
    assert cr.signed(cr_sign=-1) == Decimal("-1200.00")  # a card: credits reduce what is owed
    soll = parse_money("1.234,56 S", "de-DE")
    haben = parse_money("99,00 H", "de-DE")
    assert soll.marker == "DR" and soll.amount == Decimal("1234.56")
    assert haben.marker == "CR"


def test_ambiguous_thousands_follow_the_page_locale_and_the_column():
    assert parse_money("1.234", "de-DE").amount == Decimal("1234")
    assert parse_money("1.234", "en-US").amount == Decimal("1.234")
    assert parse_money("1,234", "fr-FR").amount == Decimal("1.234")
    # The column votes with its unambiguous cells: "12,50" says the comma is the decimal separator.
    assert column_style(["1.234", "12,50", "3,99"], "en-US") == ","
    assert parse_money("1.234", "en-US", prefer_decimal=",").amount == Decimal("1234")


def test_not_money():
    for text in ("", "USD", "12%", "31.10.2026", "Total", "1.2.3", "(12.00", "Card ending 1234 5678"):
        assert parse_money(text, "en-US") is None, text


def test_minor_units_and_rounding():
    assert minor_unit("EUR") == Decimal("0.01")
    assert minor_unit("JPY") == Decimal("1")
    assert quantize(Decimal("10.005"), "EUR") == Decimal("10.01")
    assert quantize(Decimal("1280.4"), "JPY") == Decimal("1280")


def test_money_in_running_text_needs_a_currency():
    found = [(m.amount, m.currency) for _, _, m in find_money("Total: $1,234.56 for 3 items in 2026", "en-US")]
    assert found == [(Decimal("1234.56"), "USD")]
    found = [m.amount for _, _, m in find_money("Neuer Saldo 1.234,56 € (Stand 31.10.2026)", "de-DE")]
    assert found == [Decimal("1234.56")]


def test_locale_resolution():
    assert normalize_locale("de-DE") == "de_DE"
    assert normalize_locale("fr") == "fr_FR"
    assert normalize_locale("") is None
    assert resolve_currency("$", "en-CA") == "CAD"
    assert resolve_currency("$", "en-US") == "USD"
    assert page_locale("", ["Saldo R$ 1.234,56"]) == "pt_BR"
