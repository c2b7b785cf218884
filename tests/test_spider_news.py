"""News spider: RSS and Atom feeds followed to article pages extracted with trafilatura, against recordings."""

from __future__ import annotations

from pathlib import Path

import pytest

from collectors.spiders.news import NewsOptions, load_feeds
from recorded import collect, quarantined, started, write_sources
from vigia.settings import REPO_DATA, load_settings
from vigia.store import open_store


@pytest.fixture
def web():
    yield from started("news")


def test_news_feeds_articles_encodings_and_rerun(web, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "news-test", "spider": "news",
        "options": {"feeds": [{"url": f"{web.base}/migracion/rss", "outlet": "Diario Sintético", "country": "CO"},
                              {"url": f"{web.base}/jornal/atom", "country": "BR", "language": "pt"},
                              f"{web.base}/roto/rss", f"{web.base}/privado/rss"], "delay": 0}}])
    run = collect("news-test")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "news-test: 5 seen, 3 new, 0 updated, 0 unchanged, 2 quarantined" in run.stdout
    assert "1 forbidden by robots.txt" in run.stdout and not web.asked("/privado/rss")
    assert web.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.url: p for p in store.iter_posts()}
        state = store.get_checkpoint("news-test")
    cucuta = posts[f"{web.base}/2026/04/familias-venezolanas-cucuta"]  # the canonical URL, no utm_*
    assert cucuta.platform == "news" and cucuta.title == "Familias venezolanas llegan a Cúcuta"
    assert "Cientos de familias venezolanas llegaron" in cucuta.text and "derechos reservados" not in cucuta.text
    assert cucuta.language == "es" and cucuta.country == "CO" and cucuta.source == "Diario Sintético"
    assert cucuta.created_at.isoformat() == "2026-04-07T13:30:00+00:00" and cucuta.author.startswith("a_")
    assert cucuta.edited_at.isoformat() == "2026-04-07T21:05:00+00:00"
    assert [(m.url, m.kind, m.alt) for m in cucuta.media] == [
        (f"{web.base}/img/cucuta-puente.jpg", "image", "Familias con maletas cruzan el puente Simón Bolívar")]
    latin1 = posts[f"{web.base}/2026/04/informe-delincuencia"]
    assert "migración haitiana" in latin1.text and "comunas con más población" in latin1.text
    roraima = posts[f"{web.base}/br/roraima"]
    assert roraima.language == "pt" and roraima.country == "BR" and "Operação Acolhida" in roraima.text
    assert roraima.source == "Jornal Sintético"
    reasons = [e["reason"] for e in quarantined(isolated)]
    assert any("no article text" in r for r in reasons) and any("not a readable RSS or Atom feed" in r for r in reasons)
    assert state["cursor"][f"{web.base}/migracion/rss"] == "2026-04-07T13:30:00Z"

    before = len(web.requests)
    again = collect("news-test")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "news-test: 1 seen, 0 new, 0 updated, 0 unchanged, 1 quarantined" in again.stdout
    assert {r.path for r in web.requests[before:]} == {"/robots.txt", "/migracion/rss", "/jornal/atom", "/roto/rss"}


def test_the_shipped_feed_list_is_valid():
    feeds = load_feeds(NewsOptions(feeds_file=str(REPO_DATA / "sources" / "news_feeds.yaml")))
    assert len(feeds) >= 10 and all(f.url.startswith("https://") and f.country and f.outlet for f in feeds)
    assert {"CO", "PE", "CL", "BR"} <= {f.country for f in feeds}
    only = load_feeds(NewsOptions(feeds_file="data/sources/news_feeds.yaml", countries=["pe"]))
    assert only and {f.country for f in only} == {"PE"}


def test_news_localized_dates_cut_feeds_several_authors_and_the_precise_time(web, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "news-fechas", "spider": "news",
        "options": {"feeds": [{"url": f"{web.base}/fechas/rss", "country": "CO"},
                              {"url": f"{web.base}/varios/atom", "country": "BR", "language": "pt"},
                              {"url": f"{web.base}/mezcla/rss", "country": "CO"}], "delay": 0}}],
        keep_raw_authors=True)
    run = collect("news-fechas")
    assert run.returncode == 0, run.stderr[-3000:]
    # both dated entries followed (Spanish and Portuguese names read); the cut-off feed flagged in the quarantine,
    # and so is its last entry, cut before its link; the page with mixed encodings is quarantined, not stored
    assert "news-fechas: 6 seen, 3 new, 0 updated, 0 unchanged, 3 quarantined" in run.stdout
    assert web.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.url.removeprefix(web.base): p for p in store.iter_posts()}
    # the page gives only the day: the feed's hour stays
    assert posts["/2026/05/solo-fecha"].created_at.isoformat() == "2026-05-18T15:15:00+00:00"
    assert posts["/2026/05/solo-fecha"].created_at_source == "feed"
    # the page gives a full time: it is the outlet's own and as precise as the feed's
    assert posts["/br/abrigo"].created_at.isoformat() == "2026-05-18T11:45:00+00:00"
    assert posts["/br/abrigo"].created_at_source == "article"
    assert posts["/br/dois-autores"].author_raw == "Ana Souza"
    assert "/2026/05/mezcla" not in posts and not any("\ufffd" in p.text for p in posts.values())
    entries = quarantined(isolated)
    [flag] = [e for e in entries if "cut off" in e["reason"]]
    [cut] = [e for e in entries if e["field"] == "link"]
    [mixed] = [e for e in entries if e["reason"].startswith("undecodable")]
    assert mixed["reason"].startswith("undecodable text: the body is not valid utf-8") and "mezcla" in mixed["ref"]
    assert flag["reason"].startswith("the feed is cut off or not well-formed") and "3 entries read" in flag["reason"]
    assert cut["field"] == "link" and "Cortado a mitad" in str(cut["record"])
