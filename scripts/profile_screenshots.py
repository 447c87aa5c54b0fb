"""Save PNGs of the profile picker, PIN entry, the wait after wrong PINs and the lock screen.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/profile_screenshots.py OUT_DIR
"""

import sys
import tempfile
from pathlib import Path

from desktop import paths
from desktop.content.loader import text
from desktop.security.clinic_config import ClinicConfig
from desktop.security.profile_lock import PASSPHRASE, PIN, ProfileLock
from desktop.store.profile_admin import create_profile
from desktop.ui.app.app import application
from desktop.ui.app.app_session import AppSession
from desktop.ui.base.style import DEFAULT_TEXT_SIZE, apply_style
from desktop.ui.profiles.profile_dialogs import DeleteProfileDialog, NewProfileDialog

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
root = Path(tempfile.mkdtemp())
for name, kind, secret in [("Margaret", PIN, "4821"), ("Tom", None, ""), ("Priya", PASSPHRASE, "green kettle hill"),
                           ("Sam", PIN, "2468")]:
    create_profile(root, name)
    if kind:
        ProfileLock(paths.profile_dir(root, name)).set_secret(secret, kind)
app = application()
apply_style(app, DEFAULT_TEXT_SIZE)
session = AppSession(root, app, ClinicConfig(clinic_name="Riverside Physiotherapy"))
gate = session.gate
gate.resize(1100, 720)
session.start()


def shot(widget, name: str) -> None:
    app.processEvents()
    widget.grab().save(str(out / f"{name}.png"))


shot(gate, "profile-picker")
gate.choose("Margaret")
shot(gate, "pin-entry")
for _ in range(5):
    gate.pin_entry.field.setText("0000")
    gate.pin_entry.submit()
shot(gate, "pin-wait")
gate.show_picker(text("profiles_locked_idle"))
shot(gate, "lock-screen")
new = NewProfileDialog(gate, True, ["Margaret"])
new.show()
shot(new, "new-profile")
delete = DeleteProfileDialog(gate, "Sam", True)
delete.show()
shot(delete, "delete-profile")
new.close()
delete.close()
gate.choose("Tom")
session.window.resize(1280, 800)
shot(session.window, "main-window-with-lock")
from desktop.ui.profiles.profile_security_box import ProfileSecurityBox  # noqa: E402

session.window.show_page("settings")
box = session.window.settings_page.findChild(ProfileSecurityBox)
scroll_area = __import__("PySide6.QtWidgets", fromlist=["QScrollArea"]).QScrollArea
session.window.settings_page.findChild(scroll_area).ensureWidgetVisible(box)
shot(session.window, "settings-pin-and-locking")
session.lock()
print("saved to", out)
