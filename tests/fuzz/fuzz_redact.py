"""libFuzzer (atheris) harness for vigia.privacy.redact: texts built from names, cues, public figures, places and fuzzed
Unicode.

Run: .venv/bin/python tests/fuzz/fuzz_redact.py -runs=100000 (no -runs: until stopped). It checks what the
hand-written cases in tests/test_redact.py cannot cover: whatever surrounds them, redaction never fails, is
idempotent (an export redacted twice is the same), keeps a public figure written between spaces, removes a name
given after "me llamo", and stays fast (libFuzzer's -timeout catches a pathological regular expression).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["vigia"]):
    from vigia.privacy.redact import NAME_PLACEHOLDER, redact

GIVEN = ["José", "Maria", "Jean-Baptiste", "Yusmary", "Jose", "Ana", "João", "Michael", "Santiago", "Rosario"]
SURNAMES = ["Pérez", "da Silva", "Joseph", "Quintero", "O'Connor", "de la Cruz Martínez", "Rangel", "Gómez Peña"]
FIGURES = ["Nicolás Maduro", "Gabriel Boric", "Lula", "Javier Milei", "Dina Boluarte", "Nayib Bukele",
           "Luiz Inácio Lula da Silva", "Simón Bolívar", "María Corina Machado"]
PIECES = [*GIVEN, *SURNAMES, *FIGURES, "me llamo", "mi vecina", "la señora", "Don", "doña", "o senhor",
          "meu nome é", "my name is", "Mrs.", "Sr.", "venezolanos", "haitianos", "Boa Vista", "San José", "Costa Rica",
          "Cúcuta", "Marzo", "Domingo", "de", "da", "y", ",", ".", "\n", "  ", "-", "'", "@", "#", "ana@example.org",
          "+57 310 555 0147", "https://x.example/a", "[NAME]", "İ", "ß", "\u0301", "Ǆ"]


def _text(fdp: atheris.FuzzedDataProvider) -> str:
    parts = []
    for _ in range(fdp.ConsumeIntInRange(0, 12)):
        parts.append(fdp.PickValueInList(PIECES) if fdp.ConsumeBool() else fdp.ConsumeUnicodeNoSurrogates(12))
        parts.append(fdp.PickValueInList([" ", "", ", ", "\t"]))
    return "".join(parts)


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    prefix, suffix = _text(fdp), _text(fdp)
    mode = fdp.ConsumeIntInRange(0, 2)
    if mode == 0:
        figure = fdp.PickValueInList(FIGURES)
        text = f"{prefix} {figure} {suffix}"
    elif mode == 1:
        name = f"{fdp.PickValueInList(GIVEN[:8])} {fdp.PickValueInList(SURNAMES)}"
        text = f"{prefix} me llamo {name}. {suffix}"
    else:
        text = prefix + suffix
    once = redact(text)
    assert isinstance(once, str), text
    assert redact(once) == once, (text, once)
    if mode == 0:
        assert figure in once, (text, once)
    if mode == 1:
        assert f" me llamo {NAME_PLACEHOLDER}. " in once, (text, once)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
