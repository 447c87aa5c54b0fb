"""Widget-test helpers: the real main window on a fresh profile, and dialogs that never block.

Every QMessageBox / QFileDialog static call is replaced by a recorder (``dialogs``), so a
test that does not expect a dialog cannot hang: an unexpected question is answered Cancel
and recorded, and the test can assert on what the user would have been asked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox


@dataclass
class Shown:
    kind: str  # question / warning / information / critical
    title: str
    text: str
    answer: object = None


@dataclass
class Dialogs:
    """What the user was asked, and the answers they will give, in order."""

    answers: list = field(default_factory=list)
    shown: list[Shown] = field(default_factory=list)
    save_file: str = ""
    open_file: str = ""
    default_answer: object = QMessageBox.Cancel

    def answer(self, *buttons) -> None:
        self.answers.extend(buttons)

    def of_kind(self, kind: str) -> list[Shown]:
        return [s for s in self.shown if s.kind == kind]

    @property
    def questions(self) -> list[Shown]:
        return self.of_kind("question")

    @property
    def warnings(self) -> list[Shown]:
        return self.of_kind("warning")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch) -> Dialogs:
    recorder = Dialogs()

    def question(_parent, title, text, *args, **kwargs):
        answer = recorder.answers.pop(0) if recorder.answers else recorder.default_answer
        recorder.shown.append(Shown("question", title, text, answer))
        return answer

    def notice(kind):
        def show(_parent, title, text, *args, **kwargs):
            recorder.shown.append(Shown(kind, title, text, QMessageBox.Ok))
            return QMessageBox.Ok
        return show

    monkeypatch.setattr(QMessageBox, "question", question)
    for kind in ("warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, kind, notice(kind))
    from desktop.ui.settings.language_card import LanguageDialog  # a new profile's language question: not chosen

    monkeypatch.setattr(LanguageDialog, "exec", lambda dialog: recorder.shown.append(
        Shown("language", dialog.windowTitle(), "", QDialog.Rejected)) or QDialog.Rejected)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (recorder.save_file, "CSV files (*.csv)" if recorder.save_file else ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *a, **k: (recorder.open_file, "CSV files (*.csv)" if recorder.open_file else ""))
    return recorder


@pytest.fixture
def app(qapp):
    from desktop.ui.app.app import application

    return application()


@pytest.fixture
def make_window(qtbot, app, database, dialogs) -> Callable:
    """Build the real main window (as the app does) on the test profile, shown and active."""
    from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style

    made = []

    def make(profile: str = "default", db=None, clock=None, policy=None):
        from desktop.ui.app.app import build_window
        from desktop.ui.base.clinic_policy import HOME

        window = build_window(db or database, profile, app, clock, policy=policy or HOME)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
        made.append(window)
        return window

    yield make
    # Close without being asked about leftovers, so teardown can never block.
    dialogs.answers.clear()
    dialogs.default_answer = QMessageBox.Discard
    for window in made:
        window.close()
    apply_style(app, DEFAULT_TEXT_SIZE)


@pytest.fixture
def window(make_window):
    return make_window()
