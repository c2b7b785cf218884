"""The HTTP API (FastAPI): analysis, the stored posts and their counts, and the Perspective-compatible endpoint.

Every call but the discovery document and the docs needs a key (`?key=` or `Authorization: Bearer`); each call is
rate-limited per key and written to the audit log. Errors use Google's JSON error shape, as Perspective's do.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict
from datetime import datetime
from typing import Any, Literal

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigia import __version__
from vigia.analysis.estimates import estimate as corrected
from vigia.api import perspective
from vigia.api.analysis import Analyzer
from vigia.api.keys import Caller, KeyRing
from vigia.api.limits import RateLimiter
from vigia.api.perspective import ApiError
from vigia.auth import allows
from vigia.counter.library import load_taxonomy_ids
from vigia.errors import VigiaError
from vigia.exports.files import prepare
from vigia.privacy import audit
from vigia.settings import Settings
from vigia.store import Filters, SearchQuery, open_store

MISSING_KEY = "The request is missing a valid API key."
BAD_KEY = "API key not valid. Please pass a valid API key."


class AnalyzeBody(BaseModel):
    """One text or many."""

    text: str | None = Field(default=None, description="One text (or use texts).")
    texts: list[str] | None = Field(default=None, description="Many texts, analyzed in one batch.")
    counter_messages: bool = Field(default=False, description="Add sourced counter-messages for the myths found.")
    do_not_store: bool = Field(default=False, description="Never keep these texts, whatever the server's setting.")

    @model_validator(mode="after")
    def _one_or_many(self) -> AnalyzeBody:
        if (self.text is None) == (self.texts is None):
            raise ValueError("give either text or texts")
        if any(not t.strip() for t in self.all_texts):
            raise ValueError("texts must not be empty")
        return self

    @property
    def all_texts(self) -> list[str]:
        return [self.text] if self.text is not None else list(self.texts or [])


def _key_of(request: Request) -> tuple[str | None, str]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip(), "bearer"
    return request.query_params.get("key"), "query"


def _cursor(offset: int, fingerprint: str) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset, "f": fingerprint}).encode()).decode().rstrip("=")


def _offset(cursor: str | None, fingerprint: str) -> int:
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, owner = int(data["o"]), data["f"]
    except (ValueError, KeyError, TypeError):
        raise ApiError(400, "cursor: not a cursor this API gave") from None
    if owner != fingerprint or offset < 0:
        raise ApiError(400, "cursor: it belongs to another query; repeat the query's filters unchanged")
    return offset


def create_app(settings: Settings, analyzer: Analyzer | None = None) -> FastAPI:
    """The API app; the model is loaded here, once per process (pass `analyzer` to share one)."""
    analyzer = analyzer or Analyzer(settings)
    if analyzer.classifier is None:
        supported = perspective.AttributeSet(False, [])
    else:
        supported = perspective.attribute_set(analyzer.classifier, load_taxonomy_ids(settings.myth_taxonomy_path))
    keyring = KeyRing(settings)
    limiter = RateLimiter(settings.api_rate_limit)
    app = FastAPI(title="Vigía API", version=__version__,
                  description="Labels for texts (hate, migration, targets, frames, migration myths), the stored "
                              "posts and their counts, and a Perspective-compatible comments:analyze. Send a key "
                              "made by `vigia api key USER` as `?key=` or `Authorization: Bearer`.")
    app.state.analyzer = analyzer

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.body(), status_code=exc.code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"] if p != "body") or "request"
        message = f"Invalid value at '{where}': {first['msg'].removeprefix('Value error, ')}"
        return JSONResponse(perspective.request_error("INVALID_REQUEST", message).body(), status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(ApiError(exc.status_code, str(exc.detail)).body(), status_code=exc.status_code)

    @app.middleware("http")
    async def audit_calls(request: Request, call_next):
        response = await call_next(request)
        path = request.url.path.removeprefix(request.scope.get("root_path", ""))  # behind a proxy's /api/
        if path.startswith(("/v1/", "/v1alpha1/")):
            caller: Caller | None = getattr(request.state, "caller", None)
            details = {"endpoint": f"{request.method} {path}", "status": response.status_code,
                       "key_id": caller.key_id if caller else None, **getattr(request.state, "audit", {})}
            audit.record(settings.data_dir, "api.call", details, who=caller.user if caller else "anonymous")
        return response

    def caller(request: Request) -> Caller:
        key, how = _key_of(request)
        if not key:
            raise ApiError(403, MISSING_KEY, status="PERMISSION_DENIED")
        found = keyring.identify(key)
        if found is None:
            if how == "bearer":
                raise ApiError(401, BAD_KEY, headers={"WWW-Authenticate": "Bearer"})
            raise ApiError(400, BAD_KEY, [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                           "reason": "API_KEY_INVALID", "domain": "googleapis.com"}])
        request.state.caller = found
        allowed, wait = limiter.allow(found.key_id)
        if not allowed:
            raise ApiError(429, f"Quota exceeded: at most {settings.api_rate_limit} calls per minute for this key; "
                                f"retry in {wait:.0f} s.", headers={"Retry-After": str(max(1, round(wait + 0.5)))})
        return found

    def keep(analyses, who: Caller, do_not_store: bool, request: Request) -> None:
        stored = settings.api_store_analyzed and not do_not_store
        if stored:
            with open_store(settings.resolved_store_url) as store:
                analyzer.keep(store, analyses, who.user)
        request.state.audit = {**getattr(request.state, "audit", {}), "texts": len(analyses), "stored": stored}

    @app.post("/v1/analyze", tags=["analysis"], summary="Every label Vigía gives one or many texts")
    def analyze(body: AnalyzeBody, request: Request, who: Caller = Depends(caller)) -> dict[str, Any]:
        texts = body.all_texts
        if len(texts) > settings.api_max_texts:
            raise ApiError(400, f"texts: at most {settings.api_max_texts} per call (api_max_texts), got {len(texts)}")
        analyses = analyzer.analyze(texts)
        results = []
        for analysis in analyses:
            result = analysis.to_dict()
            if body.counter_messages:
                result["counter_messages"] = analyzer.counter_messages(analysis)
            results.append(result)
        keep(analyses, who, body.do_not_store, request)
        return {"model": analyzer.model_version, "results": results}

    def filters(since: datetime | None = Query(None, description="From this date (UTC), inclusive."),
                until: datetime | None = Query(None, description="Up to this date (UTC), exclusive."),
                platform: list[str] = Query([]), source: list[str] = Query([]),
                language: list[str] = Query([], description="es, pt, en, fr, ht, other"),
                country: list[str] = Query([], description="ISO code: CO, PE…"),
                target: list[str] = Query([]), myth: list[str] = Query([]),
                task: str | None = Query(None, description="Task that label and score bounds refer to."),
                label: list[str] = Query([]), min_score: float | None = Query(None, ge=0, le=1),
                max_score: float | None = Query(None, ge=0, le=1)) -> Filters:
        try:
            return Filters(since=since, until=until, platforms=platform, sources=source, languages=language,
                           countries=[c.upper() for c in country], targets=target, myths=myth, task=task,
                           labels=label, min_score=min_score, max_score=max_score)
        except ValidationError as exc:
            raise ApiError(400, exc.errors()[0]["msg"].removeprefix("Value error, ")) from None

    def shown(post, raw: bool) -> dict[str, Any]:
        return prepare(post, raw).model_dump(mode="json", exclude={"author_raw"} if not raw else None)

    def raw_allowed(who: Caller, raw: bool, request: Request) -> None:
        if raw and not allows(who.role, "admin"):
            raise ApiError(403, f"raw text and URLs are for admins; {who.user} is a {who.role}")
        request.state.audit = {"raw": raw}

    @app.get("/v1/posts", tags=["posts"], summary="Search stored posts, cursor-paged, with no cap")
    def posts(request: Request, q: str | None = Query(None, description="Full-text query (words ANDed)."),
              where: Filters = Depends(filters), sort: Literal["date", "score", "engagement"] = "date",
              score_task: str = Query("hate", description="Task whose score `sort=score` sorts by."),
              limit: int = Query(100, ge=1, le=1000), cursor: str | None = Query(None),
              raw: bool = Query(False, description="Unredacted text and URLs (admins only)."),
              who: Caller = Depends(caller)) -> dict[str, Any]:
        raw_allowed(who, raw, request)
        fingerprint = hashlib.sha256(json.dumps(
            [q, where.model_dump(mode="json"), sort, score_task], sort_keys=True).encode()).hexdigest()[:16]
        offset = _offset(cursor, fingerprint)
        with open_store(settings.resolved_store_url) as store:
            page = store.search(SearchQuery(text=q, filters=where, sort=sort, score_task=score_task, offset=offset,
                                            limit=limit))
        end = offset + len(page.posts)
        return {"total": page.total, "posts": [shown(p, raw) for p in page.posts],
                "next_cursor": _cursor(end, fingerprint) if page.posts and end < page.total else None}

    @app.get("/v1/posts/{post_id}", tags=["posts"], summary="One stored post")
    def post(post_id: str, request: Request, raw: bool = Query(False, description="Unredacted (admins only)."),
             who: Caller = Depends(caller)) -> dict[str, Any]:
        raw_allowed(who, raw, request)
        with open_store(settings.resolved_store_url) as store:
            found = store.get(post_id)
        if found is None:
            raise ApiError(404, f"no post '{post_id}' in the store")
        return shown(found, raw)

    @app.get("/v1/counts", tags=["posts"], summary="How many stored posts match, over time or by a facet")
    def counts(where: Filters = Depends(filters),
               interval: Literal["hour", "day", "week"] | None = Query(None, description="Posts per bucket."),
               split_by: str | None = Query(None, description="A facet (platform, language, country, target, "
                                                              "myth, …) or label.<task>: one series per value."),
               facet: str | None = Query(None, description="Also the most frequent values of this facet."),
               top: int = Query(10, ge=1, le=1000), who: Caller = Depends(caller)) -> dict[str, Any]:
        out: dict[str, Any] = {}
        with open_store(settings.resolved_store_url) as store:
            try:
                out["total"] = store.count(where)
                if interval:
                    out["buckets"] = [{"start": b.start.isoformat(), "key": b.key, "count": b.count}
                                      for b in store.counts_over_time(where, interval, split_by)]
                if facet:
                    out["top"] = [{"value": v, "count": n} for v, n in store.top_values(facet, where, top)]
            except ValueError as exc:
                raise ApiError(400, str(exc)) from None
        return out

    @app.get("/v1/estimate", tags=["posts"],
             summary="The share of a label among matching posts, corrected for the classifier's errors")
    def estimate(where: Filters = Depends(filters),
                 of_task: str = Query(..., alias="estimate_task", description="hate, migration, xenophobic, myth…"),
                 of_label: str = Query(..., alias="estimate_label", description="hateful, migration, a myth id…"),
                 by: Literal["day", "week", "month"] | None = Query(None, description="One estimate per period."),
                 method: str = Query("pacc", description="acc, pacc, emq or hdy (QuaPy)."),
                 who: Caller = Depends(caller)) -> dict[str, Any]:
        with open_store(settings.resolved_store_url) as store:
            try:
                found = corrected(store, where, of_task, of_label, settings.classifier_dir, method=method, by=by)
            except VigiaError as exc:
                raise ApiError(400, str(exc)) from None
        return {"estimates": [asdict(e) for e in found]}

    @app.post("/v1alpha1/comments:analyze", tags=["perspective"],
              summary="Perspective-compatible comments:analyze (see docs/perspective-migration.md)")
    async def comments_analyze(request: Request, who: Caller = Depends(caller)) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            raise perspective.request_error("INVALID_REQUEST", "Invalid JSON payload received.") from None
        if analyzer.classifier is None:
            raise ApiError(503, "No classifier is installed on this server; nothing can be scored.")
        wanted = perspective.parse_request(body, supported, tuple(settings.languages))
        spans = perspective.sentence_spans(wanted.text) if wanted.span_annotations else []
        analyses = await run_in_threadpool(analyzer.analyze, [wanted.text] + [wanted.text[b:e] for b, e in spans])
        whole, parts = analyses[0], analyses[1:]
        detected = [whole.language if whole.language != "other" else perspective.UNDETERMINED]
        if not wanted.languages and whole.language == "other":  # detected, and not one of Vigía's languages
            if not wanted.drop_unsupported:
                raise perspective.language_not_supported(wanted.requested[0], detected, detected)
            wanted.attributes = {}
        if not wanted.do_not_store:
            await run_in_threadpool(keep, [whole], who, False, request)
        else:
            request.state.audit = {"texts": 1, "stored": False, "do_not_store": True}
        return JSONResponse(perspective.response(wanted, supported, whole, parts, spans,
                                                 wanted.languages or detected, detected))

    @app.get("/$discovery/rest", tags=["perspective"], summary="Discovery document of commentanalyzer v1alpha1")
    def discovery(request: Request, version: str = Query("v1alpha1")) -> dict[str, Any]:
        if version != "v1alpha1":
            raise ApiError(404, f"Discovery document not found for API service: commentanalyzer {version}")
        root = settings.api_public_url or str(request.base_url)
        return perspective.discovery_document(root, supported.names)

    return app
