"""Spike alerts on hand-made daily counts, and their tail probabilities against scipy's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from scipy import stats

from vigia.alerts import ALPHA, MYTH, SHARE, binomial_sf, count_spikes, hypergeom_sf, share_spikes

FIRST = date(2026, 3, 1)


@pytest.mark.parametrize("k, n, p", [(0, 10, 0.3), (1, 10, 0.3), (3, 10, 0.3), (9, 10, 0.3), (10, 10, 0.3),
                                     (11, 10, 0.3), (25, 60, 1 / 29), (5, 5, 1 / 8), (400, 1000, 0.35),
                                     (330, 1000, 0.35), (12, 5000, 0.001), (3, 40, 0.0), (40, 40, 1.0)])
def test_binomial_tail_matches_scipy(k, n, p):
    assert binomial_sf(k, n, p) == pytest.approx(stats.binom.sf(k - 1, n, p), rel=1e-9, abs=1e-300)


@pytest.mark.parametrize("k, population, successes, draws", [(5, 40, 10, 8), (1, 40, 10, 8), (8, 40, 10, 8),
                                                             (9, 40, 10, 8), (30, 900, 200, 60),
                                                             (6, 300, 60, 50), (12, 5000, 400, 20)])
def test_hypergeometric_tail_matches_scipy(k, population, successes, draws):
    expected = stats.hypergeom.sf(k - 1, population, successes, draws)
    assert hypergeom_sf(k, population, successes, draws) == pytest.approx(expected, rel=1e-9, abs=1e-300)


def test_flat_series_raises_no_alert():
    assert count_spikes("jobs_wages", FIRST, [6] * 60) == []


def test_a_big_spike_raises_one_alert_on_its_day():
    counts = [2, 3, 2, 1, 2, 3, 2] * 4 + [20] + [2] * 5
    [alert] = count_spikes("jobs_wages", FIRST, counts)
    assert (alert.kind, alert.subject, alert.day, alert.observed) == (MYTH, "jobs_wages", FIRST + timedelta(28), 20)
    assert alert.expected == pytest.approx(15 / 7) and alert.baseline_days == 28
    assert alert.p_value < ALPHA


def test_a_small_bump_raises_none():
    counts = [4, 5, 3, 4, 6, 4, 5] * 4 + [9] + [4] * 3
    assert count_spikes("jobs_wages", FIRST, counts) == []


def test_short_history_raises_none_however_big():
    assert count_spikes("jobs_wages", FIRST, [0, 1, 0, 0, 1, 0, 40]) == []  # six days of history
    [alert] = count_spikes("jobs_wages", FIRST, [0, 1, 0, 0, 1, 0, 0, 40])  # seven
    assert alert.day == FIRST + timedelta(7) and alert.baseline_days == 7


def test_a_new_myth_needs_min_count_posts():
    assert count_spikes("disease", FIRST, [0] * 28 + [4]) == []
    assert count_spikes("disease", FIRST, [0] * 28 + [5])[0].expected == 0


def test_only_days_from_test_from_are_tested():
    counts = [1] * 20 + [30] + [1] * 20
    assert [a.day for a in count_spikes("m", FIRST, counts)] == [FIRST + timedelta(20)]
    assert count_spikes("m", FIRST, counts, test_from=FIRST + timedelta(21)) == []


def test_the_baseline_is_the_trailing_window_only():
    counts = [50] * 10 + [1] * 28 + [12]  # the early busy days are outside the 28-day window
    [alert] = count_spikes("m", FIRST, counts)
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
    with pytest.raises(ValueError, match="hateful has 3 days but totals has 2"):
        share_spikes(FIRST, [1, 2, 3], [4, 5])
