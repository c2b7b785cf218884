"""What the terminology checker reads: plain text or an HTML page, from a file, standard input or a URL.

A URL is fetched with the collectors' user agent; an HTML page (by its content type, its file name or its first
tag) is reduced to its article with the news collector's extraction (`vigia.article_text`). Bytes are decoded as
declared when that decodes cleanly, else as UTF-8, else by the page's own declaration, else by detection limited to
the region's encodings; a body none of them decodes cleanly is an error, never replacement characters.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from vigia.article_text import MIN_TEXT, extract_article
from vigia.counter.library import CounterError
from vigia.ingest.encodings import clean_decode, codec_name, detect

FETCH_TIMEOUT = 20  # seconds
HTML_TYPES = ("text/html", "application/xhtml+xml")
MAX_BYTES = 10 << 20  # an article page is far smaller; more is not an article
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE | re.DOTALL)


@dataclass
class ArticleInput:
    """The text to check and what is known about it."""

    text: str
    origin: str  # the file name, "-" or the URL
    title: str | None = None
    url: str | None = None
    language: str | None = None  # from the page's <html lang>
    html: bool = False

    @property
    def body(self) -> str:
        """The title (when the page has one) and the text, as the checker reads them."""
        return f"{self.title}\n\n{self.text}" if self.title else self.text


def is_url(source: str) -> bool:
    return re.match(r"^https?://", source, re.IGNORECASE) is not None


def read_input(source: str, *, stdin: bytes | None = None, user_agent: str = "Vigia", encoding: str | None = None,
               timeout: float = FETCH_TIMEOUT) -> ArticleInput:
    """The text of a file, of standard input (`source` "-", bytes in `stdin`) or of a URL."""
    if encoding is not None and codec_name(encoding) is None:
        raise CounterError(f"{source}: unknown encoding '{encoding}'")
    declared, content_type, url = encoding, "", None
    if source == "-":
        data = stdin or b""
    elif is_url(source):
        data, declared, content_type, url = fetch(source, user_agent, timeout, encoding)
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise CounterError(f"{source}: no such file") from None
        except OSError as exc:
            raise CounterError(f"{source}: cannot read: {exc.strerror or exc}") from None
        if path.suffix.lower() in (".html", ".htm", ".xhtml"):
            content_type = "text/html"
    return from_bytes(data, source, declared=declared, content_type=content_type, url=url)


def fetch(url: str, user_agent: str, timeout: float, encoding: str | None) -> tuple[bytes, str | None, str, str]:
    """(body, declared charset, content type, final URL) of a page, or a one-line CounterError."""
    request = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": "text/html,text/plain;q=0.9"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(MAX_BYTES + 1)
            charset = encoding or response.headers.get_content_charset()
            return data[:MAX_BYTES], charset, response.headers.get_content_type(), response.geturl()
    except urllib.error.HTTPError as exc:
        raise CounterError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise CounterError(f"{url}: unreachable ({exc.reason})") from None
    except (TimeoutError, OSError) as exc:
        raise CounterError(f"{url}: unreachable ({exc})") from None


def decode(data: bytes, origin: str, declared: str | None = None) -> str:
    """The text of `data` (see the module), or a CounterError naming `origin`."""
    candidates = [declared, "utf-8"]
    in_document = _META_CHARSET.search(data[:4096])
    if in_document:
        candidates.append(in_document.group(1).decode("ascii", "replace"))
    for candidate in candidates:
        text = clean_decode(data, candidate) if candidate else None
        if text is not None:
            return text.removeprefix("\ufeff")
    found = detect(data)
    text = clean_decode(data, found) if found else None
    if text is None:
        raise CounterError(f"{origin}: unknown encoding: the text is not valid "
                           f"{declared or 'UTF-8'} and no encoding decodes it cleanly (give --encoding)")
    return text


def from_bytes(data: bytes, origin: str, *, declared: str | None = None, content_type: str = "",
               url: str | None = None) -> ArticleInput:
    """Decode, extract the article when it is HTML, and refuse an empty text."""
    if not data.strip():
        raise CounterError(f"{origin}: empty text: nothing to check")
    text = decode(data, origin, declared)
    if content_type in HTML_TYPES or (content_type in ("", "text/plain") and _HTML_START.match(text)):
        lang = _HTML_LANG.search(text[:4096])
        extracted = extract_article(text, url)
        body = (extracted.get("text") or "").strip()
        if len(body) < MIN_TEXT:
            raise CounterError(f"{origin}: empty text: no article text found in the page "
                               f"({len(body)} characters extracted)")
        title = extracted.get("title")
        if title and body.startswith(title):
            body = body[len(title):].lstrip()
        return ArticleInput(body, origin, title=title, url=url, html=True,
                            language=lang.group(1).lower() if lang else None)
    if content_type and not content_type.startswith("text/"):
        raise CounterError(f"{origin}: not text or HTML ({content_type})")
    if not text.strip():
        raise CounterError(f"{origin}: empty text: nothing to check")
    return ArticleInput(text, origin, url=url)
