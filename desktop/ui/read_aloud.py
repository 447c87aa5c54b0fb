"""A "Read aloud" row for any page: read aloud, pause / carry on, stop, and a slower speed.

Speech comes from QtTextToSpeech (speech-dispatcher with eSpeak NG on Linux, the system
voices on Windows and macOS), in the content's language. Where the computer has no speech
program, no voice at all, or no voice for that language, the row says so in plain words and
its button is disabled: it never fails silently, and it never reads Polish advice in an
English voice (that would be wrong, not merely odd). The words on the page stay the advice;
reading aloud only adds to them.

The speech engine is made once per app, when the first row is shown (never at start-up).
``SUPPORTBACK_SPEECH_ENGINE`` names an engine to use instead of the system's (the tests use
Qt's own "mock" engine, which speaks nothing but behaves like one that does).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.content.loader import current_language, language_info, text
from desktop.ui.widgets import label

ENGINE_VARIABLE = "SUPPORTBACK_SPEECH_ENGINE"
SLOWER_RATE = -0.35  # -1 is slowest, 0 the voice's normal speed
TEST_ONLY_ENGINES = ("mock",)  # ships with Qt; never chosen on a patient's computer by itself

_speech: dict[str, object] = {}  # engine name -> QTextToSpeech, shared by every row


def _engine_name() -> str:
    wanted = os.environ.get(ENGINE_VARIABLE, "")
    if wanted:
        return wanted
    from PySide6.QtTextToSpeech import QTextToSpeech

    real = [e for e in QTextToSpeech.availableEngines() if e not in TEST_ONLY_ENGINES]
    return real[0] if real else ""


def speech_engine(name: str | None = None):
    """The app's QTextToSpeech for that engine (the system's own by default), or None if
    there is no engine at all."""
    name = _engine_name() if name is None else name
    if not name:
        return None
    if name not in _speech:
        from PySide6.QtTextToSpeech import QTextToSpeech

        _speech[name] = QTextToSpeech(name)
    return _speech[name]


def choose_voice(speech, language_code: str) -> str:
    """Set the speech to a voice for the language; "" when it is ready to speak, otherwise
    the name of the text that says why it cannot."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    if speech is None or speech.state() == QTextToSpeech.State.Error:
        return "read_aloud_no_engine"
    locales = speech.availableLocales()
    if not locales:
        return "read_aloud_no_voice"
    wanted = QLocale(language_info(language_code).locale)
    same = [loc for loc in locales if loc.language() == wanted.language()]
    if not same:
        return "read_aloud_other_voice"
    exact = [loc for loc in same if loc.territory() == wanted.territory()]
    speech.setLocale((exact or same)[0])
    voices = speech.availableVoices()
    if not voices:
        return "read_aloud_no_voice"
    speech.setVoice(voices[0])
    return ""


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
        self.speech = None
        self.problem = ""  # the text name of why it cannot read, once checked
        self._checked = False
        self._mine = False  # this row's words are the ones being read
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.read_button = QPushButton(text("read_aloud"))
        self.read_button.setToolTip(text("read_aloud_hint"))
        self.read_button.setAccessibleDescription(text("read_aloud_hint"))
        self.pause_button = QPushButton(text("read_aloud_pause"))
        self.stop_button = QPushButton(text("read_aloud_stop"))
        self.slower = QCheckBox(text("read_aloud_slower"))
        for widget in (self.read_button, self.pause_button, self.stop_button, self.slower):
            row.addWidget(widget)
        row.addStretch(1)
        outer.addLayout(row)
        self.note = label("", "muted")
        self.note.hide()
        outer.addWidget(self.note)
        self.read_button.clicked.connect(self.read)
        self.pause_button.clicked.connect(self.pause_or_resume)
        self.stop_button.clicked.connect(self.stop)
        self.slower.toggled.connect(self._rate_changed)
        self.pause_button.setEnabled(False)
        self.stop_button.setEnabled(False)

    # Finding a voice -----------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._checked:
            QTimer.singleShot(0, self.check)  # after the page has painted: the engine may take a moment

    def check(self) -> bool:
        """Find the engine and a voice for the content's language (once); True if it can read."""
        if self._checked:
            return not self.problem
        self._checked = True
        speech = speech_engine(self._engine)
        self.problem = choose_voice(speech, current_language())
        if self.problem:
            self.read_button.setEnabled(False)
            self.slower.setEnabled(False)
            self.read_button.setToolTip(text(self.problem))
            self.read_button.setAccessibleDescription(text(self.problem))
            self._say_note(text(self.problem))
            return False
        self.speech = speech
        speech.stateChanged.connect(self._state_changed)
        speech.errorOccurred.connect(self._failed)
        return True

    def _say_note(self, words: str) -> None:
        self.note.setText(words)
        self.note.setVisible(bool(words))

    # Reading -------------------------------------------------------------------------
    def words(self) -> str:
        return self._source() if callable(self._source) else self._source

    def read(self) -> None:
        if not self.check():
            return
        words = self.words().strip()
        if not words:
            return
        self._say_note("")
        self.speech.stop()
        self.speech.setRate(SLOWER_RATE if self.slower.isChecked() else 0.0)
        self._mine = True
        self.speech.say(words)

    def pause_or_resume(self) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if self.speech is None:
            return
        if self.speech.state() == QTextToSpeech.State.Paused:
            self.speech.resume()
        else:
            self.speech.pause()

    def stop(self) -> None:
        if self.speech is not None:
            self.speech.stop()

    def _rate_changed(self, slower: bool) -> None:
        if self.speech is not None:
            self.speech.setRate(SLOWER_RATE if slower else 0.0)  # the next words, or the rest if the engine can

    def _state_changed(self, state) -> None:
        from PySide6.QtTextToSpeech import QTextToSpeech

        if not self._mine:
            return  # another row's reading
        busy = state in (QTextToSpeech.State.Speaking, QTextToSpeech.State.Synthesizing, QTextToSpeech.State.Paused)
        paused = state == QTextToSpeech.State.Paused
        self.read_button.setEnabled(not busy)
        self.pause_button.setEnabled(busy)
        self.stop_button.setEnabled(busy)
        self.pause_button.setText(text("read_aloud_resume" if paused else "read_aloud_pause"))
        if not busy:
            self._mine = False

    def _failed(self, _reason, detail: str) -> None:
        if self._mine:
            self._say_note(text("read_aloud_failed", detail=detail or "?"))

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        if self._mine:
            self.stop()  # leaving the page stops its reading
