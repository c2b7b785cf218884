"""Redaction of personal data on realistic Spanish, Portuguese and English text."""

import pytest

from vigia.redact import redact


@pytest.mark.parametrize("text,gone,kept", [
    ("Escríbanle a maria.lopez@example.org o al +57 310 555 0147, vive en Cúcuta",
     ["maria.lopez@example.org", "310 555 0147"], ["Cúcuta", "[EMAIL]", "[PHONE]"]),
    ("La cédula V-12.345.678 de este veneco, búsquenlo @carlos_ve",
     ["12.345.678", "@carlos_ve"], ["[DOCUMENTO]", "[USER]"]),
    ("O CPF dele é 123.456.789-09, liguem (95) 98555-0147 em Boa Vista",
     ["123.456.789-09", "98555-0147"], ["Boa Vista", "[DOCUMENTO]"]),
    ("Call him on (555) 010-4477, passport A12345678, see https://facebook.com/some.person",
     ["010-4477", "A12345678", "facebook.com/some.person"], ["[URL]"]),
    ("@ana@mastodon.example dice que llegaron 17,5 millones de migrantes en 2024",
     ["@ana@mastodon.example"], ["17,5 millones", "2024"]),
])
def test_personal_data_is_replaced_and_figures_stay(text, gone, kept):
    out = redact(text)
    assert all(g not in out for g in gone), out
    assert all(k in out for k in kept), out
