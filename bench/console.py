"""Console benchmark: Panorama's page load on the demo corpus, next to a trivial page in the same run.

The demo corpus (data/demo/posts.jsonl) goes through the real pipeline without the classifier (the posts carry
their own labels) into a temporary SQLite store. Each page is then driven by Streamlit's AppTest as a logged-in
viewer:
- first load: a new session with empty data caches (`st.cache_data` cleared; the store connection stays open, as
  in a running console);
- warm load: the same session run again (what every widget change costs while the filters stay the same).
The baseline is a page with one title and one metric: AppTest's own cost of running any page.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PANORAMA = ROOT / "ui" / "pages" / "panorama.py"
TRIVIAL_PAGE = 'import streamlit as st\n\nst.title("Baseline")\nst.metric("Posts", "3,000")\n'


@contextmanager
def environment(**values: str) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def load_demo(settings) -> dict:
    """The demo corpus through the pipeline (lexicon enrichment, no classifier) into the settings' store."""
    from nlp import Enricher
    from vigia.ingest.importers import FileImporter, Profile
    from vigia.ingest.pipeline import Pipeline
    from vigia.progress import track
    from vigia.store import open_store

    importer = FileImporter(settings.demo_path, Profile.load("vigia", settings.import_profiles_dir))
    started = time.perf_counter()
    with open_store(settings.resolved_store_url) as store:
        pipeline = Pipeline(settings, store, Enricher(settings.languages, settings.lexicon_path), collector="bench")
        summary = pipeline.process(track(importer, "console: loading the demo corpus", unit="records"))
        posts = store.count()
    if summary.quarantined:
        raise RuntimeError(f"{summary.quarantined} demo records were quarantined: {summary.line()}")
    return {"posts": posts, "seconds": round(time.perf_counter() - started, 2)}


def percentiles(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"p50_ms": round(statistics.median(times) * 1000, 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 1)}


def page_loads(script: Path, runs: int) -> dict[str, dict[str, float]]:
    """p50/p95 of `runs` first loads (new session, cold data cache) and `runs` warm reruns of one page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def session() -> AppTest:
        app = AppTest.from_file(str(script), default_timeout=60)
        app.session_state["ui_language"] = "es"
        app.session_state["user"] = {"username": "bench", "role": "viewer"}
        return app

    def timed(app: AppTest) -> float:
        started = time.perf_counter()
        app.run()
        elapsed = time.perf_counter() - started
        if app.exception:
            raise RuntimeError(f"{script.name} failed: {app.exception[0].message}")
        return elapsed

    timed(session())  # imports happen once per process, not once per page load
    first = []
    for _ in range(runs):
        st.cache_data.clear()
        first.append(timed(session()))
    app = session()
    timed(app)
    warm = [timed(app) for _ in range(runs)]
    return {"first": percentiles(first), "warm": percentiles(warm)}


def run_console_bench(workdir: Path, runs: int = 10) -> dict:
    """Load the demo corpus into a new SQLite store and time Panorama and the trivial page."""
    from vigia.settings import load_settings

    data_dir, store = workdir / "console-data", workdir / "console.db"
    trivial = workdir / "trivial_page.py"
    trivial.write_text(TRIVIAL_PAGE, encoding="utf-8")
    with environment(VIGIA_DATA_DIR=str(data_dir), VIGIA_STORE_URL=f"sqlite://{store}"):
        loading = load_demo(load_settings())
        pages = {"panorama": page_loads(PANORAMA, runs), "baseline: trivial page": page_loads(trivial, runs)}
    panorama, baseline = pages["panorama"], pages["baseline: trivial page"]
    return {"posts": loading["posts"], "load_seconds": loading["seconds"], "runs": runs, "pages": pages,
            "ratio_first": round(panorama["first"]["p50_ms"] / baseline["first"]["p50_ms"], 1),
            "ratio_warm": round(panorama["warm"]["p50_ms"] / baseline["warm"]["p50_ms"], 1)}


RUNS = {"smoke": 3}  # page loads per measurement by bench size; 10 for the real sizes


def run(size: str, workdir: Path) -> dict:
    """The `console` stage of `python -m bench`."""
    return run_console_bench(workdir, RUNS.get(size, 10))


def markdown(console: dict) -> str:
    lines = [f"Console page loads with AppTest, {console['posts']:,} demo posts in SQLite, {console['runs']} runs "
             f"each (Panorama ÷ baseline at p50: first {console['ratio_first']}×, "
             f"warm {console['ratio_warm']}×).", "",
             "| page | first load p50 ms | first load p95 ms | warm p50 ms | warm p95 ms |",
             "|---|---:|---:|---:|---:|"]
    for page, loads in console["pages"].items():
        lines.append(f"| {page} | {loads['first']['p50_ms']} | {loads['first']['p95_ms']} | "
                     f"{loads['warm']['p50_ms']} | {loads['warm']['p95_ms']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import argparse
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="vigia-console-bench-") as workdir:
        result = run_console_bench(Path(workdir), args.runs)
    print(json.dumps(result, indent=2))
    print(markdown(result))
