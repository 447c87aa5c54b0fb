"""The appointment summary (exchange/appointment_summary.py) laid out on A4 and written as a
PDF with Qt's own writer: QTextDocument for the layout, QPdfWriter for the file (no other
library). The file is written beside its target first and then renamed, so a failure never
leaves half a PDF under the chosen name. Given the diary's weeks, the pain and walking charts
over time (summary_charts.py, drawn with QPainter) follow the section on pain and walking.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.content.loader import text
from desktop.domain.insights import WeekSummary
from desktop.exchange.appointment_summary import AppointmentSummary

CHART_WIDTH = 600  # of the page's about 640 layout pixels between the margins
_CHARTS = (("pain", "summary_chart_pain"), ("walking", "summary_chart_walking"))

_CSS = """
h1 { font-size: 15pt; color: #1f4f56; margin-bottom: 2px; }
h2 { font-size: 11.5pt; color: #1f6f78; margin-top: 10px; margin-bottom: 2px; }
p.sub, p.foot { color: #444444; font-size: 8.5pt; }
li { margin-bottom: 1px; }
"""


def charts_html(weeks: Sequence[WeekSummary] | None) -> str:
    """The charts' heading and images (named chart://pain, chart://walking); "" without weeks."""
    if weeks is None:
        return ""
    if len(weeks) < 2:
        return f"<h2>{escape(text('summary_charts'))}</h2><p>{escape(text('summary_chart_none'))}</p>"
    # (keep_charts_with_captions moves a caption to the next page when its chart went there)
    images = "".join(f'<p class="sub">{escape(text(key))}</p><p><img src="chart://{name}" width="{CHART_WIDTH}"></p>'
                     for name, key in _CHARTS)
    return f"<h2>{escape(text('summary_charts'))}</h2>{images}"


def summary_html(summary: AppointmentSummary, weeks: Sequence[WeekSummary] | None = None) -> str:
    parts = [f"<h1>{escape(summary.title)}</h1>", f'<p class="sub">{escape(summary.subtitle)}</p>']
    charts = charts_html(weeks)
    for section in summary.sections:
        items = "".join(f"<li>{escape(line)}</li>" for line in section.lines)
        parts.append(f"<h2>{escape(section.heading)}</h2><ul>{items}</ul>")
        if section.heading == text("summary_trend"):
            parts.append(charts)
            charts = ""
    parts.append(charts)
    parts.append(f'<p class="foot">{escape(summary.footer)}</p>')
    return "".join(parts)


def summary_document(summary: AppointmentSummary, weeks: Sequence[WeekSummary] | None = None) -> QTextDocument:
    """The laid-out summary; with ``weeks`` (oldest first), the pain and walking charts too."""
    from PySide6.QtCore import QUrl

    from desktop.ui.clinician.summary_charts import pain_chart, walking_chart

    document = QTextDocument()
    document.setDefaultStyleSheet(_CSS)
    document.setDefaultFont(QFont("DejaVu Sans", 9))
    if weeks is not None and len(weeks) >= 2:
        for (name, _key), draw in zip(_CHARTS, (pain_chart, walking_chart)):
            document.addResource(QTextDocument.ImageResource, QUrl(f"chart://{name}"), draw(weeks))
    document.setHtml(summary_html(summary, weeks))
    return document


def _pages_as_printed(document: QTextDocument, writer: QPdfWriter):
    """A copy laid out as QTextDocument.print_ lays out a document without a page size (the
    writer's page, 2 cm margins); returns (copy, page height)."""
    from PySide6.QtCore import QSizeF

    copy = document.clone(document)  # (a child finds the charts among its parent's resources)
    copy.documentLayout().setPaintDevice(writer)
    frame = copy.rootFrame().frameFormat()
    frame.setMargin(int(2 / 2.54 * 96))  # as print_ does: 2 cm at 96 dpi, scaled to the device by the layout
    copy.rootFrame().setFrameFormat(frame)
    copy.setPageSize(QSizeF(writer.width(), writer.height()))
    return copy, float(writer.height())


def keep_charts_with_captions(document: QTextDocument, writer: QPdfWriter) -> int:
    """A chart's caption (and the charts' heading before the first) never stays at the foot of
    a page while its chart goes to the next: such a caption starts the next page instead.
    Returns how many were moved."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    captions = {text(key) for _name, key in _CHARTS} | {text("summary_charts")}
    moves = 0
    for _round in range(len(_CHARTS)):
        copy, page = _pages_as_printed(document, writer)
        margin = 2 / 2.54 * writer.logicalDpiY()
        layout = copy.documentLayout()
        moved = False
        block = copy.begin()
        while block.isValid() and not moved:
            following = block.next()
            if block.text() in captions and following.isValid() and following.text() not in captions:
                lead = block
                while lead.previous().isValid() and lead.previous().text() in captions:
                    lead = lead.previous()  # the heading goes along with its first caption
                top = layout.blockBoundingRect(lead).top() // page
                # (the layout reports a chart that runs into the bottom margin as on this page;
                # printing then moves it to the next one)
                if layout.blockBoundingRect(following).bottom() > (top + 1) * page - margin:
                    cursor = QTextCursor(document.findBlockByNumber(lead.blockNumber()))
                    fmt = cursor.blockFormat()
                    fmt.setPageBreakPolicy(QTextFormat.PageBreak_AlwaysBefore)
                    cursor.setBlockFormat(fmt)
                    moved = True
                    moves += 1
            block = following
        if not moved:
            break
    return moves


def write_summary_pdf(summary: AppointmentSummary, target: Path,
                      weeks: Sequence[WeekSummary] | None = None) -> QTextDocument:
    """Write the PDF (A4, 2 cm margins); returns the laid-out document (its text, its pages)."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name such as summary.pdf")
    document = summary_document(summary, weeks)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".supportback-", suffix=".pdf")
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)  # print_ keeps its own 2 cm
        writer.setTitle(summary.title)
        writer.setCreator("SupportBack")
        document.setProperty("captionsMoved", keep_charts_with_captions(document, writer))
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        if os.path.getsize(temporary) == 0:
            raise OSError(f"the PDF for {target.name} came out empty")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return document


def write_report_pdf(report, target: Path, made_on) -> QTextDocument:
    """The clinic's summary of one export, with its charts, from the command line (no window;
    the clinic's call notes are not opened, so the summary says so)."""
    from desktop.exchange.appointment_summary import appointment_summary
    from desktop.ui.base.application import application

    application()
    return write_summary_pdf(appointment_summary(report, made_on), target, report.weeks)
