"""Post content is data, never markup: escape it before it meets Streamlit's Markdown."""

from __future__ import annotations

import re
from urllib.parse import quote

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written (no links, emphasis, HTML or LaTeX)."""
    return _MARKDOWN.sub(r"\\\1", text)


def md_link(label: str, url: str) -> str:
    """A Markdown link to an http(s) URL whose characters cannot break out of it."""
    if not url.startswith(("http://", "https://")):
        return md_escape(label)
    return f"[{md_escape(label)}]({quote(url, safe=':/?&=%@+,;~')})"
