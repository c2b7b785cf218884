"""Publication times from several sources (feed, GDELT, article page): which is the most precise, and
RFC 822 dates written with Spanish or Portuguese day and month names.

A time is `precise` when it names an hour (not only a day). The article page, the feed and GDELT are asked
in that order when two are equally precise; a date-only page never replaces a time the feed or GDELT gave.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone

# Sources in order of preference at equal precision: the outlet's page, its feed, then GDELT's seendate
# (when GDELT saw the article, usually later than its publication).
SOURCES = ("article", "feed", "gdelt")

MONTHS = {
    # Spanish
    "ene": "Jan", "enero": "Jan", "febrero": "Feb", "marzo": "Mar", "abr": "Apr", "abril": "Apr", "mayo": "May",
    "junio": "Jun", "julio": "Jul", "ago": "Aug", "agosto": "Aug", "sept": "Sep", "septiembre": "Sep",
    "setiembre": "Sep", "octubre": "Oct", "noviembre": "Nov", "dic": "Dec", "diciembre": "Dec",
    # Portuguese
    "fev": "Feb", "fevereiro": "Feb", "marco": "Mar", "mai": "May", "maio": "May", "junho": "Jun",
    "julho": "Jul", "set": "Sep", "setembro": "Sep", "out": "Oct", "outubro": "Oct", "novembro": "Nov",
    "dez": "Dec", "dezembro": "Dec", "janeiro": "Jan", "jan": "Jan",
}
ENGLISH_MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


@dataclass(frozen=True)
class Stamp:
    """A publication time, how precise it is and where it came from."""

    when: datetime
    precise: bool
    source: str


def most_precise(*stamps: Stamp | None) -> Stamp | None:
    """The stamp with an hour over a date-only one; at equal precision the article, then the feed, then GDELT."""
    found = [s for s in stamps if s is not None]
    if not found:
        return None
    return min(found, key=lambda s: (not s.precise, SOURCES.index(s.source) if s.source in SOURCES else 99))


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if not unicodedata.combining(c)).rstrip(".")


def localized_rfc822(text: str):
    """An RFC 822 date with Spanish or Portuguese names ("Lun, 18 May 2026 10:00:00 -0500", "Seg, 18 Mai 2026…")
    as a UTC time tuple, or None. Registered as a feedparser date handler."""
    if not text or not re.search(r"\d{4}", text):
        return None
    body = text.split(",", 1)[1] if "," in text else text  # the day name says nothing the date does not
    words = body.split()
    changed = False
    for index, word in enumerate(words):
        plain = _plain(word)
        if plain in MONTHS and plain not in ENGLISH_MONTHS:
            words[index] = MONTHS[plain]
            changed = True
        elif plain == "de":  # "18 de mayo de 2026"
            words[index] = ""
            changed = True
    if not changed and "," not in text:
        return None
    parsed = email.utils.parsedate_tz(" ".join(w for w in words if w))
    if parsed is None:
        return None
    when = datetime.fromtimestamp(email.utils.mktime_tz(parsed), timezone.utc)
    return when.timetuple()


def has_clock_time(text: str | None) -> bool:
    """Whether a written date names an hour ("…10:15…"), not only a day."""
    return bool(text) and bool(re.search(r"\d{1,2}:\d{2}", text))
