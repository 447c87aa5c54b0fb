"""Save PNGs of kiosk mode as a clinic's patient sees it, in a 1024x600 window (a small kiosk screen).

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/kiosk_screenshots.py OUT_DIR [TEXT_SIZE]

The picker (names the patients chose, one profile without a PIN), the PIN page, the main
window (Home, This week, Settings) with whose diary is open and "I've finished", and
"Carry on from where you were?" after a lock in the middle of a session.
"""

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from desktop.cli import main as cli_main
from desktop.security.profile_lock import PIN, ProfileLock

out = Path(sys.argv[1])
size = sys.argv[2] if len(sys.argv) > 2 else "normal"
out.mkdir(parents=True, exist_ok=True)
root = Path(tempfile.mkdtemp())
cli_main(["--data-dir", str(root), "demo", "--days", "60"])
# A week on, so the next weekly session is open.
os.environ["SUPPORTBACK_TODAY"] = (dt.date.today() + dt.timedelta(days=7)).isoformat()

from desktop import paths  # noqa: E402
from desktop.security.clinic_config import ClinicConfig  # noqa: E402
from desktop.security.secret_hash import hash_secret  # noqa: E402
from desktop.store import profile_info  # noqa: E402
from desktop.store.profile_admin import create_profile, rename_profile  # noqa: E402
from desktop.ui.app.app import application  # noqa: E402
from desktop.ui.app.app_session import AppSession  # noqa: E402
from desktop.ui.base.style import apply_style  # noqa: E402

rename_profile(root, "Demo", "Margaret Smith")
for name, pin, shown in [("Margaret Smith", "2580", "Maggie"), ("Tom Baker", "1111", ""), ("John Brown", "2222", ""),
                         ("John Green", "3333", ""), ("Priya Patel", "4444", "Priya P"), ("Sam Jones", None, "")]:
    if name != "Margaret Smith":
        create_profile(root, name)
    if pin:
        ProfileLock(paths.profile_dir(root, name)).set_secret(pin, PIN)
    if shown:
        profile_info.write_display_name(paths.profile_dir(root, name), shown)

app = application()
config = ClinicConfig(clinic_name="Riverside Physiotherapy", kiosk=True, admin_pin_hash=hash_secret("975310"))
session = AppSession(root, app, config)


def present(widget) -> None:  # the kiosk's full screen, on a 1024x600 screen
    widget.resize(1024, 600)
    widget.show()


session._present = present
session.start()
gate = session.gate


def shot(widget, name: str) -> None:
    for _ in range(3):
        app.processEvents()
    widget.grab().save(str(out / f"{name}-{size}.png"))


apply_style(app, size)
shot(gate, "picker")
gate.choose("Margaret Smith")
shot(gate, "pin-entry")
gate.pin_entry.field.setText("2580")
gate.pin_entry.submit()
window = session.window
settings = window.settings_page
settings.text_size.setCurrentIndex(settings.text_size.findData(size))
window.show_page("home")
shot(window, "main-home")
window.show_page("week")
week = window.page("week")
shot(window, "main-week")
window.show_page("settings")
shot(window, "main-settings")
from PySide6.QtWidgets import QScrollArea  # noqa: E402

scroll = settings.findChild(QScrollArea)
scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
shot(window, "main-settings-end")

# Part-way through the session, then locked; the same patient comes back.
window.show_page("week")
buttons = [b for b in week.findChildren(__import__("PySide6.QtWidgets", fromlist=["QPushButton"]).QPushButton)
           if b.text().replace("&", "").startswith(("Start session", "Review your week")) and b.isVisible()]
if buttons:
    buttons[0].click()
    flow = week.flow
    for group in flow.safety.groups.values():
        group.button(0).setChecked(True)
    flow.next()
    shot(window, "main-session")
    session.lock()
    apply_style(app, size)
    shot(gate, "picker-after-lock")
    gate.choose("Margaret Smith")
    gate.pin_entry.field.setText("2580")
    gate.pin_entry.submit()
    shot(session.window, "main-carry-on")
session.lock()
print("saved to", out)
