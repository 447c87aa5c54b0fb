"""Small helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

LIST_ITEM_PADDING = 8  # QListWidget#days::item { padding: 8px } in app.qss


class _WrappingItems(QStyledItemDelegate):
    """Item heights for wrapped text that fit what is painted. Qt works the wrapping out at the
    item's whole width, but paints inside the style sheet's padding: a title that only just fits
    the one wraps in the other, and its last line was cut off ("Coping with flare-…")."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        narrower = QStyleOptionViewItem(option)
        if narrower.rect.width() > 2 * LIST_ITEM_PADDING:
            narrower.rect.setWidth(narrower.rect.width() - 2 * LIST_ITEM_PADDING)
        return super().sizeHint(narrower, index)


def label(content: str, name: str = "", wrap: bool = True) -> QLabel:
    """A label styled by its object name (h1, h2, muted ... in app.qss)."""
    widget = QLabel(content)
    widget.setWordWrap(wrap)
    if name:
        widget.setObjectName(name)
    return widget


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a property or object name used by it changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def discard(widget: QWidget | None) -> None:
    """Remove a widget at once: hidden now (so it is never painted again), deleted later."""
    if widget is not None:
        widget.hide()
        widget.deleteLater()


def column(*widgets: QWidget) -> QWidget:
    """Widgets stacked top to bottom, with the app's usual spacing."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(12)
    for widget in widgets:
        layout.addWidget(widget)
    return box


def card(*widgets: QWidget, name: str = "card") -> QFrame:
    """Widgets in a framed card (object names: card, tipCard, alertCard)."""
    frame = QFrame()
    frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 12)
    for widget in widgets:
        layout.addWidget(widget)
    return frame


def scrolling_page(page: QWidget, title: str) -> QVBoxLayout:
    """Give a page a scrolling body with the usual margins and its title; returns the body's layout."""
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(32, 24, 32, 24)
    layout.setSpacing(16)
    layout.addWidget(label(title, "h1"))
    return layout


def list_beside_detail(page: QWidget, title: str, title_style: str, list_name: str,
                       accessible_name: str) -> tuple[QSplitter, QVBoxLayout, QListWidget]:
    """A titled, word-wrapping list on the left of a splitter; the caller adds the detail on
    the right (and anything under the list to the returned left-hand layout)."""
    outer = QHBoxLayout(page)
    outer.setContentsMargins(24, 24, 24, 16)
    splitter = QSplitter(Qt.Horizontal)
    outer.addWidget(splitter)
    left = QWidget()
    left_layout = QVBoxLayout(left)
    left_layout.setContentsMargins(0, 0, 12, 0)
    left_layout.addWidget(label(title, title_style))
    items = QListWidget()
    items.setObjectName(list_name)
    items.setAccessibleName(accessible_name)
    items.setWordWrap(True)
    items.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
    items.setItemDelegate(_WrappingItems(items))
    items.setResizeMode(QListView.Adjust)  # wrap again when the list gets narrower or wider
    left_layout.addWidget(items, 1)
    splitter.addWidget(left)
    return splitter, left_layout, items
