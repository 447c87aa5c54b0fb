"""Reading measured activity files: each format's real shape, local days, bad input."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop.exchange.activity_import.common import ActivityFormatError
from desktop.exchange.activity_import.detect import read_activity_file

DATA = Path(__file__).resolve().parents[1] / "data" / "activity"
TODAY = dt.date(2026, 4, 20)
LONDON = ZoneInfo("Europe/London")
D = dt.date


def _days(result):
    return {d.day: (d.steps, d.walking_minutes, d.source) for d in result.days}


def _zip(tmp_path: Path, name: str, members: dict[str, bytes]) -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


# Apple Health
def test_apple_xml_keeps_the_larger_source_per_day_and_walking_workouts():
    result = read_activity_file(DATA / "export.xml", TODAY)
    assert result.format_name == "Apple Health"
    days = _days(result)
    # Phone 3500 and watch 3750 counted the same walks: the watch's total, not 7250.
    assert days[D(2026, 3, 1)] == (3750, 33, "Sam’s Apple Watch")  # 32.5 walking minutes, rounded up
    # Phone 4000 beats watch 3900; the walk without a duration counts from start to end (20 min).
    assert days[D(2026, 3, 2)] == (4000, 20, "Sam’s iPhone")


def test_apple_days_are_the_local_dates_written_across_the_clocks_going_forward():
    days = _days(read_activity_file(DATA / "export.xml", TODAY))
    # 29 March 2026: UK clocks go forward; 00:30 +0000 and 23:30 +0100 are both that day.
    assert days[D(2026, 3, 29)][0] == 800
    assert days[D(2026, 3, 30)][0] == 80
    assert set(days) == {D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 29), D(2026, 3, 30)}


def test_apple_zip_is_read_from_inside_without_extracting(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    path = _zip(folder, "export.zip", {
        "apple_health_export/export.xml": (DATA / "export.xml").read_bytes(),
        "apple_health_export/export_cda.xml": b"<ClinicalDocument/>",
    })
    assert _days(read_activity_file(path, TODAY)) == _days(read_activity_file(DATA / "export.xml", TODAY))
    assert sorted(p.name for p in folder.iterdir()) == ["export.zip"]


@pytest.mark.parametrize("cut", ["mid-token", "after-a-record"])
def test_truncated_apple_xml_is_refused_whole(tmp_path, cut):
    raw = (DATA / "export.xml").read_bytes()
    end = len(raw) * 2 // 3 if cut == "mid-token" else raw.index(b"<Correlation")
    path = tmp_path / "export.xml"
    path.write_bytes(raw[:end])
    with pytest.raises(ActivityFormatError, match="ends too early"):
        read_activity_file(path, TODAY)


def test_damaged_zip_is_named(tmp_path):
    good = _zip(tmp_path, "good.zip", {"apple_health_export/export.xml": (DATA / "export.xml").read_bytes()})
    cut = tmp_path / "export.zip"
    cut.write_bytes(good.read_bytes()[:-60])  # the end of the archive is missing
    with pytest.raises(ActivityFormatError, match="zip file is damaged"):
        read_activity_file(cut, TODAY)
    raw = bytearray(good.read_bytes())
    raw[200:260] = b"\x00" * 60  # compressed data spoiled, directory intact
    spoiled = tmp_path / "spoiled.zip"
    spoiled.write_bytes(bytes(raw))
    with pytest.raises(ActivityFormatError, match="damaged"):
        read_activity_file(spoiled, TODAY)


def test_apple_future_day_refuses_the_whole_file(tmp_path):
    text = (DATA / "export.xml").read_text(encoding="utf-8").replace("2026-03-30 00:10:00", "2026-04-21 00:10:00")
    path = tmp_path / "export.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ActivityFormatError, match=r"2026-04-21 is after today \(2026-04-20\)"):
        read_activity_file(path, TODAY)


def test_other_xml_is_not_taken_for_an_apple_export(tmp_path):
    path = tmp_path / "export.xml"
    path.write_text('<?xml version="1.0"?><gpx><trk/></gpx>', encoding="utf-8")
    with pytest.raises(ActivityFormatError, match="not an Apple Health export"):
        read_activity_file(path, TODAY)


# Google Fit
def test_google_fit_daily_metrics_summary():
    result = read_activity_file(DATA / "Daily activity metrics.csv", TODAY)
    assert result.format_name == "Google Fit"
    assert _days(result) == {
        D(2026, 3, 1): (4871, 42, "Google Fit"),
        D(2026, 3, 2): (2103, 12, "Google Fit"),
        D(2026, 3, 29): (5120, 30, "Google Fit"),  # the day the clocks change: Google's own local day
    }  # 3 March has a row but no steps or walks: not a measured day


def test_google_fit_day_file_adds_up_its_quarter_hours():
    assert _days(read_activity_file(DATA / "2026-03-04.csv", TODAY)) == {D(2026, 3, 4): (1467, 15, "Google Fit")}


def test_google_takeout_zip_prefers_the_summary(tmp_path):
    folder = "Takeout/Fit/Daily activity metrics/"
    path = _zip(tmp_path, "takeout-20260411.zip", {
        folder + "Daily activity metrics.csv": (DATA / "Daily activity metrics.csv").read_bytes(),
        folder + "2026-03-04.csv": (DATA / "2026-03-04.csv").read_bytes(),
        "Takeout/Fit/All Sessions/2026-03-01T08_00_00+00_00_WALKING.json": b"{}",
    })
    assert set(_days(read_activity_file(path, TODAY))) == {D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 29)}
    only_days = _zip(tmp_path, "takeout-2.zip", {folder + "2026-03-04.csv": (DATA / "2026-03-04.csv").read_bytes()})
    assert _days(read_activity_file(only_days, TODAY)) == {D(2026, 3, 4): (1467, 15, "Google Fit")}


def test_google_fit_future_day_and_bad_number(tmp_path):
    path = tmp_path / "Daily activity metrics.csv"
    text = (DATA / "Daily activity metrics.csv").read_text(encoding="utf-8")
    path.write_text(text.replace("2026-03-29", "2027-03-29"), encoding="utf-8")
    with pytest.raises(ActivityFormatError, match="2027-03-29 is after today"):
        read_activity_file(path, TODAY)
    path.write_text(text.replace(",4871,", ",lots,"), encoding="utf-8")
    with pytest.raises(ActivityFormatError, match="line 2: 'lots' is not a number"):
        read_activity_file(path, TODAY)


# Fitbit
def test_fitbit_minutes_in_utc_become_local_days_across_daylight_saving():
    result = read_activity_file(DATA / "steps-2026-03-01.json", TODAY, LONDON)
    assert result.format_name == "Fitbit"
    assert _days(result) == {
        D(2026, 3, 1): (140, None, "Fitbit"),  # 23:59 UTC is still 1 March in London in winter
        D(2026, 3, 28): (100, None, "Fitbit"),
        D(2026, 3, 29): (5, None, "Fitbit"),  # 22:59 UTC = 23:59 BST
        D(2026, 3, 30): (70, None, "Fitbit"),  # 23:30 UTC on the 29th = 00:30 BST on the 30th
    }
    tokyo = _days(read_activity_file(DATA / "steps-2026-03-01.json", TODAY, ZoneInfo("Asia/Tokyo")))
    assert tokyo[D(2026, 3, 2)][0] == 40


def test_fitbit_takeout_zip_reads_every_steps_file(tmp_path):
    second = b'[{"dateTime": "04/02/26 10:00:00", "value": "900"}]'
    path = _zip(tmp_path, "takeout.zip", {
        "Takeout/Fitbit/Global Export Data/steps-2026-03-01.json": (DATA / "steps-2026-03-01.json").read_bytes(),
        "Takeout/Fitbit/Global Export Data/steps-2026-04-01.json": second,
        "Takeout/Fitbit/Global Export Data/heart_rate-2026-03-01.json": b"[]",
    })
    days = _days(read_activity_file(path, TODAY, LONDON))
    assert days[D(2026, 4, 2)] == (900, None, "Fitbit") and days[D(2026, 3, 1)][0] == 140


def test_truncated_fitbit_json(tmp_path):
    path = tmp_path / "steps-2026-03-01.json"
    path.write_bytes((DATA / "steps-2026-03-01.json").read_bytes()[:120])
    with pytest.raises(ActivityFormatError, match="not complete JSON"):
        read_activity_file(path, TODAY, LONDON)


def test_fitbit_future_minute(tmp_path):
    path = tmp_path / "steps-2026-05-01.json"
    path.write_text('[{"dateTime": "05/01/26 10:00:00", "value": "9"}]', encoding="utf-8")
    with pytest.raises(ActivityFormatError, match="2026-05-01 is after today"):
        read_activity_file(path, TODAY, LONDON)


# Plain CSV and unknown files
def test_plain_csv():
    assert _days(read_activity_file(DATA / "steps.csv", TODAY)) == {
        D(2026, 3, 1): (6500, 45, "CSV file"),
        D(2026, 3, 2): (3200, None, "CSV file"),
        D(2026, 3, 5): (8000, 60, "CSV file"),
    }


@pytest.mark.parametrize("content, message", [
    ("date,steps\n2026-03-01,100\n2026-03-01,200\n", "gives 2026-03-01 twice"),
    ("date,steps\n2026-04-21,100\n", r"2026-04-21 is after today"),
    ("date,steps\n1999-12-31,100\n", "before 2000-01-01"),
    ("date,steps\n2026-02-30,100\n", "not a day on the calendar"),
    ("date,steps\n2026-03-01,-5\n", "line 2: steps '-5' is not a whole number"),
    ("date,steps\n2026-03-01,900000\n", "more than the 200000 a day"),
    ("date,steps,walking_minutes\n2026-03-01,100,2000\n", "more than there are in a day"),
    ("date,steps\n", "holds no daily step counts"),
])
def test_plain_csv_bad_input_refuses_the_whole_file(tmp_path, content, message):
    path = tmp_path / "steps.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ActivityFormatError, match=message):
        read_activity_file(path, TODAY)


@pytest.mark.parametrize("name, content", [
    ("notes.txt", b"Dear diary, I walked to the shop.\n"),
    ("diary.csv", b"date,pain,walking_minutes\n2026-03-01,4,20\n"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
    ("empty.csv", b""),
])
def test_unknown_files_name_what_was_expected(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ActivityFormatError, match="Apple Health export.*Daily activity metrics.*steps-.*date,steps"):
        read_activity_file(path, TODAY)


def test_zip_of_something_else_names_what_was_expected(tmp_path):
    path = _zip(tmp_path, "photos.zip", {"holiday/1.jpg": b"\xff\xd8"})
    with pytest.raises(ActivityFormatError, match="holds no activity data.*Apple Health"):
        read_activity_file(path, TODAY)


def test_a_folder_is_not_read(tmp_path):
    with pytest.raises(OSError, match="folder"):
        read_activity_file(tmp_path, TODAY)


def test_google_fit_file_cut_off_mid_line_is_refused(tmp_path):
    raw = (DATA / "Daily activity metrics.csv").read_bytes()
    path = tmp_path / "Daily activity metrics.csv"
    path.write_bytes(raw[: raw.index(b"2026-03-29,30,2000.0,28") + len(b"2026-03-29,30,2000.0,28")])
    with pytest.raises(ActivityFormatError, match="line 5: 4 columns where the first line names 20; the file may "
                                                  "be cut off"):
        read_activity_file(path, TODAY)


def test_csv_that_is_not_text_is_refused(tmp_path):
    path = tmp_path / "steps.csv"
    path.write_bytes(b"date,steps\n2026-03-01,\xff\xfe100\n")
    with pytest.raises(ActivityFormatError, match="not UTF-8 text"):
        read_activity_file(path, TODAY)


def test_entity_expansion_bomb_is_refused_quickly(tmp_path):
    levels = "".join(f'<!ENTITY {n} "{("&" + p + ";") * 20}">\n' for p, n in zip("abcdef", "bcdefg"))
    path = tmp_path / "export.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE HealthData [\n<!ENTITY a "{"a" * 60}">\n{levels}]>\n'
                    '<HealthData><Record type="HKQuantityTypeIdentifierStepCount" sourceName="&g;" '
                    'startDate="2026-03-01 08:00:00 +0000" value="1"/></HealthData>\n', encoding="utf-8")
    with pytest.raises(ActivityFormatError, match="damaged"):
        read_activity_file(path, TODAY)


def test_google_fit_day_file_on_the_day_the_clocks_go_forward(tmp_path):
    header = (DATA / "2026-03-04.csv").read_text(encoding="utf-8").splitlines()[0]
    empty = "," * (len(header.split(",")) - 11)  # the columns after Step count, left empty
    rows = [f"00:45:00.000+00:00,01:00:00.000+00:00,1,5,50,0,0,,,,100{empty}",
            f"02:00:00.000+01:00,02:15:00.000+01:00,1,5,50,0,0,,,,250{empty}",
            f"23:45:00.000+01:00,00:00:00.000+01:00,1,5,50,0,0,,,,30{empty}"]
    path = tmp_path / "2026-03-29.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    assert _days(read_activity_file(path, TODAY)) == {D(2026, 3, 29): (380, None, "Google Fit")}


def test_a_tie_between_phone_and_watch_always_keeps_the_same_source():
    from desktop.domain.activity import DailyTotals

    for order in (("Watch", "Phone"), ("Phone", "Watch")):
        totals = DailyTotals()
        for source in order:
            totals.add_steps(D(2026, 3, 1), source, 500)
        assert [(d.steps, d.source) for d in totals.days("x")] == [(500, "Phone")]
