"""Dates and periods across locales: numeric orders, month names, ranges, 'as of', selected months."""
from datetime import date

import pytest

from uxcheck.parsing.dates import column_order, date_order, find_as_of, find_month, find_periods, parse_date


@pytest.mark.parametrize("text, locale, expected", [
    ("2026-10-31", "en-US", date(2026, 10, 31)),
    ("10/31/2026", "en-US", date(2026, 10, 31)),
    ("03/11/2026", "en-US", date(2026, 3, 11)),
    ("03/11/2026", "en-GB", date(2026, 11, 3)),
    ("31.10.2026", "de-DE", date(2026, 10, 31)),
    ("31/10/2026", "fr-FR", date(2026, 10, 31)),
    ("31-10-2026", "nl-NL", date(2026, 10, 31)),
    ("Oct 31, 2026", "en-US", date(2026, 10, 31)),
    ("31 Oct 2026", "en-GB", date(2026, 10, 31)),
    ("Mon, 3 Nov 2026", "en-GB", date(2026, 11, 3)),
    ("31. Oktober 2026", "de-DE", date(2026, 10, 31)),
    ("3. März 2026", "de-DE", date(2026, 3, 3)),
    ("31 oct. 2026", "fr-FR", date(2026, 10, 31)),
    ("1er décembre 2026", "fr-FR", date(2026, 12, 1)),
    ("31 de octubre de 2026", "es-ES", date(2026, 10, 31)),
    ("5 de dezembro de 2026", "pt-BR", date(2026, 12, 5)),
    ("2026年10月31日", "ja-JP", date(2026, 10, 31)),
    ("2026/10/31", "ja-JP", date(2026, 10, 31)),
])
def test_parse_date(text, locale, expected):
    assert parse_date(text, locale) == expected


def test_year_less_dates_take_the_given_year():
    assert parse_date("Oct 31", "en-US") is None
    assert parse_date("Oct 31", "en-US", year=2026) == date(2026, 10, 31)
    assert parse_date("03/11", "fr-FR", year=2026) == date(2026, 11, 3)


def test_amounts_are_not_dates():
    for text in ("12.50", "1.234,56", "31.10 EUR", "1-2"):
        assert parse_date(text, "de-DE", year=2026) is None, text


def test_date_order_comes_from_babel_and_the_column():
    assert date_order("en-US") == "MDY"
    assert date_order("en-GB") == "DMY"
    assert date_order("ja-JP") == "YMD"
    assert column_order(["01/02/2026", "25/02/2026"], "en-US") == "DMY"  # 25 can't be a month
    assert column_order(["02/01/2026", "02/25/2026"], "en-GB") == "MDY"


@pytest.mark.parametrize("text, locale, start, end", [
    ("Statement period: Oct 1 – Oct 31, 2026", "en-US", date(2026, 10, 1), date(2026, 10, 31)),
    ("Zeitraum 01.10.–31.10.2026", "de-DE", date(2026, 10, 1), date(2026, 10, 31)),
    ("du 1er au 31 octobre 2026", "fr-FR", date(2026, 10, 1), date(2026, 10, 31)),
    ("1. bis 31. Oktober 2026", "de-DE", date(2026, 10, 1), date(2026, 10, 31)),
    ("1–31 Oct 2026", "en-GB", date(2026, 10, 1), date(2026, 10, 31)),
    ("Periodo: del 01/10/2026 al 31/10/2026", "es-ES", date(2026, 10, 1), date(2026, 10, 31)),
    ("Billing cycle: September 28, 2026 - October 27, 2026", "en-US", date(2026, 9, 28), date(2026, 10, 27)),
    ("Dec 15, 2025 to Jan 14, 2026", "en-US", date(2025, 12, 15), date(2026, 1, 14)),
    ("Periode: 15 december 2025 t/m 14 januari 2026", "nl-NL", date(2025, 12, 15), date(2026, 1, 14)),
    ("Período: 01/10/2026 a 31/10/2026", "pt-BR", date(2026, 10, 1), date(2026, 10, 31)),
    ("ご利用期間：2026年10月1日～2026年10月31日", "ja-JP", date(2026, 10, 1), date(2026, 10, 31)),
])
def test_find_periods(text, locale, start, end):
    periods = find_periods(text, locale)
    assert periods, text
    assert (periods[0].start, periods[0].end) == (start, end)


def test_period_without_year_uses_the_default_and_crosses_new_year():
    p = find_periods("15 Dec – 14 Jan", "en-GB", default_year=2026)[0]
    assert (p.start, p.end) == (date(2025, 12, 15), date(2026, 1, 14))


def test_as_of_phrases():
    assert find_as_of("Balance as of 31 Oct 2026", "en-GB")[0][0] == date(2026, 10, 31)
    assert find_as_of("Stand: 31.10.2026", "de-DE")[0][0] == date(2026, 10, 31)
    assert find_as_of("Solde au 31/10/2026", "fr-FR")[0][0] == date(2026, 10, 31)
    assert find_as_of("2026年10月31日時点の残高", "ja-JP")[0][0] == date(2026, 10, 31)
    assert find_as_of("Paid on time", "en-GB") == []


def test_selected_month():
    for text, locale in (("October 2026", "en-US"), ("Oktober 2026", "de-DE"), ("octobre 2026", "fr-FR"),
                         ("octubre de 2026", "es-ES"), ("2026年10月", "ja-JP")):
        p = find_month(text, locale)
        assert p is not None and (p.start, p.end) == (date(2026, 10, 1), date(2026, 10, 31)), text
    assert find_month("31 October 2026", "en-GB") is None  # a day, not a month
