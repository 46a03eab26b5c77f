"""Keeps what the audited site controls from becoming markup, links or paths in a report.

Jinja2's autoescape handles text and attribute values; these helpers decide which strings may
become a link target or an image source at all.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_SAFE_SCHEMES = ("http", "https")
_SLUG = re.compile(r"[^a-z0-9]+")


def safe_href(url: object) -> str | None:
    """The URL if it is a plain http(s) URL, else None (so it is shown as text, never linked).

    Browsers strip tabs and newlines and ignore leading control characters before the scheme
    (``java\\tscript:``), so anything carrying them is refused outright rather than normalised.
    """
    if not isinstance(url, str) or not url:
        return None
    if any(ord(ch) < 0x21 or ch == "\x7f" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def safe_relative_path(path: object) -> str | None:
    """A report-folder-relative file path (a screenshot) as a URL path, or None.

    Refuses absolute paths, schemes, drive letters and ``..`` so a results file cannot make the
    report load anything from outside its own folder.
    """
    if not isinstance(path, str) or not path.strip():
        return None
    normalised = path.replace("\\", "/")
    if normalised.startswith("/") or ":" in normalised or "?" in normalised or "#" in normalised:
        return None
    segments = [s for s in normalised.split("/") if s not in ("", ".")]
    if not segments or any(s == ".." for s in segments):
        return None
    return "/".join(quote(s, safe="") for s in segments)


def slug(text: object, fallback: str = "item") -> str:
    """A lower-case ASCII token for file names, ids and CSS class names."""
    value = _SLUG.sub("-", str(text or "").lower()).strip("-")
    return value[:60].strip("-") or fallback
