"""Home's Today card (issue 16): this week's goal, the patient's own plan, and ticks that fill
in today's diary, clicked as a patient would."""

from __future__ import annotations

from ui_helpers import click, scale_button

from desktop.domain.diary import DiaryEntry
from desktop.domain.goals import EXERCISES, WALKING, Goal
from desktop.store.programme_service import SessionResult


def _set_goals(window):
    programme = window.home_page.programme
    walk = Goal(WALKING, 1, 5, minutes_per_day=15, plan_when="after lunch", plan_where="around the park")
    bridge = Goal(EXERCISES, 1, 3, exercise_count=1, repetitions=5, times_per_day=1, exercises=frozenset({"bridge"}))
    programme.complete_session(SessionResult(1, (walk, bridge), level=1, activity_choice="both"))
    return walk, bridge


def test_the_card_shows_the_goal_and_the_plan_in_the_patients_words(qtbot, window):
    card = window.home_page.today_goal
    assert not card.isVisible()  # no goal yet: nothing to tick
    _set_goals(window)
    window.show_page("home")
    assert card.isVisible()
    assert "walk for 15 minutes a day on 5 days a week" in card.goal_words.text()
    assert card.plan.text() == "Your plan: after lunch around the park"
    assert card.ticks["walking"].text() == "I walked for at least 15 minutes today"
    assert not card.ticks["walking"].isChecked() and not card.ticks["exercises"].isChecked()


def test_a_tick_on_a_day_in_the_diary_saves_it_at_once(qtbot, window, diary, today):
    _set_goals(window)
    diary.save(DiaryEntry(day=today, pain=5, walking_minutes=5, limitation=4, note="stiff"))
    window.show_page("home")
    card = window.home_page.today_goal
    click(qtbot, card.ticks["walking"])
    saved = diary.get(today)
    assert saved.walking_minutes == 15 and saved.pain == 5 and saved.note == "stiff"
    assert card.ticks["walking"].isChecked() and "15 minutes of walking" in card.note.text()
    click(qtbot, card.ticks["exercises"])
    assert diary.get(today).exercises == frozenset({"bridge"})


def test_a_tick_before_todays_diary_opens_it_filled_in_and_waits_for_the_pain_answer(qtbot, window, diary, today):
    _set_goals(window)
    window.show_page("home")
    card = window.home_page.today_goal
    click(qtbot, card.ticks["walking"])
    assert window.current_section() == "diary"
    page = window.diary_page
    assert page.day == today and page.form.walking.value() == 15 and page.is_dirty()
    assert diary.get(today) is None  # nothing saved until the patient answers the pain questions
    click(qtbot, scale_button(page.form.pain, 4))
    click(qtbot, scale_button(page.form.limitation, 3))
    click(qtbot, page.save_button)
    assert diary.get(today).walking_minutes == 15
    window.show_page("home")
    assert card.ticks["walking"].isChecked()


def test_taking_a_tick_away_opens_the_diary_and_changes_nothing(qtbot, window, diary, today):
    _set_goals(window)
    diary.save(DiaryEntry(day=today, pain=5, walking_minutes=20, limitation=4))
    window.show_page("home")
    card = window.home_page.today_goal
    assert card.ticks["walking"].isChecked()
    click(qtbot, card.ticks["walking"])
    assert window.current_section() == "diary" and diary.get(today).walking_minutes == 20
