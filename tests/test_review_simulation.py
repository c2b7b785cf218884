"""`vigia models simulate-reviews` on a miniature of the Chilean set written for the test (synthetic tweets in the
corpus' own CSV layout): the curves have the expected shape, both strategies are there, and an absent corpus is
one clear line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
from click.testing import CliRunner

from vigia.cli.main import cli

DATASETS = Path(__file__).resolve().parent / "data" / "datasets"
HATE = ["Fuera los {g} de Chile, son una plaga", "Los {g} son basura, que se vayan", "Echen a todos los {g}, lacras"]
MIGRATION = ["Llegaron {g} a Arica buscando trabajo", "Los {g} abrieron un local en Santiago",
             "Un informe sobre los {g} que viven en Iquique"]
OTHER = ["El partido de la Roja terminó empatado", "Mañana llueve en Valparaíso", "Qué rico el completo de hoy",
         "El metro de Santiago anda lento", "Se viene el 18 con empanadas"]
GROUPS = ["peruanos", "venezolanos", "haitianos", "bolivianos", "colombianos"]
COLUMNS = ["", "tweet_id", "author_id", "conversation_id", "text", "Odio", "Mujeres", "Comunidad LGBTQ+",
           "Comunidades Migrantes", "Pueblos Originarios"]


def write_chile(root: Path) -> None:
    """A miniature chile-datathon2022 folder: votes of three annotators in train, 0/1 in test."""
    folder = root / "chile-datathon2022"
    folder.mkdir(parents=True)
    items = [(t.format(g=g), 1, 1) for t in HATE for g in GROUPS] + [
        (t.format(g=g), 0, 1) for t in MIGRATION for g in GROUPS] + [(f"{t} ({k})", 0, 0) for t in OTHER
                                                                     for k in range(5)]
    for name, votes, start in (("tweets_train.csv", 3, 0), ("tweets_test.csv", 1, 1)):
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            for k, (text, hate, migrant) in enumerate(items[start::2]):
                author = f"a_{name[7:11]}_{k}"
                writer.writerow([k, 10_000 * start + k, author, "()", f"{text} #{k}", hate * votes, 0, 0,
                                 migrant * votes, 0])


def vigia(*args: str, ok: bool = True, env: dict | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)
    assert (result.exit_code == 0) == ok, result.output
    return result.output


def test_learning_curves_of_active_and_random_review(trained: Path, models_dir: Path, tmp_path: Path):
    write_chile(tmp_path / "datasets")
    env = {"VIGIA_MODELS_DIR": str(models_dir), "VIGIA_DATASETS_DIR": str(tmp_path / "datasets")}
    out = vigia("models", "simulate-reviews", "--model", str(trained), "--batch", "5", "--rounds", "4", "--seeds",
                "2", "--output-dir", str(tmp_path / "card"), env=env)
    assert "active" in out and "random" in out and out.count("\n") == 1
    figures = json.loads((tmp_path / "card" / "REVIEW-SIMULATION.json").read_text())
    assert set(figures["curves"]) == {"hate", "migration"}
    for task, curves in figures["curves"].items():
        assert set(curves) == {"active", "random"}
        for curve in curves.values():
            assert curve["reviews"] == [5, 10, 15, 20]
            assert all(0 <= lo <= m <= hi <= 1 for lo, m, hi in zip(curve["low"], curve["mean"], curve["high"]))
        assert 0 <= figures["in_use_macro_f1"][task] <= 1
    table = (tmp_path / "card" / "REVIEW-SIMULATION.md").read_text()
    assert table.count("| 20 |") == 2 and "### hate" in table and "### migration" in table
    assert (tmp_path / "card" / "review-simulation.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for text in HATE + MIGRATION + OTHER:  # figures only: no tweet in what the card receives
        assert text.split("{")[0][:20] not in table


def test_a_run_is_reproducible_and_random_review_uses_the_pool_uniformly():
    from nlp.review_simulation import run, simulate

    rng = np.random.default_rng(0)
    y = (rng.random(600) < 0.3).astype(int)
    x = rng.normal(size=(600, 8)) + y[:, None] * 0.8
    pool, test = slice(0, 400), slice(400, 600)
    first = simulate(x[pool], y[pool], x[test], y[test], batch=50, rounds=5, seeds=(0, 1))
    again = simulate(x[pool], y[pool], x[test], y[test], batch=50, rounds=5, seeds=(0, 1))
    assert first["active"].f1 == again["active"].f1 and first["random"].f1 == again["random"].f1
    assert first["random"].reviews == [50, 100, 150, 200, 250] and len(first["active"].f1) == 2
    counts, scores = run(x[pool], y[pool], x[test], y[test], "random", 0, batch=150, rounds=5)
    assert counts == [150, 300, 400]  # the pool runs out
    assert scores[-1] > 0.6  # a separable signal is learned


def test_an_absent_corpus_is_one_clear_line(tmp_path: Path):
    out = vigia("models", "simulate-reviews", ok=False, env={"VIGIA_DATASETS_DIR": str(tmp_path / "nothing")})
    assert out.count("\n") == 1 and "the Chilean set is not in" in out and "Traceback" not in out
