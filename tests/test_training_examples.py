"""Training examples: found in a real store, redacted, paired with the counter library, exported as PDF and PNG."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from conftest import incoming
from vigia.cli.main import cli
from vigia.counter.library import load_library
from vigia.counter.packs import load_packs
from vigia.counter.training_examples import Gallery, redact_post_text, slide_text, write_pdf, write_slides
from vigia.exports.registry import ExportRegistry
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings

HATEFUL = [{"task": "hate", "label": "hateful", "score": 0.94, "model": "test-xeno", "model_version": "1"},
           {"task": "migration", "label": "migration", "score": 0.97, "model": "test-xeno", "model_version": "1"}]
BENIGN = [{"task": "hate", "label": "not_hateful", "score": 0.9, "model": "test-xeno", "model_version": "1"},
          {"task": "migration", "label": "migration", "score": 0.95, "model": "test-xeno", "model_version": "1"}]

RECORDS = [
    incoming(native_id="cuc-1", platform="x", url="https://x.com/patriota_co/status/1", author_handle="@patriota_co",
             country="CO", created_at="2026-05-02T14:00:00-05:00", myths=["crime_insecurity"],
             targets=["venezuelans"], labels=HATEFUL, engagement={"likes": 120, "shares": 40}, synthetic=True,
             text="Desde que llegaron los venezolanos hay más robos en Cúcuta. @vecino_alerta lo vio todo, llamen "
                  "al +57 300 555 1234 o escriban a denuncias.cucuta@gmail.com https://t.co/Xy12abc — sígueme, "
                  "soy patriota_co en todas las redes"),
    # the same text shared again: one example, not two
    incoming(native_id="cuc-2", platform="x", url="https://x.com/otro_usuario/status/2", author_handle="@otro_usuario",
             country="CO", created_at="2026-05-02T16:00:00-05:00", myths=["crime_insecurity"],
             targets=["venezuelans"], labels=HATEFUL, engagement={"likes": 5},
             text="RT @patriota_co: Desde que llegaron los venezolanos hay más robos en Cúcuta. @vecino_alerta lo "
                  "vio todo, llamen al +57 300 555 1234 o escriban a denuncias.cucuta@gmail.com https://t.co/Xy12abc "
                  "— sígueme, soy patriota_co en todas las redes"),
    incoming(native_id="bv-1", platform="telegram", url=None, author_handle="@bv_alerta", country="BR",
             created_at="2026-05-03T09:30:00-03:00", myths=["crime_insecurity"], targets=["venezuelans"],
             engagement={"likes": 80}, language="pt",
             text="Os venezuelanos vêm para roubar em Boa Vista. Meu nome é João da Silva e fui assaltado, falem "
                  "comigo no (95) 98123-4567 ou joao.silva@hotmail.com, veja www.exemplo.com.br/denuncia"),
    incoming(native_id=None, platform="news", source="diario.example", url="https://diario.example/2026/05/robos",
             author_handle=None, country="PE", created_at="2026-05-04T08:00:00-05:00", myths=["crime_insecurity"],
             targets=["venezuelans"], engagement={"shares": 30}, title="Ola de robos en Lima",
             text="El Sr. Ramírez, vecino de San Juan de Lurigancho, culpa a los extranjeros de la inseguridad."),
    incoming(native_id="scl-1", platform="x", url="https://x.com/empleo_cl/status/3", author_handle="@empleo_cl",
             country="CL", created_at="2026-05-05T10:00:00-04:00", myths=["jobs_wages"], targets=["haitians"],
             labels=HATEFUL, engagement={"likes": 200},
             text="Los haitianos nos quitan el trabajo en Santiago, pregunten a @empleo_chile por los despidos"),
    incoming(native_id="lim-1", platform="reddit", url="https://reddit.com/r/peru/comments/4", author_handle="u_lima",
             country="PE", created_at="2026-05-06T10:00:00-05:00", targets=["venezuelans"], labels=BENIGN,
             engagement={"likes": 500}, text="Solidaridad con los venezolanos que trabajan en Lima"),
    incoming(native_id="lim-2", platform="x", url="https://x.com/juanp_lima/status/5", author_handle="@juanp_lima",
             country="PE", created_at="2026-05-07T10:00:00-05:00", targets=["venezuelans"], labels=HATEFUL,
             engagement={"likes": 300}, text="Fuera los venezolanos de mi barrio, escríbanme a juanp@correo.pe"),
]
SECRETS = ["@vecino_alerta", "vecino_alerta", "patriota_co", "+57 300 555 1234", "300 555 1234",
           "denuncias.cucuta@gmail.com", "https://t.co/Xy12abc", "t.co/", "João da Silva", "98123-4567",
           "joao.silva@hotmail.com", "www.exemplo.com.br", "Ramírez", "@empleo_chile", "empleo_cl", "juanp",
           "x.com", "reddit.com", "bv_alerta", "otro_usuario"]
CRIME = "crime_insecurity"


def fill(settings, store, enricher) -> None:
    summary = Pipeline(settings, store, enricher, collector="test").process(
        [(f"r{i}", record) for i, record in enumerate(RECORDS)])
    assert summary.new == len(RECORDS), summary.line()


@pytest.fixture
def keeps_handles(isolated, monkeypatch):
    monkeypatch.setenv("VIGIA_KEEP_RAW_AUTHORS", "true")  # the harder case: the raw handle is in the store
    return load_settings()


@pytest.fixture
def filled(keeps_handles, sqlite_store, enricher):
    fill(keeps_handles, sqlite_store, enricher)
    return sqlite_store


@pytest.fixture(scope="module")
def library():
    return load_library()


def flat(text: str) -> str:
    return " ".join(text.split())


def leaked(text: str) -> list[str]:
    text = flat(text)
    return [secret for secret in SECRETS if secret.casefold() in text.casefold()]


def test_examples_of_a_myth_are_engaged_first_distinct_redacted_and_answered(keeps_handles, filled, library):
    found = Gallery(keeps_handles).examples(filled, myth=CRIME, language="es", limit=10)
    assert [e.id for e in found] == ["x:cuc-1", "telegram:bv-1", next(e.id for e in found if e.platform == "news")]
    first, brazil, news = found
    assert first.text.startswith("Desde que llegaron los venezolanos hay más robos en Cúcuta. [USER] lo vio todo")
    assert "[PHONE]" in first.text and "[EMAIL]" in first.text and "[URL]" in first.text
    assert "soy [USER] en todas las redes" in first.text  # the author's bare handle too
    assert "Meu nome é [NAME] e fui assaltado" in brazil.text
    assert news.text.startswith("El Sr. [NAME], vecino")
    assert news.url == "https://diario.example/2026/05/robos" and first.url is None and brazil.url is None
    assert leaked(json.dumps([asdict(e) for e in found], default=str, ensure_ascii=False)) == []
    for example in found:
        assert example.myth_names == ["Los migrantes traen delincuencia"]
        assert len(example.responses) == 3 and {r.myth for r in example.responses} == {CRIME}
        assert all(r.citations and all("http" in c for c in r.citations) for r in example.responses)
    # each post is answered for its own country, language and target group (the handout's words stay Spanish)
    colombia = next(n for n in load_packs(library)["colombia"].narratives if n.id == "crime-venezuelans")
    assert first.responses[0].text == colombia.replies["es"][0].text
    assert first.responses[0].why == "Colombia · es · venezolanos"
    peru = next(n for n in load_packs(library)["peru"].narratives if n.id == "crime-venezuelans")
    assert news.responses[0].text == peru.replies["es"][0].text
    assert news.responses[0].why == "Perú · es · venezolanos"
    portuguese = {r.text for r in library.block(CRIME, "pt").responses}
    assert {r.text for r in brazil.responses} <= portuguese  # a Portuguese post gets Portuguese replies
    assert {r.why for r in brazil.responses} == {"biblioteca general · pt"}
    assert first.synthetic and not brazil.synthetic
    assert first.target_names == ["venezolanos"] and first.country == "CO" and first.date == "2026-05-02"


def test_examples_of_a_target_hold_xenophobic_posts_and_leave_benign_ones_out(keeps_handles, filled):
    found = Gallery(keeps_handles).examples(filled, target="venezuelans", language="pt", limit=10)
    ids = [e.id for e in found]
    assert "reddit:lim-1" not in ids  # about migration, but neither a myth nor hateful
    assert ids[0] == "x:lim-2" and found[0].xenophobic and found[0].responses == []
    assert found[0].text == "Fuera los venezolanos de mi barrio, escríbanme a [EMAIL]"
    crime = next(e for e in found if e.id == "x:cuc-1")
    assert crime.myth_names == ["Os migrantes trazem criminalidade"]  # the handout's words in Portuguese...
    assert crime.responses[0].text.startswith("En Colombia")  # ...the replies in the post's language
    assert crime.responses[0].why == "Colômbia · es · venezuelanos"


def test_a_second_myth_is_answered_too_in_the_choosers_order(keeps_handles, filled, library):
    stored = filled.get("x:scl-1")
    post = stored.model_copy(update={"myths": ["jobs_wages", CRIME],  # the post's tags, not the baseline's label
                                     "labels": [lab for lab in stored.labels if lab.task != "myth"]})
    gallery = Gallery(keeps_handles)
    example = gallery.example(post, "en", lead_myth=CRIME)
    assert example.myths == [CRIME, "jobs_wages"]
    chosen = gallery.responder.suggest_post(post, limit=3).responses
    assert [r.text for r in example.responses] == [r.text for r in chosen] and len(chosen) == 3
    # Chile has no Spanish reply on jobs: its crime reply (Chile, es) comes before the general library
    assert example.responses[0].why == "Chile · es · Venezuelans" and example.responses[0].myth == CRIME
    assert {r.myth for r in example.responses[1:]} <= {CRIME, "jobs_wages"}
    assert all(r.why == "general library · es" for r in example.responses[1:])


def test_names_introduced_as_names_are_redacted_and_other_words_kept(filled):
    post = filled.get("x:cuc-1")
    assert redact_post_text("La señora Marta Gómez, de Lima, y mi nombre es Pedro; la inseguridad sube.", post) == \
        "La señora [NAME], de Lima, y mi nombre es [NAME]; la inseguridad sube."
    assert redact_post_text("Los venezolanos en Cúcuta", post) == "Los venezolanos en Cúcuta"


def test_the_pdf_has_one_example_per_page_without_personal_data(keeps_handles, filled, library):
    found = Gallery(keeps_handles).examples(filled, myth=CRIME, language="es", limit=3)
    pdf = write_pdf(found, "es")
    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    pages = [flat(page.extract_text()) for page in reader.pages]
    whole = " ".join(pages)
    assert leaked(whole) == []
    starts = [i for i, text in enumerate(pages) if "Mito: Los migrantes traen delincuencia" in text]
    assert len(starts) == 3  # each example opens its own page
    for start, example in zip(starts, found):
        assert f"Fecha: {example.date}" in pages[start] and f"País: {example.country}" in pages[start]
    assert "Texto anonimizado" in pages[0] and "sintética" in pages[0]
    assert "sintética" not in pages[starts[1]]
    chosen = found[0].responses[0]
    assert flat(chosen.text)[:60] in whole and "Elegida para: Colombia · es · venezolanos" in whole
    assert "[PHONE]" in whole and "https://diario.example/2026/05/robos" in whole
    assert "RCN Radio" in whole  # the chosen reply's source


def test_slides_are_full_hd_pngs_drawn_from_redacted_text(keeps_handles, filled):
    found = Gallery(keeps_handles).examples(filled, target="venezuelans", language="en", limit=4)
    archive = zipfile.ZipFile(io.BytesIO(write_slides(found, "en")))
    names = archive.namelist()
    assert names == [f"ejemplo-{i:02d}.png" for i in range(1, len(found) + 1)] and len(found) == 4
    for name in names:
        image = Image.open(io.BytesIO(archive.read(name)))
        assert image.format == "PNG" and image.size == (1920, 1080)
    drawn = [slide_text(example, "en") for example in found]
    assert leaked(json.dumps(drawn, ensure_ascii=False)) == []
    assert drawn[0]["response"].startswith("The post carries no myth")
    answered = next(d for d, e in zip(drawn, found) if e.responses)
    assert answered["citations"] and answered["response"] in {r.text for e in found for r in e.responses}
    assert "Redacted text" in drawn[0]["footer"]


def test_cli_writes_pdf_and_zip_and_audits_them(keeps_handles, filled, isolated, tmp_path: Path):
    store = f"sqlite://{filled.path}"

    def vigia(*args: str) -> object:
        return CliRunner().invoke(cli, ["examples", "--store", store, *args])

    result = vigia("--myth", CRIME, "--limit", "2", "-o", str(tmp_path / "out" / "crime.pdf"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "crime.pdf").read_bytes().startswith(b"%PDF")
    assert "2 redacted examples written" in result.output
    result = vigia("--myth", CRIME, "--target", "venezuelans", "--language", "pt", "-o", str(tmp_path / "s.zip"))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "s.zip") as archive:
        assert len(archive.namelist()) == 3
    audit = [json.loads(line) for line in (isolated / "audit.jsonl").read_text().splitlines()]
    assert [(a["action"], a["format"], a["posts"]) for a in audit] == [("training_examples", "pdf", 2),
                                                                         ("training_examples", "zip", 3)]
    assert audit[1]["selection"]["target"] == "venezuelans" and audit[0]["path"].endswith("crime.pdf")
    assert set(ExportRegistry(isolated).containing({"x:cuc-1"})) == {a["export_id"] for a in audit}

    bad = vigia("--myth", "aliens", "-o", str(tmp_path / "x.pdf"))
    assert bad.exit_code != 0 and "unknown myth 'aliens'" in bad.output
    bad = vigia("--myth", CRIME, "-o", str(tmp_path / "x.docx"))
    assert bad.exit_code != 0 and "must end in .pdf" in bad.output
    bad = vigia("-o", str(tmp_path / "x.pdf"))
    assert bad.exit_code != 0 and "give --myth, --target or both" in bad.output
    assert not re.search(r"x\.(pdf|docx)", " ".join(p.name for p in tmp_path.iterdir()))


def test_the_pdf_embeds_an_emoji_font_and_leaves_source_lines_unjustified():
    from datetime import datetime, timezone

    from vigia.counter.training_examples import Example, PairedResponse
    citation = ("OIM, Informe sobre las migraciones en el mundo 2024, "
                "https://publications.iom.int/es/books/informe-sobre-las-migraciones-en-el-mundo-2024-capitulo-3")
    example = Example(id="x:1", text="Fuera de aquí 😡🚫 que se vayan 👉 ya", title=None,
                      created_at=datetime(2026, 5, 2, tzinfo=timezone.utc), platform="x", country="CO",
                      language="es", url=None, myths=[CRIME], myth_names=["Delincuencia"], targets=[],
                      target_names=[], engagement=3, xenophobic=True, synthetic=True,
                      responses=[PairedResponse(CRIME, "Delincuencia", "social", "Los datos no lo muestran 🙂",
                                                [citation, citation])])
    reader = PdfReader(io.BytesIO(write_pdf([example], "es")))
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("Symbola" in name for name in fonts), fonts
    whole = reader.pages[0].extract_text()
    assert "😡" in whole and "🚫" in whole and "🙂" in whole
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert b" Tj" in content and b"] TJ" not in content  # no word-spacing arrays: nothing is justified
