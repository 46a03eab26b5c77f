"""Dates and periods as portals write them, with month names and date order from Babel.

- :func:`parse_date` reads one cell ("31.10.2026", "10/31/2026", "Oct 31, 2026", "31 oct. 2026",
  "2026年10月31日", "Oct 31" with the year from the context).
- :func:`find_dates` finds every date in running text, with partial dates ("1er", "01.10.") kept
  so that :func:`find_periods` can read ranges: "Oct 1 – Oct 31, 2026", "01.10.–31.10.2026",
  "du 1er au 31 octobre 2026", "1. bis 31. Oktober 2026", "1–31 Oct 2026".
- :func:`find_as_of` reads "as of 31 Oct 2026", "Stand: 31.10.2026", "au 31/10/2026".
- :func:`find_month` reads a selected month ("October 2026", "Oktober 2026", "2026年10月").

Day-first or month-first comes from the locale's short date pattern (Babel); a column of dates
can override it when one of its dates only makes sense the other way (:func:`column_order`).
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable, Iterator

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format

from .money import normalize_locale

MONTH_LANGS = ("en", "de", "fr", "es", "nl", "pt", "it")
# Short forms portals print that CLDR does not list (CLDR has "Sept" in en_GB, "juil." in fr...).
EXTRA_MONTHS = {"sept": 9, "sep": 9, "mrz": 3, "mär": 3, "mae": 3, "juil": 7, "juin": 6, "janv": 1,
                "févr": 2, "fevr": 2, "avr": 4, "déc": 12, "dez": 12, "okt": 10, "set": 9, "dic": 12,
                "ene": 1, "abr": 4, "ago": 8, "mei": 5, "mrt": 3}

RANGE_WORDS = ("to", "until", "till", "through", "thru", "bis", "au", "al", "a", "hasta", "tot", "t/m",
               "até", "ate", "à", "-", "–", "—", "~", "〜", "～", "－", "/")
AS_OF_WORDS = ("as of", "as at", "as on", "stand", "stand:", "zum", "per", "au", "à la date du", "en date du",
               "a fecha de", "a fecha", "al", "a", "em", "op", "per", "tot en met", "até", "時点", "現在")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    text: str = ""
    kind: str = "range"  # range | month | as_of

    def contains(self, d: date, slack_days: int = 0) -> bool:
        return self.start - timedelta(days=slack_days) <= d <= self.end + timedelta(days=slack_days)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def label(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"


@dataclass(frozen=True)
class DateFragment:
    """A date as written: any of day, month, year may be missing ("1er", "01.10.", "Oct 31")."""

    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    text: str

    def complete(self, year: int | None = None, month: int | None = None) -> date | None:
        y = self.year or year
        m = self.month or month
        if not (y and m and self.day):
            return None
        try:
            return date(y, m, self.day)
        except ValueError:
            return None


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


@lru_cache(maxsize=1)
def month_names() -> dict[str, int]:
    """Lower-case month names and abbreviations (with and without accents) -> 1..12, from Babel."""
    names: dict[str, int] = {}
    for lang in MONTH_LANGS:
        loc = Locale.parse(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    key = name.lower().rstrip(".")
                    for variant in (key, strip_accents(key)):
                        if len(variant) >= 3 and not variant.isdigit():
                            names.setdefault(variant, num)
    for k, v in EXTRA_MONTHS.items():
        names.setdefault(k, v)
    return names


@lru_cache(maxsize=1)
def _month_regex() -> str:
    return "|".join(re.escape(n) for n in sorted(month_names(), key=len, reverse=True))


@lru_cache(maxsize=64)
def date_order(locale: str | None) -> str:
    """'DMY', 'MDY' or 'YMD' for the locale, read from its short date pattern (Babel)."""
    loc = normalize_locale(locale) or "en_US"
    try:
        pattern = get_date_format("short", loc).pattern
    except (UnknownLocaleError, ValueError):
        return "DMY"
    order = []
    for ch in pattern:
        c = ch.upper()
        if c in "DMY" and c not in order:
            order.append(c)
    result = "".join(order)
    return result if result in ("DMY", "MDY", "YMD") else "DMY"


def _year(y: str | None) -> int | None:
    if not y:
        return None
    v = int(y)
    return v + 2000 if v < 100 else v


def _month_num(name: str) -> int | None:
    key = name.lower().rstrip(".")
    return month_names().get(key) or month_names().get(strip_accents(key))


_ORD = r"(?:st|nd|rd|th|er|º|°|\.)?"


@lru_cache(maxsize=1)
def _fragment_regex() -> re.Pattern[str]:
    mon = _month_regex()
    return re.compile(
        r"(?P<iso>(?<!\d)(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})(?!\d))"
        r"|(?P<ja>(?:(?P<jy>\d{4})\s*年\s*)?(?P<jm>\d{1,2})\s*月(?:\s*(?P<jd>\d{1,2})\s*日)?)"
        r"|(?P<num>(?<![\d.,/])(?P<a>\d{1,2})(?P<s1>[./-])(?P<b>\d{1,2})(?:(?P=s1)(?P<c>\d{4}|\d{2})(?![\d.,])|(?P<dot>\.)(?![\d])|(?![\d.,/-])))"
        r"|(?P<ymd>(?<!\d)(?P<yy>\d{4})[./](?P<ym>\d{1,2})[./](?P<yd>\d{1,2})(?!\d))"
        r"|(?P<named>(?:(?<![\d.,])(?P<d1>\d{1,2})" + _ORD + r"\s*(?:de\s+|of\s+)?)?"
        r"(?<![^\W\d])(?P<mon>" + mon + r")\.?(?![^\W\d_])"
        r"(?:\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?![\d.:]))?"
        r"(?:,?\s*(?:de\s+)?'?(?P<ny>\d{4}|(?<=')\d{2})(?!\d))?)"
        r"|(?P<bare>(?<![\d.,/])(?P<bd>\d{1,2})" + _ORD + r"(?=\s*(?:-|–|—)\s*\d|\s*(?:to|bis|au|al|a|tot|t/m|até)\s))",
        re.IGNORECASE)


def find_dates(text: str, locale: str | None = None, order: str | None = None) -> list[DateFragment]:
    """Every date or partial date in a text, in order."""
    order = order or date_order(locale)
    out: list[DateFragment] = []
    for m in _fragment_regex().finditer(text or ""):
        g = m.groupdict()
        day = month = year = None
        if g["iso"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        elif g["ymd"]:
            year, month, day = int(g["yy"]), int(g["ym"]), int(g["yd"])
        elif g["ja"]:
            year, month = _year(g["jy"]), int(g["jm"])
            day = int(g["jd"]) if g["jd"] else None
        elif g["num"]:
            a, b = int(g["a"]), int(g["b"])
            year = _year(g["c"])
            if g["s1"] == "-" and not g["c"]:
                continue  # "1-2" is a span of numbers, not a date
            if not g["c"] and not g["dot"] and g["s1"] == ".":
                continue  # "12.50" is an amount
            if order == "MDY" and g["s1"] != "." and a <= 12:
                month, day = a, b
            elif order == "YMD" and g["s1"] == "/" and a <= 12 and not g["c"]:
                month, day = a, b  # ja: "10/31"
            else:
                day, month = a, b
            if month > 12 and day <= 12:
                day, month = month, day
        elif g["named"]:
            month = _month_num(g["mon"])
            if month is None:
                continue
            d1, d2 = g["d1"], g["d2"]
            day = int(d1) if d1 else (int(d2) if d2 else None)
            year = _year(g["ny"])
            if d1 is None and d2 is None and year is None and len(g["mon"]) < 4:
                continue  # a bare "mar" or "set" is more likely a word than a month
        elif g["bare"]:
            day = int(g["bd"])
        if day is not None and not 1 <= day <= 31:
            continue
        if month is not None and not 1 <= month <= 12:
            continue
        out.append(DateFragment(m.start(), m.end(), day, month, year, m.group(0)))
    return out


_NUMERIC_CELL = re.compile(r"^\s*(\d{4}|\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\s*$")
_DATEISH = re.compile(r"\d\s*[./\-年月]\s*\d|[^\W\d_]{3}", re.UNICODE)


# A statement repeats its dates row after row: 10,000 rows hold a few dozen distinct ones.
@lru_cache(maxsize=4096)
def date_cell(text: str, locale: str | None = None, order: str | None = None) -> DateFragment | None:
    """The day-and-month date a cell holds (the whole cell, allowing a weekday or time), or None."""
    if not text or len(text) > 60 or not _DATEISH.search(text):
        return None
    m = _NUMERIC_CELL.match(text)
    if m:  # the common case, without the month-name regex: "31/10/2026", "2026-10-31"
        a, b, c = m.group(1), m.group(2), m.group(3)
        order = order or date_order(locale)
        if len(a) == 4:
            y, mo, d = int(a), int(b), int(c)
        else:
            x, z = int(a), int(b)
            y = _year(c)
            d, mo = (z, x) if order == "MDY" and m.group(0)[len(a)] != "." and x <= 12 else (x, z)
            if mo > 12 and d <= 12:
                d, mo = mo, d
        if 1 <= d <= 31 and 1 <= mo <= 12:
            return DateFragment(0, len(text), d, mo, y, text)
        return None
    frags = find_dates(text, locale, order)
    if len(frags) != 1:
        return None
    f = frags[0]
    if f.day is None or f.month is None:
        return None
    rest = (text[:f.start] + text[f.end:]).strip(" ,.-")
    if re.search(r"\d{3,}|\d+[.,]\d{2}\b", rest):
        return None  # the cell holds more than a date (an amount, a reference)
    return f


def parse_date(text: str, locale: str | None = None, year: int | None = None, order: str | None = None) -> date | None:
    """The date a cell holds; a date written without a year takes ``year`` (else None)."""
    f = date_cell(text, locale, order)
    return f.complete(year) if f else None


def column_order(texts: Iterable[str], locale: str | None = None) -> str:
    """DMY or MDY for a column of numeric dates: the locale's order unless a date rules it out."""
    order = date_order(locale)
    if order == "YMD":
        return order
    for t in texts:
        m = re.search(r"(?<!\d)(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}", t or "")
        if not m:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and b <= 12:
            return "DMY"
        if b > 12 and a <= 12:
            return "MDY"
    return order


_CONNECT = re.compile(r"^\s*(?:-|–|—|~|〜|～|－|to|until|till|through|thru|bis|bis zum|au|al|a|hasta|hasta el|tot|t/m|tot en met|até|ate|à)\s*$",
                      re.IGNORECASE)


def find_periods(text: str, locale: str | None = None, default_year: int | None = None) -> list[Period]:
    """Date ranges in a text ("Oct 1 – Oct 31, 2026", "du 1er au 31 octobre 2026")."""
    frags = find_dates(text, locale)
    out: list[Period] = []
    i = 0
    while i < len(frags) - 1:
        a, b = frags[i], frags[i + 1]
        between = text[a.end:b.start]
        if _CONNECT.match(between) or (not between.strip() and a.text.rstrip().endswith(("-", "–"))):
            year = b.year or default_year
            end = b.complete(year)
            start = a.complete(a.year or year, b.month)
            if start and end and start > end and a.year is None:
                start = a.complete((year or 0) - 1, b.month)
            if start and end and start <= end:
                out.append(Period(start, end, text[a.start:b.end].strip(), "range"))
                i += 2
                continue
        i += 1
    return out


def month_period(year: int, month: int, text: str = "") -> Period:
    last = calendar.monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), text, "month")


def find_month(text: str, locale: str | None = None) -> Period | None:
    """A whole month named with its year and no day ("October 2026", "2026年10月")."""
    for f in find_dates(text, locale):
        if f.day is None and f.month and f.year:
            return month_period(f.year, f.month, f.text)
    return None


_AS_OF = re.compile(r"(?:as\s+(?:of|at|on)|stand(?:\s+vom)?|per|au|à la date du|en date du|a fecha de|a fecha|al|em|op|zum|am|le)\s*:?\s*$",
                    re.IGNORECASE)


def find_as_of(text: str, locale: str | None = None, default_year: int | None = None) -> list[tuple[date, str]]:
    """Dates introduced by an 'as of' phrase ("as of 31 Oct 2026", "Stand: 31.10.2026", "…時点")."""
    out = []
    for f in find_dates(text, locale):
        d = f.complete(default_year)
        if d is None:
            continue
        before = text[max(0, f.start - 20):f.start]
        after = text[f.end:f.end + 4]
        if _AS_OF.search(before) or re.match(r"\s*(?:時点|現在)", after):
            out.append((d, f.text))
    return out


def full_dates(text: str, locale: str | None = None, default_year: int | None = None) -> Iterator[tuple[date, DateFragment]]:
    for f in find_dates(text, locale):
        d = f.complete(default_year)
        if d is not None:
            yield d, f
