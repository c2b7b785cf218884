"""Which encoding bytes are in: strict decoding, a detector limited to the region's encodings, and a check
that the result is not mojibake (UTF-8 read twice). Used by the collectors and by `vigia import`."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

# The encodings a Latin American or Caribbean source (es, pt, en, fr, ht) is written in.
REGION_ENCODINGS = ["utf_8", "cp1252", "latin_1", "iso8859_15", "mac_roman", "utf_16", "utf_32"]
# UTF-8 bytes read as cp1252/Latin-1: "Ã³", "Ã±", "Â¿"…
MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
                      "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def codec_name(encoding: str | None) -> str | None:
    """Python's name for an encoding label, or None when Python does not know it."""
    try:
        return codecs.lookup(encoding).name if encoding else None
    except LookupError:
        return None


def clean_decode(data: bytes, encoding: str | None) -> str | None:
    """`data` decoded strictly with `encoding`, or None when it is not valid in it or reads as mojibake."""
    name = codec_name(encoding)
    if not name:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    return None if MOJIBAKE.search(text) else text


def detect(data: bytes) -> str | None:
    """The encoding charset-normalizer finds among the region's, or None (binary, or no clean reading)."""
    best = charset_normalizer.from_bytes(data, cp_isolation=REGION_ENCODINGS).best()
    return codec_name(best.encoding) if best is not None else None


def decodes_cleanly(path: Path, encoding: str, chunk: int = 1 << 20) -> bool:
    """Whether the whole file decodes strictly in `encoding` without mojibake (read a chunk at a time)."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    with path.open("rb") as fh:
        try:
            while block := fh.read(chunk):
                if MOJIBAKE.search(decoder.decode(block)):
                    return False
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def file_encoding(path: Path, sample: int = 4 << 20) -> tuple[str | None, str]:
    """(encoding, how it was found) for a text file: UTF-8 when it is valid UTF-8, else what a detector finds
    in its first megabytes and decodes the whole file cleanly; (None, why) when nothing does."""
    if decodes_cleanly(path, "utf-8"):
        return "utf-8-sig", "valid UTF-8"
    with path.open("rb") as fh:
        found = detect(fh.read(sample))
    if found and decodes_cleanly(path, found):
        return found, "detected"
    return None, "neither UTF-8 nor one encoding throughout (mixed encodings?)"
