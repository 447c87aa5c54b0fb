"""The app's look: one style sheet in resources/styles, sized by the chosen text size."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir

TEXT_SIZES = {"normal": 12.0, "large": 14.0, "larger": 16.5, "largest": 20.0}
DEFAULT_TEXT_SIZE = "normal"
TEXT_SIZE_SETTING = "text_size"


def apply_style(app: QApplication, text_size: str) -> None:
    base = TEXT_SIZES.get(text_size, TEXT_SIZES[DEFAULT_TEXT_SIZE])
    font = QFont(app.font())
    font.setPointSizeF(base)
    app.setFont(font)
    template = (resources_dir() / "styles" / "app.qss").read_text(encoding="utf-8")
    sizes = {"@BASE@": base, "@SMALL@": base * 0.9, "@H1@": base * 1.75, "@H2@": base * 1.3, "@BIG@": base * 1.5}
    for key, value in sizes.items():
        template = template.replace(key, f"{value:.1f}pt")
    template = template.replace("@ICONS@", (resources_dir() / "icons").as_posix())
    app.setStyleSheet(template)
