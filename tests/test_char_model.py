"""The one character n-gram model class: a binary model and a several-column model keep their own file formats
(those of the shipped model) and score the same after a round trip."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from nlp.char_model import CharModel

TEXTS = [f"{word} {k}" for k in range(6) for word in ("los migrantes roban", "llueve en Lima", "nos quitan trabajo",
                                                       "el partido terminó")]


def test_a_binary_model_round_trips_in_the_binary_format(tmp_path: Path):
    y = np.array([1 if "roban" in t or "quitan" in t else 0 for t in TEXTS])
    model = CharModel(seed=13).fit(TEXTS, y)
    model.save(tmp_path / "char_hate")
    assert set(json.loads((tmp_path / "char_hate.json").read_text(encoding="utf-8"))) == {"vocabulary", "intercept"}
    assert set(np.load(tmp_path / "char_hate.npz")) == {"idf", "coef"}
    loaded = CharModel.load(tmp_path / "char_hate")
    assert loaded.single and model.single
    margin = loaded.margin(TEXTS)
    assert np.allclose(margin, model.margin(TEXTS), atol=1e-5)
    assert ((margin > 0) == y.astype(bool)).all()
    assert np.array_equal(loaded.margins(TEXTS)[:, 0], margin)


def test_a_several_column_model_round_trips_and_a_column_without_positives_never_fires(tmp_path: Path):
    y = np.array([["roban" in t, "quitan" in t, False] for t in TEXTS], dtype=int)
    model = CharModel(seed=13).fit(TEXTS, y)
    model.save(tmp_path / "char_myth")
    assert set(json.loads((tmp_path / "char_myth.json").read_text(encoding="utf-8"))) == {"vocabulary"}
    assert set(np.load(tmp_path / "char_myth.npz")) == {"idf", "coef", "intercept"}
    loaded = CharModel.load(tmp_path / "char_myth")
    assert not loaded.single
    margins = loaded.margins(TEXTS)
    assert margins.shape == (len(TEXTS), 3)
    assert np.allclose(margins, model.margins(TEXTS), atol=1e-5)
    assert ((margins[:, :2] > 0) == y[:, :2].astype(bool)).all() and (margins[:, 2] < -10).all()
    with pytest.raises(ValueError, match="several outputs"):
        loaded.margin(TEXTS)
