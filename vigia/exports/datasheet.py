"""Versioned, documented exports: every export gets a version id and a datasheet (Markdown + JSON) beside it.

The datasheet is counted while the posts are written, in one pass (keeping only the posts two annotators judged,
for Cohen's kappa, and two numbers per post and share estimated): what was asked for, what the file holds, which
models and people labelled it, each label's share as counted and as estimated correcting for the classifier's
error rates (vigia.analysis.estimates, with the method and where the error rates came from), how personal data was
treated and under which terms it may be shared.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from nlp.taxonomy import TaxonomyError, myth_ids
from vigia.analysis.estimates import CONFIDENCE, MYTH, RESAMPLES, Estimate, OutputsTally, shares_of
from vigia.errors import VigiaError
from vigia.exports.files import export as write_posts
from vigia.exports.registry import ExportRegistry
from vigia.labels.backup import back_up
from vigia.labels.review import cohens_kappa, is_human
from vigia.model import Post, utcnow
from vigia.privacy import audit
from vigia.settings import Settings
from vigia.store import Filters, SearchQuery, Store

PAGE_SIZE = 1000

Progress = Callable[[Iterable[Post], int], Iterable[Post]]


def count_matching(store: Store, filters: Filters, text: str | None = None) -> int:
    if not (text or "").strip():
        return store.count(filters)
    return store.search(SearchQuery(text=text, filters=filters, limit=1)).total


def matching_posts(store: Store, filters: Filters, text: str | None = None) -> tuple[int, Iterator[Post]]:
    """How many posts match, and all of them oldest first with no cap (a text query pages through search)."""
    total = count_matching(store, filters, text)
    if not (text or "").strip():
        return total, store.iter_posts(filters)

    def pages() -> Iterator[Post]:
        offset = 0
        while offset < total:
            page = store.search(SearchQuery(text=text, filters=filters, descending=False, limit=PAGE_SIZE,
                                            offset=offset)).posts
            if not page:
                return
            yield from page
            offset += len(page)

    return total, pages()


@dataclass
class Tally:
    """What a datasheet counts about the posts that pass through `watching`."""

    rows: int = 0
    synthetic: int = 0
    first: datetime | None = None
    last: datetime | None = None
    platforms: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)
    countries: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    targets: Counter = field(default_factory=Counter)
    myths: Counter = field(default_factory=Counter)
    labels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    models: Counter = field(default_factory=Counter)  # (task, model, version) -> labels
    human_labels: Counter = field(default_factory=Counter)  # task -> labels
    human_posts: int = 0
    annotators: set[str] = field(default_factory=set)
    judged_twice: list[Post] = field(default_factory=list)
    outputs: OutputsTally | None = None  # the classifier's outputs for the estimated shares

    def watching(self, posts: Iterable[Post]) -> Iterator[Post]:
        for post in posts:
            self.add(post)
            yield post

    def add(self, post: Post) -> None:
        self.rows += 1
        self.synthetic += post.provenance.synthetic
        self.first = min(self.first or post.created_at, post.created_at)
        self.last = max(self.last or post.created_at, post.created_at)
        for counter, value in ((self.platforms, post.platform), (self.sources, post.source),
                               (self.countries, post.country), (self.languages, post.language)):
            counter[value or "(none)"] += 1
        self.targets.update(post.targets)
        self.myths.update(post.myths)
        if self.outputs is not None:
            self.outputs.add(post)
        human = [lab for lab in post.labels if is_human(lab)]
        for lab in post.labels:
            self.labels[lab.task][lab.label] += 1
            if not is_human(lab):
                self.models[(lab.task, lab.model, lab.model_version)] += 1
        if human:
            self.human_posts += 1
            self.human_labels.update(lab.task for lab in human)
            self.annotators.update(lab.model for lab in human)
            per_task = Counter(lab.task for lab in human)
            if max(per_task.values()) >= 2:
                self.judged_twice.append(post.model_copy(update={"labels": human, "text": "", "title": None}))

    def agreement(self) -> dict[str, dict[str, Any]]:
        """Cohen's kappa per task that has human labels (None where no post was judged twice)."""
        result = {}
        for task in sorted(self.human_labels):
            kappa, pairs = cohens_kappa(self.judged_twice, task)
            result[task] = {"kappa": None if kappa is None else round(kappa, 4), "pairs": pairs}
        return result


def defined_ids(settings: Settings) -> dict[str, list[str]]:
    """The myth ids of the taxonomy and the target group ids of the lexicon this deployment uses."""
    def keys(path: Path, section: str) -> list[str]:
        try:
            return sorted((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get(section) or {})
        except (OSError, yaml.YAMLError):
            return []

    try:
        myths = sorted(myth_ids(settings.myth_taxonomy_path))
    except TaxonomyError:
        myths = []
    return {"myths": myths, "targets": keys(settings.lexicon_path, "groups")}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def version_id(export_id: str, sha256: str) -> str:
    """The export id plus the start of the file's content hash: the same id always means the same bytes."""
    return f"{export_id}-{sha256[:12]}"


def label_shares(tally: Tally, store: Store, classifier_dir: Path, resamples: int = RESAMPLES) -> dict[str, Any]:
    """Each label share of the export the classifier gives (the xenophobic share, hate, migration, and the myths
    it labelled in the export): classify-and-count beside the estimate corrected for the classifier's error
    rates."""
    if tally.outputs is None:
        return {"shares": [], "not_estimated": {"*": f"no classifier manifest in {classifier_dir}"}}
    present = set(tally.labels.get("myth", {}))  # the myths the classifier labelled in the export
    targets = [target for target in tally.outputs.targets if target.task != MYTH or target.label in present]
    shares, missing = [], {}
    for target, found in zip(targets, tally.outputs.estimates(store, classifier_dir, targets,
                                                              resamples=resamples).values()):
        if not isinstance(found, Estimate):
            missing[target.title] = found
            continue
        among = (f"posts the classifier labelled {target.within[0]}={target.within[1]}" if target.within
                 else f"posts the classifier labelled for {target.task}")
        shares.append({"share": target.title, "task": target.task, "label": target.label, "among": among,
                       "classify_and_count": found.classify_and_count, "estimate": found.estimate,
                       "ci_low": found.ci_low, "ci_high": found.ci_high, "n_posts": found.n_posts,
                       "method": found.method, "error_rates_from": found.error_rates_from})
    return {"confidence": CONFIDENCE, "resamples": resamples, "shares": shares, "not_estimated": missing}


def _counts(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def licence_notes(tally: Tally) -> list[str]:
    notes = []
    if tally.synthetic:
        notes.append(f"{tally.synthetic} of {tally.rows} rows are synthetic demo posts written for Vigía "
                     "(data/demo); they describe no real person.")
    if tally.rows - tally.synthetic:
        notes.append(f"{tally.rows - tally.synthetic} rows are public posts and articles collected from their "
                     "platforms and outlets: they stay under each platform's terms and their authors' rights; "
                     "this file grants no licence to them.")
    bundled = any(model.startswith("vigia-xeno-e5") for _, model, _ in tally.models)
    notes.append("Model labels come from the models listed under 'Models'; see each model's MODEL_CARD.md for its "
                 "licence" + (" (the bundled vigia-xeno-e5 is for non-commercial research use only)." if bundled
                              else "."))
    notes.append("Human labels are the work of this deployment's annotators. Vigía is AGPL-3.0-or-later and "
                 "declares no separate licence for labels made with it (its own annotations in data/annotations "
                 "are released under AGPL-3.0-or-later): state the licence when you share this dataset.")
    return notes


def privacy_notes(raw: bool) -> list[str]:
    notes = ["Authors are keyed-hash pseudonyms (column author); the same author has the same pseudonym "
             "throughout this deployment."]
    if raw:
        notes.append("RAW export: text, titles and post URLs are as collected, unredacted, and raw author handles "
                     "are included where the operator keeps them. Handle as personal data.")
    else:
        notes.append("Redacted: e-mails, phone numbers, identity documents, @handles, links and names of private "
                     "persons where detectable (a given name with surnames, or a name after a cue such as 'me "
                     "llamo' or 'la señora'; see SECURITY.md) in text and titles are replaced by placeholders "
                     "([EMAIL], [PHONE], [DOCUMENTO], [USER], [URL], [NAME]); URLs of social "
                     "posts, raw handles and matched cue phrases are dropped (news article URLs are kept).")
    return notes


def build(tally: Tally, *, export_id: str, sha256: str, file_name: str, fmt: str, raw: bool, filters: Filters,
          text: str | None, created_by: str, schema: dict[str, list[str]],
          shares: dict[str, Any] | None = None) -> dict[str, Any]:
    """The datasheet of one export as a JSON-ready dict."""
    return {
        "version": version_id(export_id, sha256),
        "export_id": export_id,
        "created_at": utcnow().isoformat(),
        "created_by": created_by,
        "file": {"name": file_name, "format": fmt, "rows": tally.rows, "sha256": sha256},
        "selection": {"query": text or None, "filters": filters.model_dump(mode="json", exclude_defaults=True)},
        "period": {"requested": {"since": filters.since.isoformat() if filters.since else None,
                                 "until_exclusive": filters.until.isoformat() if filters.until else None},
                   "first_post": tally.first.isoformat() if tally.first else None,
                   "last_post": tally.last.isoformat() if tally.last else None},
        "composition": {"platforms": _counts(tally.platforms), "sources": _counts(tally.sources),
                        "countries": _counts(tally.countries), "languages": _counts(tally.languages),
                        "synthetic_rows": tally.synthetic},
        "models": [{"task": task, "model": model, "model_version": version, "labels": n}
                   for (task, model, version), n in sorted(tally.models.items())],
        "label_schema": {"tasks": {task: _counts(labels) for task, labels in sorted(tally.labels.items())},
                         "myths": _counts(tally.myths), "targets": _counts(tally.targets),
                         "defined_myths": schema.get("myths", []), "defined_targets": schema.get("targets", [])},
        "label_shares": shares or {"shares": [], "not_estimated": {}},
        "human_labels": {"labels": sum(tally.human_labels.values()), "posts": tally.human_posts,
                         "annotators": len(tally.annotators), "per_task": _counts(tally.human_labels),
                         "agreement": tally.agreement()},
        "privacy": {"treatment": "raw" if raw else "redacted", "notes": privacy_notes(raw)},
        "licence": licence_notes(tally),
    }


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def _table(title: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return [f"**{title}:** none", ""]
    return [f"**{title}**", "", "| value | rows |", "|---|---:|",
            *(f"| {_cell(k)} | {v} |" for k, v in counts.items()), ""]


def _shares(section: dict[str, Any]) -> list[str]:
    lines = ["## Label shares", "",
             "The classifier errs, so the share of posts it gives a label (classify-and-count) is biased; the "
             "estimate corrects it with the classifier's error rates, and its interval (a bootstrap that resamples "
             "the posts and the posts the error rates were measured on) includes their uncertainty. Cite the "
             "estimate with its interval.", ""]
    if section["shares"]:
        lines += [f"| share | among | classify-and-count | estimate | {section['confidence']:.0%} interval | posts | "
                  "method | error rates from |", "|---|---|---:|---:|---|---:|---|---|",
                  *(f"| {_cell(s['share'])} | {_cell(s['among'])} | {s['classify_and_count']:.1%} | "
                    f"{s['estimate']:.1%} | {s['ci_low']:.1%}–{s['ci_high']:.1%} | {s['n_posts']} | "
                    f"{_cell(s['method'])} | {_cell(s['error_rates_from'])} |" for s in section["shares"]), ""]
    lines += [f"- {_cell(share)}: no estimate: {_cell(reason)}" for share, reason in section["not_estimated"].items()]
    return lines + ([""] if section["not_estimated"] else [])


def markdown(sheet: dict[str, Any]) -> str:
    """The datasheet for people to read."""
    f, sel, period, comp = sheet["file"], sheet["selection"], sheet["period"], sheet["composition"]
    human, schema = sheet["human_labels"], sheet["label_schema"]
    lines = [
        f"# Datasheet: Vigía export {sheet['version']}", "",
        f"- Version id: `{sheet['version']}` (export id `{sheet['export_id']}`)",
        f"- File: `{_cell(f['name'])}` ({f['format']}), {f['rows']} rows, sha256 `{f['sha256']}`",
        f"- Created {sheet['created_at']} by {_cell(sheet['created_by'])}",
        f"- Personal data: **{sheet['privacy']['treatment']}**", "",
        "## Selection", "",
        f"- Text query: {_cell(sel['query']) if sel['query'] else '(none)'}",
        f"- Filters: `{_cell(json.dumps(sel['filters'], ensure_ascii=False))}`",
        f"- Period asked: {period['requested']['since'] or '(start)'} to "
        f"{period['requested']['until_exclusive'] or '(end)'} (exclusive)",
        f"- Posts dated: {period['first_post'] or '-'} to {period['last_post'] or '-'}", "",
        "## Composition", "",
        f"Synthetic demo rows: {comp['synthetic_rows']}", "",
        *_table("Platforms", comp["platforms"]), *_table("Sources", comp["sources"]),
        *_table("Countries", comp["countries"]), *_table("Languages", comp["languages"]),
        "## Models", "",
    ]
    if sheet["models"]:
        lines += ["| task | model | version | labels |", "|---|---|---|---:|",
                  *(f"| {_cell(m['task'])} | {_cell(m['model'])} | {_cell(m['model_version'])} | {m['labels']} |"
                    for m in sheet["models"]), ""]
    else:
        lines += ["No model labels.", ""]
    lines += ["## Label schema", "", "Labels are in the `labels` column: task, label, score, model, model_version; "
              "human labels have model `human:<annotator>`.", ""]
    for task, counts in schema["tasks"].items():
        lines += _table(f"Task {task}", counts)
    lines += [*_table("Myth ids", schema["myths"]), *_table("Target group ids", schema["targets"]),
              f"Myth ids defined: {', '.join(schema['defined_myths']) or '-'}", "",
              f"Target group ids defined: {', '.join(schema['defined_targets']) or '-'}", "",
              *_shares(sheet["label_shares"]),
              "## Human labels", "",
              f"{human['labels']} human labels on {human['posts']} posts by {human['annotators']} annotators.", ""]
    for task, agreement in human["agreement"].items():
        kappa = ("no post judged twice, so no Cohen's kappa" if agreement["kappa"] is None else
                 f"Cohen's kappa {agreement['kappa']:.3f} over {agreement['pairs']} posts judged twice")
        lines.append(f"- {task}: {human['per_task'].get(task, 0)} labels; {kappa}")
    lines += ["", "## Personal data", "", *(f"- {note}" for note in sheet["privacy"]["notes"]), "",
              "## Licence", "", *(f"- {note}" for note in sheet["licence"]), ""]
    return "\n".join(lines)


def datasheet_paths(output: Path) -> tuple[Path, Path]:
    """Where an export's datasheet goes: `<file>.datasheet.md` and `<file>.datasheet.json` beside it."""
    return output.with_name(output.name + ".datasheet.md"), output.with_name(output.name + ".datasheet.json")


@dataclass(frozen=True)
class ExportResult:
    export_id: str
    version: str
    path: Path
    rows: int
    sha256: str
    datasheet_md: Path
    datasheet_json: Path
    sheet: dict[str, Any]
    labels_backup: Path


def export_dataset(settings: Settings, store: Store, filters: Filters, fmt: str, *, output: Path | None = None,
                   text: str | None = None, raw: bool = False, who: str | None = None,
                   progress: Progress | None = None) -> ExportResult:
    """Write every matching post, its datasheet, a registry entry, an audit line and a backup of every human
    label in the store; return what was written.

    Without `output` the file goes to `<data_dir>/exports/<export id>.<fmt>`.
    """
    registry = ExportRegistry(settings.data_dir)
    total, posts = matching_posts(store, filters, text)
    export_id, recorded = registry.recording(posts)
    output = output or registry.folder / f"{export_id}.{fmt}"
    tally = Tally()
    try:
        tally.outputs = OutputsTally(shares_of(settings.classifier_dir))
    except (VigiaError, OSError, ValueError, KeyError):
        pass  # no readable classifier manifest: the datasheet says there is no estimate
    stream = tally.watching(recorded)
    count = write_posts(progress(stream, total) if progress else stream, output, fmt, raw)
    sha256 = file_sha256(output)
    backup = back_up(store, settings.data_dir, export_id)
    created_by = who or audit.actor()
    sheet = build(tally, export_id=export_id, sha256=sha256, file_name=output.name, fmt=fmt, raw=raw,
                  filters=filters, text=text, created_by=created_by, schema=defined_ids(settings),
                  shares=label_shares(tally, store, settings.classifier_dir))
    md_path, json_path = datasheet_paths(output)
    md_path.write_text(markdown(sheet), encoding="utf-8")
    json_path.write_text(json.dumps(sheet, ensure_ascii=False, indent=2), encoding="utf-8")
    details = {"export_id": export_id, "version": sheet["version"], "path": str(output.resolve()), "format": fmt,
               "raw": raw, "posts": count, "sha256": sha256, "datasheet": str(md_path.resolve()),
               "query": text or None, "filters": filters.model_dump(mode="json", exclude_defaults=True),
               "labels_backup": str(backup.path.resolve())}
    registry.register(**details)
    audit.record(settings.data_dir, "export", details, who=created_by)
    return ExportResult(export_id, sheet["version"], output, count, sha256, md_path, json_path, sheet,
                        backup.path)
