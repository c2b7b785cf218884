"""Glossary terms in the collected news: per outlet (the post's `source`) and month (UTC, of `created_at`).

Each stored news article (platform `news`) is checked like a pasted one (title and text, in the article's stored
language); a row sums its outlet's articles of one month.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vigia.counter.terminology import PER_WORDS, TermChecker
from vigia.model import Post
from vigia.store import Filters, Store

NEWS_PLATFORM = "news"
NO_OUTLET = "(unknown outlet)"
CSV_FIELDS = ("outlet", "month", "articles", "articles_with_terms", "words", "terms", "quoted", "per_1000_words",
              "by_entry")


@dataclass
class OutletMonth:
    outlet: str
    month: str  # YYYY-MM
    articles: int = 0
    articles_with_terms: int = 0
    words: int = 0
    terms: int = 0
    quoted: int = 0
    by_entry: dict[str, int] = field(default_factory=dict)

    @property
    def per_1000_words(self) -> float:
        """Glossary terms per 1,000 words of the month's articles (all of them, with or without terms)."""
        return round(self.terms * PER_WORDS / self.words, 2) if self.words else 0.0

    def to_dict(self) -> dict:
        return {"outlet": self.outlet, "month": self.month, "articles": self.articles,
                "articles_with_terms": self.articles_with_terms, "words": self.words, "terms": self.terms,
                "quoted": self.quoted, "per_1000_words": self.per_1000_words,
                "by_entry": dict(sorted(self.by_entry.items(), key=lambda kv: (-kv[1], kv[0])))}


def news_filters(filters: Filters | None = None) -> Filters:
    """`filters` restricted to news articles."""
    return (filters or Filters()).model_copy(update={"platforms": [NEWS_PLATFORM]})


def count_terms(store: Store, checker: TermChecker, filters: Filters | None = None,
                progress: Callable[[Iterable[Post], int], Iterable[Post]] | None = None) -> list[OutletMonth]:
    """One row per outlet and month, outlets by name and months in order."""
    scope = news_filters(filters)
    posts: Iterable[Post] = store.iter_posts(scope)
    if progress is not None:
        posts = progress(posts, store.count(scope))
    rows: dict[tuple[str, str], OutletMonth] = {}
    for post in posts:
        body = f"{post.title}\n\n{post.text}" if post.title else post.text  # the title is read too
        report = checker.check(body, post.language if post.language != "other" else None)
        key = (post.source or NO_OUTLET, post.created_at.strftime("%Y-%m"))
        row = rows.setdefault(key, OutletMonth(*key))
        row.articles += 1
        row.articles_with_terms += bool(report.hits)
        row.words += report.words
        row.terms += len(report.hits)
        row.quoted += report.quoted
        for entry, count in report.by_entry().items():
            row.by_entry[entry] = row.by_entry.get(entry, 0) + count
    return [rows[key] for key in sorted(rows)]


def to_csv(rows: list[OutletMonth]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        data = row.to_dict()
        data["by_entry"] = "; ".join(f"{entry}:{count}" for entry, count in data["by_entry"].items())
        writer.writerow([data[name] for name in CSV_FIELDS])
    return buffer.getvalue()

