"""Decode what the bytes are, not what the header says: a response whose body is not valid in its declared
charset is decoded by the document's own declaration, then by a detector (charset-normalizer, limited to the
encodings of the region's sites); one that nothing decodes cleanly is quarantined with that reason.

Without this, Latin-1 or cp1252 bytes served as UTF-8 reach the store as replacement characters (U+FFFD),
silently. A decoding that turns UTF-8 sequences into mojibake ("migraciÃ³n": a page that mixes UTF-8 and
Latin-1) is not clean either.
"""

from __future__ import annotations

from scrapy.exceptions import IgnoreRequest
from scrapy.http import TextResponse
from w3lib.encoding import html_body_declared_encoding, resolve_encoding

from vigia.ingest.encodings import clean_decode, detect


class UndecodableResponse(IgnoreRequest):
    """A body no encoding decodes cleanly; the spider quarantines it (VigiaSpider.on_error)."""

    def __init__(self, reason: str, body: bytes):
        super().__init__(reason)
        self.body = body


def redecode(body: bytes, declared: str) -> tuple[str, str] | str:
    """(encoding, how it was found) for a body that is not clean in `declared`; else the reason it cannot be read."""
    in_document = html_body_declared_encoding(body)
    if (in_document and resolve_encoding(in_document) != resolve_encoding(declared)
            and clean_decode(body, resolve_encoding(in_document)) is not None):
        return resolve_encoding(in_document), "the document's own declaration"
    detected = detect(body)
    if detected and clean_decode(body, detected) is not None:
        return detected, "detection"
    try:
        body.decode(resolve_encoding(declared) or declared)
        problem = "reads as mojibake (UTF-8 bytes decoded twice)"
    except UnicodeDecodeError as exc:
        problem = f"is not valid {declared} ({exc.reason} at byte {exc.start})"
    except LookupError:
        problem = f"is in an unknown encoding ({declared})"
    return (f"undecodable text: the body {problem}, and no encoding decodes it cleanly "
            f"(declared in the document: {in_document or 'none'}; detected: {detected or 'none'}): "
            "mixed encodings or a binary body")


class DecodedTextMiddleware:
    """Downloader middleware: give text responses the encoding their bytes are really in (see the module)."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if not isinstance(response, TextResponse) or not 200 <= response.status < 300 or not response.body:
            return response
        if clean_decode(response.body, resolve_encoding(response.encoding)) is not None:
            return response
        found = redecode(response.body, response.encoding)
        stats = self.crawler.stats
        if isinstance(found, str):
            stats.inc_value("vigia/encoding/undecodable")
            raise UndecodableResponse(found, response.body)
        encoding, how = found
        stats.inc_value("vigia/encoding/redecoded")
        self.crawler.spider.logger.warning("%s: the body is not %s as declared; decoded as %s (by %s)",
                                           response.url, response.encoding, encoding, how)
        return response.replace(encoding=encoding)
