"""Alert rules of saved searches: new posts matching a search, or more than N matching posts a day."""

from __future__ import annotations

from datetime import date, timedelta

from vigia.alerting.notices import Notice, console_link, say
from vigia.alerting.saved_searches import SavedSearch
from vigia.analysis.alerts import midnight
from vigia.store import Store


def search_link(console_url: str, search: SavedSearch, day: date) -> str:
    """Explorar showing the search's posts of the day (the link carries text, country and myth)."""
    return console_link(console_url, "explorar", q=search.text, since=day.isoformat(), until=day.isoformat(),
                        country=search.filters.countries, myth=search.filters.myths)


def search_notices(store: Store, searches: list[SavedSearch], days: list[date], language: str,
                   console_url: str) -> list[Notice]:
    """One notice per search with a rule and per day on which it holds, oldest first."""
    notices = []
    for search in (s for s in searches if s.rule != "none"):
        counts = {day: store.search(search.query(midnight(day), midnight(day + timedelta(days=1)))).total
                  for day in days}
        for day, count in counts.items():
            if search.rule == "new" and count > 0:
                body = say("search_new", language, name=search.name, count=count, day=day.isoformat())
                title = say("search_new_title", language, name=search.name, count=count, day=day.isoformat())
                key = f"search:{search.id}:new:{day}"
            elif search.rule == "daily_over" and count > search.threshold:
                before = [c for d, c in counts.items() if d < day]
                usual = f"{sum(before) / len(before):.1f}" if before else "—"
                body = say("search_over", language, name=search.name, count=count, day=day.isoformat(),
                           threshold=search.threshold, usual=usual, days=len(before))
                title = say("search_over_title", language, name=search.name, count=count, day=day.isoformat())
                key = f"search:{search.id}:over{search.threshold}:{day}"
            else:
                continue
            notices.append(Notice(key, title, body, search_link(console_url, search, day)))
    return notices
