"""A labelled corpus built from valid Post objects: model labels of two versions and four doubly-judged posts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from vigia.model import Label, Post, Provenance

START = datetime(2026, 3, 1, tzinfo=timezone.utc)
# (ana, luis) on the hate task of posts 0-3: observed agreement 3/4, chance 1/2, so Cohen's kappa is 0.5
JUDGED = [("hateful", "hateful"), ("hateful", "not_hateful"), ("not_hateful", "not_hateful"),
          ("not_hateful", "not_hateful")]
CONTACT = "Escríbanme a rosa.m@example.org desde la frontera"


def human(task: str, label: str, annotator: str) -> Label:
    return Label(task=task, label=label, score=1.0, model=f"human:{annotator}", model_version="1")


def labelled_post(i: int) -> Post:
    """Post i: mastodon/x alternate, every third from PE, every tenth synthetic, «frontera» unless i % 10 == 9."""
    at = START + timedelta(minutes=i)
    hateful = i % 4 == 0
    version = "0.2" if i < 100 else "0.3"
    labels = [Label(task="hate", label="hateful" if hateful else "not_hateful", score=0.9 if hateful else 0.2,
                    model="vigia-xeno-e5", model_version=version),
              Label(task="migration", label="migration", score=0.8, model="vigia-xeno-e5", model_version=version)]
    if i < len(JUDGED):
        labels += [human("hate", JUDGED[i][0], "ana"), human("hate", JUDGED[i][1], "luis")]
    if i == 5:
        labels.append(human("migration", "migration", "ana"))
    platform = "mastodon" if i % 2 == 0 else "x"
    text = CONTACT if i == 7 else f"publicación {i}" if i % 10 == 9 else f"publicación {i} sobre la frontera"
    return Post(id=f"{platform}:{i}", native_id=str(i), platform=platform, source=f"#migrantes@{platform}.example",
                text=text,
                language="es" if i % 5 else "pt", country="PE" if i % 3 == 0 else "CO",
                created_at=at, collected_at=at, labels=labels, targets=["venezuelans"] if hateful else [],
                myths=["crime_insecurity"] if i % 8 == 0 else [],
                provenance=Provenance(collector="test", run_id="r1", raw_hash=f"h{i}", synthetic=i % 10 == 0))


def labelled_posts(n: int) -> list[Post]:
    return [labelled_post(i) for i in range(n)]
