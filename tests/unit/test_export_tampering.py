"""Property test: whatever is done to an export's bytes or content, the collector neither
crashes nor accepts it (unless the change left it identical)."""

from __future__ import annotations

import json

import pytest
from exchange_helpers import clinic_key, decrypt_document, demo_profile, encrypt_document, make_export
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.exchange import collect as collecting


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tamper")
    secret, recipient, _ = clinic_key(tmp)
    database = demo_profile(tmp / "data", days=21)
    path = make_export(database, recipient, tmp / "good.age")
    database.close()
    return {"tmp": tmp, "secret": secret, "recipient": recipient, "bytes": path.read_bytes(),
            "document": decrypt_document(path, secret)}


_SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))


@_SETTINGS
@given(data=st.data())
def test_mutated_bytes_are_never_accepted(exported, data):
    original = exported["bytes"]
    kind = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
    at = data.draw(st.integers(0, len(original) - 1))
    if kind == "flip":
        mutated = original[:at] + bytes([original[at] ^ data.draw(st.integers(1, 255))]) + original[at + 1:]
    elif kind == "cut":
        mutated = original[:at]
    elif kind == "insert":
        mutated = original[:at] + data.draw(st.binary(min_size=1, max_size=8)) + original[at:]
    else:
        mutated = original[:at] + original[at + data.draw(st.integers(1, 64)):]
    path = exported["tmp"] / "mutated.age"
    path.write_bytes(mutated)
    with collecting.Collector(exported["tmp"] / f"out-{kind}", exported["secret"]) as collector:
        outcome = collector.collect_file(path)
    assert outcome.status == "rejected" and outcome.reason


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=20))


@_SETTINGS
@given(data=st.data())
def test_changed_content_re_encrypted_to_the_right_key_is_never_accepted(exported, data):
    document = json.loads(json.dumps(exported["document"]))
    section = data.draw(st.sampled_from(["diary", "questionnaires", "events", "goals", "sessions"]))
    rows = document["data"][section]
    row = rows[data.draw(st.integers(0, len(rows) - 1))]
    field = data.draw(st.sampled_from(sorted(row)))
    value = data.draw(_SCALARS.filter(lambda v: v != row[field] or type(v) is not type(row[field])))
    row[field] = value
    path = encrypt_document(document, exported["recipient"], exported["tmp"] / "changed.age")
    with collecting.Collector(exported["tmp"] / "out-changed", exported["secret"]) as collector:
        outcome = collector.collect_file(path)
    assert outcome.status == "rejected", (section, field, value)
