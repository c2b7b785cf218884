"""Why a post is flagged: its cues, and occlusion with the real tiny classifier of tests/test_models.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import incoming
from nlp.explain import occlude, positive_scores, without, word_spans
from vigia.cli.main import cli
from vigia.ingest.pipeline import Pipeline

SLUR_POST = "Fuera venecos, son una plaga"


@pytest.fixture(scope="module")
def classifier(trained: Path, models_dir: Path):  # noqa: F811
    from nlp.classifier import Classifier

    return Classifier(trained, models_dir / "multilingual-e5-small")


@pytest.fixture
def with_model(trained: Path, models_dir: Path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("VIGIA_MODELS_DIR", str(models_dir))
    monkeypatch.setenv("VIGIA_CLASSIFIER_DIR", str(trained))


def vigia(*args: str, ok: bool = True) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def test_words_are_distinct_capped_and_cut_out_cleanly():
    spans = word_spans("Fuera, fuera los venecos; FUERA ya", max_words=40)
    assert list(spans) == ["fuera", "los", "venecos", "ya"]
    assert len(spans["fuera"]) == 3  # every occurrence goes together
    assert without("Fuera, fuera los venecos; FUERA ya", spans["fuera"]) == ", los venecos; ya"
    many = " ".join(f"palabra{i}" for i in range(60)) + " palabra0"
    assert list(word_spans(many, max_words=40)) == [f"palabra{i}" for i in range(40)]
    assert len(word_spans(many, max_words=40)["palabra0"]) == 2


def test_drops_are_what_rescoring_the_text_without_the_word_gives(classifier):
    result = occlude(classifier, SLUR_POST)
    assert set(result) == {"hate", "migration"}
    assert result["hate"].label == "hateful" and result["migration"].label == "migration"
    for occlusion in result.values():
        assert [w.drop for w in occlusion.words] == sorted((w.drop for w in occlusion.words), reverse=True)
        assert sorted(w.word.casefold() for w in occlusion.words) == sorted(word_spans(SLUR_POST))
    migration = result["migration"]
    assert migration.words[0].drop > 0.5  # the tiny model's hate score is saturated; its migration score is not
    for word in migration.words[:3] + migration.words[-1:]:
        alone = positive_scores(classifier, [SLUR_POST, without(SLUR_POST, word.spans)], ["migration"])
        assert alone["migration"][0] == pytest.approx(migration.score, abs=2e-3)
        assert alone["migration"][0] - alone["migration"][1] == pytest.approx(word.drop, abs=2e-3)


def test_the_group_word_holds_up_the_migration_score(classifier):
    migration = occlude(classifier, "Los venezolanos son una plaga", tasks=["migration"])["migration"]
    assert migration.words[0].word == "venezolanos" and migration.words[0].drop > 0.5
    assert all(w.drop > 0 for w in migration.top(10)) and len(migration.top(10)) < len(migration.words)
    assert occlude(classifier, "   ") == {}
    assert set(occlude(classifier, SLUR_POST, tasks=["hate", "frame"])) == {"hate"}


def test_explaining_a_stored_post_gives_its_cues_and_top_words(with_model, settings, sqlite_store, enricher,
                                                               monkeypatch):
    from vigia.analysis.explain import explain_post

    record = incoming(native_id="7", text=SLUR_POST, url=None)
    Pipeline(settings, sqlite_store, enricher, collector="test").process([("r7", record)])
    monkeypatch.setenv("VIGIA_STORE_URL", f"sqlite://{sqlite_store.path}")
    post = sqlite_store.get("mastodon:7")
    explanation = explain_post(settings, post, top=3)
    assert {(c.kind, c.text, c.group) for c in explanation.cues} >= {("slur", "venecos", "venezuelans")}
    assert explanation.note is None and set(explanation.tasks) == {"hate", "migration"}
    migration = explanation.tasks["migration"]
    assert len(migration.words) == 3 and all(w.drop > 0 for w in migration.words)

    out = vigia("explain", "--post", "mastodon:7", "--top", "2")
    assert "slur" in out and "'venecos' (group venezuelans" in out
    assert "model: vigia-xeno-e5 v1" in out and explanation.model == "vigia-xeno-e5 v1"
    assert f"migration: migration {migration.score:.2f}; words whose removal lowers it most:" in out
    assert f"  {migration.words[0].word:<20} -{migration.words[0].drop:.3f}" in out
    assert len(out.split("migration: migration")[1].strip().splitlines()) == 3  # its line and --top 2 words


def test_without_a_model_only_the_cues_explain_and_the_cli_says_why(settings):
    from vigia.analysis.explain import explain_text

    assert explain_text(settings, "", cues=[]).note == "the post has no text left to explain"
    out = vigia("explain", "Los venecos llegaron a Cúcuta")
    assert "slur" in out and "'venecos' (group venezuelans" in out
    assert "note: no classifier: only the cues explain this text; the encoder is not bootstrapped" in out
    assert "model:" not in out
    assert "hate:" not in out


def test_explain_needs_exactly_one_of_text_or_post():
    assert "give either a TEXT or --post ID" in vigia("explain", ok=False)
    assert "give either a TEXT or --post ID" in vigia("explain", "hola", "--post", "x:1", ok=False)
    assert "no post with id 'x:404'" in vigia("explain", "--post", "x:404", ok=False)
