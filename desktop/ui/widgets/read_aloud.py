"""A "Read aloud" row for any page: read aloud, pause / carry on, stop, and a slower speed.

Speech comes from QtTextToSpeech (speech-dispatcher with eSpeak NG on Linux, the system
voices on Windows and macOS), in the content's language, through the app's speech thread
(speech_thread.py: a speech program that hangs never freezes the window). Where the computer
has no speech program, no voice at all, or no voice for that language, or the speech program
does not answer, the row says so in plain words and its button is disabled: it never fails
silently, and it never reads Polish advice in an English voice. The words on the page stay the
advice; reading aloud only adds to them. The engine is asked for when a row is first shown,
never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.content.loader import current_language, language_info, text
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.speech_thread import ENGINE_VARIABLE, speaker  # noqa: F401  (ENGINE_VARIABLE: for tests)
from desktop.ui.widgets.widgets import label

SLOWER_RATE = -0.35  # -1 is slowest, 0 the voice's normal speed
ANSWER_WITHIN_MS = 10_000  # a speech program that has not answered by then is taken as not there


def visible_words(widget: QWidget) -> str:
    """The words a person sees in the widget, top to bottom: its visible labels' plain text."""
    labels = [w for w in widget.findChildren(QLabel) if w.isVisibleTo(widget) and w.text().strip()]
    labels.sort(key=lambda w: (w.mapTo(widget, w.rect().topLeft()).y(), w.mapTo(widget, w.rect().topLeft()).x()))
    words = []
    for item in labels:
        plain = item.text()
        if item.textFormat() != Qt.PlainText and "<" in plain:
            from PySide6.QtGui import QTextDocumentFragment

            plain = QTextDocumentFragment.fromHtml(plain).toPlainText()
        words.append(plain.replace("&&", "&").strip())
    return "\n".join(words)


class ReadAloud(QWidget):
    """Reads the words ``source`` gives (a callable, asked each time, or fixed text)."""

    def __init__(self, source: Callable[[], str] | str, parent: QWidget | None = None, engine: str | None = None):
        super().__init__(parent)
        self.setObjectName("readAloud")
        self._source = source
        self._engine = engine
        self.speaker = None
        self.locale = ""
        self.problem = ""  # the text name of why it cannot read, once known
        self.checked = False  # the speech thread has answered (or not in time)
        self._asked = False
        self._mine = False  # this row's words are the ones being read
        self._started = False  # ... and the engine has said it began
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = FlowLayout()  # onto two lines rather than clipped, at the largest text size
        self.read_button = QPushButton(text("read_aloud"))
        self.read_button.setToolTip(text("read_aloud_hint"))
        self.read_button.setAccessibleDescription(text("read_aloud_hint"))
        self.pause_button = QPushButton(text("read_aloud_pause"))
        self.stop_button = QPushButton(text("read_aloud_stop"))
        self.slower = QCheckBox(text("read_aloud_slower"))
        for widget in (self.read_button, self.pause_button, self.stop_button, self.slower):
            row.addWidget(widget)
        outer.addLayout(row)
        self.note = label("", "muted")
        self.note.hide()
        outer.addWidget(self.note)
        self.read_button.clicked.connect(self.read)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.stop_button.clicked.connect(self.stop)
        self.slower.toggled.connect(self._rate_changed)
        self.read_button.setEnabled(False)  # until a voice is found
        self.pause_button.hide()  # shown while reading
        self.stop_button.hide()
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.check)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(lambda: self._answered(self.locale, "read_aloud_no_answer"))

    # Finding a voice -----------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._asked:
            self._soon.start(0)  # after the page has painted (a timer of the row's: never after it is gone)

    def check(self) -> None:
        """Ask the speech thread for a voice in the content's language (once)."""
        if self._asked:
            return
        self._asked = True
        self.locale = language_info(current_language()).locale
        self.read_button.setToolTip(text("read_aloud_checking"))
        self.speaker = speaker(self._engine)
        self.speaker.checked.connect(self._answered)
        self.speaker.state_changed.connect(self._state_changed)
        self.speaker.failed.connect(self._failed)
        self._deadline.start(ANSWER_WITHIN_MS)  # read at call time: tests shorten it
        self.speaker.check(self.locale)

    def _answered(self, locale: str, problem: str) -> None:
        if locale != self.locale or self.checked:
            return
        self.checked = True
        self._deadline.stop()
        self.problem = problem
        if problem:
            self.slower.hide()
            self.read_button.setEnabled(False)
            self.read_button.setToolTip(text(problem))
            self.read_button.setAccessibleDescription(text(problem))
            self._say_note(text(problem))
        else:
            self.read_button.setEnabled(True)
            self.read_button.setToolTip(text("read_aloud_hint"))

    def _say_note(self, words: str) -> None:
        self.note.setText(words)
        self.note.setVisible(bool(words))

    # Reading -------------------------------------------------------------------------
    def words(self) -> str:
        return self._source() if callable(self._source) else self._source

    def read(self) -> None:
        words = self.words().strip()
        if not self.checked or self.problem or not words:
            return
        self._say_note("")
        self._mine, self._started = True, False
        self.speaker.say(words, self.locale, SLOWER_RATE if self.slower.isChecked() else 0.0)

    def pause_or_resume(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.speaker is not None and self._mine:
            paused = self.speaker.state == QTextToSpeech.State.Paused
            self.speaker.resume() if paused else self.speaker.pause()

    def stop(self) -> None:
        if self.speaker is not None and self._mine:
            self.speaker.stop()

    def _rate_changed(self, slower: bool) -> None:
        if self.speaker is not None and self._mine:
            self.speaker.set_rate(SLOWER_RATE if slower else 0.0)  # the rest, if the engine can

    def _state_changed(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        busy = state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing, QTextToSpeech.State.Paused)
        if not self._mine or not (busy or self._started):
            return  # another row's reading, or the end of what was read before this row's began
        self._started = True
        paused = state == QTextToSpeech.State.Paused
        self.read_button.setEnabled(not busy)
        for widget in (self.pause_button, self.stop_button):
            widget.setEnabled(busy)
            widget.setVisible(busy)
        self.pause_button.setText(text("read_aloud_resume" if paused else "read_aloud_pause"))
        if not busy:
            self._mine = self._started = False

    def _failed(self, detail: str) -> None:
        if self._mine:
            self._say_note(text("read_aloud_failed", detail=detail or "?"))

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.stop()  # leaving the page stops its reading
