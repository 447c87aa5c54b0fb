"""Read aloud: a row of buttons on the Learn topics, the exercise guides, the red-flag advice
and the programme's steps. Where the computer cannot speak (no engine, no voice, or no voice
for the content's language) the button is disabled and says why; with an engine it reads,
pauses, carries on, stops, and reads more slowly when asked.

Speaking is tested with Qt's own "mock" engine (it speaks nothing, but changes state as a real
one does); the last test uses this computer's real engine when one is installed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from ui_helpers import click

from desktop.content.loader import set_language, text
from desktop.ui.widgets import read_aloud, speech_thread
from desktop.ui.widgets.read_aloud import SLOWER_RATE, ReadAloud, visible_words

State = QTextToSpeech.State


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language(None)
    QLocale.setDefault(QLocale.system())
    for each in speech_thread._speakers.values():
        each.stop()


def shown_row(qtbot, row: ReadAloud) -> ReadAloud:
    qtbot.addWidget(row)
    row.show()
    qtbot.waitExposed(row)
    qtbot.waitUntil(lambda: row.checked, timeout=5000)  # checked once it is on screen
    return row


def test_with_no_speech_program_the_button_says_so_and_is_disabled(qtbot):
    row = shown_row(qtbot, ReadAloud("Go to A&E now.", engine="no-such-engine"))
    assert not row.read_button.isEnabled() and not row.pause_button.isVisible() and not row.stop_button.isVisible()
    assert row.note.isVisible() and row.note.text() == text("read_aloud_no_engine")
    assert "not available" in row.read_button.toolTip() and "speech-dispatcher" in row.note.text()
    row.read()  # even called directly: nothing is started, nothing fails
    assert row.speaker.state is None and not row._mine


def test_the_computers_own_engine_is_never_the_test_engine(monkeypatch):
    monkeypatch.delenv(read_aloud.ENGINE_VARIABLE, raising=False)
    assert speech_thread.engine_name() != "mock"


def test_it_reads_pauses_carries_on_and_stops(qtbot):
    row = shown_row(qtbot, ReadAloud("Lie on your back. Bend your knees and keep your feet flat.", engine="mock"))
    assert row.read_button.isEnabled() and not row.note.isVisible()
    assert row.speaker.worker.speech.locale().language() == QLocale.English
    with qtbot.waitSignal(row.speaker.state_changed, check_params_cb=lambda s: s == State.Speaking, timeout=3000):
        click(qtbot, row.read_button)
    assert not row.read_button.isEnabled() and row.pause_button.isEnabled() and row.stop_button.isEnabled()
    click(qtbot, row.pause_button)
    qtbot.waitUntil(lambda: row.speaker.state == State.Paused, timeout=3000)
    assert row.pause_button.text() == text("read_aloud_resume")
    click(qtbot, row.pause_button)
    qtbot.waitUntil(lambda: row.speaker.state == State.Speaking, timeout=3000)
    click(qtbot, row.stop_button)
    qtbot.waitUntil(lambda: row.speaker.state == State.Ready, timeout=3000)
    assert row.read_button.isEnabled() and not row.stop_button.isVisible()


def test_slower_reads_at_a_slower_rate_and_finishes(qtbot):
    row = shown_row(qtbot, ReadAloud("Walk a little.", engine="mock"))
    click(qtbot, row.slower)
    click(qtbot, row.read_button)
    qtbot.waitUntil(lambda: row._started, timeout=3000)
    assert row.speaker.worker.speech.rate() == pytest.approx(SLOWER_RATE)
    qtbot.waitUntil(lambda: row.speaker.state == State.Ready and row.read_button.isEnabled(), timeout=10000)
    assert not row.stop_button.isVisible()  # finished by itself: ready to read again


def test_polish_content_is_never_read_in_an_english_voice(qtbot):
    set_language("pl")  # the mock engine has English, Norwegian and Finnish voices only
    row = shown_row(qtbot, ReadAloud("Jedź teraz na oddział ratunkowy (A&E).", engine="mock"))
    assert not row.read_button.isEnabled() and row.note.text() == text("read_aloud_other_voice")
    assert "ten komputer nie ma głosu dla tego języka" in row.note.text()


def test_it_reads_the_words_a_person_sees_in_order():
    box = QWidget()
    layout = QVBoxLayout(box)
    for words in ("First", "Second", "<b>Third</b> &amp; last"):
        layout.addWidget(QLabel(words))
    hidden = QLabel("Hidden")
    layout.addWidget(hidden)
    hidden.setVisible(False)
    box.resize(300, 300)
    box.show()
    assert visible_words(box) == "First\nSecond\nThird & last"


def _row_words(page: QWidget) -> str:
    rows = [r for r in page.findChildren(ReadAloud) if r.isVisible()]
    assert len(rows) == 1, "one Read aloud row on the page"
    return rows[0].words()


def test_the_learn_topic_and_the_exercise_guide_have_it(qtbot, database, today, make_window, monkeypatch):
    from desktop.content.programme import programme_content
    from desktop.domain.clock import FixedClock
    from desktop.store.programme_service import ProgrammeService

    monkeypatch.setenv(read_aloud.ENGINE_VARIABLE, "mock")
    programme = ProgrammeService(database, programme_content(), FixedClock(today))  # the exercises open once screened
    programme.record_screening("onboarding", {q.id: False for q in programme.content.safety_questions})
    window = make_window()
    window.show_exercise("bridge")
    words = _row_words(window.page("exercises").guide_view)
    assert "Squeeze your bottom and slowly lift your hips off the floor." in words
    assert "Pain shoots down your leg or gets sharply worse." in words  # when to stop, too
    window.show_page("learn")
    learn = window.page("learn")
    sleep = learn.programme.content.module("sleep")
    learn.show_module(sleep)
    words = _row_words(learn.reader)
    assert words.startswith(sleep.title) and sleep.sections[0].paragraphs[0] in words and sleep.action in words


def test_the_red_flag_advice_has_it(qtbot):
    from desktop.content.programme import programme_content
    from desktop.ui.programme.safety_advice import SafetyAdvice

    safety = programme_content().safety
    card = SafetyAdvice(safety, "emergency", confirm=lambda level: None)
    qtbot.addWidget(card)
    card.show()
    words = _row_words(card)
    assert safety.levels["emergency"].title in words
    assert all(advice in words for advice in safety.levels["emergency"].advice)


def test_a_programme_step_has_it_and_reads_the_step_on_screen(qtbot, window):
    window.show_start()
    flow = window.page("week").flow
    content = window.page("week").programme.content.onboarding
    assert content.welcome[0] in flow.read_aloud.words()
    click(qtbot, flow.next_button)
    assert content.welcome[0] not in flow.read_aloud.words()


def _silent_speech_dispatcher(home: Path) -> None:
    """This test's own speech-dispatcher (HOME is the test's) sends its sound nowhere (libao's
    null driver), so speech starts and finishes on a machine with no audio device too."""
    folder = home / ".config" / "speech-dispatcher"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "speechd.conf").write_text(
        'Include "/etc/speech-dispatcher/speechd.conf"\nAudioOutputMethod "libao"\n'
        'AddModule "espeak-ng" "sd_espeak-ng" "/etc/speech-dispatcher/modules/espeak-ng.conf"\n'
        "DefaultModule espeak-ng\n")
    (home / ".libao").write_text("default_driver=null\n")


@pytest.fixture
def own_speech_dispatcher():
    """Afterwards, end the speech-dispatcher this test started (and its voice module) by its
    pid file in the test's own HOME; nothing else."""
    import os
    import signal

    home = Path(os.environ["HOME"])
    _silent_speech_dispatcher(home)
    yield
    pid_file = home / ".cache" / "speech-dispatcher" / "pid" / "speech-dispatcher.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    for each in (pid, *children):
        try:
            os.kill(each, signal.SIGKILL)
        except OSError:
            pass


@pytest.mark.skipif(not Path("/etc/speech-dispatcher/speechd.conf").exists(),
                    reason="speech-dispatcher is not installed")
def test_with_this_computers_own_voice_a_step_is_spoken(qtbot, window, monkeypatch, own_speech_dispatcher):
    """On a Linux machine with speech-dispatcher and eSpeak NG (scripts/bootstrap.sh as root):
    a voice is found and a step's words are spoken to the end (with no audio device, the speech
    still starts and finishes)."""
    monkeypatch.delenv(read_aloud.ENGINE_VARIABLE, raising=False)
    window.show_start()
    row = window.page("week").flow.read_aloud
    qtbot.waitUntil(lambda: row.checked, timeout=15000)
    if row.problem:
        pytest.skip(f"no voice on this computer: {text(row.problem)}")
    speech = row.speaker.worker.speech
    assert speech.engine() != "mock" and speech.voice().name()
    assert window.page("week").programme.content.onboarding.welcome[0] in row.words()  # the whole step on screen
    with qtbot.waitSignal(row.speaker.state_changed, check_params_cb=lambda s: s == State.Speaking, timeout=15000):
        click(qtbot, row.read_button)
    qtbot.waitUntil(lambda: row.speaker.state == State.Ready, timeout=30000)


def test_a_speech_program_that_does_not_answer_never_freezes_the_page(qtbot, monkeypatch):
    """A hung speech-dispatcher blocks whoever asks it; the asking happens in the speech thread,
    so the page stays usable and the row says the speech program did not answer."""
    import threading
    import time

    from PySide6.QtCore import QThread

    release = threading.Event()
    threads = []

    def hangs(speech, locale):
        threads.append(QThread.currentThread())
        release.wait(10)  # as a speech program that never answers
        return "read_aloud_no_voice"

    monkeypatch.setattr(speech_thread, "choose_voice", hangs)
    monkeypatch.setattr(read_aloud, "ANSWER_WITHIN_MS", 300)
    row = ReadAloud("Go to A&E now.", engine="hung-for-this-test")
    qtbot.addWidget(row)
    row.show()
    started = time.monotonic()
    qtbot.waitUntil(lambda: row.checked, timeout=3000)
    assert time.monotonic() - started < 2  # the window went on answering while the engine hung
    assert not row.read_button.isEnabled() and row.note.text() == text("read_aloud_no_answer")
    release.set()
    assert threads == [row.speaker.thread]  # asked in the speech thread, never the window's
