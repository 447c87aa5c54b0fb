"""`clinic open --charts DIR`: the patient's charts as PNGs, drawn without a display, beside the
same printed summary as without it."""

from __future__ import annotations

from cli_helpers import clinic_keygen, run_cli
from PySide6.QtGui import QImage


def test_charts_are_written_as_pngs_and_the_summary_is_unchanged(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "45").returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    plain = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity))
    # no display at all: the charts are drawn off screen whatever the platform says
    charted = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity),
                      "--charts", str(tmp_path / "charts"), env={"QT_QPA_PLATFORM": "", "DISPLAY": ""})
    assert plain.returncode == charted.returncode == 0, charted.stderr
    assert charted.stdout.startswith(plain.stdout)
    assert "Wrote 4 chart(s)" in charted.stdout
    written = sorted(p.name.rsplit("-", 1)[1] for p in (tmp_path / "charts").glob("*.png"))
    assert written == ["comparison.png", "days.png", "rmdq.png", "weeks.png"]
    for path in (tmp_path / "charts").glob("*.png"):
        image = QImage(str(path))
        assert not image.isNull() and image.width() > 300


def test_an_export_before_any_diary_writes_no_charts_and_says_why(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    charted = run_cli("clinic", "open", str(tmp_path / "e.age"), "--identity", str(identity),
                      "--charts", str(tmp_path / "charts"))
    assert charted.returncode == 0, charted.stderr
    assert "No charts written: the diary has 0 day(s)" in charted.stdout
    assert list((tmp_path / "charts").glob("*.png")) == []
