"""Batches by token count (nlp/batching.py): every text once, in even batches of similar length, and
Encoder.embed gives each text the embedding it gets alone, in the input order."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from nlp.batching import length_batches, padded_tokens

# short and long, with emoji and accents (few characters, many tokens) and plain words (many characters, few)
TEXTS = ["🇻🇪🇻🇪🇻🇪 ¡¡¡FUERA!!! 😡😡😡",
         "Los venezolanos que llegaron a Cúcuta buscan trabajo en la construcción y en el comercio.",
         "ok",
         "Os refugiados venezuelanos em Roraima precisam de abrigo e vacinas.",
         "Haitian families crossed the Darién last week, and many more are expected before the rains.",
         "¿Y los nicas?",
         "Que se vayan todos, nos quitan el empleo y la salud pública, dicen en el grupo del barrio.",
         "migrantes",
         "Fuera los peruanos, son una plaga y basura, que los echen a todos"]


def test_batches_hold_every_position_once_sorted_by_length_and_even():
    lengths = [(7 * k) % 61 + 1 for k in range(100)]
    batches = length_batches(lengths, 32)
    assert sorted(i for batch in batches for i in batch) == list(range(100))
    assert [len(b) for b in batches] == [25, 25, 25, 25]  # not 32, 32, 32 and a short last batch of 4
    flat = [lengths[i] for batch in batches for i in batch]
    assert flat == sorted(flat)
    in_input_order = [list(range(s, min(s + 32, 100))) for s in range(0, 100, 32)]
    assert padded_tokens(lengths, batches) < padded_tokens(lengths, in_input_order)
    assert length_batches([5, 3], 32) == [[1, 0]]
    assert length_batches([], 32) == []
    with pytest.raises(ValueError, match="batch_size"):
        length_batches([1, 2], 0)


def test_token_counts_pad_less_than_character_counts(models_dir: Path):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(models_dir / "multilingual-e5-small"))
    lengths = [len(ids) for ids in tokenizer(TEXTS)["input_ids"]]
    by_characters = sorted(range(len(TEXTS)), key=lambda i: len(TEXTS[i]))
    char_batches = [by_characters[s:s + 3] for s in range(0, len(TEXTS), 3)]
    assert padded_tokens(lengths, length_batches(lengths, 3)) < padded_tokens(lengths, char_batches)


def test_embed_keeps_the_input_order_and_each_text_embeds_as_it_does_alone(models_dir: Path, tmp_path: Path):
    from nlp.classifier import embedding_cache
    from nlp.encoder import Encoder

    encoder = Encoder(models_dir / "multilingual-e5-small", precision="fp32", device="cpu")
    alone = np.stack([encoder.embed([text], max_length=32)[0] for text in TEXTS])
    batched = encoder.embed(TEXTS, batch_size=4, max_length=32)
    assert batched.shape == (len(TEXTS), encoder.dim)
    assert np.allclose(batched, alone, atol=1e-4)
    reversed_order = encoder.embed(TEXTS[::-1], batch_size=4, max_length=32)
    assert np.allclose(reversed_order[::-1], alone, atol=1e-4)
    assert encoder.embed([], max_length=32).shape == (0, encoder.dim)
    # part from the cache, part embedded now: still each text's own vector, in order
    cache = embedding_cache(tmp_path / "cache", models_dir / "multilingual-e5-small", None)
    encoder.embed(TEXTS[::3], batch_size=4, max_length=32, cache=cache)
    assert np.allclose(encoder.embed(TEXTS, batch_size=4, max_length=32, cache=cache), alone, atol=1e-4)
