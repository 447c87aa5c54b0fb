"""The Exercises page: choose an exercise, watch it with captions, control it from the
keyboard, and still get the written steps and pictures when a video cannot play."""

from __future__ import annotations

import shutil
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import button

from desktop.content.loader import text
from desktop.paths import videos_dir
from desktop.store.usage_service import UsageService


@pytest.fixture(autouse=True)
def _screened(database, today):
    """The exercises open once the first safety questions are answered (tests/ui/test_safety_ui.py)."""
    from desktop.content.programme import programme_content
    from desktop.domain.clock import FixedClock
    from desktop.store.programme_service import ProgrammeService

    programme = ProgrammeService(database, programme_content(), FixedClock(today))
    programme.record_screening("onboarding", {q.id: False for q in programme.content.safety_questions})
    from sqlalchemy import text as sql

    with database.writing() as session:  # these tests count the video events alone
        session.execute(sql("DELETE FROM usage_event"))


@pytest.fixture
def page(qtbot, window):
    window.show_page("exercises")
    page = window.page("exercises")
    qtbot.waitUntil(lambda: page.player.player.duration() > 0, timeout=5000)  # knee rolls, loaded
    return page


def _playing(qtbot, page) -> None:
    qtbot.waitUntil(page.player.is_playing, timeout=3000)
    qtbot.waitUntil(lambda: page.player.player.position() > 300, timeout=5000)


def test_lists_every_exercise_and_shows_the_first_with_its_steps(page):
    titles = [page.list.item(row).text() for row in range(page.list.count())]
    assert titles == ["Knee rolls", "Pelvic tilts", "Knee-to-chest stretch", "Bridge", "Cat-camel",
                      "Back extension", "Walking"]
    assert page.title.text() == "Knee rolls"
    assert "roll to one side" in page.guide_view.steps.text()
    assert "Pain shoots down your leg" in page.guide_view.stop_if.text()
    assert page.player.isVisible() and not page.fallback.isVisible()
    assert page.player.entry.id == "knee-rolls"


def test_choosing_another_exercise_loads_its_video_and_words(qtbot, page):
    page.list.setCurrentRow(3)
    assert page.title.text() == "Bridge"
    assert page.guide_view.harder.text().startswith("Hold at the top")
    assert page.player.entry.id == "bridge"
    qtbot.waitUntil(lambda: abs(page.player.player.duration() - 21292) < 100, timeout=5000)


def test_play_pause_button_and_space(qtbot, page):
    play = button(page.player, "Play")
    qtbot.mouseClick(play, Qt.LeftButton)
    _playing(qtbot, page)
    assert play.text() == "Pause"
    qtbot.waitUntil(lambda: page.player.video.frames_shown > 0, timeout=3000)  # pictures arrive
    page.player.setFocus()
    qtbot.keyClick(page.player, Qt.Key_Space)
    qtbot.waitUntil(lambda: not page.player.is_playing(), timeout=3000)
    assert play.text() == "Play"


def test_arrow_keys_move_five_seconds_and_the_caption_follows(qtbot, page):
    player = page.player
    player.setFocus()
    qtbot.keyClick(player, Qt.Key_Right)
    qtbot.waitUntil(lambda: abs(player.player.position() - 5000) < 300, timeout=3000)
    assert player.scrubber.value() == player.player.position()
    assert player.caption.text() == "Bring them back to the middle."
    qtbot.keyClick(player, Qt.Key_Left)
    qtbot.waitUntil(lambda: player.player.position() < 300, timeout=3000)
    assert player.caption.text().startswith("Lie on your back")


def test_the_scrubber_moves_the_video(qtbot, page):
    page.player.scrubber.setValue(12000)
    qtbot.waitUntil(lambda: abs(page.player.player.position() - 12000) < 300, timeout=3000)
    assert page.player.time_label.text() == "0:12 / 0:20"


def test_captions_are_on_by_default_and_c_switches_them(qtbot, page):
    player = page.player
    assert player.captions_on() and player.caption.isVisible()
    player.setFocus()
    qtbot.keyClick(player, Qt.Key_C)
    assert not player.captions_on() and not player.caption.isVisible()
    assert player.captions_button.text() == "Captions off"
    qtbot.keyClick(player, Qt.Key_C)
    assert player.caption.isVisible()


def test_slower_speeds(qtbot, page):
    page.player.speed.setCurrentIndex(page.player.speed.findData(0.5))
    assert page.player.player.playbackRate() == 0.5
    page.player.set_speed(0.75)
    assert page.player.player.playbackRate() == 0.75
    assert page.player.speed.currentText() == "Slower (0.75x)"


def test_replay_starts_again_from_the_beginning(qtbot, page):
    page.player.player.setPosition(15000)
    qtbot.waitUntil(lambda: page.player.player.position() >= 14000, timeout=3000)
    qtbot.mouseClick(button(page.player, "Replay"), Qt.LeftButton)
    qtbot.waitUntil(lambda: page.player.is_playing() and page.player.player.position() < 3000, timeout=3000)


def test_f_goes_full_screen_and_escape_comes_back(qtbot, window, page):
    player = page.player
    player.setFocus()
    qtbot.keyClick(player, Qt.Key_F)
    assert player.isWindow() and player.isFullScreen()
    assert button(player, "Leave full screen")
    qtbot.keyClick(player, Qt.Key_Escape)
    assert not player.isWindow()
    assert player.parent() is not None and player.isVisible()
    assert button(player, "Full screen")


def test_the_rest_of_the_app_works_while_a_video_plays(qtbot, window, page):
    qtbot.mouseClick(button(page.player, "Play"), Qt.LeftButton)
    _playing(qtbot, page)
    diary_key = getattr(Qt, f"Key_{window.section_keys().index('diary') + 1}")
    qtbot.keyClick(QApplication.focusWidget() or window, diary_key, Qt.ControlModifier)
    assert window.pages.currentWidget() is window.diary_page
    assert not page.player.is_playing()  # leaving the page pauses the clip


def test_watching_records_started_and_how_far(qtbot, window, page, database):
    usage = UsageService(database)
    qtbot.mouseClick(button(page.player, "Play"), Qt.LeftButton)
    _playing(qtbot, page)
    qtbot.waitUntil(lambda: page.player.player.position() > 1200, timeout=5000)
    window.show_page("home")
    events = usage.recent()
    assert [e.kind for e in events] == ["video_progress", "video_started"]
    assert events[1].detail == {"video": "knee-rolls"}
    progress = events[0].detail
    assert progress["video"] == "knee-rolls" and progress["duration_s"] == pytest.approx(20.9, abs=0.1)
    assert 1.0 <= progress["watched_s"] <= 10
    assert progress["fraction"] == round(progress["watched_s"] / progress["duration_s"], 2)


def test_choosing_a_video_without_playing_records_nothing(qtbot, page, database):
    page.list.setCurrentRow(2)
    page.list.setCurrentRow(4)
    assert UsageService(database).recent() == []


@pytest.fixture
def damaged_videos(tmp_path, monkeypatch):
    copy = tmp_path / "videos"
    shutil.copytree(videos_dir(), copy, ignore=shutil.ignore_patterns("*.py", "__pycache__", "motions"))
    monkeypatch.setenv("SUPPORTBACK_VIDEOS_DIR", str(copy))
    return copy


def test_a_damaged_video_shows_the_steps_and_pictures_instead(qtbot, window, damaged_videos):
    data = bytearray((damaged_videos / "bridge.mp4").read_bytes())
    data[5000] ^= 0x01
    (damaged_videos / "bridge.mp4").write_bytes(bytes(data))
    (damaged_videos / "walking.mp4").unlink()
    window.show_page("exercises")
    page = window.page("exercises")
    page.show_exercise("bridge")
    assert page.fallback.isVisible() and not page.player.isVisible()
    said = page.fallback.message.text()
    assert said == text("video_damaged")
    assert said.startswith("This video cannot be shown") and "steps and pictures below" in said
    assert "damaged" not in said and "changed" not in said  # calm words: nothing for a patient to worry about
    assert page.fallback.shown_pictures == 2
    assert "lift your hips" in page.guide_view.steps.text()
    page.show_exercise("walking")
    assert page.fallback.message.text() == text("video_missing")
    page.show_exercise("cat-camel")  # an intact clip still plays
    assert page.player.isVisible() and not page.fallback.isVisible()


def test_a_file_that_will_not_decode_falls_back_with_plain_words(qtbot, window, damaged_videos):
    import json

    from desktop.content.video_catalogue import file_sha256

    clip = damaged_videos / "pelvic-tilts.mp4"
    clip.write_bytes(b"\x00" * 4096)  # checksum updated below, so only playing can find the fault
    manifest = json.loads((damaged_videos / "manifest.json").read_text())
    entry = next(e for e in manifest["videos"] if e["id"] == "pelvic-tilts")
    entry.update(bytes=4096, sha256=file_sha256(clip))
    (damaged_videos / "manifest.json").write_text(json.dumps(manifest))
    window.show_page("exercises")
    page = window.page("exercises")
    page.show_exercise("pelvic-tilts")
    qtbot.waitUntil(page.fallback.isVisible, timeout=5000)
    assert page.fallback.message.text() == text("video_play_failed")
    assert page.fallback.shown_pictures >= 2


def test_without_qtmultimedia_the_page_says_so_and_shows_the_steps(qtbot, window, monkeypatch):
    monkeypatch.setitem(sys.modules, "desktop.ui.video.video_player", None)  # import fails as without libpulse
    window.show_page("exercises")
    page = window.page("exercises")
    assert page.player is None
    assert page.fallback.isVisible()
    assert page.fallback.message.text() == text("video_no_player")
    assert page.fallback.shown_pictures == 3  # knee rolls: start, one side, the other side
    assert "roll to one side" in page.guide_view.steps.text()


def test_clicking_the_picture_plays_and_pauses(qtbot, page):
    qtbot.mouseClick(page.player.video, Qt.LeftButton)
    _playing(qtbot, page)
    qtbot.mouseClick(page.player.video, Qt.LeftButton)
    qtbot.waitUntil(lambda: not page.player.is_playing(), timeout=3000)


def test_closing_the_window_while_watching_records_how_far(qtbot, window, page, database, dialogs):
    qtbot.mouseClick(button(page.player, "Play"), Qt.LeftButton)
    _playing(qtbot, page)
    window.close()
    assert [e.kind for e in UsageService(database).recent()] == ["video_progress", "video_started"]


def test_tab_reaches_every_player_control(qtbot, page):
    page.list.setFocus()
    reached = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Tab)
        reached.add(QApplication.focusWidget())
    player = page.player
    assert {player.play_button, player.replay_button, player.speed, player.captions_button,
            player.full_button, player.scrubber} <= reached


def test_space_presses_a_focused_button_and_plays_from_the_scrubber(qtbot, page):
    player = page.player
    player.player.setPosition(9000)
    qtbot.waitUntil(lambda: player.player.position() >= 8500, timeout=3000)
    player.replay_button.setFocus()
    qtbot.keyClick(player.replay_button, Qt.Key_Space)  # Replay, from the keyboard
    qtbot.waitUntil(lambda: player.is_playing() and player.player.position() < 4000, timeout=3000)
    player.scrubber.setFocus()
    qtbot.keyClick(player.scrubber, Qt.Key_Space)
    qtbot.waitUntil(lambda: not player.is_playing(), timeout=3000)
    qtbot.keyClick(player.scrubber, Qt.Key_C)  # the letter keys work from any control
    assert not player.captions_on()


def test_exercises_in_the_current_goal_are_marked_and_reachable_from_the_diary(qtbot, window, database):
    from desktop.domain.goals import EXERCISES, Goal
    from desktop.store.programme_service import SessionResult

    programme = window.page("week").programme
    goal = Goal(EXERCISES, 1, 3, exercise_count=2, repetitions=5, times_per_day=1,
                exercises=frozenset({"bridge", "cat-camel"}))
    programme.complete_session(SessionResult(1, (goal,), level=1, activity_choice="exercises"))
    window.signals.programme_changed.emit()
    window.show_page("diary")
    window.diary_page.form.exercises_help.click()
    assert window.current_section() == "exercises"
    page = window.page("exercises")
    items = [page.list.item(row).text() for row in range(page.list.count())]
    marked = [item for item in items if "In your goal" in item]
    assert [m.split("\n")[0] for m in marked] == ["Bridge", "Cat-camel"]
    window.signals.exercise_requested.emit("cat-camel")
    assert page.title.text() == "Cat-camel"
