"""Spike alerts on hand-made daily counts, and their tail probabilities against scipy's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from scipy import stats

from vigia.analysis.alerts import ALPHA, MYTH, SHARE, hypergeom_sf, myth_spikes, share_spikes

FIRST = date(2026, 3, 1)


@pytest.mark.parametrize("k, population, successes, draws", [(5, 40, 10, 8), (1, 40, 10, 8), (8, 40, 10, 8),
                                                             (9, 40, 10, 8), (30, 900, 200, 60),
                                                             (6, 300, 60, 50), (12, 5000, 400, 20)])
def test_hypergeometric_tail_matches_scipy(k, population, successes, draws):
    expected = stats.hypergeom.sf(k - 1, population, successes, draws)
    assert hypergeom_sf(k, population, successes, draws) == pytest.approx(expected, rel=1e-9, abs=1e-300)


COLLECTED = 40  # posts collected a day in the myth tests


def myth(counts: list[int], totals: list[int] | None = None, **options):
    return myth_spikes("jobs_wages", FIRST, counts, totals or [COLLECTED] * len(counts), **options)


def test_flat_series_raises_no_alert():
    assert myth([6] * 60) == []


def test_a_big_spike_raises_one_alert_on_its_day():
    counts = [2, 3, 2, 1, 2, 3, 2] * 4 + [20] + [2] * 5
    [alert] = myth(counts)
    assert (alert.kind, alert.subject, alert.day, alert.observed) == (MYTH, "jobs_wages", FIRST + timedelta(28), 20)
    assert alert.baseline_share == pytest.approx(60 / (28 * COLLECTED)) and alert.total == COLLECTED
    assert alert.expected == pytest.approx(15 / 7) and alert.baseline_days == 28
    assert alert.p_value < ALPHA


def test_a_small_bump_raises_none():
    counts = [4, 5, 3, 4, 6, 4, 5] * 4 + [9] + [4] * 3
    assert myth(counts) == []


def test_a_backfill_or_a_new_source_with_the_same_mix_raises_none():
    counts, totals = [2, 3, 2, 1, 2, 3, 2] * 5, [COLLECTED] * 35
    counts[30], totals[30] = 20 * 2, 20 * COLLECTED  # twenty times the posts, the myth's usual share
    assert myth(counts, totals) == []
    hateful, about_migration = [10] * 35, [40] * 35
    hateful[30], about_migration[30] = 10 * 25, 40 * 25
    assert share_spikes(FIRST, hateful, about_migration) == []
    counts[30] = 20 * 8  # the same day with the myth in a fifth of the posts instead of a twentieth
    [alert] = myth(counts, totals)
    assert alert.day == FIRST + timedelta(30) and alert.p_value < ALPHA


def test_short_history_raises_none_however_big():
    assert myth([0, 1, 0, 0, 1, 0, 40]) == []  # six days of history
    [alert] = myth([0, 1, 0, 0, 1, 0, 0, 40])  # seven
    assert alert.day == FIRST + timedelta(7) and alert.baseline_days == 7


def test_a_new_myth_needs_min_count_posts():
    assert myth([0] * 28 + [4]) == []
    assert myth([0] * 28 + [5])[0].expected == 0


def test_only_days_from_test_from_are_tested():
    counts = [1] * 20 + [30] + [1] * 20
    assert [a.day for a in myth(counts)] == [FIRST + timedelta(20)]
    assert myth(counts, test_from=FIRST + timedelta(21)) == []


def test_the_baseline_is_the_trailing_window_only():
    counts = [30] * 10 + [1] * 28 + [12]  # the early busy days are outside the 28-day window
    [alert] = myth(counts)
    assert alert.expected == 1 and alert.day == FIRST + timedelta(38)


def test_share_flat_raises_none_and_a_jump_raises_one():
    totals = [40] * 35
    hateful = [10] * 35
    assert share_spikes(FIRST, hateful, totals) == []
    hateful[30] = 30
    [alert] = share_spikes(FIRST, hateful, totals)
    assert (alert.kind, alert.subject, alert.day, alert.observed, alert.total) == (SHARE, None,
                                                                                   FIRST + timedelta(30), 30, 40)
    assert alert.baseline_share == 0.25 and alert.expected == 10 and alert.p_value < ALPHA


def test_share_small_bump_or_short_history_raises_none():
    totals, hateful = [40] * 35, [10] * 35
    hateful[30] = 16
    assert share_spikes(FIRST, hateful, totals) == []
    assert share_spikes(FIRST, [1, 0, 1, 0, 1, 0, 35], [40] * 7) == []


def test_share_series_must_have_the_same_length():
    with pytest.raises(ValueError, match="hits has 3 days but totals has 2"):
        share_spikes(FIRST, [1, 2, 3], [4, 5])
