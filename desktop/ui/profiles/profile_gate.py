"""The window shown before a diary opens: pick a profile, type its PIN, manage profiles.

It never holds patient data: only the names profiles are listed under (store/profile_info.py)
and whether each has a PIN. In kiosk mode
every profile needs a PIN, managing profiles needs the clinic admin PIN, and so does
closing the window (see app_session.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QInputDialog, QStackedWidget, QVBoxLayout, QWidget

from desktop import paths
from desktop.content.loader import text
from desktop.security.profile_lock import ProfileLock
from desktop.store import profile_admin, profile_info
from desktop.store.disk_errors import user_message
from desktop.store.profiles import ProfileError, list_profiles
from desktop.ui.base import operations, startup
from desktop.ui.base.single_instance import SingleInstance
from desktop.ui.profiles.pin_entry import PinEntry
from desktop.ui.profiles.profile_dialogs import DeleteProfileDialog, NewProfileDialog, ask_secret
from desktop.ui.profiles.profile_picker import ProfilePicker


class ProfileGate(QWidget):
    unlocked = Signal(str)  # open this profile now
    close_requested = Signal()  # kiosk mode: the session decides (admin PIN)

    def __init__(self, root: Path, kiosk: bool = False, clinic_name: str = "",
                 admin_check: Callable[[QWidget], bool] | None = None, clock: Callable[[], float] = time.time,
                 picker_names: str = profile_info.CHOSEN):
        super().__init__()
        self.setWindowTitle(self.tr("Choose your profile"))
        self.setObjectName("page")
        self.resize(1000, 700)
        self.root, self.kiosk, self.clock, self.picker_names = root, kiosk, clock, picker_names
        self.admin_check = admin_check or (lambda _parent: True)
        self.allow_close = not kiosk
        self.picker = ProfilePicker(clinic_name, kiosk=kiosk)
        self.pin_entry = PinEntry()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.picker)
        self.stack.addWidget(self.pin_entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.picker.chosen.connect(self.choose)
        self.picker.new_requested.connect(self.new_profile)
        self.picker.rename_requested.connect(self.rename_profile)
        self.picker.delete_requested.connect(self.delete_profile)
        self.picker.close_button.setVisible(kiosk)
        self.picker.close_requested.connect(self.close)
        self.pin_entry.unlocked.connect(self._unlocked)
        self.pin_entry.back.connect(self.show_picker)
        self.show_picker()

    def lock(self, name: str) -> ProfileLock:
        return ProfileLock(paths.profile_dir(self.root, name), self.clock)

    def labels(self) -> dict[str, str]:
        """Each profile's folder name -> the name the screen shows for it."""
        return profile_info.labels_here(self.root, self.picker_names, self.kiosk)

    def shown_name(self, name: str) -> str:
        return self.labels().get(name, name)

    # Pages ------------------------------------------------------------------------
    def show_picker(self, notice: str = "") -> None:
        self.pin_entry.reset()
        self.picker.set_message("")
        self.picker.set_notice(notice)
        # In the order of the names shown, so each person finds theirs where they expect it.
        labels = sorted(self.labels().items(), key=lambda item: (item[1].casefold(), item[0].casefold()))
        self.picker.show_profiles([(name, shown, self.lock(name).kind) for name, shown in labels])
        self.stack.setCurrentWidget(self.picker)

    def choose(self, name: str) -> None:
        lock = self.lock(name)
        if lock.is_protected:
            self.pin_entry.ask_for(name, lock, self.shown_name(name))
            self.stack.setCurrentWidget(self.pin_entry)
        elif self.kiosk:
            self.picker.set_message(text("pin_kiosk_needs_pin"))
        else:
            self.unlocked.emit(name)

    def _unlocked(self, name: str) -> None:
        self.pin_entry.reset()
        self.stack.setCurrentWidget(self.picker)
        self.unlocked.emit(name)

    # Managing profiles ----------------------------------------------------------------
    def _staff_allowed(self) -> bool:
        return not self.kiosk or self.admin_check(self)

    def new_profile(self) -> None:
        if not self._staff_allowed():
            return
        dialog = NewProfileDialog(self, self.kiosk, list_profiles(self.root), self.picker_names,
                                  {label.casefold() for label in self.labels().values()})
        if dialog.exec() == QDialog.Accepted:
            self.make_profile(dialog.name.text().strip(), dialog.kind, dialog.secret.text(), dialog.display.text())

    def make_profile(self, name: str, kind: str | None, secret: str, display: str = "") -> None:
        """Make the profile on a worker thread (hashing the PIN, or a passphrase's encrypted diary)."""
        def make() -> None:
            profile_admin.create_profile(self.root, name, secret if kind else None, kind)
            shown = profile_info.cleaned(display, self.picker_names)
            # At home a name listed as it is called needs no file (and follows a later rename).
            if shown and (self.kiosk or self.picker_names != profile_info.CHOSEN or shown != name):
                profile_info.write_display_name(paths.profile_dir(self.root, name), shown)

        def failed(exc: BaseException) -> None:  # a full disk too (SQLite's errors are none of those)
            startup.show_warning(self, self.tr("Not made"), user_message(exc))
            self.show_picker()

        operations.run(self, make, lambda _none: self.show_picker(), failed=failed, block_window=True)

    def _which(self, title: str) -> str | None:
        names = list_profiles(self.root)
        if len(names) == 1:
            return names[0]
        name, ok = QInputDialog.getItem(self, title, self.tr("Which profile?"), names, 0, False)
        return name if ok and name else None

    def _owner_allowed(self, name: str, secret: str | None) -> bool:
        """The profile's own PIN (when it has one), with the same delays as opening it."""
        lock = self.lock(name)
        if not lock.is_protected:
            return True
        result = operations.wait_for(self, lambda: lock.try_secret(secret or ""))  # scrypt: off the GUI thread
        if not result.ok:
            message = text("pin_wait", seconds=round(result.wait_seconds)) if result.wait_seconds else text("pin_wrong")
            startup.show_warning(self, self.tr("Not changed"), message)
        return result.ok

    def rename_profile(self) -> None:
        if not self._staff_allowed():
            return
        old = self._which(self.tr("Rename a profile"))
        if old is None:
            return
        if self.lock(old).is_protected and not self.kiosk:
            if not self._owner_allowed(old, ask_secret(self, text("pin_ask_pin"))):
                return
        new, ok = QInputDialog.getText(self, self.tr("Rename a profile"),
                                       self.tr("New name for %1:").replace("%1", old), text=old)
        if ok and new.strip() and new.strip() != old:
            self.rename_checked(old, new.strip())

    def rename_checked(self, old: str, new: str) -> None:
        if not self._not_open_elsewhere(old):
            return
        try:
            profile_admin.rename_profile(self.root, old, new)
        except (ProfileError, OSError) as exc:
            startup.show_warning(self, self.tr("Not renamed"), str(exc))
        self.show_picker()

    def delete_profile(self) -> None:
        if not self._staff_allowed():
            return
        name = self._which(self.tr("Delete a profile"))
        if name is None:
            return
        dialog = DeleteProfileDialog(self, name, self.lock(name).is_protected)
        if dialog.exec() == QDialog.Accepted:
            self.delete_checked(name, dialog.secret.text(), dialog.typed.text())

    def delete_checked(self, name: str, secret: str, typed: str) -> bool:
        """Delete when the typed name matches and the PIN is right; True once it is gone."""
        if typed.strip() != name or not self._owner_allowed(name, secret) or not self._not_open_elsewhere(name):
            return False
        try:
            profile_admin.delete_profile(self.root, name)
        except (ProfileError, OSError) as exc:
            startup.show_warning(self, self.tr("Not deleted"), str(exc))
            return False
        self.show_picker()
        return True

    def _not_open_elsewhere(self, name: str) -> bool:
        instance = SingleInstance(paths.profile_dir(self.root, name))
        if instance.acquire(listen=False):
            instance.release()
            return True
        startup.show_warning(self, "SupportBack", text("already_open"))
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.allow_close:
            event.accept()
        else:
            event.ignore()
            self.close_requested.emit()
