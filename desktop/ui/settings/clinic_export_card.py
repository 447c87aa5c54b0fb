"""Settings card "Send your diary to your clinic": clinic key entry, save dialog, plain result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFrame, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from desktop.content.loader import text
from desktop.exchange.age_files import RecipientError, check_recipient
from desktop.exchange.export_file import export_profile
from desktop.store.database import Database
from desktop.store.disk_errors import disk_problem, plain_message
from desktop.store.export_state import ExportState
from desktop.ui.base import operations
from desktop.ui.base.clinic_policy import HOME, ClinicPolicy
from desktop.ui.widgets.widgets import label


class ClinicExportCard(QFrame):
    def __init__(self, database: Database, today: dt.date, parent=None, policy: ClinicPolicy = HOME):
        super().__init__(parent)
        self.setObjectName("card")
        self.database = database
        self.today = today
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.addWidget(label(text("export_title"), "h2"))
        self.hint = label(text("export_hint"), "muted")
        layout.addWidget(self.hint)
        self.key_label = key_label = label(text("export_key_label"))
        layout.addWidget(key_label)
        self.key = QLineEdit()
        self.key.setAccessibleName(text("export_key_label"))
        self.key.setPlaceholderText("age1...")
        key_label.setBuddy(self.key)
        # On a clinic kiosk, exports go only to the clinic's keys, into the clinic's folder.
        self.kiosk = policy.kiosk_export
        saved = list(self.kiosk[0]) if self.kiosk else ExportState(database).saved_recipients()
        self.key.setText(saved[0] if saved else "")
        self.key.setReadOnly(self.kiosk is not None)
        self.key.textChanged.connect(self._key_changed)
        layout.addWidget(self.key)
        self.key_status = label("", "muted")
        self.key_status.setTextInteractionFlags(Qt.NoTextInteraction)
        layout.addWidget(self.key_status)
        row = QHBoxLayout()
        self.send_button = QPushButton(self.tr("Save a &locked copy for my clinic..."))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.save_for_clinic)
        row.addWidget(self.send_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.status = label("", "muted")
        self.status.setTextInteractionFlags(Qt.TextSelectableByMouse | Qt.TextSelectableByKeyboard)
        layout.addWidget(self.status)
        self._key_changed(self.key.text())
        if self.kiosk is not None:
            ready = bool(self.kiosk[0] and self.kiosk[1])
            self.key_status.setText(text("export_kiosk_ready" if ready else "export_kiosk_not_set_up"))
            self.send_button.setText(self.tr("Send my &diary to the clinic"))
            self.send_button.setEnabled(ready)
            # The patient needs no key and no file on a kiosk: only what will happen.
            for widget in (self.hint, self.key_label, self.key):
                widget.hide()

    def _key_ok(self) -> bool:
        try:
            check_recipient(self.key.text())
        except RecipientError:
            return False
        return True

    def _key_changed(self, value: str) -> None:
        if self.kiosk is not None:
            return  # the clinic's own keys: the kiosk part below says whether it is set up
        ok = bool(value.strip()) and self._key_ok()
        if not value.strip():
            self.key_status.setText("")
        else:
            self.key_status.setText(text("export_key_ok") if ok else text("export_bad_key"))
        self.send_button.setEnabled(ok)  # nothing to save until the key is a clinic key

    def save_for_clinic(self) -> None:
        if self.kiosk is not None:
            self._send_from_kiosk()
            return
        if not self.key.text().strip():
            self.status.setText(text("export_no_key"))
            self.key.setFocus()
            return
        if not self._key_ok():
            self.status.setText(text("export_bad_key"))
            self.key.setFocus()
            return
        suggested = str(Path.home() / f"supportback-for-clinic-{self.today.isoformat()}.age")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save a locked copy for your clinic"), suggested,
                                                self.tr("Locked diary files (*.age)"))
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix != ".age":
            target = target.with_name(target.name + ".age")
        self._export([self.key.text().strip()], target, text("export_done", path=str(target)))

    def _export(self, recipients: list[str], target: Path, done: str) -> None:
        """Build, sign, encrypt and write the export on a worker thread; a plain line when done."""
        operations.run(self, lambda: export_profile(self.database, recipients, target),
                       lambda _result: self.status.setText(done),
                       # a full disk too, when the export is recorded
                       failed=lambda exc: self.status.setText(text("export_failed", reason=_plain(exc))),
                       status=self.status, message=text("busy_export"), controls=(self.send_button, self.key))

    def _send_from_kiosk(self) -> None:
        # The same code as the automatic folder exports: named by participant and sequence (never
        # overwriting one), written atomically, this patient's older ones pruned.
        from desktop.exchange.folder_export import FolderSync, FolderTarget

        recipients, folder = self.kiosk

        def done(outcome) -> None:
            if outcome.problem:
                self.status.setText(text("export_failed", reason=outcome.detail[:1].lower() + outcome.detail[1:]))
            else:
                self.status.setText(text("export_kiosk_done"))

        operations.run(self, FolderSync(self.database, fixed=FolderTarget(folder, tuple(recipients))).export_now,
                       done, failed=lambda exc: self.status.setText(text("export_failed", reason=_plain(exc))),
                       status=self.status, message=text("busy_export"), controls=(self.send_button, self.key))


def _plain(exc: Exception) -> str:
    problem = disk_problem(exc)
    if problem:
        return problem[0].lower() + problem[1:]
    if isinstance(exc, PermissionError):
        return "that folder does not let us save there"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return plain_message(exc)
