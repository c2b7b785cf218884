"""The report as a PDF: headline figures with intervals, charts, tops and changes, quiet sources, examples with
counter-messages, method notes. Text in the report's language (vigia/locales, section `report`)."""

from __future__ import annotations

import io

from vigia.counter.training_examples import font_files
from vigia.i18n import text
from vigia.report.contents import Report


def say(name: str, language: str, /, **values: object) -> str:
    return text(f"report.{name}", language, **values)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _change(now: int, before: int) -> str:
    if not before:
        return "—"
    return f"{(now - before) / before * 100:+.0f} %"


def _charts(report: Report, language: str) -> bytes:
    """Posts per day (bars) and the counted xenophobic share per day (line), one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    figure, (volume, share) = plt.subplots(2, 1, figsize=(7.5, 5.2), dpi=150, sharex=True)
    volume.bar(report.days, report.volume, color="#2b6cb0")
    volume.set_title(say("chart_volume", language), fontsize=10, loc="left")
    shares = [h / n * 100 if n else float("nan") for h, n in zip(report.hateful, report.about_migration)]
    share.plot(report.days, shares, color="#c53030", marker="o", linewidth=2)
    share.set_title(say("chart_share", language), fontsize=10, loc="left")
    share.set_ylim(bottom=0)
    share.tick_params(axis="x", labelrotation=45, labelsize=7)
    for axis in (volume, share):
        axis.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    plt.close(figure)
    return out.getvalue()


def report_title(report: Report, language: str) -> str:
    return say(f"title_{report.period}", language, start=report.start.isoformat(), end=report.end.isoformat())


def write_report_pdf(report: Report, language: str) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    regular, bold = font_files()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("DejaVu", "", str(regular))
    pdf.add_font("DejaVu", "B", str(bold))
    title = report_title(report, language)
    pdf.set_title(title)
    pdf.set_creator("Vigía")

    def line(value: str, size: float = 10, style: str = "", gray: int = 0, height: float | None = None) -> None:
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(gray)
        pdf.multi_cell(0, height or size * 0.55, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(value: str) -> None:
        pdf.ln(3)
        line(value, 13, "B", height=7)

    pdf.add_page()
    line(title, 17, "B", height=9)
    h = report.headline
    heading(say("headline", language))
    line(say("posts", language, posts=f"{h.posts:,}", before=f"{h.posts_before:,}",
             change=_change(h.posts, h.posts_before)))
    line(say("share_corrected" if h.corrected else "share_counted", language, share=_percent(h.share),
             low=_percent(h.low), high=_percent(h.high), before=_percent(h.share_before)))
    pdf.image(io.BytesIO(_charts(report, language)), w=pdf.epw)
    for key, rows in (("top_myths", report.myths), ("top_groups", report.groups)):
        heading(say(key, language))
        if not rows:
            line("—", gray=90)
        for value, now, before in rows:
            line(say("top_row", language, name=report.names.get(value, value), now=f"{now:,}",
                     before=f"{before:,}", change=_change(now, before)))
    heading(say("quiet_sources", language))
    if not report.quiet_sources:
        line(say("no_quiet_sources", language), gray=90)
    for source, status in report.quiet_sources:
        line(f"{source}: {status}")
    pdf.add_page()
    heading(say("examples", language))
    if not report.examples:
        line(say("no_examples", language), gray=90)
    for example in report.examples:
        pdf.ln(2)
        line(f"{example.date} · {example.platform} · {example.country or '—'} · {' · '.join(example.myth_names)}",
             9, gray=80)
        line(example.text, 10.5, height=5.5)
        response = next((r for r in example.responses if r.register == "social"),
                        example.responses[0] if example.responses else None)
        if response is not None:
            line(f"{say('response', language)}: {response.text}", 9.5, gray=30, height=5)
    line(say("redacted", language), 8, gray=100)
    heading(say("method", language))
    line(say("method_notes", language), 9, gray=40, height=4.8)
    return bytes(pdf.output())
