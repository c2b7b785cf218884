"""The evaluation reports as people read them: EVALUATION.md beside a model, the functional suite's table."""

from __future__ import annotations

from nlp.functional import LANGUAGES


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


def functional_text(report: dict) -> str:
    """The report as the terminal shows it: the headline shares, then accuracy per cell."""
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
