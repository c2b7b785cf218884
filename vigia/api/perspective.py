"""Perspective API compatibility: the attributes Vigía can score honestly, Perspective's request checks and error
shapes, and the discovery document Google's client libraries build a client from.

Attributes (summary scores are probabilities; see docs/perspective-migration.md):
- IDENTITY_ATTACK: P(hateful) from the hate head. Vigía's `hate` is hate speech against a group for who its members
  are, the closest honest match to Perspective's identity attack; it is not a toxicity or insult score.
- XENOPHOBIA: P(hateful) · P(about migration), the two heads taken as independent: Vigía calls a post xenophobic when
  it is labelled both hateful and about migration.
- MIGRATION: P(about migration).
- MYTH_<ID> (e.g. MYTH_CRIME_INSECURITY): P(about migration) · P(repeats the myth) from the trained myth head; a model
  without a myth head uses the baseline detector's score for the myths it found (0 for the others).
Anything else (TOXICITY, PROFANITY, INSULT, THREAT, SEXUALLY_EXPLICIT, ...) is refused as Perspective refuses an
attribute in a language it does not support, unless the request sets dropUnsupportedAttributes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

MAX_COMMENT_BYTES = 20480  # Perspective's own limit
ERROR_TYPE_URL = "type.googleapis.com/google.commentanalyzer.v1alpha1.Error"
SCORE_TYPE = "PROBABILITY"
UNDETERMINED = "und"
SENTENCE = re.compile(r"[^.!?¡¿\n]*(?:[.!?]+|\n|$)")
HTTP_STATUS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND",
               405: "METHOD_NOT_ALLOWED", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}


class ApiError(Exception):
    """An error answered in Google's JSON error shape: {"error": {code, message, status, details}}."""

    def __init__(self, code: int, message: str, details: list[dict] | None = None,
                 headers: dict[str, str] | None = None, status: str | None = None):
        super().__init__(message)
        self.code, self.message, self.details, self.headers = code, message, details or [], headers or {}
        self.status = status or HTTP_STATUS.get(code, "UNKNOWN")

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.details:
            error["details"] = self.details
        return {"error": error}


def request_error(error_type: str, message: str) -> ApiError:
    """A 400 with Perspective's error detail (errorType: COMMENT_EMPTY, COMMENT_TOO_LONG, INVALID_REQUEST, ...)."""
    return ApiError(400, message, [{"@type": ERROR_TYPE_URL, "errorType": error_type}])


def language_not_supported(attribute: str, requested: list[str], detected: list[str]) -> ApiError:
    """Perspective's refusal of an attribute for the request's languages (also for attributes Vigía lacks)."""
    return ApiError(400, f"Attribute {attribute} does not support request languages: {', '.join(requested)}", [{
        "@type": ERROR_TYPE_URL, "errorType": "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
        "languageNotSupportedByAttributeError": {"detectedLanguages": detected, "requestedLanguages": requested,
                                                 "attribute": attribute}}])


def myth_attribute(myth: str) -> str:
    return "MYTH_" + myth.upper()


@dataclass
class AttributeSet:
    """What this server's model can score, and how."""

    myth_head: bool
    myths: list[str] = field(default_factory=list)  # myth ids with a score (trained labels, or the taxonomy's)

    @property
    def names(self) -> list[str]:
        return ["IDENTITY_ATTACK", "XENOPHOBIA", "MIGRATION", *(myth_attribute(m) for m in self.myths)]

    def score(self, attribute: str, analysis) -> float:
        hateful = analysis.probability("hate", "hateful") or 0.0
        migration = analysis.probability("migration", "migration") or 0.0
        if attribute == "IDENTITY_ATTACK":
            return hateful
        if attribute == "XENOPHOBIA":
            return hateful * migration
        if attribute == "MIGRATION":
            return migration
        myth = attribute.removeprefix("MYTH_").lower()
        if self.myth_head:
            return migration * (analysis.probability("myth", myth) or 0.0)
        return max((lab.score for lab in analysis.annotation.labels if lab.task == "myth" and lab.label == myth),
                   default=0.0)


def attribute_set(classifier, taxonomy_myths: list[str]) -> AttributeSet:
    tasks = classifier.manifest["tasks"]
    if "myth" in tasks:
        per_label = tasks["myth"].get("per_label", {})
        return AttributeSet(True, [m for m in tasks["myth"]["labels"] if per_label.get(m, {}).get("trained")])
    return AttributeSet(False, list(taxonomy_myths))


@dataclass
class AnalyzeRequest:
    """A checked comments:analyze request."""

    text: str
    attributes: dict[str, dict[str, Any]]  # supported attribute -> its parameters
    languages: list[str]
    span_annotations: bool
    do_not_store: bool
    client_token: str | None
    drop_unsupported: bool
    requested: list[str]  # every attribute asked for, in the request's order


def _primary(code: Any) -> str:
    if not isinstance(code, str) or not code.strip():
        raise request_error("INVALID_REQUEST", f"Invalid language code: {code!r}")
    return code.strip().lower().replace("_", "-").split("-")[0]


def parse_request(body: Any, supported: AttributeSet, languages: tuple[str, ...]) -> AnalyzeRequest:
    """Check a request as Perspective does; languages outside `languages` and unknown attributes are refused."""
    if not isinstance(body, dict):
        raise request_error("INVALID_REQUEST", "Invalid JSON payload: expected an AnalyzeCommentRequest object.")
    comment = body.get("comment")
    if comment is not None and not isinstance(comment, dict):
        raise request_error("INVALID_REQUEST", 'Invalid value at \'comment\': expected a TextEntry object.')
    text = (comment or {}).get("text")
    if not isinstance(text, str) or not text.strip():
        raise request_error("COMMENT_EMPTY", "Comment must be non-empty.")
    if (comment or {}).get("type", "PLAIN_TEXT") not in ("PLAIN_TEXT", "TEXT_TYPE_UNSPECIFIED"):
        raise request_error("INVALID_REQUEST", "Only PLAIN_TEXT comments are supported.")
    if len(text.encode("utf-8")) > MAX_COMMENT_BYTES:
        raise request_error("COMMENT_TOO_LONG", f"Comment text too long. The maximum is {MAX_COMMENT_BYTES} bytes.")
    requested = body.get("requestedAttributes")
    if not isinstance(requested, dict) or not requested:
        raise request_error("NO_REQUESTED_ATTRIBUTES", "Requested attributes must be non-empty.")
    wanted = body.get("languages") or []
    if not isinstance(wanted, list):
        raise request_error("INVALID_REQUEST", "Invalid value at 'languages': expected a list of language codes.")
    codes = list(dict.fromkeys(_primary(code) for code in wanted))
    drop = bool(body.get("dropUnsupportedAttributes", False))
    attributes: dict[str, dict[str, Any]] = {}
    for name, params in requested.items():
        params = params or {}
        if not isinstance(params, dict):
            raise request_error("INVALID_REQUEST", f"Invalid value at 'requested_attributes[{name}]'.")
        if params.get("scoreType", SCORE_TYPE) not in (SCORE_TYPE, "SCORE_TYPE_UNSPECIFIED"):
            raise request_error("INVALID_REQUEST", f"Score type {params['scoreType']} is not supported for "
                                                   f"attribute {name}; only {SCORE_TYPE}.")
        threshold = params.get("scoreThreshold")
        if threshold is not None and (not isinstance(threshold, (int, float)) or not 0 <= threshold <= 1):
            raise request_error("INVALID_REQUEST", f"Invalid scoreThreshold for attribute {name}: {threshold!r}.")
        if name in supported.names:
            attributes[name] = params
        elif not drop:
            raise language_not_supported(name, codes or ["es", "pt", "en"], [])
    if any(code not in languages for code in codes):  # no attribute of Vigía's supports that language
        if not drop:
            raise language_not_supported(next(iter(attributes), None) or next(iter(requested)), codes, [])
        attributes = {}
    token = body.get("clientToken")
    return AnalyzeRequest(text, attributes, codes, bool(body.get("spanAnnotations", False)),
                          bool(body.get("doNotStore", False)), token if isinstance(token, str) else None, drop,
                          list(requested))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character offsets of the sentences of `text` (blank stretches left out), for spanScores."""
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans or [(0, len(text))]


def score_value(value: float) -> dict[str, Any]:
    return {"value": round(float(value), 6), "type": SCORE_TYPE}


def response(request: AnalyzeRequest, supported: AttributeSet, whole, sentences: list, spans: list[tuple[int, int]],
             languages: list[str], detected: list[str]) -> dict[str, Any]:
    """The AnalyzeCommentResponse: summary scores, span scores when asked, languages and the client token."""
    scores: dict[str, Any] = {}
    for name, params in request.attributes.items():
        value = supported.score(name, whole)
        threshold = params.get("scoreThreshold")
        if threshold is not None and value < threshold:
            continue  # Perspective leaves out scores under the requested threshold
        entry: dict[str, Any] = {"summaryScore": score_value(value)}
        if request.span_annotations:
            entry["spanScores"] = [{"begin": begin, "end": end, "score": score_value(supported.score(name, part))}
                                   for (begin, end), part in zip(spans, sentences)]
        scores[name] = entry
    out: dict[str, Any] = {"attributeScores": scores, "languages": languages, "detectedLanguages": detected}
    if request.client_token is not None:
        out["clientToken"] = request.client_token
    return out


def _schema(schema_id: str, description: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"id": schema_id, "type": "object", "description": description, "properties": properties}


def _score_type() -> dict[str, Any]:
    return {"type": "string", "enum": ["SCORE_TYPE_UNSPECIFIED", "PROBABILITY", "STD_DEV_SCORE", "PERCENTILE", "RAW"],
            "enumDescriptions": ["Unspecified. Defaults to PROBABILITY scores if available, and otherwise RAW.",
                                 "Probability scores are in the range [0, 1] and indicate level of confidence in "
                                 "the attribute label.", "Not supported by Vigía.", "Not supported by Vigía.",
                                 "Not supported by Vigía."]}


def discovery_document(root_url: str, attributes: list[str]) -> dict[str, Any]:
    """The REST discovery document of commentanalyzer v1alpha1 (comments.analyze), pointing at this server."""
    string = {"type": "string"}
    standard = {
        "$.xgafv": {"type": "string", "location": "query", "description": "V1 error format.", "enum": ["1", "2"],
                    "enumDescriptions": ["v1 error format", "v2 error format"]},
        "access_token": {**string, "location": "query", "description": "OAuth access token."},
        "alt": {"type": "string", "location": "query", "default": "json", "description": "Data format for response.",
                "enum": ["json", "media", "proto"],
                "enumDescriptions": ["Responses with Content-Type of application/json",
                                     "Media download with context-dependent Content-Type",
                                     "Responses with Content-Type of application/x-protobuf"]},
        "callback": {**string, "location": "query", "description": "JSONP"},
        "fields": {**string, "location": "query",
                   "description": "Selector specifying which fields to include in a partial response."},
        "key": {**string, "location": "query",
                "description": "API key: a key made by `vigia api key USER` (sent as ?key=, as Perspective's)."},
        "oauth_token": {**string, "location": "query", "description": "OAuth 2.0 token for the current user."},
        "prettyPrint": {"type": "boolean", "location": "query", "default": "true",
                        "description": "Returns response with indentations and line breaks."},
        "quotaUser": {**string, "location": "query", "description": "Available to use for quota purposes."},
        "uploadType": {**string, "location": "query", "description": "Legacy upload protocol for media."},
        "upload_protocol": {**string, "location": "query", "description": "Upload protocol for media."},
    }
    text_entry = {"$ref": "TextEntry"}
    schemas = {
        "AnalyzeCommentRequest": _schema("AnalyzeCommentRequest", "The comment analysis request message.", {
            "comment": {**text_entry, "description": "The comment to analyze."},
            "context": {"$ref": "Context", "description": "Accepted and ignored by Vigía."},
            "requestedAttributes": {"type": "object", "additionalProperties": {"$ref": "AttributeParameters"},
                                    "description": "Specification of requested attributes. The key is the "
                                                   f"attribute name; Vigía scores: {', '.join(attributes)}."},
            "spanAnnotations": {"type": "boolean",
                                "description": "Return a score for each sentence as well as the summary score."},
            "languages": {"type": "array", "items": string,
                          "description": "ISO 639-1 codes; Vigía supports es, pt, en, fr and ht."},
            "doNotStore": {"type": "boolean", "description": "Never keep the comment (Vigía keeps none unless "
                                                             "its operator turns that on)."},
            "dropUnsupportedAttributes": {"type": "boolean", "description": "Leave out attributes that cannot be "
                                                                            "scored instead of failing."},
            "clientToken": {**string, "description": "Opaque token echoed back in the response."},
            "sessionId": {**string, "description": "Accepted and ignored."},
            "communityId": {**string, "description": "Accepted and ignored."},
        }),
        "AnalyzeCommentResponse": _schema("AnalyzeCommentResponse", "The comment analysis response message.", {
            "attributeScores": {"type": "object", "additionalProperties": {"$ref": "AttributeScores"},
                                "description": "Scores for the requested attributes."},
            "languages": {"type": "array", "items": string, "description": "The language(s) used for scoring."},
            "detectedLanguages": {"type": "array", "items": string,
                                  "description": "The language(s) detected in the comment."},
            "clientToken": {**string, "description": "The clientToken of the request."},
        }),
        "AttributeParameters": _schema("AttributeParameters", "Configurable parameters for attribute scoring.", {
            "scoreType": {**_score_type(), "description": "What type of scores to return (only PROBABILITY)."},
            "scoreThreshold": {"type": "number", "format": "float",
                               "description": "Don't return scores below this threshold."},
        }),
        "AttributeScores": _schema("AttributeScores", "All scores for one attribute.", {
            "summaryScore": {"$ref": "Score", "description": "Overall score for the comment as a whole."},
            "spanScores": {"type": "array", "items": {"$ref": "SpanScore"},
                           "description": "Per-sentence scores."},
        }),
        "Score": _schema("Score", "Analysis scores are described by a value and a ScoreType.", {
            "value": {"type": "number", "format": "float", "description": "Score value."},
            "type": {**_score_type(), "description": "The type of the score."},
        }),
        "SpanScore": _schema("SpanScore", "A score and the span it covers.", {
            "begin": {"type": "integer", "format": "int32", "description": "Start of the span (code points)."},
            "end": {"type": "integer", "format": "int32", "description": "End of the span (code points, exclusive)."},
            "score": {"$ref": "Score", "description": "The score for this span."},
        }),
        "TextEntry": _schema("TextEntry", "Represents a body of text.", {
            "text": {**string, "description": "UTF-8 encoded text."},
            "type": {"type": "string", "enum": ["TEXT_TYPE_UNSPECIFIED", "PLAIN_TEXT", "HTML"],
                     "enumDescriptions": ["The content type is not specified.", "Plain text.", "Not supported."],
                     "description": "Type of the text field."},
        }),
        "Context": _schema("Context", "Context is typically something that a Comment is referencing or replying "
                                      "to.", {
            "entries": {"type": "array", "items": text_entry, "description": "A list of messages."},
            "articleAndParentComment": {"$ref": "ArticleAndParentComment",
                                        "description": "Information about the source for which the original "
                                                       "comment was made."},
        }),
        "ArticleAndParentComment": _schema("ArticleAndParentComment", "A type of context specific to a comment "
                                                                      "left on a single-threaded comment message "
                                                                      "board.", {
            "article": {**text_entry, "description": "The source content about which the comment was made."},
            "parentComment": {**text_entry, "description": "Refers to the comment this comment replies to."},
        }),
    }
    analyze = {
        "id": "commentanalyzer.comments.analyze",
        "path": "v1alpha1/comments:analyze",
        "flatPath": "v1alpha1/comments:analyze",
        "httpMethod": "POST",
        "description": "Analyzes the provided text and returns scores for requested attributes.",
        "parameters": {},
        "parameterOrder": [],
        "request": {"$ref": "AnalyzeCommentRequest"},
        "response": {"$ref": "AnalyzeCommentResponse"},
        "scopes": ["https://www.googleapis.com/auth/userinfo.email"],
    }
    return {
        "kind": "discovery#restDescription",
        "discoveryVersion": "v1",
        "id": "commentanalyzer:v1alpha1",
        "name": "commentanalyzer",
        "canonicalName": "Commentanalyzer",
        "version": "v1alpha1",
        "revision": "vigia",
        "title": "Perspective Comment Analyzer API (served by Vigía)",
        "description": "Vigía's drop-in replacement for Perspective's comments:analyze, for the attributes it can "
                       "score: identity attacks (hate), xenophobia, migration and migration myths.",
        "ownerDomain": "vigia",
        "ownerName": "Vigía",
        "documentationLink": f"{root_url}docs",
        "protocol": "rest",
        "rootUrl": root_url,
        "mtlsRootUrl": root_url,
        "servicePath": "",
        "baseUrl": root_url,
        "basePath": "",
        "batchPath": "batch",
        "fullyEncodeReservedExpansion": True,
        "icons": {"x16": "http://www.google.com/images/icons/product/search-16.gif",
                  "x32": "http://www.google.com/images/icons/product/search-32.gif"},
        "parameters": standard,
        "auth": {"oauth2": {"scopes": {"https://www.googleapis.com/auth/userinfo.email": {
            "description": "View your email address"}}}},
        "schemas": schemas,
        "resources": {"comments": {"methods": {"analyze": analyze}}},
    }
