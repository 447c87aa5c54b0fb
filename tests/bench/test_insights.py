"""Benchmarks for the Progress page with a 10-year daily diary.

Budgets: the statistics (one comparison with its 2000-resample bootstrap) under 20 ms; a full
chart redraw (new data into the day-by-day chart and painting it, every day shown) under
30 ms (ARCHITECTURE.md). Run: ./scripts/test.sh -s tests/bench/test_insights.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import replace

from desktop.content.insights import insight_settings
from desktop.domain.demo import demo_entries
from desktop.domain.diary import DiaryEntry
from desktop.domain.insights import compare, weekly_summaries

TODAY = dt.date(2026, 3, 15)
YEARS = 10
STATS_BUDGET_MS = 20.0
REDRAW_BUDGET_MS = 30.0


def _ten_years() -> list[DiaryEntry]:
    """Every day of ten years recorded (the worst case: no missed days), demo-like values."""
    demo = demo_entries(YEARS * 365, 4, TODAY, ["bridge", "cat-camel", "knee-rolls", "pelvic-tilts"])
    days = [TODAY - dt.timedelta(days=offset) for offset in range(YEARS * 365)][::-1]
    entries = [replace(demo[i % len(demo)], day=day) for i, day in enumerate(days)]
    assert len(entries) == YEARS * 365
    return entries


def _timed(action, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def test_statistics_for_ten_years_of_daily_diary():
    entries = _ten_years()
    settings = insight_settings()
    compare(entries, "walking", 1, settings)  # numpy imported, caches warm
    results = {}
    for activity in ("walking", "exercises"):
        for lag in (0, 1):
            times = _timed(lambda activity=activity, lag=lag: compare(entries, activity, lag, settings), 30)
            results[activity, lag] = statistics.median(times)
    weekly = statistics.median(_timed(lambda: weekly_summaries(entries), 30))
    print(f"\n{len(entries)} days, {settings.resamples} resamples: comparison median "
          + ", ".join(f"{a}/lag {lag} {ms:.2f} ms" for (a, lag), ms in results.items())
          + f"; weekly summaries {weekly:.2f} ms (budget {STATS_BUDGET_MS:.0f} ms)")
    assert max(results.values()) < STATS_BUDGET_MS


def test_weekly_statement_for_ten_years_of_daily_diary():
    """The adjusted statement (domain/evidence.py) against the plain comparison, in the same run."""
    from desktop.content.insights import evidence_settings
    from desktop.domain.evidence import analyse

    entries = _ten_years()
    settings, plain_settings = evidence_settings(), insight_settings()
    analyse(entries, "walking", 1, settings)
    results = {}
    for activity in ("walking", "exercises"):
        for lag in (0, 1):
            results[activity, lag] = statistics.median(
                _timed(lambda activity=activity, lag=lag: analyse(entries, activity, lag, settings), 30))
    baseline = statistics.median(_timed(lambda: compare(entries, "walking", 1, plain_settings), 30))
    worst = max(results.values())
    print(f"\n{len(entries)} days: weekly statement median "
          + ", ".join(f"{a}/lag {lag} {ms:.2f} ms" for (a, lag), ms in results.items())
          + f"; plain comparison {baseline:.2f} ms; ratio {worst / baseline:.2f} (budget {STATS_BUDGET_MS:.0f} ms)")
    assert worst < STATS_BUDGET_MS


def test_full_chart_redraw_of_ten_years(qtbot):
    from desktop.ui.charts.timeline_chart import TimelineChart
    from desktop.ui.charts.weekly_chart import WeeklyChart

    entries = _ten_years()
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(1100, 420)
    chart.show()
    qtbot.waitExposed(chart)
    chart.range = "all"

    def redraw():
        chart.set_entries(entries, TODAY)
        chart.plot.grab()  # paints every item, as the screen would

    redraw()
    first, last = chart.visible_days()
    assert first <= entries[0].day + dt.timedelta(days=1) and last >= TODAY - dt.timedelta(days=1)
    times = _timed(redraw, 20)
    paint_only = _timed(chart.plot.grab, 20)

    weekly = WeeklyChart()
    qtbot.addWidget(weekly)
    weekly.resize(1100, 320)
    weekly.show()
    weeks = weekly_summaries(entries)

    def redraw_weekly():
        weekly.set_weeks(weeks)
        weekly.plot.grab()

    redraw_weekly()
    weekly_times = _timed(redraw_weekly, 20)
    print(f"\n{len(entries)} days on screen: day-by-day redraw median {statistics.median(times):.1f} ms "
          f"(max {max(times):.1f}), paint only {statistics.median(paint_only):.1f} ms; "
          f"week-by-week redraw {statistics.median(weekly_times):.1f} ms (budget {REDRAW_BUDGET_MS:.0f} ms)")
    assert statistics.median(times) < REDRAW_BUDGET_MS
    assert statistics.median(weekly_times) < REDRAW_BUDGET_MS
