"""The main window: keyboard navigation between pages, and never losing unsaved answers."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import click, press, scale_button

TODAY = dt.date(2026, 3, 15)


def test_title_names_the_app_and_any_other_profile(window, make_window, database):
    assert window.windowTitle() == "SupportBack"
    other = make_window(profile="Sam")
    # The title bar shows "Sam — SupportBack": Qt appends the display name to other titles.
    assert other.windowTitle() == "Sam"
    assert QApplication.applicationDisplayName() == "SupportBack"


def test_the_app_has_its_own_icon_at_every_size_a_desktop_asks_for(window):
    icon = QApplication.windowIcon()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes
    assert QApplication.desktopFileName() == "supportback"  # matches build_spec/linux/supportback.desktop
    image = icon.pixmap(64, 64).toImage()
    assert image.pixelColor(32, 6).name() == "#1f6f78"  # the app's teal, not a blank or default icon


SECTIONS = ["Home", "This week", "Diary", "Progress", "Exercises", "Learn", "Settings"]
KEYS = ["home", "week", "diary", "progress", "exercises", "learn", "settings"]
CTRL = {key: getattr(Qt, f"Key_{n}") for n, key in enumerate(KEYS, start=1)}


def test_navigation_lists_the_sections_with_their_shortcuts(window):
    nav = window.navigation
    assert [nav.item(row).text() for row in range(nav.count())] == SECTIONS
    assert [nav.item(row).toolTip() for row in range(nav.count())] == [
        f"{title} (Ctrl+{n})" for n, title in enumerate(SECTIONS, start=1)]


def test_ctrl_number_switches_pages(qtbot, window):
    sections = {CTRL[key]: key for key in KEYS}
    for key in (CTRL["diary"], CTRL["settings"], CTRL["home"], CTRL["week"], CTRL["progress"], CTRL["exercises"],
                CTRL["learn"], CTRL["diary"]):
        qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.ControlModifier)
        assert window.current_section() == sections[key]
        assert window.pages.currentWidget() is window.page(sections[key])


def test_clicking_the_navigation_switches_pages(qtbot, window):
    nav = window.navigation
    qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(nav.item(KEYS.index("settings"))).center())
    assert window.pages.currentWidget() is window.settings_page
    qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(nav.item(KEYS.index("diary"))).center())
    assert window.pages.currentWidget() is window.diary_page


def test_ctrl_s_on_another_page_does_not_save_the_diary(qtbot, window, diary):
    window.show_page("home")
    qtbot.keyClick(window.home_page, Qt.Key_S, Qt.ControlModifier)
    assert diary.count() == 0
    assert window.diary_page.state_label.text() == "Nothing saved for this day yet"


@pytest.fixture
def unsaved(qtbot, window):
    """On the Diary page with today's answers chosen but not saved."""
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 6))
    click(qtbot, scale_button(page.form.limitation, 2))
    assert page.is_dirty()
    return window


def test_leaving_the_diary_with_unsaved_changes_asks_and_cancel_stays(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Cancel)
    press(qtbot, Qt.Key_1, Qt.ControlModifier)
    assert len(dialogs.questions) == 1
    assert dialogs.questions[0].title == "Unsaved changes"
    assert window.pages.currentWidget() is window.diary_page
    assert window.current_section() == "diary"
    assert window.diary_page.form.pain.value() == 6
    assert diary.count() == 0


def test_leaving_the_diary_with_discard_drops_the_answers(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Discard)
    press(qtbot, CTRL["settings"], Qt.ControlModifier)
    assert window.pages.currentWidget() is window.settings_page
    assert diary.count() == 0
    window.show_page("diary")  # coming back shows what is saved, not the dropped answers
    assert window.diary_page.form.pain.value() is None
    assert not window.diary_page.is_dirty()
    assert len(dialogs.questions) == 1


def test_leaving_the_diary_with_save_keeps_the_answers(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Save)
    press(qtbot, Qt.Key_1, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.home_page
    assert diary.get(TODAY).pain == 6
    assert window.home_page.today_status.text().startswith("✓ ")


def test_leaving_the_diary_by_clicking_the_navigation_asks_too(qtbot, unsaved, dialogs):
    window = unsaved
    nav = window.navigation
    dialogs.answer(QMessageBox.Cancel)
    qtbot.mouseClick(nav.viewport(), Qt.LeftButton, pos=nav.visualItemRect(nav.item(0)).center())
    assert len(dialogs.questions) == 1
    assert window.pages.currentWidget() is window.diary_page
    assert window.current_section() == "diary"


def test_leaving_a_saved_diary_does_not_ask(qtbot, window, dialogs):
    window.show_page("diary")
    page = window.diary_page
    click(qtbot, scale_button(page.form.pain, 6))
    click(qtbot, scale_button(page.form.limitation, 2))
    click(qtbot, page.save_button)
    press(qtbot, Qt.Key_1, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.home_page
    assert dialogs.questions == []


def test_closing_the_window_with_unsaved_changes_asks_and_cancel_keeps_it_open(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Cancel)
    assert not window.close()
    assert len(dialogs.questions) == 1
    assert window.isVisible()
    assert window.diary_page.form.pain.value() == 6
    assert diary.count() == 0


def test_closing_the_window_with_save_saves_then_closes(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Save)
    assert window.close()
    assert not window.isVisible()
    assert diary.get(TODAY).pain == 6


def test_closing_the_window_with_discard_closes_without_saving(qtbot, unsaved, dialogs, diary):
    window = unsaved
    dialogs.answer(QMessageBox.Discard)
    assert window.close()
    assert not window.isVisible()
    assert diary.count() == 0


def test_closing_with_save_but_an_unfinished_form_stays_open(qtbot, window, dialogs, diary):
    window.show_page("diary")
    click(qtbot, scale_button(window.diary_page.form.pain, 6))  # no limitation yet
    dialogs.answer(QMessageBox.Save)
    assert not window.close()
    assert window.isVisible()
    assert "limited your day" in window.diary_page.state_label.text()
    assert diary.count() == 0


def test_closing_without_changes_does_not_ask(window, dialogs):
    assert window.close()
    assert dialogs.questions == []


def test_bring_forward_shows_a_minimised_window(qtbot, window):
    window.showMinimized()
    window.bring_forward()
    assert window.isVisible()
    assert not window.isMinimized()
