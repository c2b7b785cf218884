"""Human labels backed up on their own, with every export, and restorable into any store.

Each backup is `<data_dir>/backups/human-labels/<name>.jsonl`: one line per human judgement (post id, task,
label, annotator, when, plus the post's URL where it has one, so a re-collected post can be matched again).
Backups are written whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from vigia.errors import InputError
from vigia.labels.review import is_human
from vigia.model import HUMAN, Label
from vigia.store import Store

FOLDER = Path("backups") / "human-labels"


@dataclass
class Backup:
    path: Path
    labels: int
    posts: int


@dataclass
class Restored:
    restored: int = 0
    unchanged: int = 0
    missing: list[str] = field(default_factory=list)


def human_labels(store: Store) -> Iterator[dict]:
    """Every human judgement in the store, as plain records."""
    for post in store.human_labelled_posts():
        for lab in post.labels:
            if is_human(lab):
                yield {"post_id": post.id, "url": post.url, "task": lab.task, "label": lab.label,
                       "annotator": lab.model.removeprefix(HUMAN), "model_version": lab.model_version,
                       "labelled_at": lab.labelled_at.isoformat(), "sample": lab.sample}


def back_up(store: Store, data_dir: Path, name: str) -> Backup:
    """Write every human label to `<data_dir>/backups/human-labels/<name>.jsonl`."""
    folder = data_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{name}.jsonl"
    partial = final.with_name(f".{final.name}.partial")
    labels, posts = 0, set()
    try:
        with partial.open("w", encoding="utf-8") as fh:
            for record in human_labels(store):
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                labels += 1
                posts.add(record["post_id"])
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(final, labels, len(posts))


def restore(store: Store, path: Path) -> Restored:
    """Put the human labels of a backup back on their posts; posts no longer stored are listed, not invented."""
    wanted: dict[str, list[Label]] = defaultdict(list)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read label backup {path}: {exc}") from None
    for number, line in enumerate(lines, 1):
        try:
            record = json.loads(line)
            wanted[record["post_id"]].append(Label(
                task=record["task"], label=record["label"], score=1.0, model=HUMAN + record["annotator"],
                model_version=record.get("model_version") or "1", labelled_at=record["labelled_at"],
                sample=record.get("sample")))
        except (json.JSONDecodeError, TypeError) as exc:
            raise InputError(f"{path}:{number}: not a JSON record ({exc})") from None
        except KeyError as exc:
            raise InputError(f"{path}:{number}: field {exc.args[0]!r} is missing") from None
        except ValidationError as exc:
            error = exc.errors()[0]
            raise InputError(f"{path}:{number}: field {'.'.join(map(str, error['loc']))!r}: {error['msg']}") from None
    result = Restored()
    for post_id, labels in wanted.items():
        post = store.get(post_id)
        if post is None:
            result.missing.append(post_id)
            continue
        have = {(lab.task, lab.model, lab.label) for lab in post.labels}
        new = [lab for lab in labels if (lab.task, lab.model, lab.label) not in have]
        if not new:
            result.unchanged += len(labels)
            continue
        kept = [lab for lab in post.labels if (lab.task, lab.model) not in {(n.task, n.model) for n in new}]
        store.upsert([post.model_copy(update={"labels": [*kept, *new]})])
        result.restored += len(new)
        result.unchanged += len(labels) - len(new)
    return result
