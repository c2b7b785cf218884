"""A local HTTP server that replays recorded API responses, and a helper to run `vigia collect` against it.

Each fixture folder `tests/data/<source>/` holds the response bodies and a `routes.yaml`:

    - path: /api/v1/timelines/tag/migrantes   # exact path
      query: {limit: "2"}                     # the exact query the spider must send (omit: no query at all)
      file: tag_page1.json                    # body; "{base}" in it (and in headers) becomes the server's URL
      status: 200                             # default 200
      headers: {Link: '<{base}/...>; rel="next"'}
      content_type: application/json          # default: from the file's extension
      times: 1                                # serve this route only this many times, then fall through

In headers, "{now+N}" becomes the ISO time N seconds after the request and "{epoch+N}" that time in Unix seconds
(rate-limit resets a moment away).

A request that no route answers gets 404 and is listed in `unmatched`, so a test sees what the spider asked
for that was never recorded. Every request is logged with its time, query and headers.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

DATA = Path(__file__).resolve().parent / "data"
REPO = Path(__file__).resolve().parent.parent
TYPES = {".json": "application/json", ".html": "text/html", ".xml": "application/xml", ".rss": "application/rss+xml",
         ".atom": "application/atom+xml", ".txt": "text/plain"}


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    at: float
    status: int = 0


@dataclass
class Recorded:
    folder: Path
    routes: list[dict[str, Any]]
    base: str = ""
    requests: list[Seen] = field(default_factory=list)
    served: dict[int, int] = field(default_factory=dict)

    @property
    def unmatched(self) -> list[str]:
        return [f"{r.path}?{r.query}" for r in self.requests if r.status == 404 and r.path != "/robots.txt"]

    def paths(self) -> list[str]:
        return [r.path for r in self.requests]

    def asked(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def answer(self, seen: Seen) -> tuple[int, dict[str, str], bytes]:
        for index, route in enumerate(self.routes):
            if route.get("method", "GET") != seen.method or route["path"] != seen.path:
                continue
            if {k: str(v) for k, v in (route.get("query") or {}).items()} != seen.query:
                continue
            if route.get("times") is not None and self.served.get(index, 0) >= route["times"]:
                continue
            self.served[index] = self.served.get(index, 0) + 1
            body = b""
            if route.get("file"):
                body = (self.folder / route["file"]).read_bytes()
            elif route.get("body") is not None:
                body = str(route["body"]).encode()
            body = body.replace(b"{base}", self.base.encode())
            suffix = Path(route.get("file") or "").suffix
            content_type = route.get("content_type") or TYPES.get(suffix, "application/octet-stream")
            headers = {"Content-Type": content_type,
                       **{k: _moments(str(v).replace("{base}", self.base))
                          for k, v in (route.get("headers") or {}).items()}}
            return int(route.get("status", 200)), headers, body
        if seen.path == "/robots.txt" and (self.folder / "robots.txt").is_file():
            return 200, {"Content-Type": "text/plain"}, (self.folder / "robots.txt").read_bytes()
        return 404, {"Content-Type": "text/plain"}, b"not recorded"


def _moments(value: str) -> str:
    """'{now+N}' as an ISO time and '{epoch+N}' as Unix seconds, N seconds from now."""
    import re
    from datetime import datetime, timezone

    def iso(match: re.Match) -> str:
        return datetime.fromtimestamp(time.time() + int(match[1]), timezone.utc).isoformat(timespec="milliseconds")

    value = re.sub(r"\{now\+(\d+)\}", iso, value)
    return re.sub(r"\{epoch\+(\d+)\}", lambda m: str(int(time.time()) + int(m[1])), value)


def serve(source: str) -> tuple[Recorded, ThreadingHTTPServer]:
    folder = DATA / source
    recorded = Recorded(folder, yaml.safe_load((folder / "routes.yaml").read_text(encoding="utf-8")) or [])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _handle(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            seen = Seen(self.command, parts.path, dict(parse_qsl(parts.query, keep_blank_values=True)),
                        {k: v for k, v in self.headers.items()}, self.rfile.read(length) if length else b"",
                        time.monotonic())
            recorded.requests.append(seen)
            status, headers, body = recorded.answer(seen)
            seen.status = status
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _handle

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorded.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return recorded, httpd


def write_sources(path: Path, sources: list[dict[str, Any]], **top: Any) -> Path:
    """A vigia.toml with these [[sources]] (and top-level keys)."""
    import json

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return str(v).lower()
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return json.dumps(v)

    lines = [f"{k} = {value(v)}" for k, v in top.items()]
    for source in sources:
        lines.append("[[sources]]")
        for key, v in source.items():
            if key != "options":
                lines.append(f"{key} = {value(v)}")
        lines.append("[sources.options]")
        for key, v in source.get("options", {}).items():
            lines.append(f"{key} = {value(v)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


FAST = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "RETRY_TIMES=0")


def vigia(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the `vigia` command as users do, in a subprocess (the working directory holds vigia.toml)."""
    return subprocess.run([sys.executable, "-m", "vigia", *args], capture_output=True, text=True, timeout=timeout)


def collect(source: str, *extra: str) -> subprocess.CompletedProcess:
    return vigia("collect", source, *FAST, *extra)


def started(source: str):
    """Pytest helper: a generator fixture body serving tests/data/<source>/ until the test ends."""
    recorded, httpd = serve(source)
    try:
        yield recorded
    finally:
        httpd.shutdown()
        httpd.server_close()


def quarantined(data_dir: Path) -> list[dict[str, Any]]:
    import json

    return [json.loads(line) for f in sorted((data_dir / "quarantine").glob("*.jsonl"))
            for line in f.read_text(encoding="utf-8").splitlines()]
