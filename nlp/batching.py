"""Batches of tokenized texts with little padding: sorted by token count, split into batches of even size.

A batch runs as long as its longest text, so the encoder's work is (texts in the batch) × (longest of them).
Sorting by the tokenizer's own count (not by characters: emoji, accents and truncation make characters a poor
guide) puts texts of the same length together; splitting the sorted texts into ⌈n / batch_size⌉ batches of
even size, rather than full batches and a short last one, keeps the last batch from spanning a wide range.
"""

from __future__ import annotations

import math


def length_batches(lengths: list[int], batch_size: int) -> list[list[int]]:
    """The positions of `lengths` in batches of at most `batch_size`, shortest first; every position once."""
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    count = math.ceil(len(order) / batch_size)
    if not count:
        return []
    bounds = [round(k * len(order) / count) for k in range(count + 1)]
    return [order[bounds[k]:bounds[k + 1]] for k in range(count)]


def padded_tokens(lengths: list[int], batches: list[list[int]]) -> int:
    """Tokens the encoder runs over for these batches, padding included."""
    return sum(len(batch) * max(lengths[i] for i in batch) for batch in batches if batch)
