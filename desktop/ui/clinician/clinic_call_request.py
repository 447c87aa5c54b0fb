"""The clinician window's first card when the patient asked to talk to a physio: when, and the
reason in their own words (selectable, reachable with Tab), shown before everything else."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from desktop.content.loader import text
from desktop.domain.call_request import CallRequest
from desktop.ui.clinician.clinic_header import reading
from desktop.ui.widgets.formatting import long_day
from desktop.ui.widgets.widgets import label


def call_request_card(request: CallRequest | None) -> QFrame | None:
    if request is None:
        return None
    frame = QFrame()
    frame.setObjectName("flagCard")
    row = QHBoxLayout(frame)
    row.setContentsMargins(16, 12, 16, 12)
    icon = label("☎", "flagIcon", wrap=False)
    icon.setAccessibleName("")
    row.addWidget(icon, 0, Qt.AlignTop)
    words = QVBoxLayout()
    title = text("clinic_call_request_title")
    words.addWidget(label(title, "flagTitle"))
    words.addWidget(reading(text("clinic_call_request_when", date=long_day(request.requested_on))))
    reason = (text("clinic_call_request_reason", reason=request.reason) if request.reason
              else text("clinic_call_request_no_reason"))
    words.addWidget(reading(reason, "quote" if request.reason else ""))
    words.addWidget(label(text("clinic_call_request_not_urgent"), "muted"))
    row.addLayout(words, 1)
    frame.setAccessibleName(title)
    return frame
