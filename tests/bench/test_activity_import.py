"""Benchmark: importing a 1 GB synthetic Apple Health export.xml streams it (peak memory < 200 MB).

    ./scripts/test.sh -s tests/bench/test_activity_import.py
    SUPPORTBACK_BENCH_XML_MB=200 ./scripts/test.sh -s tests/bench/test_activity_import.py   # a quicker look

The file is written into the test's temporary folder at bench time (never committed): an
export of the real shape (DOCTYPE, ExportDate, Me, step count records from a phone and a
watch with metadata children, heart rate records, walking workouts with children, activity
summaries), day after day until it reaches the size. It is then imported by the real command,
``supportback activity import``, in a child process, whose peak resident memory (VmHWM from
/proc/self/status at its end: the high-water mark of that process alone, not of the pytest it
was forked from, which ru_maxrss would include) and wall time are reported. The import must keep under
200 MB whatever the size:
elements are cleared as they are read, and only per-day totals are kept. A second test does
the same from an export.zip (read from inside the archive, never extracted).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

from bench_helpers import ROOT, child_env

SIZE_MB = int(os.environ.get("SUPPORTBACK_BENCH_XML_MB", "1024"))
PEAK_LIMIT_MB = 200
TODAY = dt.date(2026, 3, 15)

# The command as `python -m desktop` runs it, then its own memory high-water mark (Linux).
_CHILD = """
import sys
from desktop.cli import main
code = main(sys.argv[1:])
status = open("/proc/self/status").read()
print("peak_kb", [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")][0], file=sys.stderr)
sys.exit(code)
"""

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary|ClinicalRecord)*)>
<!ATTLIST HealthData locale CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-03-15 21:00:00 +0000"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth="" HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
_STEP = (' <Record type="HKQuantityTypeIdentifierStepCount" sourceName="{source}" sourceVersion="17.4" '
         'device="&lt;&lt;HKDevice: 0x28&gt;, name:{source}, manufacturer:Apple Inc.&gt;" unit="count" '
         'creationDate="{d} {h:02d}:{m:02d}:30 +0000" startDate="{d} {h:02d}:{m:02d}:00 +0000" '
         'endDate="{d} {h:02d}:{m:02d}:59 +0000" value="{v}">\n'
         '  <MetadataEntry key="HKMetadataKeySyncVersion" value="2"/>\n </Record>\n')
_HEART = (' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="Watch" unit="count/min" '
          'creationDate="{d} {h:02d}:{m:02d}:10 +0000" startDate="{d} {h:02d}:{m:02d}:05 +0000" '
          'endDate="{d} {h:02d}:{m:02d}:05 +0000" value="{v}"/>\n')
_WALK = (' <Workout workoutActivityType="HKWorkoutActivityTypeWalking" duration="31.5" durationUnit="min" '
         'sourceName="Watch" creationDate="{d} 18:40:00 +0000" startDate="{d} 18:05:00 +0000" '
         'endDate="{d} 18:36:30 +0000">\n'
         '  <WorkoutEvent type="HKWorkoutEventTypeSegment" date="{d} 18:05:00 +0000" duration="10"'
         ' durationUnit="min"/>\n'
         '  <WorkoutStatistics type="HKQuantityTypeIdentifierStepCount" startDate="{d} 18:05:00 +0000" '
         'endDate="{d} 18:36:30 +0000" sum="3300" unit="count"/>\n </Workout>\n')
_SUMMARY = ' <ActivitySummary dateComponents="{d}" activeEnergyBurned="310" activeEnergyBurnedGoal="400"/>\n'


def _one_day(day: dt.date) -> str:
    d = day.isoformat()
    parts = []
    for i in range(600):  # about 420 kB of XML a day
        h, m = 6 + i // 40, i % 40
        parts.append(_STEP.format(source="Phone", d=d, h=h, m=m, v=40 + i % 50))
        parts.append(_STEP.format(source="Watch", d=d, h=h, m=m + 1, v=42 + i % 50))
        if i % 4 == 0:
            parts.append(_HEART.format(d=d, h=h, m=m, v=60 + i % 30))
    parts.append(_WALK.format(d=d))
    parts.append(_SUMMARY.format(d=d))
    return "".join(parts)


def write_export(path: Path, size_mb: int) -> int:
    """Days from TODAY backwards until the file holds ``size_mb`` MiB; returns the number of days."""
    target = size_mb * 1024 * 1024
    days = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write(_HEAD)
        written = len(_HEAD)
        blocks = []
        while written < target:
            block = _one_day(TODAY - dt.timedelta(days=days))
            blocks.append(block)
            written += len(block)
            days += 1
            if len(blocks) == 50:
                out.write("".join(blocks))
                blocks.clear()
        out.write("".join(blocks))
        out.write("</HealthData>\n")
    return days


def _import(tmp_path: Path, path: Path) -> tuple[float, float, str]:
    """(seconds, peak MB, stdout) of `supportback activity import PATH` in a child process."""
    env = child_env()
    env["SUPPORTBACK_TODAY"] = TODAY.isoformat()
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", _CHILD, "--data-dir", str(tmp_path / "data"),
                             "activity", "import", str(path)], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=3600)
    took = time.perf_counter() - started
    assert result.returncode == 0, result.stderr
    return took, int(result.stderr.split("peak_kb")[-1].split()[0]) / 1024, result.stdout.strip()


def test_one_gigabyte_export_imports_in_under_200_mb(tmp_path):
    xml = tmp_path / "export.xml"
    started = time.perf_counter()
    days = write_export(xml, SIZE_MB)
    written_in = time.perf_counter() - started
    size_mb = xml.stat().st_size / 1024 / 1024
    took, peak_mb, said = _import(tmp_path, xml)
    print(f"\nactivity import: {size_mb:.0f} MiB export.xml ({days} days, written in {written_in:.0f} s) imported "
          f"in {took:.1f} s ({size_mb / took:.0f} MiB/s), peak RSS {peak_mb:.0f} MB (limit {PEAK_LIMIT_MB} MB)")
    print(said)
    assert f"Imported {days} days of steps from Apple Health" in said
    assert peak_mb < PEAK_LIMIT_MB


def test_zipped_export_is_streamed_from_inside_the_zip(tmp_path):
    """The same from an export.zip (SUPPORTBACK_BENCH_ZIP_MB of XML, default 256: compressing takes time)."""
    import zipfile

    xml = tmp_path / "export.xml"
    days = write_export(xml, int(os.environ.get("SUPPORTBACK_BENCH_ZIP_MB", "256")))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.write(xml, "apple_health_export/export.xml")
    size_mb = xml.stat().st_size / 1024 / 1024
    xml.unlink()
    took, peak_mb, said = _import(tmp_path, archive)
    print(f"\nactivity import: export.zip holding {size_mb:.0f} MiB of XML ({archive.stat().st_size / 2**20:.0f} MiB "
          f"zipped) imported in {took:.1f} s, peak RSS {peak_mb:.0f} MB (limit {PEAK_LIMIT_MB} MB)")
    assert f"Imported {days} days of steps from Apple Health" in said
    assert peak_mb < PEAK_LIMIT_MB
