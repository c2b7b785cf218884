"""Small text helpers shared across Vigía."""

import unicodedata


def fold(text: str) -> str:
    """Lowercase without diacritics: 'Haïtiens MIGRACIÓN' -> 'haitiens migracion'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
