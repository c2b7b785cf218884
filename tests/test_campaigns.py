"""Campaign tracking against a real SQLite store loaded through the pipeline, with posts whose numbers we know."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from scipy.stats import binomtest

from vigia.analysis.estimates import estimate_or_reason
from vigia.cli.main import cli
from vigia.counter.campaign_reading import reading, share_cell
from vigia.counter.campaigns import Share, compare_campaign, poisson_interval, wilson
from vigia.errors import ConfigError
from vigia.ingest.pipeline import Pipeline
from vigia.settings import CampaignConfig, load_settings
from vigia.store import Filters, open_store

CAMPAIGN = CampaignConfig(name="xc", hashtags=["#XenofobiaCero"], start=date(2026, 3, 10), end=date(2026, 3, 19),
                          countries=["CO", "PE"])
LATER = datetime(2027, 1, 1, tzinfo=timezone.utc)
MYTHS = ["crime_insecurity", "jobs_wages"]
TOML = """
[[campaigns]]
name = "xc"
hashtags = ["#XenofobiaCero"]
start = 2026-03-10
end = 2026-03-19
countries = ["CO", "PE"]
"""


def records() -> list[tuple[str, dict]]:
    """Before: 20 migration posts (8 hateful, 5 crime, 2 jobs) + 3 hateful off-topic, plus 2 in AR (not counted).
    During: 20 migration posts (4 hateful, 3 crime, 3 with the hashtag). After: 10 in PE (2 hateful, 1 crime)."""
    out: list[tuple[str, dict]] = []

    def add(when: str, country: str = "CO", hateful: bool = False, migration: bool = True, myths=(), text=None):
        n = len(out)
        labels = [
            {"task": "migration", "label": "migration" if migration else "not_migration", "score": 0.9,
             "model": "test-annotator", "model_version": "1"},
            {"task": "hate", "label": "hateful" if hateful else "not_hateful", "score": 0.9,
             "model": "test-annotator", "model_version": "1"},
        ]
        out.append((f"row {n}", {
            "platform": "x", "native_id": str(1000 + n), "created_at": when, "country": country,
            "text": text or f"Publicación {n} sobre la llegada de migrantes venezolanos a la ciudad.",
            "labels": labels + [{"task": "myth", "label": m, "score": 0.8, "model": "test-classifier",
                                 "model_version": "1"} for m in myths if country == "PE"],
            "myths": list(myths)}))

    for i in range(20):
        day = 1 + i % 9  # 1..9 March
        add(f"2026-03-0{day}T12:00:00Z", hateful=i < 8,
            myths=["crime_insecurity"] if i < 5 else ["jobs_wages"] if i < 7 else [])
    add("2026-03-09T23:59:59Z", migration=False, hateful=True)  # last second before the campaign
    add("2026-03-05T10:00:00Z", migration=False, hateful=True)
    add("2026-03-06T10:00:00Z", migration=False, hateful=True)
    add("2026-03-05T10:00:00Z", country="AR", hateful=True, myths=["crime_insecurity"])
    add("2026-03-15T10:00:00Z", country="AR", hateful=True, myths=["crime_insecurity"])
    for i in range(20):
        when = "2026-03-10T00:00:00Z" if i == 0 else f"2026-03-{10 + i % 10}T15:00:00Z"
        text = "Hoy lanzamos #XenofobiaCero en Cúcuta con datos sobre migración." if i >= 17 else None
        add(when, hateful=i < 4, myths=["crime_insecurity"] if i < 3 else [], text=text)
    for i in range(10):
        # the first is 20:00 on 19 March in Lima (UTC-5): 01:00 UTC on the 20th, so "after"
        when = "2026-03-19T20:00:00-05:00" if i == 0 else f"2026-03-2{i % 9 + 1}T09:00:00Z"
        add(when, country="PE", hateful=i < 2, myths=["crime_insecurity"] if i == 0 else [])
    add("2026-03-30T00:00:00Z", country="PE", hateful=True)  # first second after the after-window
    return out


@pytest.fixture
def loaded(settings, enricher):
    with open_store(settings.resolved_store_url) as store:
        summary = Pipeline(settings, store, enricher, collector="test").process(records())
        assert summary.quarantined == 0 and summary.new == len(records())
        yield store


def test_intervals_match_reference_values():
    for hits, total in ((8, 20), (4, 20), (2, 10), (0, 7), (7, 7)):
        reference = binomtest(hits, total).proportion_ci(0.95, method="wilson")
        share, low, high = wilson(hits, total)
        assert share == hits / total
        assert low == pytest.approx(reference.low, abs=1e-9) and high == pytest.approx(reference.high, abs=1e-9)
    assert wilson(0, 0) == (None, None, None)
    # Garwood 95% limits as tabulated for small counts
    for count, low, high in ((0, 0.0, 3.6889), (1, 0.0253, 5.5716), (3, 0.6187, 8.7673), (5, 1.6235, 11.6683)):
        assert poisson_interval(count) == (pytest.approx(low, abs=1e-4), pytest.approx(high, abs=1e-4))


def test_before_during_after_from_the_store(loaded):
    report = compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER)
    before, during, after = (report.period(name) for name in ("before", "during", "after"))
    assert [p.days for p in report.periods] == [10, 10, 10]
    assert before.since == datetime(2026, 2, 28, tzinfo=timezone.utc)
    assert after.until == datetime(2026, 3, 30, tzinfo=timezone.utc)
    assert (before.posts, during.posts, after.posts) == (23, 20, 10)
    assert (before.xenophobic.hits, before.xenophobic.total) == (8, 20)
    assert (during.xenophobic.hits, during.xenophobic.total) == (4, 20)
    assert (after.xenophobic.hits, after.xenophobic.total) == (2, 10)
    assert before.xenophobic.share == 0.4 and during.xenophobic.share == 0.2
    assert before.xenophobic.low == pytest.approx(0.2188, abs=1e-4)
    assert before.xenophobic.high == pytest.approx(0.6134, abs=1e-4)
    assert [p.myths["crime_insecurity"].count for p in report.periods] == [5, 3, 1]
    assert [p.myths["jobs_wages"].count for p in report.periods] == [2, 0, 0]
    crime = before.myths["crime_insecurity"]
    assert (crime.low, crime.high) == (pytest.approx(1.6235, abs=1e-4), pytest.approx(11.6683, abs=1e-4))
    assert crime.per_day == 0.5
    assert [p.hashtags["#XenofobiaCero"] for p in report.periods] == [0, 3, 0]
    assert report.share_method == "Wilson score interval" and "Poisson" in report.count_method


def test_an_unfinished_campaign_is_cut_at_now(loaded):
    report = compare_campaign(loaded, CAMPAIGN, MYTHS, now=datetime(2026, 3, 15, tzinfo=timezone.utc))
    during, after = report.period("during"), report.period("after")
    assert during.days == 5 and after.days == 0
    assert after.xenophobic.share is None and after.myths["crime_insecurity"].count == 0
    shorter = compare_campaign(loaded, CAMPAIGN, MYTHS, window_days=3, now=LATER)
    assert shorter.period("before").since == datetime(2026, 3, 7, tzinfo=timezone.utc)


def test_myth_volumes_from_a_label_task(loaded):
    report = compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER, myth_task="myth")
    assert [p.myths["crime_insecurity"].count for p in report.periods] == [0, 0, 1]  # only PE posts are labelled


def test_all_countries_when_the_campaign_names_none(loaded):
    everywhere = CAMPAIGN.model_copy(update={"countries": []})
    report = compare_campaign(loaded, everywhere, MYTHS, now=LATER)
    assert report.period("before").myths["crime_insecurity"].count == 6
    assert report.period("during").xenophobic.total == 21


def test_the_xenophobic_share_is_estimated_beside_the_count(loaded, settings):
    report = compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER, classifier_dir=settings.classifier_dir)
    for period in report.periods:
        scope = Filters(since=period.since, until=period.until, countries=CAMPAIGN.countries)
        (expected,), _ = estimate_or_reason(loaded, scope, "xenophobic", "xenophobic", settings.classifier_dir)
        assert period.estimated == expected and expected.classify_and_count == period.xenophobic.share
        assert expected.ci_low <= expected.estimate <= expected.ci_high
        assert expected.estimate != expected.classify_and_count  # corrected with the model card's error rates
    assert report.to_dict()["periods"][0]["estimated"]["error_rates_from"].startswith("model card held-out figures")
    cut = compare_campaign(loaded, CAMPAIGN, MYTHS, now=datetime(2026, 3, 15, tzinfo=timezone.utc),
                           classifier_dir=settings.classifier_dir)
    assert cut.period("after").estimated is None  # no posts yet: nothing to estimate
    assert compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER).period("before").estimated is None


def test_vigia_campaign_prints_the_table(loaded, settings, tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(TOML)
    result = CliRunner().invoke(cli, ["campaign", "xc"])
    assert result.exit_code == 0, result.output
    assert "40.0% [21.9%, 61.3%]" in result.output and "20.0% [8.1%, 41.6%]" in result.output
    before = compare_campaign(loaded, CAMPAIGN, MYTHS, classifier_dir=settings.classifier_dir).period("before")
    estimated = before.estimated
    assert f"{estimated.estimate:.1%} [{estimated.ci_low:.1%}, {estimated.ci_high:.1%}]" in result.output
    assert f"before: method acc; error rates from: {estimated.error_rates_from}" in result.output
    assert "5 [1.6, 11.7]" in result.output and "Wilson" in result.output
    unknown = CliRunner().invoke(cli, ["campaign", "nope"])
    assert unknown.exit_code == 1 and "no campaign 'nope'" in unknown.output and "xc" in unknown.output


def test_a_campaign_that_ends_before_it_starts_is_a_config_error(tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(TOML.replace("end = 2026-03-19", "end = 2026-03-01"))
    with pytest.raises(ConfigError, match="campaigns"):
        load_settings()


COMPARED = CAMPAIGN.model_copy(update={"comparison_countries": ["AR"], "comparison_start": date(2026, 3, 20)})


def test_a_comparison_region_and_period_are_measured_the_same_way(loaded):
    report = compare_campaign(loaded, COMPARED, MYTHS, now=LATER)
    region, period = report.comparisons
    assert (region.kind, region.countries, region.start, region.end) == ("region", ["AR"], CAMPAIGN.start,
                                                                          CAMPAIGN.end)
    assert [p.since for p in region.periods] == [p.since for p in report.periods]  # the same days
    assert [(p.xenophobic.hits, p.xenophobic.total) for p in region.periods] == [(1, 1), (1, 1), (0, 0)]
    assert [p.myths["crime_insecurity"].count for p in region.periods] == [1, 1, 0]
    assert (period.kind, period.countries, period.start, period.end) == ("period", ["CO", "PE"],
                                                                          date(2026, 3, 20), date(2026, 3, 29))
    # ten days later in CO and PE: the comparison's before is the campaign's during, its during the campaign's after
    assert period.period("before").xenophobic == report.period("during").xenophobic
    assert period.period("during").xenophobic == report.period("after").xenophobic
    assert period.period("after").posts == 1  # the post of 30 March
    assert report.periods == compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER).periods  # the campaign unchanged
    data = report.to_dict()["comparisons"]
    assert data[0]["start"] == "2026-03-10" and data[1]["periods"][1]["since"] == "2026-03-20T00:00:00+00:00"


def test_a_comparison_must_not_be_the_campaign_itself():
    with pytest.raises(ValueError, match=r"comparison region holds campaign countries \['PE'\]"):
        CampaignConfig(**{**CAMPAIGN.model_dump(), "comparison_countries": ["pe", "AR"]})
    with pytest.raises(ValueError, match="comparison period starts on the campaign's first day"):
        CampaignConfig(**{**CAMPAIGN.model_dump(), "comparison_start": CAMPAIGN.start})
    with pytest.raises(ValueError, match="two-letter ISO codes"):
        CampaignConfig(**{**CAMPAIGN.model_dump(), "comparison_countries": ["ARG"]})
    with pytest.raises(ValueError, match="covers every country"):
        CampaignConfig(**{**CAMPAIGN.model_dump(), "countries": [], "comparison_countries": ["AR"]})


def test_the_reading_says_what_changed_and_how_sure_it_is(loaded):
    report = compare_campaign(loaded, COMPARED, MYTHS, now=LATER)
    said = reading(report, "en")
    assert said[0] == ("The xenophobic share of posts about migration (the classifier's count) fell from 40.0% "
                       "before the campaign (posts about migration: 20) to 20.0% during it (posts: 20).")
    assert said[1] == "The 95% intervals, 40.0% [21.9%, 61.3%] and 20.0% [8.1%, 41.6%], overlap, so the change may " \
                      "be chance."
    after = report.period("after").xenophobic
    assert said[2] == f"In the 10 days after the campaign it was {share_cell(after)}."
    assert said[3].startswith("In the comparison region (AR), over the same days, it went from 100.0% (posts about "
                              "migration: 1) to 100.0% (posts: 1): +0.0 points, against -20.0 points in the campaign's "
                              "countries.")
    assert said[4].startswith("In the comparison period (2026-03-20 to 2026-03-29, the same countries) it went from "
                              "20.0% (posts about migration: 20) to 20.0% (posts: 10): +0.0 points")
    assert reading(report, "es")[0].startswith("La proporción xenófoba de las publicaciones sobre migración (el "
                                               "conteo del clasificador) bajó de 40.0% antes de la campaña ("
                                               "publicaciones sobre migración: 20) a 20.0% durante ella (publicaciones: 20).")
    alone = reading(compare_campaign(loaded, CAMPAIGN, MYTHS, now=LATER), "en")
    assert alone[-1].startswith("Without a comparison region or period")

    during = report.period("during")  # the same report had hate fallen to 1 in 20 among 400 posts about migration
    apart = replace(report, comparisons=[], periods=[report.period("before"),
                                                     replace(during, xenophobic=Share(20, 400, *wilson(20, 400))),
                                                     report.period("after")])
    assert reading(apart, "en")[1].endswith("do not overlap, so chance alone is an unlikely explanation; that alone "
                                            "does not show the campaign caused the change.")


def test_the_reading_of_a_campaign_without_posts_says_so(loaded):
    quiet = CAMPAIGN.model_copy(update={"start": date(2025, 1, 10), "end": date(2025, 1, 19)})
    assert reading(compare_campaign(loaded, quiet, MYTHS, now=LATER), "en") == [
        "No posts from CO, PE between 2024-12-31 and 2025-01-29 are in the store: there is nothing to compare for "
        "this campaign."]
    unfinished = compare_campaign(loaded, CAMPAIGN, MYTHS, now=datetime(2026, 3, 15, tzinfo=timezone.utc))
    assert "The days after the campaign have not come yet." in reading(unfinished, "en")


def test_vigia_campaign_prints_the_comparisons_and_the_reading(loaded, settings, tmp_path: Path):
    (tmp_path / "vigia.toml").write_text(TOML + 'comparison_countries = ["AR"]\ncomparison_start = 2026-03-20\n')
    result = CliRunner().invoke(cli, ["campaign", "xc"])
    assert result.exit_code == 0, result.output
    assert "comparison region: 2026-03-10 to 2026-03-19 (UTC days), countries: AR" in result.output
    assert "comparison period: 2026-03-20 to 2026-03-29 (UTC days), countries: CO, PE" in result.output
    report = compare_campaign(loaded, COMPARED, MYTHS, classifier_dir=settings.classifier_dir)
    printed = " ".join(result.output.split())
    for sentence in reading(report, "en"):
        assert sentence in printed
    as_json = CliRunner().invoke(cli, ["campaign", "xc", "--json"])
    assert [c["kind"] for c in json.loads(as_json.output)["comparisons"]] == ["region", "period"]
