"""`vigia terms` on a file, on standard input and on a URL served over real HTTP (recorded-style pages written for
Vigía, tests/data/terms/); its one-line errors; and the counts per outlet and month over stored news, on SQLite
and on the real Elasticsearch node."""

from __future__ import annotations

import csv
import io
import json
import socket
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import incoming
from recorded import started
from stores import ElasticNode
from vigia.cli.main import cli
from vigia.counter.term_counts import count_terms
from vigia.counter.terminology import load_checker
from vigia.ingest.pipeline import Pipeline
from vigia.settings import load_settings, user_agent
from vigia.store import Filters, open_store

ARTICLE = ("La alcaldía informó que llegaron más familias. Un concejal habló de una «oleada» de ilegales, "
           "y la oposición pidió no hablar de invasión. Las organizaciones piden regularizar.")


@pytest.fixture
def web():
    yield from started("terms")


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["terms", *args], input=stdin)


def one_line_error(result, *parts: str) -> None:
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "Traceback" not in result.output, result.output
    for part in parts:
        assert part in lines[0], lines[0]


def test_a_text_file_is_listed_as_a_table_with_context_advice_source_and_score(tmp_path: Path):
    path = tmp_path / "nota.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(str(path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "language: es (identified); 27 words" in out  # the article's 27 words
    assert f"score: {3 * 1000 / 27:.2f} terms per 1,000 words (3 found; 1 inside quotation marks" in out
    assert out.index("oleada") < out.index("ilegales") < out.index("invasión")
    assert "context: …llegaron más familias. Un concejal habló de una «[oleada]» de ilegales," in out  # 8 words
    assert "instead: migrantes en situación irregular; personas indocumentadas; personas en movilidad" in out
    assert "source: Irregular migration" in out and "migrationdataportal.org" in out
    assert "source: «Crisis migratoria», expresión adecuada. Fundéu Argentina (FIILE)" in out  # invasión's own
    nosource = run("-", stdin="Le dijeron perucho en la calle.".encode("utf-8"))
    assert "note: No source in the library yet." in nosource.output  # perucho has none: said, not invented


def test_standard_input_as_json_and_an_html_file_read_for_its_article(tmp_path: Path):
    result = run("-", "--json", "--context", "3", stdin=ARTICLE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["source"] == "-" and data["terms"] == 3 and data["quoted"] == 1
    assert data["score"] == round(3 * 1000 / data["words"], 2) and "per 1,000 words" in data["score_unit"]
    assert data["by_entry"] == {"disaster-metaphors": 1, "illegal": 1, "invasion": 1}
    first = data["hits"][0]
    assert (first["found"], first["kind"], first["language"], first["quoted"]) == (
        "oleada", "stigmatizing_term", "es", True)
    assert first["context"] == "habló de una «[oleada]» de ilegales, y"  # three words each side

    page = (Path(__file__).parent / "data" / "terms" / "articulo-terminos.html").read_bytes()
    saved = tmp_path / "articulo.html"
    saved.write_bytes(page)
    data = json.loads(run(str(saved), "--json").output)
    assert data["title"] == "Más controles en la frontera norte" and data["language"] == "es"
    # the article's ilegales and falsos refugiados; the menu's and the footer's "ilegales" are not the article
    assert [h["found"] for h in data["hits"]] == ["avalancha", "ilegales", "falsos refugiados"]


def test_a_url_is_fetched_with_the_collectors_user_agent_and_extracted(web, isolated: Path):
    result = run(f"{web.base}/2026/05/frontera-norte")
    assert result.exit_code == 0, result.output
    assert f"{web.base}/2026/05/frontera-norte — Más controles en la frontera norte" in result.output
    assert "language: es (the page's <html lang>)" in result.output
    assert "falsos refugiados — glossary: false-refugee" in result.output
    assert web.asked("/2026/05/frontera-norte")[0].headers["User-Agent"] == user_agent(load_settings())

    french = json.loads(run(f"{web.base}/fr/2026/05/arrivees", "--json").output)  # Latin-1, declared in the page
    assert [(h["found"], h["quoted"]) for h in french["hits"]] == [("submersion migratoire", True),
                                                                 ("clandestins", False)]
    assert "élu local" in french["hits"][0]["context"] and french["hits"][0]["alternatives"] == ["hausse des arrivées"]
    assert web.unmatched == []


def test_errors_are_one_line(web, tmp_path: Path):
    one_line_error(run(f"{web.base}/2026/05/privado"), "the server answered 403")
    one_line_error(run(f"{web.base}/2026/05/vacio"), "empty text: no article text found in the page")
    one_line_error(run(f"{web.base}/2026/05/mezcla"), "unknown encoding")
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    one_line_error(run(f"http://127.0.0.1:{closed}/nota"), "unreachable")
    empty = tmp_path / "vacia.txt"
    empty.write_text(" \n", encoding="utf-8")
    one_line_error(run(str(empty)), "vacia.txt: empty text")
    one_line_error(run("-", stdin=b""), "-: empty text")
    one_line_error(run(str(tmp_path / "nada.txt")), "nada.txt: no such file")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(ARTICLE.encode("latin-1"))
    one_line_error(run(str(latin), "--encoding", "klingon"), "unknown encoding 'klingon'")
    assert "invasión" in run(str(latin), "--encoding", "latin-1").output  # and read when told
    assert "invasión" in run(str(latin)).output  # or detected
    usage = run()
    assert usage.exit_code == 2 and "give FILE|URL|- or --corpus" in usage.output


# --- over the collected news --------------------------------------------------------------------------------


NEWS = [  # (outlet, day, title, text): synthetic articles written for this test
    ("Diario Uno", "2026-03-04", "Llegan familias", "Llegaron familias a Cúcuta. El alcalde habló de ilegales y de "
                                                    "una avalancha en la frontera."),
    ("Diario Uno", "2026-03-20", "Feria de empleo", "Una feria de empleo reunió a personas migrantes y a empresas "
                                                    "de la ciudad, que buscan contratar."),
    ("Diario Uno", "2026-04-02", "Invasión, dicen", "Un concejal habló de invasión en la sesión del concejo "
                                                    "municipal de ayer por la tarde."),
    ("Jornal Dois", "2026-03-15", "Chegadas em Roraima", "Chegaram mais venezuelanos a Boa Vista; um vereador "
                                                        "falou em invasão e chamou-os de ilegais."),
]


def fill(settings, store, enricher) -> None:
    records = [incoming(platform="news", native_id=None, source=outlet, title=title, text=text, author_handle=None,
                        url=f"https://news.example/{i}", created_at=f"{day}T12:00:00Z", language=None)
               for i, (outlet, day, title, text) in enumerate(NEWS)]
    records.append(incoming(native_id="m1", text="Los ilegales, dice un post que no es noticia."))
    Pipeline(settings, store, enricher, collector="test").process([(f"r{i}", r) for i, r in enumerate(records)])


def check_rows(rows: list[dict]) -> None:
    assert [(r["outlet"], r["month"], r["articles"], r["articles_with_terms"], r["terms"]) for r in rows] == [
        ("Diario Uno", "2026-03", 2, 1, 2), ("Diario Uno", "2026-04", 1, 1, 2), ("Jornal Dois", "2026-03", 1, 1, 2)]
    assert rows[0]["by_entry"] == {"disaster-metaphors": 1, "illegal": 1}
    assert rows[1]["by_entry"] == {"invasion": 2}  # the title is read too
    assert rows[2]["by_entry"] == {"illegal": 1, "invasion": 1}
    for row in rows:
        assert row["per_1000_words"] == round(row["terms"] * 1000 / row["words"], 2)


def test_corpus_counts_per_outlet_and_month_on_sqlite(settings, sqlite_store, enricher):
    fill(settings, sqlite_store, enricher)
    url = f"sqlite://{sqlite_store.path}"
    data = json.loads(run("--corpus", "--json", "--store", url).output)
    check_rows(data["rows"])
    table = run("--corpus", "--store", url).output
    assert "Diario Uno" in table and "Jornal Dois" in table and "4 articles, 6 terms, 2 outlets" in table
    rows = list(csv.DictReader(io.StringIO(run("--corpus", "--csv", "--source", "Jornal Dois", "--store", url).output)))
    assert [(r["outlet"], r["month"], r["terms"], r["by_entry"]) for r in rows] == [
        ("Jornal Dois", "2026-03", "2", "illegal:1; invasion:1")]
    since = json.loads(run("--corpus", "--json", "--since", "2026-04-01", "--store", url).output)["rows"]
    assert [(r["outlet"], r["month"]) for r in since] == [("Diario Uno", "2026-04")]
    assert "no news articles" in run("--corpus", "--source", "Nadie", "--store", url).output
    assert run("nota.txt", "--source", "x").exit_code == 2  # --source goes with --corpus


def test_corpus_counts_on_elasticsearch(settings, enricher):
    url = f"{ElasticNode.get()}/t{uuid.uuid4().hex[:12]}"  # a new corpus on the suite's real node
    store = open_store(url)
    try:
        fill(settings, store, enricher)
        check_rows([r.to_dict() for r in count_terms(store, load_checker(settings), Filters())])
        check_rows(json.loads(run("--corpus", "--json", "--store", url).output)["rows"])
        only = count_terms(store, load_checker(settings), Filters(sources=["Diario Uno"]))
        assert {r.outlet for r in only} == {"Diario Uno"}
    finally:
        store.close()
