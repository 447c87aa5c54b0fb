"""Number boxes and drop-down lists show real arrows, big enough to see and to click."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox, QStyleOptionSpinBox

from desktop.ui.base.style import apply_style
from desktop.ui.widgets.number_box import NumberBox


@pytest.fixture
def styled(app):
    apply_style(app, "normal")
    yield app
    apply_style(app, "normal")


def dark_pixels(widget, rect) -> int:
    image = widget.grab().toImage()
    scale = image.width() / widget.width()
    return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
               if QColor(image.pixel(int(x * scale), int(y * scale))).lightness() < 90)


def arrow_rect(box, which):
    option = QStyleOptionSpinBox()
    box.initStyleOption(option)
    return box.style().subControlRect(QStyle.CC_SpinBox, option, which, box)


def test_a_number_box_has_real_arrows_that_a_click_works(qtbot, styled):
    box = NumberBox(0, 60, " minutes")
    box.setSingleStep(5)
    box.setValue(15)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    up, down = arrow_rect(box, QStyle.SC_SpinBoxUp), arrow_rect(box, QStyle.SC_SpinBoxDown)
    for rect in (up, down):
        assert rect.width() >= 28 and rect.height() >= 12, rect  # were 14 x 14 stubs
        assert dark_pixels(box, rect) >= 20  # an arrow is drawn in it
    qtbot.mouseClick(box, Qt.LeftButton, pos=up.center())
    assert box.value() == 20
    qtbot.mouseClick(box, Qt.LeftButton, pos=down.center())
    qtbot.mouseClick(box, Qt.LeftButton, pos=down.center())
    assert box.value() == 10


def test_a_drop_down_list_has_a_real_arrow(qtbot, styled):
    sizes = QComboBox()
    sizes.addItems(["Normal", "Large"])
    qtbot.addWidget(sizes)
    sizes.show()
    qtbot.waitExposed(sizes)
    option = QStyleOptionComboBox()
    sizes.initStyleOption(option)
    arrow = sizes.style().subControlRect(QStyle.CC_ComboBox, option, QStyle.SC_ComboBoxArrow, sizes)
    assert arrow.width() >= 28  # was a 16 px stub
    assert dark_pixels(sizes, arrow) >= 20


def test_the_walking_box_has_no_arrows_beside_its_own_5_minute_buttons(window):
    window.show_page("diary")
    walking = window.diary_page.form.walking
    assert walking.buttonSymbols() == NumberBox.NoButtons
