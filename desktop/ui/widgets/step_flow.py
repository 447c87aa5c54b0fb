"""A guided flow of steps with Back and Next, used by onboarding and the weekly sessions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.widgets.read_aloud import ReadAloud, visible_words
from desktop.ui.widgets.widgets import label, repolish


@dataclass
class Step:
    title: str
    widget: QWidget
    check: Callable[[], str | None] = lambda: None  # a reason the patient cannot go on yet, or None
    shown: Callable[[], bool] = lambda: True  # whether this step applies (decided when reached)
    entered: Callable[[], None] = lambda: None  # refresh the step from earlier answers


class StepFlow(QWidget):
    """Shows one step at a time; emits finished when Next is pressed on the last step."""

    finished = Signal()
    step_changed = Signal(int)

    def __init__(self, heading: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.steps: list[Step] = []
        self.index = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = label(heading, "h1")
        layout.addWidget(self.heading)
        self.progress = label("", "muted")
        layout.addWidget(self.progress)
        self.read_aloud = ReadAloud(lambda: visible_words(self.stack.currentWidget()))  # the step on screen
        layout.addWidget(self.read_aloud)
        self.step_changed.connect(lambda _index: self.read_aloud.stop())
        self.stack = QStackedWidget()
        layout.addWidget(self.stack, 1)
        bar = QHBoxLayout()
        self.message = label("")
        self.message.setObjectName("savedState")
        bar.addWidget(self.message, 1)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.next)
        bar.addWidget(self.back_button)
        bar.addWidget(self.next_button)
        layout.addLayout(bar)
        self.finish_text = self.tr("&Finish")

    def add(self, step: Step) -> Step:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setFocusPolicy(Qt.NoFocus)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 8, 12, 8)
        holder_layout.addWidget(label(step.title, "h2"))
        holder_layout.addWidget(step.widget)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)
        self.stack.addWidget(scroll)
        self.steps.append(step)
        if len(self.steps) == 1:
            self._show(0)
        else:  # the counter and Next / Finish of the step on screen now know one more step
            self._update_bar()
        return step

    def current(self) -> Step:
        return self.steps[self.index]

    def next(self) -> None:
        problem = self.current().check()
        if problem:
            self._say(problem)
            return
        following = self._neighbour(+1)
        if following is None:
            self.finished.emit()
            return
        self._show(following)

    def back(self) -> None:
        previous = self._neighbour(-1)
        if previous is not None:
            self._show(previous)

    def _neighbour(self, direction: int) -> int | None:
        index = self.index + direction
        while 0 <= index < len(self.steps):
            if self.steps[index].shown():
                return index
            index += direction
        return None

    def _show(self, index: int) -> None:
        self.index = index
        self.steps[index].entered()
        self.stack.setCurrentIndex(index)
        self._update_bar()
        self._say("")
        self.step_changed.emit(index)

    def _update_bar(self) -> None:
        """"Step N of M", Back, and Next or Finish, for the step on screen and the steps there are now."""
        index = self.index
        shown = [i for i, s in enumerate(self.steps) if i <= index or s.shown()]
        self.progress.setText(self.tr("Step %1 of %2").replace("%1", str(shown.index(index) + 1))
                              .replace("%2", str(len(shown))))
        self.back_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setText(self.finish_text if self._neighbour(+1) is None else self.tr("&Next >"))

    def _say(self, message: str) -> None:
        self.message.setProperty("state", "error" if message else "")
        self.message.setText(message)
        repolish(self.message)


def paragraphs(texts: list[str] | tuple[str, ...]) -> QWidget:
    """Paragraphs of patient text in a column."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(10)
    for text in texts:
        paragraph = QLabel(text)
        paragraph.setWordWrap(True)
        paragraph.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(paragraph)
    return box
