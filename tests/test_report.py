"""`vigia report`: the period's PDF, rendered to images and looked at, and its text read back."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
from click.testing import CliRunner
from pypdf import PdfReader

from test_alerts_delivery import webhook  # noqa: F401 (a fixture)
from test_training_examples import fill, flat, leaked
from vigia.cli.main import cli
from vigia.settings import load_settings

BLUE, RED = (0x2B, 0x6C, 0xB0), (0xC5, 0x30, 0x30)


def near(pixel, color, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], color))


def test_the_weekly_report_renders_figures_charts_tops_and_redacted_examples(isolated, sqlite_store, enricher,
                                                                               monkeypatch, tmp_path: Path):
    monkeypatch.setenv("VIGIA_KEEP_RAW_AUTHORS", "true")
    fill(load_settings(), sqlite_store, enricher)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    out = tmp_path / "out" / "semana.pdf"
    result = CliRunner().invoke(cli, ["report", "--period", "week", "--end", "2026-05-07", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "week report 2026-05-01..2026-05-07: 7 posts, 3 examples" in result.output

    document = pypdfium2.PdfDocument(str(out))
    assert len(document) >= 2
    first = document[0].render(scale=1).to_pil().convert("RGB")
    pixels = list(first.getdata())
    blue = sum(near(p, BLUE) for p in pixels)
    red = sum(near(p, RED) for p in pixels)
    assert blue > 500 and red > 200  # the volume bars and the share line are drawn
    for index in range(len(document)):
        image = document[index].render(scale=1).to_pil().convert("L")
        assert image.getextrema()[0] < 80  # every page carries dark text, none is blank

    pages = [flat(page.extract_text()) for page in PdfReader(io.BytesIO(out.read_bytes())).pages]
    whole = " ".join(pages)
    assert "Informe semanal, del 2026-05-01 al 2026-05-07" in pages[0]
    assert "Publicaciones recogidas: 7 (el período anterior: 0; —)" in whole
    assert "intervalo del 95 %" in whole and "Mitos más repetidos" in whole
    assert "Los migrantes traen delincuencia: 4 (0; —)" in whole
    assert "Ejemplos con contramensajes" in whole and "Contramensaje:" in whole and "[PHONE]" in whole
    assert "Notas de método" in whole and leaked(whole) == []


def test_the_report_must_be_a_pdf(isolated, tmp_path: Path):
    result = CliRunner().invoke(cli, ["report", "-o", str(tmp_path / "semana.docx")])
    assert result.exit_code != 0 and "name the file *.pdf" in result.output and "Traceback" not in result.output


def test_panorama_prepares_the_report_for_download(isolated, sqlite_store, enricher, monkeypatch):
    from streamlit.testing.v1 import AppTest

    fill(load_settings(), sqlite_store, enricher)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    app = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "ui" / "pages" / "panorama.py"),
                            default_timeout=90)
    app.session_state["user"] = {"username": "vera", "role": "viewer"}
    app.run()
    assert not app.get("download_button")
    app.button(key="report_prepare").click().run()
    assert not app.exception
    name, data = app.session_state["report_pdf"]
    assert name == "vigia-week-2026-05-07.pdf" and data.startswith(b"%PDF")
    assert len(app.get("download_button")) == 1
    text = " ".join(flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages)
    assert "Publicaciones recogidas: 7" in text


def test_a_scheduled_report_is_sent_with_its_pdf_attached(isolated, sqlite_store, enricher, monkeypatch, tmp_path,
                                                          webhook):
    import base64

    port, received = webhook
    fill(load_settings(), sqlite_store, enricher)
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    monkeypatch.setenv("VIGIA_NOTIFY_URLS", f"json://127.0.0.1:{port}/hooks/s3cr3t")
    out = tmp_path / "semana.pdf"
    result = CliRunner().invoke(cli, ["report", "--end", "2026-05-07", "--send", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "sent to 1 of 1 notify_urls" in result.output and "s3cr3t" not in result.output
    [(path, body)] = received
    assert body["title"] == "Vigía · Informe semanal, del 2026-05-01 al 2026-05-07"
    [attachment] = body["attachments"]
    assert base64.b64decode(attachment["base64"]) == out.read_bytes()
