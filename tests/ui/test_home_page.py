"""Home: whether today is done, and the last seven days as tiles that open the Diary."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from ui_helpers import click, scale_button

from desktop.content.loader import text
from desktop.domain.diary import DiaryEntry
from desktop.ui.widgets.formatting import long_day

TODAY = dt.date(2026, 3, 15)


def entry(day: dt.date, pain: int = 5, walking: int = 20, **more) -> DiaryEntry:
    return DiaryEntry(day=day, pain=pain, walking_minutes=walking, limitation=3, **more)


def test_home_is_the_first_page_and_says_today_is_not_filled_in(window):
    home = window.home_page
    assert window.pages.currentWidget() is home
    assert window.current_section() == "home"
    assert home.today_status.text() == text("today_missing")
    assert "not filled in yet" in home.today_status.text()
    assert home.today_button.text() == "Fill in today's diary"
    assert not home.today_summary.isVisible()
    assert home.date_label.text() == long_day(TODAY)
    assert home.week_hint.text() == text("week_empty")


def test_home_changes_to_filled_in_after_saving_on_the_diary_page(qtbot, window, diary):
    home, page = window.home_page, window.diary_page
    click(qtbot, home.today_button)  # "Fill in today's diary" opens today's diary
    assert window.pages.currentWidget() is page
    assert window.current_section() == "diary"
    assert page.day == TODAY

    click(qtbot, scale_button(page.form.pain, 4))
    click(qtbot, scale_button(page.form.limitation, 2))
    click(qtbot, page.save_button)
    assert diary.get(TODAY) is not None

    window.show_page("home")
    assert window.pages.currentWidget() is home
    assert home.today_status.text() == "✓ " + text("today_done")
    assert "not filled in" not in home.today_status.text()
    assert home.today_summary.isVisible()
    assert home.today_summary.text() == "Today: pain 4 out of 10, walking not noted"  # skipped: not "no walk"
    assert home.today_button.text() == "Change today's entry"
    today_tile = home.week_strip.tiles[-1]
    assert today_tile.text().startswith("Today\n✓\nPain 4")
    assert today_tile.property("filled") is True


def test_the_seven_tiles_show_the_days_that_were_recorded(diary, make_window):
    diary.save(entry(dt.date(2026, 3, 10), pain=7, walking=0))
    diary.save(entry(dt.date(2026, 3, 13), pain=4, walking=25, exercises=frozenset({"bridge", "cat-camel"})))
    diary.save(entry(dt.date(2026, 3, 1), pain=9))  # older than a week: not on Home
    home = make_window().home_page

    tiles = home.week_strip.tiles
    assert len(tiles) == 7
    days = [TODAY - dt.timedelta(days=offset) for offset in range(6, -1, -1)]
    for day, tile in zip(days, tiles):
        assert tile.accessibleName().startswith(long_day(day))
    filled = [tile.property("filled") for tile in tiles]
    assert filled == [False, True, False, False, True, False, False]  # 9, 10, 11, 12, 13, 14, 15 March
    assert tiles[1].text().splitlines()[1:] == ["✓", "Pain 7", "No walk", "No exercises"]
    assert tiles[4].text().splitlines()[1:] == ["✓", "Pain 4", "25 min walk", "2 exercises"]
    assert text("day_not_filled") in tiles[0].text()
    assert tiles[-1].text().startswith("Today")
    assert home.week_hint.text() == text("week_hint")
    assert home.today_status.text() == text("today_missing")


def test_clicking_a_tile_opens_that_day_in_the_diary(qtbot, diary, make_window):
    diary.save(entry(dt.date(2026, 3, 13), pain=4, walking=25, note="physio day"))
    window = make_window()
    tile = window.home_page.week_strip.tiles[4]

    with qtbot.waitSignal(window.signals.day_open_requested, timeout=2000,
                          check_params_cb=lambda day: day == dt.date(2026, 3, 13)):
        click(qtbot, tile)

    page = window.diary_page
    assert window.pages.currentWidget() is page
    assert window.current_section() == "diary"
    assert page.day == dt.date(2026, 3, 13)
    assert page.date_edit.date() == QDate(2026, 3, 13)
    assert page.form.pain.value() == 4
    assert page.form.note.toPlainText() == "physio day"
    assert page.state_label.text() == "✓ Saved"


def test_clicking_an_empty_tile_opens_that_day_ready_to_fill_in(qtbot, diary, make_window):
    window = make_window()
    click(qtbot, window.home_page.week_strip.tiles[0])
    page = window.diary_page
    assert window.pages.currentWidget() is page
    assert page.day == dt.date(2026, 3, 9)
    assert page.form.pain.value() is None
    assert page.state_label.text() == "Nothing saved for this day yet"

    click(qtbot, scale_button(page.form.pain, 3))
    click(qtbot, scale_button(page.form.limitation, 3))
    click(qtbot, page.save_button)
    assert diary.get(dt.date(2026, 3, 9)).pain == 3
    assert window.home_page.week_strip.tiles[0].property("filled") is True


def test_home_follows_a_back_filled_day(qtbot, window, diary):
    page = window.diary_page
    window.show_page("diary")
    page.date_edit.setDate(QDate(2026, 3, 12))
    click(qtbot, scale_button(page.form.pain, 8))
    click(qtbot, scale_button(page.form.limitation, 8))
    click(qtbot, page.save_button)
    tiles = window.home_page.week_strip.tiles
    assert tiles[3].property("filled") is True and "Pain 8" in tiles[3].text()
    assert window.home_page.today_status.text() == text("today_missing")  # today still to do
