"""Save a PNG of every page with a demo profile, to look at what a patient sees.

usage: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py OUT_DIR [TEXT_SIZE]
"""

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QScrollArea

from desktop.cli import main as cli_main
from desktop.content.loader import text
from desktop.exchange.age_files import generate_identity
from desktop.store.database import open_database
from desktop.ui.app import application, build_window

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
root = Path(tempfile.mkdtemp())
cli_main(["--data-dir", str(root), "demo", "--days", "60"])
app = application()
database = open_database(root, "Demo")
database.backup_now()
window = build_window(database, "Demo", app)
if len(sys.argv) > 2:
    window.settings_page.text_size.setCurrentIndex(window.settings_page.text_size.findData(sys.argv[2]))
window.resize(1280, 800)
window.show()
for name in ["home", "diary", "progress", "settings"]:
    window.show_page(name)
    app.processEvents()
    window.grab().save(str(out / f"{name}.png"))
window.show_page("exercises")
page = window.page("exercises")
for key in ("bridge", "knee-rolls"):
    page.show_exercise(key)
    if page.player is not None:  # a paused frame a few seconds in, so the picture shows the movement
        page.player.player.play()
        for _ in range(2):
            deadline = time.monotonic() + 1.5
            while time.monotonic() < deadline:
                app.processEvents()
            page.player.player.pause()
            page.player.player.setPosition(5000)
    window.grab().save(str(out / f"exercises-{key}.png"))
page.show_exercise("cat-camel")
page._show_fallback(text("video_damaged"))
app.processEvents()
window.grab().save(str(out / "exercises-fallback.png"))
# Settings, scrolled to "Send your diary to your clinic", with a mistyped key and then a good one.

window.show_page("settings")
card = window.settings_page.clinic_export
scroll = window.settings_page.findChild(QScrollArea)
card.key.setText("age1qqqq-not-a-key")
app.processEvents()
scroll.ensureWidgetVisible(card, 0, 0)
app.processEvents()
window.grab().save(str(out / "settings-clinic-bad-key.png"))
card.key.setText(generate_identity()[1])
app.processEvents()
window.grab().save(str(out / "settings-clinic.png"))

window.show_page("diary")
window.diary_page.open_day(window.diary_page.day.replace(day=1) if window.diary_page.day.day > 1 else window.diary_page.day)
window.diary_page.form.pain.set_value(None, notify=True)
window.diary_page.save()
app.processEvents()
window.grab().save(str(out / "diary-error.png"))
print("saved to", out)

