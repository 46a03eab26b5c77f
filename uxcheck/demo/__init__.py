"""The bundled demo portal: a fictional bank and store, broken on purpose page by page.

``serving()`` serves it on 127.0.0.1; ``demo_pages()`` says what each page is built to show.
"""
from .manifest import DemoPage, demo_pages
from .server import serving

__all__ = ["DemoPage", "demo_pages", "serving"]
