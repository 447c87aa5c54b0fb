"""One export as a FHIR R4 Bundle (type "collection"), for a health record or a GP system.

- Patient: pseudonymous. Its only identifier is the participant id (a UUID, as an RFC 3986
  ``urn:uuid:``), plus the study or clinic code when the patient gave one. No name, no birth
  date: the export carries none.
- Observation per diary day, daily pain: LOINC 72514-3 "Pain severity - 0-10 verbal numeric
  rating [Score] - Reported", valueInteger 0-10, category survey.
- Observation per diary day, walking: LOINC 55411-3 "Exercise duration", in minutes (UCUM
  ``min``), category activity, with the text "Walking minutes (self-reported)".
- Observation per complete Roland-Morris questionnaire: its total 0-24. LOINC has no code for
  the Roland-Morris total that we could find (searched; see resources/schema/README.md), so the
  code is text only, as FHIR allows ("Roland-Morris Disability Questionnaire total score").
- Questionnaire (ours, canonical URL and version in fhir_questionnaire.py) once, and a
  QuestionnaireResponse per complete Roland-Morris questionnaire with each item's yes or no;
  the total's Observation names its response in ``derivedFrom``.

Every resource id is a UUID derived from the participant and what it records, so the same
export always gives the same Bundle (a receiving system can recognise resources it already
holds). Built as plain dicts from a ClinicReport: no FHIR library is needed to write one (the
tests validate it with fhir.resources).
"""

from __future__ import annotations

import datetime as dt
import uuid

from desktop.exchange.clinic_data import ClinicReport
from desktop.exchange.fhir_questionnaire import questionnaire_resource, questionnaire_response

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN_CODE, PAIN_DISPLAY = "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
WALKING_CODE, WALKING_DISPLAY = "55411-3", "Exercise duration"
WALKING_TEXT = "Walking minutes (self-reported)"
RMDQ_TEXT = "Roland-Morris Disability Questionnaire total score (0-24)"
STUDY_CODE_TEXT = "Study or clinic code"
_NAMESPACE = uuid.UUID("0b7f4a52-6f65-4c8e-9a51-5e0c8b1d2f30")  # SupportBack's FHIR resource ids


def _id(participant: str, *parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join((participant, *parts))))


def _category(code: str, display: str) -> list[dict]:
    return [{"coding": [{"system": CATEGORY, "code": code, "display": display}]}]


def _observation(report: ClinicReport, patient: str, key: str, day: dt.date, code: dict, category: list[dict],
                 value: dict) -> dict:
    return {"resourceType": "Observation", "id": _id(report.participant_id, key, day.isoformat()),
            "status": "final", "category": category, "code": code,
            "subject": {"reference": f"urn:uuid:{patient}"}, "effectiveDateTime": day.isoformat(), **value}


def patient_resource(report: ClinicReport) -> dict:
    identifiers = [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{report.participant_id}"}]
    if report.study_code:
        identifiers.append({"type": {"text": STUDY_CODE_TEXT}, "value": report.study_code})
    return {"resourceType": "Patient", "id": _id(report.participant_id, "patient"), "identifier": identifiers}


def fhir_bundle(report: ClinicReport, now: dt.datetime | None = None) -> dict:
    """The Bundle as a JSON-ready dict (json.dumps it)."""
    patient = patient_resource(report)
    pid = report.participant_id
    resources = [patient]
    pain_code = {"coding": [{"system": LOINC, "code": PAIN_CODE, "display": PAIN_DISPLAY}]}
    walking_code = {"coding": [{"system": LOINC, "code": WALKING_CODE, "display": WALKING_DISPLAY}],
                    "text": WALKING_TEXT}
    for entry in report.entries:
        if entry.pain is not None:
            resources.append(_observation(report, patient["id"], "pain", entry.day, pain_code,
                                          _category("survey", "Survey"), {"valueInteger": entry.pain}))
        if entry.walking_minutes is not None:
            resources.append(_observation(
                report, patient["id"], "walking", entry.day, walking_code, _category("activity", "Activity"),
                {"valueQuantity": {"value": entry.walking_minutes, "unit": "min", "system": UCUM, "code": "min"}}))
    patient_reference = f"urn:uuid:{patient['id']}"
    responses = {}
    if report.rmdq_answers:
        resources.append(questionnaire_resource(_id("supportback", "questionnaire", "rmdq")))
    for answers in report.rmdq_answers:
        response = questionnaire_response(_id(pid, "rmdq-response", answers[0]), patient_reference, answers)
        responses[answers[0]] = response["id"]
        resources.append(response)
    for occasion, day, score in report.rmdq:
        observation = _observation(report, patient["id"], "rmdq", day, {"text": RMDQ_TEXT},
                                   _category("survey", "Survey"), {"valueInteger": score})
        observation["id"] = _id(pid, "rmdq", occasion)
        observation["note"] = [{"text": f"Questionnaire occasion: {occasion}"}]
        if occasion in responses:
            observation["derivedFrom"] = [{"reference": f"urn:uuid:{responses[occasion]}"}]
        resources.append(observation)
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return {"resourceType": "Bundle", "id": _id(pid, "bundle", str(report.sequence)), "type": "collection",
            "timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources]}
