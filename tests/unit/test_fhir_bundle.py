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


def test_each_roland_morris_questionnaire_is_a_valid_questionnaire_response_of_our_questionnaire(export):
    from fhir.resources.R4B.questionnaire import Questionnaire
    from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

    from desktop.exchange.fhir_questionnaire import CANONICAL, QUESTIONNAIRE_URL, QUESTIONNAIRE_VERSION

    report = clinic_report(export)
    bundle = fhir_bundle(report, NOW)
    [questionnaire] = _by_type(bundle, "Questionnaire")
    parsed = Questionnaire.model_validate(questionnaire)
    assert (parsed.url, parsed.version) == (QUESTIONNAIRE_URL, QUESTIONNAIRE_VERSION)
    assert QUESTIONNAIRE_URL.startswith("urn:uuid:") and CANONICAL == f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}"
    link_ids = [item["linkId"] for item in questionnaire["item"]]
    assert len(link_ids) == 24 and {item["type"] for item in questionnaire["item"]} == {"boolean"}

    responses = _by_type(bundle, "QuestionnaireResponse")
    assert len(responses) == len(report.rmdq) >= 1
    patient_ref = f"urn:uuid:{_by_type(bundle, 'Patient')[0]['id']}"
    exported = export.data["questionnaires"]
    totals = {o["id"]: o for o in _by_type(bundle, "Observation") if "Roland-Morris" in o["code"].get("text", "")}
    for response, (occasion, day, score) in zip(responses, report.rmdq):
        QuestionnaireResponse.model_validate(response)
        assert response["questionnaire"] == CANONICAL and response["status"] == "completed"
        assert response["subject"]["reference"] == patient_ref and response["authored"] == day.isoformat()
        assert [item["linkId"] for item in response["item"]] == link_ids  # the Questionnaire's order
        ticked = {i["item_id"] for i in exported if i["questionnaire"] == "rmdq" and i["occasion"] == occasion
                  and i["value"]}
        assert {item["linkId"] for item in response["item"] if item["answer"][0]["valueBoolean"]} == ticked
        assert len(ticked) == score  # the items add up to the total the Observation gives
        [total] = [o for o in totals.values() if o["note"][0]["text"].endswith(occasion)]
        assert total["derivedFrom"] == [{"reference": f"urn:uuid:{response['id']}"}]


def test_the_questionnaire_version_changes_with_its_wording():
    """Rewording, adding or reordering the Roland-Morris items must come with a new
    QUESTIONNAIRE_VERSION (and a new digest here): responses name the version they answered."""
    import hashlib

    from desktop.content.programme import programme_content
    from desktop.exchange.fhir_questionnaire import QUESTIONNAIRE_VERSION

    items = "\n".join(f"{item.id}\t{item.text}" for item in programme_content().rmdq_items)
    digest = hashlib.sha256(items.encode("utf-8")).hexdigest()[:16]
    assert (QUESTIONNAIRE_VERSION, digest) == ("1", DIGEST_OF_VERSION_1), digest


DIGEST_OF_VERSION_1 = "4972a0d596a356b3"  # sha256 of the 24 items as worded for version 1
