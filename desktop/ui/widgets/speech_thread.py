"""The app's speech engine, in a thread of its own (used by read_aloud.py).

QtTextToSpeech can block where it is made: speech-dispatcher is started on first use (about
3 seconds), and a speech-dispatcher that has hung blocks it for good. Made on the window's
thread, that would freeze the app, the red-flag advice included. So the engine lives in a
worker thread; the window only sends it requests and hears back through queued signals, and a
row that gets no answer says reading aloud is not available.

``SUPPORTBACK_SPEECH_ENGINE`` names an engine to use instead of the system's (the tests use
Qt's own "mock" engine, which speaks nothing but behaves like one that does).
"""

from __future__ import annotations

import atexit
import os

from PySide6.QtCore import QLocale, QObject, QThread, Signal, Slot

ENGINE_VARIABLE = "SUPPORTBACK_SPEECH_ENGINE"
TEST_ONLY_ENGINES = ("mock",)  # ships with Qt; never chosen on a patient's computer by itself

_speakers: dict[str, Speaker] = {}


def engine_name() -> str:
    """The engine to use: the variable's, or the computer's first real one ("" if none)."""
    wanted = os.environ.get(ENGINE_VARIABLE, "")
    if wanted:
        return wanted
    from PySide6.QtTextToSpeech import QTextToSpeech

    real = [e for e in QTextToSpeech.availableEngines() if e not in TEST_ONLY_ENGINES]
    return real[0] if real else ""


def choose_voice(speech, locale_name: str) -> str:
    """Set the speech to a voice for the locale's language; "" when it can speak, otherwise the
    name of the text that says why it cannot."""
    from PySide6.QtTextToSpeech import QTextToSpeech

    if speech is None or speech.state() == QTextToSpeech.State.Error:
        return "read_aloud_no_engine"
    locales = speech.availableLocales()
    if not locales:
        return "read_aloud_no_voice"
    wanted = QLocale(locale_name)
    same = [loc for loc in locales if loc.language() == wanted.language()]
    if not same:
        return "read_aloud_other_voice"  # never Polish advice in an English voice
    exact = [loc for loc in same if loc.territory() == wanted.territory()]
    speech.setLocale((exact or same)[0])
    voices = speech.availableVoices()
    if not voices:
        return "read_aloud_no_voice"
    speech.setVoice(voices[0])
    return ""


class _Worker(QObject):
    """Lives in the speech thread: makes the engine on first use and does what it is asked."""

    checked = Signal(str, str)  # locale, problem ("" = it can read)
    state_changed = Signal(object)  # QTextToSpeech.State
    failed = Signal(str)

    def __init__(self, engine: str):
        super().__init__()
        self.engine = engine
        self.speech = None
        self.locale = ""
        self.problem = "read_aloud_no_engine"

    def _made(self):
        if self.speech is None and self.engine:
            from PySide6.QtTextToSpeech import QTextToSpeech

            self.speech = QTextToSpeech(self.engine, self)
            self.speech.stateChanged.connect(self.state_changed.emit)
            self.speech.errorOccurred.connect(lambda _reason, detail: self.failed.emit(detail))
        return self.speech

    @Slot(str)
    def check(self, locale: str) -> None:
        self.problem = choose_voice(self._made(), locale)
        self.locale = locale
        self.checked.emit(locale, self.problem)

    @Slot(str, str, float)
    def say(self, words: str, locale: str, rate: float) -> None:
        if locale != self.locale:
            self.check(locale)
        if self.problem:
            return
        self.speech.stop()
        self.speech.setRate(rate)
        self.speech.say(words)

    @Slot(str)
    def control(self, action: str) -> None:
        if self.speech is not None and not self.problem:
            getattr(self.speech, action)()  # pause, resume, stop

    @Slot(float)
    def set_rate(self, rate: float) -> None:
        if self.speech is not None:
            self.speech.setRate(rate)


class Speaker(QObject):
    """The window's side: requests go to the worker's thread, its answers come back here."""

    checked = Signal(str, str)
    state_changed = Signal(object)
    failed = Signal(str)
    _check = Signal(str)
    _say = Signal(str, str, float)
    _control = Signal(str)
    _rate = Signal(float)

    def __init__(self, engine: str):
        super().__init__()
        self.engine = engine
        self.state = None  # the engine's last state, as heard
        self.thread = QThread()
        self.thread.setObjectName(f"speech-{engine}")
        self.worker = _Worker(engine)
        self.worker.moveToThread(self.thread)
        self._check.connect(self.worker.check)
        self._say.connect(self.worker.say)
        self._control.connect(self.worker.control)
        self._rate.connect(self.worker.set_rate)
        self.worker.checked.connect(self.checked.emit)
        self.worker.state_changed.connect(self._heard_state)
        self.worker.failed.connect(self.failed.emit)
        self.thread.start()

    def _heard_state(self, state) -> None:
        self.state = state
        self.state_changed.emit(state)

    def check(self, locale: str) -> None:
        self._check.emit(locale)

    def say(self, words: str, locale: str, rate: float) -> None:
        self._say.emit(words, locale, rate)

    def pause(self) -> None:
        self._control.emit("pause")

    def resume(self) -> None:
        self._control.emit("resume")

    def stop(self) -> None:
        self._control.emit("stop")

    def set_rate(self, rate: float) -> None:
        self._rate.emit(rate)

    def shut_down(self) -> None:
        self.thread.quit()
        if not self.thread.wait(1500):  # an engine that hangs must not hang closing the app
            self.thread.terminate()
            self.thread.wait(500)


def speaker(engine: str | None = None) -> Speaker:
    """The app's one speaker for that engine (the system's own by default)."""
    name = engine_name() if engine is None else engine
    if name not in _speakers:
        if not _speakers:
            from PySide6.QtCore import QCoreApplication

            QCoreApplication.instance().aboutToQuit.connect(shut_down_all)
        _speakers[name] = Speaker(name)
    return _speakers[name]


@atexit.register
def shut_down_all() -> None:
    for each in list(_speakers.values()):
        each.shut_down()
    _speakers.clear()
