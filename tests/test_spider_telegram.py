"""Telegram spider: public channel web previews crawled for real against recorded pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from recorded import collect, quarantined, started, write_sources
from vigia.settings import load_settings
from vigia.store import open_store


@pytest.fixture
def web():
    yield from started("telegram")


def test_telegram_channels_pages_encodings_and_rerun(web, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "telegram-frontera", "spider": "telegram",
        "options": {"base": web.base, "channels": ["noticias_frontera", "canal_cambiado", "canal_privado"],
                    "country": "CO", "delay": 0}}])
    run = collect("telegram-frontera")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "telegram-frontera: 6 seen, 4 new, 0 updated, 0 unchanged, 2 quarantined" in run.stdout
    assert "1 forbidden by robots.txt" in run.stdout and not web.asked("/s/canal_privado")
    assert web.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("telegram-frontera")
    assert set(posts) == {"noticias_frontera/199", "noticias_frontera/200", "noticias_frontera/201",
                          "noticias_frontera/202"}
    first = posts["noticias_frontera/201"]
    assert first.text == "Llegan familias venezolanas a Cúcuta.\nMás información: nota"
    assert first.links == ["https://diario.example/nota"]
    assert [m.url for m in first.media] == ["https://cdn.example/p.jpg"]
    assert first.engagement.views == 2500 and first.url == "https://t.me/noticias_frontera/201"
    assert first.source == "t.me/noticias_frontera" and first.country == "CO"
    assert first.created_at.isoformat() == "2026-04-03T09:00:00+00:00"
    old = posts["noticias_frontera/199"]  # served in windows-1252
    assert "Niño, señal, ñandú" in old.text and "¿qué dicen" in old.text and old.engagement.views == 3_000_000
    reasons = [(e["field"], e["reason"]) for e in quarantined(isolated)]
    assert ("datetime", "missing field 'datetime'") in reasons
    assert any("layout changed" in reason for _, reason in reasons)
    assert state["cursor"] == {"noticias_frontera": "203"}

    before = len(web.requests)
    again = collect("telegram-frontera")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "telegram-frontera: 1 seen, 0 new, 0 updated, 0 unchanged, 1 quarantined" in again.stdout
    asked = [r.query for r in web.requests[before:] if r.path == "/s/noticias_frontera"]
    assert asked == [{"after": "203"}]
    assert web.unmatched == []


def test_telegram_replies_service_media_signatures_and_the_oldest_page(web, isolated: Path, tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "telegram-respuestas", "spider": "telegram",
        "options": {"base": web.base, "channels": ["canal_respuestas", "canal_renombrado"], "delay": 0}}])
    run = collect("telegram-respuestas")
    assert run.returncode == 0, run.stderr[-3000:]
    # canal_respuestas: a reply, a forward and the replied-to post stored; photo, album, document and two
    # service messages skipped (counted); canal_renombrado: its three messages quarantined, one layout signal
    assert "telegram-respuestas: 6 seen, 3 new, 0 updated, 0 unchanged, 3 quarantined" in run.stdout
    assert "skipped: 3 media_only, 2 service_message" in run.stdout
    assert [r.query for r in web.asked("/s/canal_respuestas")] == [{}, {"before": "10"}]  # none before the oldest
    assert web.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        posts = {p.native_id: p for p in store.iter_posts()}
        state = store.get_checkpoint("telegram-respuestas")
    assert set(posts) == {"canal_respuestas/9", "canal_respuestas/10", "canal_respuestas/14"}
    reply = posts["canal_respuestas/10"]
    assert reply.text == "Actualización: el paso reabre mañana a las 6:00." and reply.reply_to == "9"
    assert "Paraguachón" not in reply.text
    # the author is the channel, not the admin who signed: one pseudonym for every post of the channel
    assert reply.author == posts["canal_respuestas/9"].author == posts["canal_respuestas/14"].author
    assert posts["canal_respuestas/14"].text.startswith("Los venezolanos pagan impuestos")
    reasons = {e["reason"] for e in quarantined(isolated)}
    assert len(reasons) == 1 and "layout changed" in reasons.pop()
    assert "the page layout changed? all 3 messages" in state["health"]["last_error"]
    assert "/s/canal_renombrado" in state["health"]["last_error"]
    assert state["health"]["skipped"] == {"media_only": 3, "service_message": 2}


def test_telegram_page_in_windows_1252_served_as_utf8_is_decoded_by_its_own_declaration(web, isolated: Path,
                                                                                       tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "telegram-latin1", "spider": "telegram",
        "options": {"base": web.base, "channels": ["canal_latin1"], "delay": 0}}])
    run = collect("telegram-latin1")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "telegram-latin1: 2 seen, 2 new, 0 updated, 0 unchanged, 0 quarantined" in run.stdout
    assert "decoded as cp1252 (by the document's own declaration)" in run.stderr
    with open_store(load_settings().resolved_store_url) as store:
        texts = {p.native_id: p.text for p in store.iter_posts()}
    assert "Niño, señal, ñandú" in texts["canal_latin1/199"] and "Darién" in texts["canal_latin1/200"]
    assert not any("\ufffd" in text for text in texts.values())
@pytest.fixture
def forwards():
    yield from started("telegram_forwards")


def test_telegram_forwards_link_to_their_original_with_hashtags_and_mentions(forwards, isolated: Path,
                                                                              tmp_path: Path):
    write_sources(tmp_path / "vigia.toml", [{
        "name": "telegram-reenvios", "spider": "telegram",
        "options": {"base": forwards.base, "channels": ["canal_reenvios"], "delay": 0}}])
    run = collect("telegram-reenvios")
    assert run.returncode == 0, run.stderr[-3000:]
    assert forwards.unmatched == []
    with open_store(load_settings().resolved_store_url) as store:
        [post] = list(store.iter_posts())
    assert post.native_id == "canal_reenvios/40" and post.text.startswith("Ojo con lo que dicen")
    assert post.repost_of == "telegram:canal_origen/557" and post.original_url == "https://t.me/canal_origen/557"
    assert post.hashtags == ["frontera"] and len(post.mentions) == 1 and post.mentions[0].startswith("a_")
