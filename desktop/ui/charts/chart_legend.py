"""Legends under the Progress charts: each series named in words, with its shape and colour,
so nothing is told by colour alone."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from desktop.content.loader import text
from desktop.ui.charts.chart_style import BLUE, GREEN, INK, ORANGE, PURPLE, SKY, VERMILLION
from desktop.ui.widgets.widgets import label


def _tr(source: str) -> str:
    return QCoreApplication.translate("ChartLegend", source)


def _legend(items: list[tuple[str, str, str]]) -> QLabel:
    parts = [f'<span style="color:{colour}; font-weight:bold">{symbol}</span>&nbsp;{words}'
             for symbol, colour, words in items]
    widget = label("&nbsp;&nbsp;&nbsp; ".join(parts))
    widget.setObjectName("chartLegend")
    widget.setAccessibleName(_tr("Chart key"))
    return widget


def timeline_legend(goal_words: str | None = None) -> QLabel:
    """``goal_words`` names the dashed goal line (the patient's page says "Your walking goal")."""
    return _legend([
        ("▮", SKY, _tr("Minutes walked (left scale)")),
        ("━●━", VERMILLION, _tr("Pain (right scale)")),
        ("▲", GREEN, _tr("Back exercises done")),
        ("★", INK, _tr("Flare-up")),
        ("╌╌", BLUE, goal_words or _tr("Your walking goal (minutes a day)")),
    ])


def steps_legend() -> QLabel:
    """The key of the steps panel, shown with it."""
    return _legend([("▮", ORANGE, text("progress_steps_legend"))])


def weekly_legend() -> QLabel:
    return _legend([
        ("▮", SKY, _tr("Minutes walked in the week (left scale)")),
        ("━●━", VERMILLION, _tr("Average pain (right scale)")),
        ("╍■╍", PURPLE, _tr("How much pain limited you (right scale)")),
    ])
