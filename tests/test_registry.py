"""Each registered NLP component has a model card that states its version and its limits."""

import re

import pytest

from nlp.registry import REGISTRY


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_every_component_has_a_card(name: str):
    component = REGISTRY[name]
    card = component.card.read_text(encoding="utf-8")
    assert card.startswith(f"# {name}\n")
    assert re.search(rf"^Version: {re.escape(component.version)}$", card, flags=re.MULTILINE)
    for section in ("## What it does", "## Intended use", "## Limitations"):
        assert section in card

