""""I'd like to talk to a physio": a card on Home and in the weekly review.

The button opens a short form (an optional reason, Enter or "Ask for a call" records it);
once recorded the card says so, says when the team will see it, shows the reason, and offers
to take it back. It always says, calmly, that this is not the way to get urgent help
(hazard H-20). A reason that cannot be kept is explained and stays in the field to change.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.content.loader import text
from desktop.domain.call_request import MAX_REASON, ReasonNotAccepted
from desktop.store.call_requests import CallRequestService
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label, repolish


class CallRequestCard(QFrame):
    request_changed = Signal()  # recorded or withdrawn here

    def __init__(self, service: CallRequestService, parent: QWidget | None = None):
        super().__init__(parent)
        self.service = service
        self.setObjectName("card")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("call_request_title"), "h2"))
        self.hint = label(text("call_request_hint"))
        layout.addWidget(self.hint)

        self.ask_button = QPushButton(text("call_request_button"))
        self.ask_button.clicked.connect(self.open_form)
        row = QHBoxLayout()
        row.addWidget(self.ask_button)
        row.addStretch(1)
        layout.addLayout(row)

        self.form = QWidget()
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        reason_label = label(text("call_request_reason_label"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(text("call_request_reason_placeholder"))
        self.reason.setAccessibleName(text("call_request_reason_label"))
        reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self._count)
        self.reason.returnPressed.connect(self.send)
        self.left = label("", "muted")
        self.problem = label("")
        self.problem.setProperty("state", "error")
        self.problem.hide()
        self.send_button = QPushButton(text("call_request_send"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        self.cancel_button = QPushButton(text("call_request_cancel"))
        self.cancel_button.clicked.connect(self.close_form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        for widget in (reason_label, self.reason, self.left, self.problem):
            form.addWidget(widget)
        form.addLayout(buttons)
        layout.addWidget(self.form)

        self.recorded = label("")
        self.recorded.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.recorded_reason = label("", "muted")
        self.withdraw_button = QPushButton(text("call_request_withdraw"))
        self.withdraw_button.clicked.connect(self.withdraw)
        self.withdrawn_note = label(text("call_request_withdrawn"), "muted")
        withdraw_row = QHBoxLayout()
        withdraw_row.addWidget(self.withdraw_button)
        withdraw_row.addStretch(1)
        layout.addWidget(self.recorded)
        layout.addWidget(self.recorded_reason)
        layout.addLayout(withdraw_row)
        layout.addWidget(self.withdrawn_note)
        self.not_urgent = label(text("call_request_not_urgent"), "muted")
        layout.addWidget(self.not_urgent)
        self._withdrawn_here = False
        self.refresh()

    def refresh(self) -> None:
        """Show the open request, or the button to ask (the form closed)."""
        current = self.service.current()
        asked = current is not None
        self.hint.setVisible(not asked)
        self.ask_button.setVisible(not asked)
        self.form.hide()
        self.recorded.setVisible(asked)
        self.recorded_reason.setVisible(asked and bool(current.reason))
        self.withdraw_button.setVisible(asked)
        self.withdrawn_note.setVisible(not asked and self._withdrawn_here)
        if asked:
            self.recorded.setText(text("call_request_recorded", date=long_day(current.requested_on)))
            self.recorded_reason.setText(text("call_request_recorded_reason", reason=current.reason))

    def open_form(self) -> None:
        self.ask_button.hide()
        self.withdrawn_note.hide()
        self.form.show()
        self._count()
        self.reason.setFocus(Qt.OtherFocusReason)

    def close_form(self) -> None:
        self.reason.clear()
        self._show_problem("")
        self.refresh()
        self.ask_button.setFocus(Qt.OtherFocusReason)

    def send(self) -> None:
        try:
            self.service.request(self.reason.text())
        except ReasonNotAccepted as problem:
            self._show_problem(text(problem.key))
            self.reason.setFocus(Qt.OtherFocusReason)
            return
        self.reason.clear()
        self._show_problem("")
        self._withdrawn_here = False
        self.refresh()
        self.withdraw_button.setFocus(Qt.OtherFocusReason)
        self.request_changed.emit()

    def withdraw(self) -> None:
        self.service.withdraw()
        self._withdrawn_here = True
        self.refresh()
        self.ask_button.setFocus(Qt.OtherFocusReason)
        self.request_changed.emit()

    def _count(self) -> None:
        self.left.setText(text("call_request_characters_left", count=MAX_REASON - len(self.reason.text().strip())))

    def _show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        repolish(self.problem)
