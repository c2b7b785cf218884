"""An article page's main text and metadata, extracted with trafilatura: the one extraction the news collector and
the terminology checker (`vigia terms`, the Terminología page) share."""

from __future__ import annotations

from typing import Any

import trafilatura

DATE_PARAMS = {"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
MIN_TEXT = 40  # characters: less than this is a teaser, a paywall or a changed page, not an article
FIELDS = ("title", "author", "date", "text", "sitename", "hostname", "description", "categories", "tags", "image")


def extract_article(html: str, url: str | None = None) -> dict[str, Any]:
    """trafilatura's fields of the page (`FIELDS`; None where it found nothing), comments left out."""
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      date_extraction_params=DATE_PARAMS)
    extracted = doc.as_dict() if doc is not None else {}
    return {key: extracted.get(key) for key in FIELDS}
