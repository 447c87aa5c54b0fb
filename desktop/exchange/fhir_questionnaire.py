"""The Roland-Morris questionnaire in FHIR R4: our own Questionnaire resource, and one
QuestionnaireResponse per complete questionnaire in an export (24 yes/no items, as the patient
ticked them), for the Bundle of fhir_bundle.py.

Canonical URL: ``urn:uuid:8c3e2f4a-5d1b-4c7e-9f06-2a7d1e5b9c48`` with version "1". A UUID URN we
minted ourselves: it is globally unique, needs no domain we would have to own and keep, and
does not pretend to be a web address that resolves (FHIR allows a canonical that does not).
The Questionnaire itself travels in every Bundle, so a receiving system holds what it names.
The version changes whenever the items' wording or order does (resources/content/<lang>/
programme/rmdq.json). The items are the app's own wording of the 24 statements (Roland and
Morris, 1983), answered yes (ticked) or no.
"""

from __future__ import annotations

import datetime as dt

QUESTIONNAIRE_URL = "urn:uuid:8c3e2f4a-5d1b-4c7e-9f06-2a7d1e5b9c48"
QUESTIONNAIRE_VERSION = "1"
CANONICAL = f"{QUESTIONNAIRE_URL}|{QUESTIONNAIRE_VERSION}"
RmdqAnswers = tuple[str, dt.date, tuple[tuple[str, bool], ...]]  # occasion, first day, (item id, ticked)


def questionnaire_resource(resource_id: str) -> dict:
    from desktop.content.programme import programme_content

    content = programme_content()
    return {"resourceType": "Questionnaire", "id": resource_id, "url": QUESTIONNAIRE_URL,
            "version": QUESTIONNAIRE_VERSION, "name": "SupportBackRolandMorris",
            "title": "Roland-Morris Disability Questionnaire (SupportBack wording)", "status": "active",
            "subjectType": ["Patient"],
            "description": ("24 statements; the patient ticks those that describe them today. The total "
                            f"is the number ticked (0-24). {content.rmdq.citation}").strip(),
            "item": [{"linkId": item.id, "text": item.text, "type": "boolean", "required": True}
                     for item in content.rmdq_items]}


def questionnaire_response(resource_id: str, patient_reference: str, answers: RmdqAnswers) -> dict:
    from desktop.content.programme import programme_content

    _occasion, day, ticks = answers
    order = {item.id: index for index, item in enumerate(programme_content().rmdq_items)}
    texts = {item.id: item.text for item in programme_content().rmdq_items}
    items = []
    for item_id, ticked in sorted(ticks, key=lambda tick: (order.get(tick[0], len(order)), tick[0])):
        item = {"linkId": item_id, "answer": [{"valueBoolean": ticked}]}
        if item_id in texts:
            item["text"] = texts[item_id]
        items.append(item)
    # QuestionnaireResponse has no note: the occasion is on the total's Observation, which names
    # this response in derivedFrom.
    return {"resourceType": "QuestionnaireResponse", "id": resource_id, "questionnaire": CANONICAL,
            "status": "completed", "subject": {"reference": patient_reference}, "authored": day.isoformat(),
            "item": items}


def item_answers(questionnaires: list[dict]) -> tuple[RmdqAnswers, ...]:
    """Every complete Roland-Morris occasion (24 items) with its answers in item order, oldest first."""
    by_occasion: dict[str, list[dict]] = {}
    for item in questionnaires:
        if item["questionnaire"] == "rmdq":
            by_occasion.setdefault(item["occasion"], []).append(item)
    complete = [(occasion, dt.date.fromisoformat(min(i["answered_on"] for i in items)),
                 tuple((i["item_id"], bool(i["value"])) for i in sorted(items, key=lambda i: i["item_id"])))
                for occasion, items in by_occasion.items() if len(items) == 24]
    return tuple(sorted(complete, key=lambda answers: (answers[1], answers[0])))
