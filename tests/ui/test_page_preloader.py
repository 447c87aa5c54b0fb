"""Pages nobody has opened yet are built in idle time after the first paint, without moving the
patient from where they are; a page opened half-built is finished at once."""

from __future__ import annotations

import datetime as dt

from desktop.domain.diary import DiaryEntry


def test_every_page_loads_in_idle_time_and_home_stays_on_show(qtbot, window):
    window.when_idle_load_pages()
    qtbot.waitUntil(lambda: window.preloader.finished, timeout=30000)
    assert all(window.page_if_built(key) is not None for key in window.section_keys())
    assert window.current_section() == "home" and window.pages.currentWidget() is window.page("home")


def test_a_page_opened_while_it_is_half_built_is_finished_first(qtbot, window, diary, today):
    diary.save(DiaryEntry(day=today - dt.timedelta(days=1), pain=3, walking_minutes=20, limitation=2))
    assert not window.build_step("progress")  # begun: the page is there, its charts not yet
    half = window.page_if_built("progress")
    assert not hasattr(half, "weekly")
    progress_item = window.navigation.item(window.section_keys().index("progress"))
    window.navigation.setCurrentItem(progress_item)  # the patient chooses Progress
    page = window.pages.currentWidget()
    assert page is half and page.build_step()  # nothing left to build
    assert page.summary.text() and len(page.entries) == 1  # the statement and the day are shown
    diary.save(DiaryEntry(day=today, pain=2, walking_minutes=30, limitation=1))
    assert len(page.entries) == 2  # and it follows the diary like any page
