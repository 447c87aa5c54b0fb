"""The appointment summary (exchange/appointment_summary.py) laid out on A4 and written as a
PDF with Qt's own writer: QTextDocument for the layout, QPdfWriter for the file (no other
library). The file is written beside its target first and then renamed, so a failure never
leaves half a PDF under the chosen name.
"""

from __future__ import annotations

import os
import tempfile
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.exchange.appointment_summary import AppointmentSummary

_CSS = """
h1 { font-size: 15pt; color: #1f4f56; margin-bottom: 2px; }
h2 { font-size: 11.5pt; color: #1f6f78; margin-top: 10px; margin-bottom: 2px; }
p.sub, p.foot { color: #444444; font-size: 8.5pt; }
li { margin-bottom: 1px; }
"""


def summary_html(summary: AppointmentSummary) -> str:
    parts = [f"<h1>{escape(summary.title)}</h1>", f'<p class="sub">{escape(summary.subtitle)}</p>']
    for section in summary.sections:
        items = "".join(f"<li>{escape(line)}</li>" for line in section.lines)
        parts.append(f"<h2>{escape(section.heading)}</h2><ul>{items}</ul>")
    parts.append(f'<p class="foot">{escape(summary.footer)}</p>')
    return "".join(parts)


def summary_document(summary: AppointmentSummary) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultStyleSheet(_CSS)
    document.setDefaultFont(QFont("DejaVu Sans", 9))
    document.setHtml(summary_html(summary))
    return document


def write_summary_pdf(summary: AppointmentSummary, target: Path) -> QTextDocument:
    """Write the PDF (A4, 2 cm margins); returns the laid-out document (its text, its pages)."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a folder; give a file name such as summary.pdf")
    document = summary_document(summary)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".supportback-", suffix=".pdf")
    os.close(handle)
    try:
        writer = QPdfWriter(temporary)
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)  # print_ keeps its own 2 cm
        writer.setTitle(summary.title)
        writer.setCreator("SupportBack")
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        if os.path.getsize(temporary) == 0:
            raise OSError(f"the PDF for {target.name} came out empty")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return document
