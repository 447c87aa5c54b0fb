"""The appointment summary's charts: week labels never run into each other, however many weeks;
a week whose walking was never answered has no bar; a caption is printed on its chart's page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from desktop.content.loader import text
from desktop.domain.call_request import CallRequest
from desktop.domain.insights import WeekSummary
from desktop.exchange.appointment_summary import appointment_summary
from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.ui.clinician import summary_charts
from desktop.ui.clinician.summary_charts import WALK_COLOUR, label_every, walking_chart, week_label
from desktop.ui.clinician.summary_pdf import write_summary_pdf

MONDAY = dt.date(2026, 1, 5)


def _weeks(count: int, walking_days: int = 5) -> list[WeekSummary]:
    return [WeekSummary(MONDAY + dt.timedelta(weeks=i), 7, 100 + 10 * i, 2, 4.0, 3.0, walking_days)
            for i in range(count)]


def test_week_labels_never_overlap_for_a_long_diary(qapp):
    font = QFont("DejaVu Sans")
    font.setPixelSize(36)
    metrics = QFontMetricsF(font)
    room = summary_charts.WIDTH - summary_charts._LEFT - summary_charts._RIGHT
    for count in (2, 9, 26, 52, 104):
        weeks = _weeks(count)
        widest = max(metrics.horizontalAdvance(week_label(w)) for w in weeks)
        every = label_every(count, widest, room)
        gap = room / count * every  # centre to centre of two labels drawn
        assert gap >= widest * 1.5, count
        assert every == 1 or room / count * (every - 1) < widest * 1.5  # and no sparser than needed


def test_a_week_with_walking_never_answered_has_no_bar(qapp):
    weeks = _weeks(4)
    weeks[2] = WeekSummary(weeks[2].week_start, 7, 0, 2, 4.0, 3.0, walking_days=0)
    image = walking_chart(weeks)
    plot_bottom = summary_charts.HEIGHT - summary_charts._BOTTOM
    step = (summary_charts.WIDTH - summary_charts._LEFT - summary_charts._RIGHT) / 4

    def colour_at(index: int) -> QColor:
        return image.pixelColor(int(summary_charts._LEFT + step * (index + 0.5)), int(plot_bottom - 6))

    assert colour_at(1) == WALK_COLOUR and colour_at(3) == WALK_COLOUR
    assert colour_at(2) != WALK_COLOUR



@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("captions")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=110, seed=4)
    try:
        path = make_export(database, recipient, folder / "e.age")
    finally:
        database.close()
    return clinic_report(read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)])))


def _pages(path) -> tuple[list[int], list[str]]:
    """(the page of each image, in order; the text of each page)."""
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    image_pages = [int(line.split()[0]) for line in listing.splitlines()[2:] if line.strip()]
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return image_pages, [" ".join(page.split()) for page in words.split("\f")]


def test_a_charts_caption_is_printed_on_the_page_of_its_chart(qapp, tmp_path, report):
    """However far down the charts fall (the content above grows a few words at a time here),
    each caption is on the page that holds its chart, read back with pdfimages and pdftotext."""
    if shutil.which("pdfimages") is None or shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdfimages and pdftotext are needed to read the pages back")
    captions = [text("summary_chart_pain"), text("summary_chart_walking")]
    moved = 0
    for words in range(0, 44, 4):
        request = CallRequest("r", report.exported_on, "about my walking " * words, False)
        variant = dataclasses.replace(report, call_request=request)
        target = tmp_path / f"summary-{words}.pdf"
        document = write_summary_pdf(appointment_summary(variant, report.exported_on), target, report.weeks)
        moved += document.property("captionsMoved")
        image_pages, pages = _pages(target)
        assert len(image_pages) == 2 and len(pages) - 1 <= 2, words  # two charts, two pages at most
        for caption, page in zip(captions, image_pages):
            assert caption[:40] in pages[page - 1], (words, caption, image_pages)
    assert moved  # at least one of these would have left a caption behind
