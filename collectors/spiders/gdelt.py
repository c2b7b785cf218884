"""News discovery through the GDELT DOC 2.0 API (mode=artlist, format=json), then each article extracted as
in the news spider.

One request per query and source country (`sourcecountry:` uses GDELT's FIPS country codes, e.g. VE, CO, PE,
CI for Chile, BR) and language (`sourcelang:spanish`). A first run looks back `timespan`; a re-run asks only
from the newest `seendate` it has (`startdatetime`). GDELT asks for no more than one request every 5 seconds.
API: https://blog.gdeltproject.org/gdelt-doc-2-0-api-debuts/
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlencode

from pydantic import Field

from collectors.articles import ArticleSpider
from collectors.base import SourceOptions

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


class GdeltOptions(SourceOptions):
    api_base: str = Field(default="https://api.gdeltproject.org/api/v2/doc/doc")
    queries: list[str] = Field(default_factory=lambda: ["migrantes", "venezolanos", "haitianos", "migrantes venezuelanos"])
    source_countries: list[str] = Field(default_factory=list, description="GDELT FIPS codes, e.g. VE, CO, PE, CI, BR.")
    source_languages: list[str] = Field(default_factory=list, description="e.g. spanish, portuguese.")
    timespan: str = Field(default="1d", description="How far a first run looks back (GDELT timespan).")
    max_records: int = Field(default=75, ge=1, le=250)


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
                params: dict[str, Any] = {"query": stream, "mode": "artlist", "format": "json",
                                          "maxrecords": self.opts.max_records, "sort": "datedesc"}
                since = self.since(stream)
                if since:
                    params["startdatetime"] = gdelt_time(since).strftime("%Y%m%d%H%M%S")
                else:
                    params["timespan"] = self.opts.timespan
                yield self.request(f"{self.opts.api_base}?{urlencode(params)}", self.parse,
                                   cb_kwargs={"stream": stream})

    def parse(self, response, stream: str):
        data, bad = self.load_json(response)
        if bad is not None:
            yield bad
            return
        if not isinstance(data, dict):
            yield self.malformed(response.url, "expected a JSON object with 'articles'", data)
            return
        since = self.since(stream)
        for article in data.get("articles") or []:  # GDELT answers {} when nothing matched
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
                "language": LANGUAGES.get(article.get("language") or ""), "title": article.get("title"),
                "published": seen.isoformat()}
