"""The safety screens as a patient meets them (pytest-qt): the emergency, GP-today and
all-clear paths; the gate on every page; the checks the diary and the walking guide bring up;
pregnancy, a recent operation and the mood questions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.domain import safety_gate as gate
from desktop.domain.diary import DiaryEntry
from desktop.ui.programme.onboarding_flow import OnboardingFlow
from desktop.ui.programme.safety_advice import SafetyAdvice
from desktop.ui.programme.safety_check import SafetyCheck
from desktop.ui.programme.session_flow import SessionFlow

START = dt.date(2026, 3, 2)
SECTIONS = ("home", "week", "diary", "progress", "exercises", "learn", "settings")


@dataclass
class MovableClock:
    day: dt.date

    def today(self) -> dt.date:
        return self.day

    def now(self):
        return dt.datetime.combine(self.day, dt.time(12), dt.UTC)


@pytest.fixture
def clock():
    return MovableClock(START)


@pytest.fixture
def window(make_window, clock):
    window = make_window(clock=clock)
    window.show_page("week")
    return window


def visible_text(widget) -> str:
    return " ".join(lbl.text() for lbl in widget.findChildren(QLabel) if lbl.isVisible())


def click(widget, caption: str) -> None:
    for button in widget.findChildren(QPushButton):
        if button.text().replace("&", "") == caption and button.isVisible():
            button.click()
            return
    raise AssertionError(f"no visible button {caption!r}")


def answer(questions, yes=()):
    for question in questions.questions:
        questions.set_answer(question.id, question.id in yes)


def start_onboarding(window) -> OnboardingFlow:
    page = window.page("week")
    click(page, "Get started")
    page.flow.next()  # welcome
    return page.flow


def finish_onboarding(flow: OnboardingFlow, history_yes=(), cleared=(), mood=0):
    answer(flow.history, history_yes)
    for item in cleared:
        flow.history.set_answer(item, True, cleared=True)
    flow.next()
    flow.pain_now.set_value(5, notify=True)
    flow.pain_week.set_value(5, notify=True)
    flow.limitation.set_value(3, notify=True)
    flow.next()
    flow.next()  # the Roland-Morris list
    answer(flow.barriers)
    flow.next()
    for item in flow.mood.groups:
        flow.mood.set_answer(item, mood)
    flow.next()
    flow.next()  # reminders
    assert flow.current().title == "You are ready"


def onboard_clear(window, **kwargs) -> None:
    flow = start_onboarding(window)
    answer(flow.safety)
    flow.next()
    finish_onboarding(flow, **kwargs)
    flow.next()
    assert window.page("week").flow is None


def advice(window) -> SafetyAdvice:
    shown = [a for a in window.findChildren(SafetyAdvice) if a.isVisible()]
    assert len(shown) == 1, f"{len(shown)} advice cards showing"
    return shown[0]


# The three paths ------------------------------------------------------------------------------------
def test_emergency_path_gates_every_page_until_its_own_two_ticks_then_onboarding_resumes(qtbot, window, clock):
    programme = window.page("week").programme
    flow = start_onboarding(window)
    answer(flow.safety, {"leg_weakness"})
    flow.next()
    words = programme.content.safety.levels["emergency"]
    for section in SECTIONS:
        window.show_page(section)
        assert window.gate.view == (gate.ADVICE_ABOVE if section == "settings" else gate.ADVICE), section
        assert window.pages.isVisible() == (section == "settings"), section
        text = visible_text(window)
        assert words.title in text and words.advice[0] in text, section
        if section != "settings":  # Settings has the advice in short above its page
            assert "weakness in one or both legs" in text.lower()  # what the patient told us
    window.show_page("home")
    card = advice(window)
    assert [t.accessibleName() for t in card.ticks] == list(words.confirm)
    assert programme.content.safety.levels["same_day"].confirm[0] not in [t.accessibleName() for t in card.ticks]
    card.ticks[0].setChecked(True)
    assert not card.button.isEnabled()  # both ticks are needed
    card.ticks[1].setChecked(True)
    clock.day += dt.timedelta(days=1)
    card.button.click()
    qtbot.waitUntil(lambda: window.page("week").flow is not None, timeout=2000)
    record = programme.safety_record()
    assert record.confirmations == ((clock.day, "emergency"),) and not programme.snapshot().paused_for_safety
    assert not window.gate.covers and window.pages.isVisible()
    flow = window.page("week").flow
    assert isinstance(flow, OnboardingFlow) and flow.current().title == "About your health"  # not the Welcome


def test_gp_today_path_holds_the_exercises_reminds_on_the_diary_and_resumes(qtbot, window, clock):
    programme = window.page("week").programme
    flow = start_onboarding(window)
    answer(flow.safety, {"fever_unwell"})
    flow.next()
    words = programme.content.safety.levels["same_day"]
    week = window.page("week")
    assert words.title in visible_text(week) and words.advice[0] in visible_text(week)
    window.show_page("exercises")
    assert window.gate.view == gate.WAIT_FOR_CHECKUP and not window.pages.isVisible()
    window.show_page("diary")
    assert window.gate.view == gate.REMINDER and window.pages.isVisible()
    window.show_page("week")
    card = advice(window)
    assert [t.accessibleName() for t in card.ticks] == list(words.confirm) and len(card.ticks) == 1
    card.ticks[0].setChecked(True)
    card.button.click()
    qtbot.waitUntil(lambda: week.flow is not None, timeout=2000)
    assert programme.safety_record().confirmations == ((clock.day, "same_day"),)
    assert week.flow.current().title == "About your health"
    finish_onboarding(week.flow)
    week.flow.next()
    window.show_page("exercises")
    assert window.gate.view == gate.OPEN and window.pages.isVisible()


def test_all_clear_path_shows_the_all_clear_and_opens_everything(qtbot, window, clock):
    programme = window.page("week").programme
    all_clear = programme.content.safety.words.all_clear
    window.show_page("exercises")
    assert window.gate.view == gate.WAIT_FOR_CHECK  # before the first check
    window.show_page("week")
    flow = start_onboarding(window)
    answer(flow.safety)
    flow.next()
    answer(flow.history)
    flow.next()
    assert flow.current().title == "How your back is now" and all_clear in visible_text(flow)
    flow.back()
    flow.back()
    flow.next()
    finish_onboarding(flow)
    flow.next()
    for section in SECTIONS:
        window.show_page(section)
        assert window.gate.view == gate.OPEN and window.pages.isVisible(), section
    # A weekly check with nothing to act on says so too.
    week = window.page("week")
    window.show_page("week")
    click(week, "Start session 1")
    session: SessionFlow = week.flow
    session.next(), session.next(), session.next()
    session.walking.setChecked(True)
    session.next(), session.next(), session.next()
    clock.day += dt.timedelta(days=7)
    week.refresh()
    click(week, "Start session 2")
    answer(week.flow.safety)
    week.flow.next()
    assert all_clear in visible_text(week)


# Checks between sessions ----------------------------------------------------------------------------
def test_pain_of_8_three_days_running_brings_up_the_check_on_every_page(qtbot, window, clock):
    onboard_clear(window)
    diary = window.page("week").diary
    window.show_page("diary")
    clock.day = START + dt.timedelta(days=3)
    for offset, pain in enumerate((8, 9)):
        diary.save(DiaryEntry(START + dt.timedelta(days=offset + 1), pain=pain, walking_minutes=0, limitation=6))
    assert window.gate.view == gate.OPEN  # two days: not yet
    diary.save(DiaryEntry(clock.day, pain=8, walking_minutes=0, limitation=6))
    assert window.gate.view == gate.CHECK and not window.pages.isVisible()
    check = window.gate.findChild(SafetyCheck)
    assert "pain of 8 or more on 3 days in a row" in visible_text(check)
    assert len(check.questions.questions) == 12
    window.show_page("progress")
    assert window.gate.view == gate.CHECK
    answer(check.questions)
    check.save()
    assert window.gate.view == gate.OPEN and window.pages.isVisible()
    assert window.page("week").programme.content.safety.words.all_clear in visible_text(window.gate)


def test_the_diarys_tick_and_the_walking_warning_lead_to_the_emergency_advice(qtbot, window):
    onboard_clear(window)
    window.show_page("diary")
    window.diary_page.form.new_symptoms.setChecked(True)
    assert window.gate.view == gate.CHECK
    check = window.gate.findChild(SafetyCheck)
    assert {q.id for q in check.questions.questions} == {
        "saddle_numbness", "bladder_bowel", "sexual_function", "leg_weakness", "both_legs"}
    answer(check.questions)
    check.save()
    assert window.gate.view == gate.OPEN
    window.show_page("exercises")
    page = window.page("exercises")
    page.show_exercise("walking")
    assert page.guide_view.warning_button.isVisible()
    page.guide_view.warning_button.click()
    assert window.gate.view == gate.CHECK
    check = window.gate.findChild(SafetyCheck)
    answer(check.questions, {"leg_weakness"})
    check.save()
    assert window.gate.view == gate.ADVICE
    assert advice(window).level == "emergency"


def test_after_confirming_a_session_carries_on_after_its_check(qtbot, window, clock):
    onboard_clear(window)
    week = window.page("week")
    click(week, "Start session 1")
    session = week.flow
    session.next(), session.next(), session.next()
    session.walking.setChecked(True)
    session.next(), session.next(), session.next()
    clock.day += dt.timedelta(days=7)
    week.refresh()
    click(week, "Start session 2")
    answer(week.flow.safety, {"night_pain"})
    week.flow.next()
    card = advice(window)
    assert card.level == "soon"
    card.ticks[0].setChecked(True)
    card.button.click()
    qtbot.waitUntil(lambda: week.flow is not None, timeout=2000)
    assert isinstance(week.flow, SessionFlow) and week.flow.index == 1  # the review, not the check again


# Pregnancy, a recent operation, mood ----------------------------------------------------------------
def test_in_pregnancy_exercises_on_the_front_are_hidden(qtbot, window):
    onboard_clear(window, history_yes={"pregnant"})
    window.show_page("exercises")
    page = window.page("exercises")
    titles = [page.list.item(row).text().split("\n")[0] for row in range(page.list.count())]
    assert "Back extension" not in titles and "Bridge" in titles
    week = window.page("week")
    window.show_page("week")
    click(week, "Start session 1")
    session = week.flow
    session.next(), session.next(), session.next()
    session.exercises.setChecked(True)
    session.next()
    assert "back-extension" not in session.editors[0].exercise_boxes
    session.next()  # the plan
    click(session, "Finish")
    click(week, "Done")  # the week page again, with the note about pregnancy
    click(week, week.programme.content.safety.words.pregnancy_over)
    titles = [page.list.item(row).text().split("\n")[0] for row in range(page.list.count())]
    assert "Back extension" in titles


def test_after_a_back_operation_the_surgeons_go_ahead_comes_first(qtbot, window, clock):
    onboard_clear(window, history_yes={"spinal_surgery"})
    week = window.page("week")
    safety = week.programme.content.safety
    assert safety.words.surgery_title in visible_text(week)
    window.show_page("exercises")
    assert window.gate.view == gate.WAIT_FOR_SURGEON
    window.show_page("week")
    click_start = [b for b in week.findChildren(QPushButton) if b.text() == safety.words.surgery_button][0]
    assert not click_start.isEnabled()
    from desktop.ui.widgets.wrapping_check import WrappingCheck

    confirm = [box for box in week.findChildren(WrappingCheck) if box.text() == safety.words.surgery_confirm]
    confirm[0].setChecked(True)
    click_start.click()
    click(week, "Start session 1")
    assert week.programme.safety_record().confirmations == ((clock.day, "surgery"),)


def test_a_mood_score_of_3_shows_where_to_get_help(qtbot, window):
    flow = start_onboarding(window)
    answer(flow.safety)
    flow.next()
    finish_onboarding(flow, mood=2)  # PHQ-2 4, GAD-2 4
    text = visible_text(flow)
    assert "Samaritans" in text and "116 123" in text and "NHS Talking Therapies" in text
    flow.next()
    from desktop.store.safety_service import mood_scores

    assert mood_scores(window.page("week").programme.safety_record(), "onboarding") == {"phq2": 4, "gad2": 4}


def test_a_cancer_survivor_who_has_talked_to_their_gp_is_not_stopped(qtbot, window):
    flow = start_onboarding(window)
    answer(flow.safety)
    flow.next()
    finish_onboarding(flow, history_yes={"cancer_history"}, cleared={"cancer_history"})
    flow.next()
    programme = window.page("week").programme
    assert not programme.snapshot().paused_for_safety
    assert set(programme.safety_record().clearances) == {"cancer_history"}
