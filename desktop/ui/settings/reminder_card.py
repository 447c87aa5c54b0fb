"""Settings card "Daily diary reminder": on or off, and at what time; saved at once.

Saving stores the time in the programme (as onboarding does), gives it to the computer's
scheduler so it also comes when SupportBack is closed (system/scheduler.py), and says in
one line what will happen, calmly, including when the computer would not take it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.content.loader import text
from desktop.store.disk_errors import user_message
from desktop.store.programme_service import ProgrammeService
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.base.signals import AppSignals
from desktop.ui.widgets.widgets import label

DEFAULT_TIME = QTime(19, 0)  # offered when reminders are turned on for the first time
SAVE_AFTER_MS = 800  # a typed or stepped time is saved once the keys rest
STEP_MINUTES = 15  # the earlier / later buttons


class TimeField(QTimeEdit):
    """A 24-hour time whose hours are selected whenever it takes the focus (mouse or keyboard),
    so typing replaces them: "2030" gives 20:30."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reminderTime")  # app.qss
        self.setDisplayFormat("HH:mm")
        self.setWrapping(True)  # the arrow keys go round the clock
        self.setButtonSymbols(QAbstractSpinBox.NoButtons)  # big buttons beside it instead of tiny arrows

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, lambda: self.setSelectedSection(QTimeEdit.HourSection))


class ReminderCard(QFrame):
    def __init__(self, programme: ProgrammeService, signals: AppSignals, parent: QWidget | None = None,
                 policy: ClinicPolicy = HOME):
        super().__init__(parent)
        self.policy = policy
        self.setObjectName("card")
        self.programme = programme
        profile_dir = programme.database.path.parent
        self.root, self.profile = profile_dir.parent.parent, profile_dir.name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("reminders_title"), "h2"))
        self.hint = label(text("reminders_hint"), "muted")
        layout.addWidget(self.hint)

        self.remind = QCheckBox(text("reminders_check"))
        layout.addWidget(self.remind)
        self.time_label = label(text("reminders_time_label"), wrap=False)
        self.time = TimeField()
        self.time.setTime(DEFAULT_TIME)
        self.time.setAccessibleName(text("reminders_time_label"))
        self.time_label.setBuddy(self.time)
        row = QHBoxLayout()
        row.setContentsMargins(28, 0, 0, 0)  # under the check box's words, so it reads as part of it
        row.addWidget(self.time_label)
        self.steps = []
        for minutes, name, spoken in ((-STEP_MINUTES, self.tr("-15 min"), self.tr("15 minutes earlier")),
                                      (STEP_MINUTES, self.tr("+15 min"), self.tr("15 minutes later"))):
            button = QPushButton(name)
            button.setObjectName("stepButton")
            button.setAutoRepeat(True)
            button.setAccessibleName(spoken)
            button.clicked.connect(lambda _=False, m=minutes: self.time.setTime(self.time.time().addSecs(m * 60)))
            self.steps.append(button)
            row.addWidget(button)
            if minutes < 0:
                row.addWidget(self.time)
        row.addStretch(1)
        layout.addLayout(row)
        QWidget.setTabOrder(self.remind, self.time)  # the keyboard goes straight to the time, then the buttons
        QWidget.setTabOrder(self.time, self.steps[0])
        QWidget.setTabOrder(self.steps[0], self.steps[1])
        self.note = label("", "muted")  # before getting started, or on a clinic computer
        layout.addWidget(self.note)
        self.status = label("", "muted")
        self.status.setTextInteractionFlags(Qt.NoTextInteraction)
        self.status.hide()  # until there is something to say
        layout.addWidget(self.status)

        self._save_soon = QTimer(self)
        self._save_soon.setSingleShot(True)
        self._save_soon.setInterval(SAVE_AFTER_MS)
        self._save_soon.timeout.connect(self.save)
        self.remind.toggled.connect(self._toggled)
        self.time.timeChanged.connect(lambda _time: self._save_soon.start())
        self.time.editingFinished.connect(self._save_now_if_waiting)
        signals.programme_changed.connect(self.refresh)  # onboarding, or an older copy put back
        signals.diary_replaced.connect(self.refresh)
        self.refresh()

    def _kiosk(self) -> bool:
        return not self.policy.reminders_offered

    def refresh(self) -> None:
        """Show the saved choice (unless the patient is in the middle of changing it)."""
        if self._save_soon.isActive():
            return
        snapshot = self.programme.snapshot()
        kiosk = self._kiosk()
        usable = snapshot.onboarded and not kiosk
        for widget in (self.remind, self.time_label, self.time, *self.steps):
            widget.setVisible(usable)
        self.note.setText("" if usable else text("reminders_kiosk" if kiosk else "reminders_not_yet"))
        self.note.setVisible(not usable)
        saved = snapshot.reminder_time
        if saved != self.chosen():
            for widget in (self.remind, self.time):
                widget.blockSignals(True)
            self.remind.setChecked(saved is not None)
            if saved is not None:
                self.time.setTime(QTime.fromString(saved, "HH:mm"))
            for widget in (self.remind, self.time):
                widget.blockSignals(False)
        self._enable_time(self.remind.isChecked())

    def _enable_time(self, on: bool) -> None:
        for widget in (self.time, *self.steps):
            widget.setEnabled(on)

    def chosen(self) -> str | None:
        return self.time.time().toString("HH:mm") if self.remind.isChecked() else None

    def _toggled(self, on: bool) -> None:
        self._enable_time(on)
        self._save_soon.stop()
        self.save()

    def _save_now_if_waiting(self) -> None:
        if self._save_soon.isActive():
            self._save_soon.stop()
            self.save()

    def save(self) -> None:
        from desktop.system.scheduler import set_reminder

        value = self.chosen()
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            self.programme.set_reminder_time(value)
            outcome = set_reminder(self.root, self.profile, value)
        except Exception as exc:  # noqa: BLE001 - a full disk, say: tell the patient, lose nothing
            self._say(self.tr("Not saved: %1").replace("%1", user_message(exc, self.tr("nothing was changed"))))
            return
        finally:
            QApplication.restoreOverrideCursor()
        if value is None:
            self._say(text("reminders_saved_off"))
        elif outcome.scheduled:
            self._say(text("reminders_saved_on", time=value))
        else:
            self._say(text("reminders_saved_app_only", time=value))

    def _say(self, message: str) -> None:
        self.status.setText(message)
        self.status.show()
