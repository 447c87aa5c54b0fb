"""The export as a FHIR R4 Bundle: validated with the fhir.resources models, pseudonymous, with
the LOINC codes for daily pain and walking minutes and one Roland-Morris total per questionnaire."""

from __future__ import annotations

import datetime as dt
import json

import pyrage
import pytest
from exchange_helpers import clinic_key, demo_profile, make_export
from pyrage import x25519

from desktop.exchange.clinic_data import clinic_report
from desktop.exchange.export_reader import read_export
from desktop.exchange.fhir_bundle import fhir_bundle

NOW = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fhir-export")
    secret, recipient, _identity = clinic_key(folder)
    database = demo_profile(folder / "demo", days=50, seed=5)
    try:
        path = make_export(database, recipient, folder / "e.age")
    finally:
        database.close()
    return read_export(pyrage.decrypt(path.read_bytes(), [x25519.Identity.from_str(secret)]))


def _by_type(bundle: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_the_bundle_is_valid_fhir_and_holds_every_diary_day_and_score(export):
    from fhir.resources.R4B.bundle import Bundle  # R4B: the R4 line fhir.resources 8 models

    report = clinic_report(export)
    bundle = fhir_bundle(report, NOW)
    parsed = Bundle.model_validate(json.loads(json.dumps(bundle)))
    assert parsed.type == "collection" and len(parsed.entry) == len(bundle["entry"])
    observations = _by_type(bundle, "Observation")
    pain = [o for o in observations if o["code"].get("coding", [{}])[0].get("code") == "72514-3"]
    walking = [o for o in observations if o["code"].get("coding", [{}])[0].get("code") == "55411-3"]
    rmdq = [o for o in observations if "Roland-Morris" in o["code"].get("text", "")]
    diary = {d["date"]: d for d in export.data["diary"]}
    assert sorted(o["effectiveDateTime"] for o in pain) == sorted(diary)
    for observation in pain:
        assert observation["valueInteger"] == diary[observation["effectiveDateTime"]]["pain"]
    for observation in walking:
        assert observation["valueQuantity"]["value"] == diary[observation["effectiveDateTime"]]["walking_minutes"]
        assert observation["valueQuantity"]["code"] == "min"
    assert [o["valueInteger"] for o in rmdq] == [score for _o, _d, score in report.rmdq] and rmdq
    patient_ref = f"urn:uuid:{_by_type(bundle, 'Patient')[0]['id']}"
    assert {o["subject"]["reference"] for o in observations} == {patient_ref}
    assert len({e["fullUrl"] for e in bundle["entry"]}) == len(bundle["entry"])


def test_the_patient_is_pseudonymous(export):
    from fhir.resources.R4B.patient import Patient

    [patient] = _by_type(fhir_bundle(clinic_report(export), NOW), "Patient")
    Patient.model_validate(patient)
    assert patient["identifier"][0]["value"] == f"urn:uuid:{export.participant_id}"
    assert not {"name", "birthDate", "telecom", "address"} & set(patient)


def test_the_same_export_gives_the_same_ids(export):
    first, second = fhir_bundle(clinic_report(export), NOW), fhir_bundle(clinic_report(export), NOW)
    assert first == second
