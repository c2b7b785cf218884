"""Post content is data, never markup: escape it before it meets Streamlit's Markdown."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
_PAGE = re.compile(r"[a-z0-9_-]+")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis, HTML or LaTeX)."""
    return _MARKDOWN.sub(r"\\\1", text)


def md_link(label: str, url: str) -> str:
    """A Markdown link to an http(s) URL whose characters cannot break out of it."""
    if not url.startswith(("http://", "https://")):
        return md_escape(label)
    return f"[{md_escape(label)}]({quote(url, safe=':/?&=%@+,;~')})"


def md_page_link(label: str, page: str, params: dict[str, str | list[str]]) -> str:
    """A Markdown link to another console page (`./page?name=value`), every parameter percent-encoded.

    A list value repeats its parameter."""
    if not _PAGE.fullmatch(page):
        raise ValueError(f"'{page}' is not a console page's URL path")
    query = urlencode(params, doseq=True, quote_via=quote, safe="")
    return f"[{md_escape(label)}](./{page}{'?' + query if query else ''})"
