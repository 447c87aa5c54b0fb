"""The Learn topics and the Diary's days wrap their words in full: no title is cut off."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from desktop.domain.diary import DiaryEntry

TODAY = dt.date(2026, 3, 15)


def cut_off(view) -> list[str]:
    """The items whose wrapped words need more height than the list gives them."""
    style, cut = view.style(), []
    margin = style.pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1  # as Qt paints item text
    for row in range(view.count()):
        index = view.model().index(row, 0)
        option = QStyleOptionViewItem()
        view.itemDelegate().initStyleOption(option, index)
        option.rect = view.visualRect(index)
        option.widget = view
        area = style.subElementRect(QStyle.SE_ItemViewItemText, option, view).adjusted(margin, 0, -margin, 0)
        needed = option.fontMetrics.boundingRect(QRect(0, 0, area.width(), 10_000), Qt.TextWordWrap, option.text)
        if needed.height() > area.height() or option.rect.right() >= view.viewport().width():
            cut.append(option.text)  # cut off at the bottom, or on the right
    return cut


def make(make_window, size: str, clock=None):
    window = make_window(clock=clock)
    sizes = window.settings_page.text_size
    sizes.setCurrentIndex(sizes.findData(size))
    window.resize(1024, 600)
    return window


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_every_learn_topic_shows_its_whole_title(qtbot, make_window, size):
    window = make(make_window, size)
    window.show_page("learn")
    learn = window.page("learn")
    qtbot.wait(50)
    assert learn.list.count() == 6
    assert cut_off(learn.list) == []  # "Coping with flare-ups" lost its last line at normal size


@pytest.mark.parametrize("size", ["normal", "larger"])
def test_every_diary_day_in_the_list_shows_all_its_words(qtbot, diary, make_window, size):
    for offset in range(12):
        diary.save(DiaryEntry(day=TODAY - dt.timedelta(days=offset), pain=offset % 11, walking_minutes=5 * offset,
                              limitation=2, flare_up=offset % 3 == 0, exercises=frozenset({"bridge", "cat-camel",
                                                                                            "knee-rolls"})))
    window = make(make_window, size)
    window.show_page("diary")
    qtbot.wait(50)
    assert cut_off(window.diary_page.days_list) == []
