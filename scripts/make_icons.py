"""Render resources/icons/app.svg to the PNG sizes desktops and installers ask for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icons.py

Writes resources/icons/app-16.png ... app-256.png. The SVG is the source; run this again
after changing it and commit the PNGs (the bundle and the .desktop entry use them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"could not write {out}")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    for size in SIZES:
        out = ICONS / f"app-{size}.png"
        render(ICONS / "app.svg", size, out)
        print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
