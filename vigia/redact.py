"""Remove personal data from text shown to trainers or exported: e-mails, phone numbers, handles, profile links."""

from __future__ import annotations

import re

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("[EMAIL]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    # identity documents: CPF 123.456.789-09, Venezuelan cédula V-12.345.678, passports AB1234567
    ("[DOCUMENTO]", re.compile(r"\b\d{3}\.\d{3}\.\d{3}-\d{2}\b|\b[VvEe]-?\d{1,2}\.?\d{3}\.?\d{3}\b"
                               r"|\b(?:pasaporte|passaporte|passport)\s*(?:n[°ºo.]*\s*)?[A-Z]{0,3}\d{6,9}\b",
                               re.IGNORECASE)),
    ("[URL]", re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)),
    ("[USER]", re.compile(r"(?<![\w@])@[\w.]{2,30}(?:@[\w-]+(?:\.[\w-]+)+)?", re.UNICODE)),
    ("[PHONE]", re.compile(r"(?<!\w)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){2,3}(?!\w)")),
]


def redact(text: str | None) -> str | None:
    """The text with personal data replaced by placeholders such as [EMAIL] and [PHONE]."""
    if not text:
        return text
    for placeholder, pattern in PATTERNS:
        text = pattern.sub(placeholder, text)
    return text
