"""Follow-up questionnaires (issue 16): one card on Home when one is due, one button, and the
score in words against the start when it is answered."""

from __future__ import annotations

import datetime as dt

from programme_helpers import MovableClock, sessions_done, visible_button
from PySide6.QtWidgets import QCheckBox
from ui_helpers import click

from desktop.ui.programme.rmdq_flow import RmdqFlow

START = dt.date(2026, 3, 2)


def test_a_due_follow_up_is_one_card_on_home_and_ends_on_the_score_in_words(qtbot, make_window):
    clock = MovableClock(START)
    window = make_window(clock=clock)
    programme = window.home_page.programme
    sessions_done(programme, clock, 6)
    clock.day = START + dt.timedelta(days=400)  # a year on, the 3 and 6 month ones never answered
    window.show_page("home")
    window.home_page.refresh()
    home = window.home_page
    assert "a year on" in home.programme_text.text()
    assert home.programme_button.text() == "Answer the questionnaire"

    click(qtbot, home.programme_button)
    assert window.current_section() == "week"
    mood = window.page("week").flow
    if not isinstance(mood, RmdqFlow):  # session 6's mood questions come first when still unanswered
        for item in mood.questions.groups:
            mood.questions.set_answer(item, 0)
        mood.save()
        mood.save()  # Done
        window.show_page("home")
        click(qtbot, home.programme_button)
    flow = window.page("week").flow
    assert isinstance(flow, RmdqFlow) and flow.occasion == "month12"
    boxes = flow.checklist.findChildren(QCheckBox)
    for box in boxes[:4]:
        box.setChecked(True)
    flow.next()
    assert flow.result.text().startswith("0 at the start, 4 now, out of 24: lower is better.")
    flow.next()  # Finish
    assert [occasion for occasion, _day, _score in programme.rmdq_scores()][-1] == "month12"

    window.show_page("home")
    assert "a year on" not in home.programme_text.text()  # answered: no more card, and no 3 or 6 month one
    week = window.page("week")
    window.show_page("week")
    try:
        visible_button(week, "Answer a short questionnaire about your back")
        raise AssertionError("a second questionnaire was offered")
    except AssertionError as error:
        assert "no visible button" in str(error)
