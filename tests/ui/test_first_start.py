"""First start (issue 16): a new profile opens on the welcome and the safety check, not the
diary, and the welcome is said once."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from desktop.domain.diary import DiaryEntry
from desktop.ui.programme.onboarding_flow import OnboardingFlow


def _visible_text(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel) if label.isVisible())


def test_a_new_profile_opens_on_the_welcome_step_of_getting_started(qtbot, window):
    window.show_start()
    assert window.current_section() == "week"
    flow = window.page("week").flow
    assert isinstance(flow, OnboardingFlow) and flow.stack.currentIndex() == 0
    content = window.page("week").programme.content.onboarding
    shown = _visible_text(window)
    assert content.what_to_expect[0] in shown
    assert shown.count(content.what_to_expect[0]) == 1 and shown.count(content.welcome[0]) == 1


def test_before_starting_this_week_does_not_repeat_the_welcome(qtbot, window):
    window.show_page("week")
    page = window.page("week")
    content = page.programme.content.onboarding
    shown = _visible_text(page)
    assert content.not_started in shown and content.what_to_expect[0] not in shown


def test_a_profile_with_a_diary_opens_on_home(qtbot, diary, window, today):
    diary.save(DiaryEntry(day=today, pain=4, walking_minutes=10, limitation=3))
    window.show_start()
    assert window.current_section() == "home" and window.page("week").flow is None


def test_both_ways_of_opening_a_profile_start_the_same_way():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "desktop" / "ui" / "app"
    for module in ("app.py", "app_session.py"):  # the home start and the profile picker
        source = (root / module).read_text(encoding="utf-8")
        assert "ProfileSession.open(" in source and "show_start" not in source, module
    shared = (root / "profile_session.py").read_text(encoding="utf-8")
    assert "window.show_start()" in shared and "show_start_prompts()" not in shared
