"""`clinic fhir EXPORT --identity ID --out FILE.json`: a FHIR Bundle file; a wrong key says so and
writes nothing."""

from __future__ import annotations

import json

from cli_helpers import clinic_keygen, run_cli


def test_clinic_fhir_writes_a_bundle_and_a_wrong_key_writes_nothing(tmp_path):
    recipient, identity = clinic_keygen(tmp_path)
    assert run_cli("demo", "--days", "30").returncode == 0
    assert run_cli("export", "--recipient", recipient, "--out", str(tmp_path / "e.age")).returncode == 0
    out = tmp_path / "bundle.json"
    result = run_cli("clinic", "fhir", str(tmp_path / "e.age"), "--identity", str(identity), "--out", str(out))
    assert result.returncode == 0, result.stderr
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["resourceType"] == "Bundle" and bundle["type"] == "collection"
    counts = {}
    for entry in bundle["entry"]:
        counts[entry["resource"]["resourceType"]] = counts.get(entry["resource"]["resourceType"], 0) + 1
    assert counts["Patient"] == 1 and counts["Observation"] > 30
    assert f"{counts['Observation']} Observation" in result.stdout

    other = tmp_path / "other"
    other.mkdir()
    _other_recipient, other_identity = clinic_keygen(other)
    refused = run_cli("clinic", "fhir", str(tmp_path / "e.age"), "--identity", str(other_identity),
                      "--out", str(tmp_path / "refused.json"))
    assert refused.returncode == 1 and "could not be opened" in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "refused.json").exists()
