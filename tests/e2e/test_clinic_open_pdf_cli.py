"""`clinic open FILE --pdf OUT.pdf --fhir OUT.json`: the appointment summary as a PDF with the
pain and walking charts over time, and the FHIR Bundle as `clinic fhir` writes it; a bad target
says so without a traceback."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata

import pyrage
import pytest
from cli_helpers import clinic_keygen, run_cli
from pyrage import x25519

from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("open-pdf")
    recipient, identity = clinic_keygen(folder)
    env = {"SUPPORTBACK_DATA_DIR": str(folder / "data")}
    assert run_cli("demo", "--days", "90", "--seed", "5", env=env).returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(folder / "e.age"), env=env).returncode == 0
    return folder, identity


def test_open_writes_a_pdf_with_the_key_numbers_and_two_charts(exported):
    folder, identity = exported
    out = folder / "summary.pdf"
    result = run_cli("clinic", "open", str(folder / "e.age"), "--identity", str(identity), "--pdf", str(out))
    assert result.returncode == 0, result.stderr
    assert "CONGRATULATE" in result.stdout and f"summary PDF to {out}" in result.stdout
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Subtype\s*/Image", data)) >= 2  # the pain and the walking chart
    secret = next(line for line in identity.read_text().splitlines() if line.startswith("AGE-SECRET-KEY"))
    report = clinic_report(read_export(pyrage.decrypt((folder / "e.age").read_bytes(),
                                                      [x25519.Identity.from_str(secret)])))
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed: the PDF's text cannot be read back")
    words = unicodedata.normalize("NFKC", subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                                                         text=True, check=True).stdout)
    words = " ".join(words.split())
    assert "Pain and walking over time" in words
    assert "Pain, average of each week's diary days" in words and "Walking, average minutes a day" in words
    assert report.participant_id.replace("-", "") in words.replace(" ", "").replace("-", "")  # wrapped at a hyphen
    start = report.rmdq[0][2]
    assert f"{start} of 24 everyday activities" in words
    last_week = report.weeks[-1]
    assert f"pain {last_week.mean_pain:.1f} on average" in words
    assert "Call notes not included" in words  # the clinic's notes need its passphrase: said, not hidden


def test_open_with_fhir_writes_the_same_bundle_as_clinic_fhir(exported):
    folder, identity = exported
    via_open, via_fhir = folder / "open.json", folder / "fhir.json"
    result = run_cli("clinic", "open", str(folder / "e.age"), "--identity", str(identity), "--fhir", str(via_open))
    assert result.returncode == 0, result.stderr
    assert run_cli("clinic", "fhir", str(folder / "e.age"), "--identity", str(identity),
                   "--out", str(via_fhir)).returncode == 0

    def kinds(path):
        bundle = json.loads(path.read_text(encoding="utf-8"))
        return sorted(entry["resource"]["resourceType"] for entry in bundle["entry"])

    assert kinds(via_open) == kinds(via_fhir) and "Observation" in kinds(via_open)
    assert "Wrote a FHIR R4 Bundle" in result.stdout


def test_a_pdf_target_that_is_a_folder_is_refused_in_words(exported):
    folder, identity = exported
    result = run_cli("clinic", "open", str(folder / "e.age"), "--identity", str(identity), "--pdf", str(folder))
    assert result.returncode != 0
    assert "is a folder" in result.stderr and "Traceback" not in result.stderr
