"""News discovery through the GDELT DOC 2.0 API (mode=artlist, format=json), then each article extracted as
in the news spider.

One request per query and source country (`sourcecountry:` uses GDELT's FIPS country codes, e.g. VE, CO, PE,
CI for Chile, BR) and language (`sourcelang:spanish`). A first run looks back `timespan`; a re-run asks only
from the newest `seendate` it has (`startdatetime`). GDELT asks for no more than one request every 5 seconds.
API: https://blog.gdeltproject.org/gdelt-doc-2-0-api-debuts/

GDELT answers at most `max_records` articles per query: an answer that reaches the cap is not used, its time
window is cut in two and each half asked again, down to GDELT's 15-minute resolution. An answer with a broken
record (a raw control character, an invalid escape) is repaired as GDELT clients do; a record that cannot be
repaired is quarantined alone (see collectors.lenient_json).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

from pydantic import Field, field_validator

from collectors.articles import ArticleSpider
from collectors.base import SourceOptions
from collectors.lenient_json import read_records, without_controls

USED = {"url", "title", "seendate", "domain", "language", "sourcecountry", "url_mobile", "socialimage"}
# GDELT's country names (artlist's sourcecountry) to ISO 3166 codes, for the region Vigía watches.
COUNTRIES = {
    "Argentina": "AR", "Bolivia": "BO", "Brazil": "BR", "Chile": "CL", "Colombia": "CO", "Costa Rica": "CR",
    "Cuba": "CU", "Dominican Republic": "DO", "Ecuador": "EC", "El Salvador": "SV", "Guatemala": "GT",
    "Haiti": "HT", "Honduras": "HN", "Mexico": "MX", "Nicaragua": "NI", "Panama": "PA", "Paraguay": "PY",
    "Peru": "PE", "Uruguay": "UY", "Venezuela": "VE", "Trinidad and Tobago": "TT", "United States": "US",
    "Spain": "ES", "Canada": "CA", "France": "FR", "Portugal": "PT",
}
LANGUAGES = {"Spanish": "es", "Portuguese": "pt", "English": "en", "French": "fr", "Haitian Creole": "ht"}


MIN_WINDOW = timedelta(minutes=15)  # GDELT updates every 15 minutes: a narrower window finds nothing new
TIMESPAN_UNITS = {"min": "minutes", "h": "hours", "hours": "hours", "d": "days", "days": "days",
                  "w": "weeks", "weeks": "weeks", "m": "months", "months": "months"}


def timespan_delta(value: str) -> timedelta:
    """GDELT's timespan ("15min", "24h", "3d", "2w", "1m") as a timedelta (a month counted as 30 days)."""
    match = re.fullmatch(r"\s*(\d+)\s*([a-z]+)\s*", value.lower())
    unit = TIMESPAN_UNITS.get(match.group(2)) if match else None
    if unit is None:
        raise ValueError(f"timespan {value!r} is not a GDELT timespan (e.g. 15min, 24h, 3d, 2w, 1m)")
    number = int(match.group(1))
    return timedelta(days=30 * number) if unit == "months" else timedelta(**{unit: number})


class GdeltOptions(SourceOptions):
    api_base: str = Field(default="https://api.gdeltproject.org/api/v2/doc/doc")
    queries: list[str] = Field(default_factory=lambda: ["migrantes", "venezolanos", "haitianos", "migrantes venezuelanos"])
    source_countries: list[str] = Field(default_factory=list, description="GDELT FIPS codes, e.g. VE, CO, PE, CI, BR.")
    source_languages: list[str] = Field(default_factory=list, description="e.g. spanish, portuguese.")
    timespan: str = Field(default="1d", description="How far a first run looks back (GDELT timespan).")
    max_records: int = Field(default=75, ge=1, le=250)
    end: datetime | None = Field(default=None, description="Collect up to this time instead of now (a backfill).")

    @field_validator("timespan")
    @classmethod
    def _gdelt_timespan(cls, value: str) -> str:
        timespan_delta(value)
        return value

    @field_validator("end")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def gdelt_stamp(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y%m%d%H%M%S")


def gdelt_time(value: str) -> datetime:
    """GDELT's seendate (20260401T101500Z) as an aware datetime."""
    return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


class GdeltSpider(ArticleSpider):
    name = "gdelt"
    Options = GdeltOptions
    custom_settings = {"DOWNLOAD_DELAY": 5.0}  # GDELT: at most one request every 5 seconds

    def first_requests(self):
        countries = self.opts.source_countries or [None]
        for query in self.opts.queries:
            for country in countries:
                terms = [f"({query})" if " " in query else query]
                if country:
                    terms.append(f"sourcecountry:{country}")
                if self.opts.source_languages:
                    langs = [f"sourcelang:{lang}" for lang in self.opts.source_languages]
                    terms.append(langs[0] if len(langs) == 1 else f"({' OR '.join(langs)})")
                stream = " ".join(terms)
                end = self.opts.end or datetime.now(timezone.utc)
                since = self.since(stream)
                params: dict[str, Any] = {}
                if since:
                    start = gdelt_time(since)
                    params["startdatetime"] = gdelt_stamp(start)
                else:
                    start = end - timespan_delta(self.opts.timespan)
                    params["timespan"] = self.opts.timespan
                if self.opts.end:
                    params = {"startdatetime": gdelt_stamp(start), "enddatetime": gdelt_stamp(end)}
                yield self._query(stream, start, end, params)

    def _query(self, stream: str, start: datetime, end: datetime, window: dict[str, Any]):
        params: dict[str, Any] = {"query": stream, "mode": "artlist", "format": "json",
                                  "maxrecords": self.opts.max_records, "sort": "datedesc", **window}
        return self.request(f"{self.opts.api_base}?{urlencode(params)}", self.parse,
                            cb_kwargs={"stream": stream, "start": start, "end": end})

    def parse(self, response, stream: str, start: datetime | None = None, end: datetime | None = None):
        try:
            records = read_records(response.text, "articles")
        except ValueError as exc:
            yield self.malformed(response.url, f"response is not valid JSON: {exc}", response.text[:5000])
            return
        if len(records) >= self.opts.max_records and start is not None and end - start > MIN_WINDOW:
            middle = start + (end - start) / 2
            middle = middle.replace(microsecond=0)
            self.crawler.stats.inc_value("vigia/gdelt/window_split")
            self.logger.info("source %s: %s reached max_records (%d) between %s and %s: asking each half",
                             self.source, stream, self.opts.max_records, start, end)
            for low, high in ((start, middle), (middle + timedelta(seconds=1), end)):
                yield self._query(stream, low, high, {"startdatetime": gdelt_stamp(low),
                                                      "enddatetime": gdelt_stamp(high)})
            return
        if len(records) >= self.opts.max_records:
            self.crawler.stats.inc_value("vigia/gdelt/capped")
            self.logger.warning("source %s: %s still reaches max_records (%d) in a 15-minute window: some "
                                "articles of it may be missing", self.source, stream, self.opts.max_records)
        since = self.since(stream)
        for record in records:
            if record.error:
                yield self.malformed(f"gdelt {stream}", record.error, record.raw)
                continue
            if record.repaired:
                self.crawler.stats.inc_value("vigia/json_repaired")
            article = record.value
            context = self.emit(article, f"gdelt {stream}", mapper=self.to_context)
            if not isinstance(context, dict):
                yield context  # a Malformed item
                continue
            if since and not str(article["seendate"]) > since:
                continue
            self.saw(stream, article["seendate"])
            yield self.article(article["url"], context)

    def to_context(self, article: dict[str, Any]) -> dict[str, Any]:
        """One artlist article to the context its page is extracted with (the PostItem comes from the page)."""
        self.note_unmapped(article, USED, prefix="gdelt.")
        seen = gdelt_time(article["seendate"])
        if not str(article["url"]).startswith(("http://", "https://")):
            raise ValueError(f"url is not http(s): {article['url']!r}")
        return {"outlet": article.get("domain"), "country": COUNTRIES.get(article.get("sourcecountry") or ""),
                "language": LANGUAGES.get(article.get("language") or ""),
                "title": without_controls(article.get("title")),
                "published": seen.isoformat(), "published_from": "gdelt", "published_precise": True}
