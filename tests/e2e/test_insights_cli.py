"""`supportback insights`: the same numbers the Progress page shows, as text or JSON."""

import json

from cli_helpers import run_cli

KEYS = ["activity", "lag_days", "enough_data", "active_days", "inactive_days", "active_mean_pain",
        "inactive_mean_pain", "difference", "interval", "summary", "state", "method", "adjusted_for", "level", "as_of"]
STATES = {"not_enough_data", "unsure", "lower", "higher", "similar"}


def test_insights_on_the_demo_profile_as_json_and_text():
    assert run_cli("demo", "--days", "120").returncode == 0
    result = run_cli("insights", "--profile", "Demo", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert (data["activity"], data["lag_days"], data["enough_data"]) == ("walking", 1, True)
    assert data["active_days"] >= 5 and data["inactive_days"] >= 5
    assert data["state"] in STATES and "Newey-West" in data["method"]
    assert data["adjusted_for"] == ["pain that day", "exercises", "time"]
    low, high = data["interval"]
    assert low < data["difference"] < high
    # the statement names a direction exactly when the interval is on one side of zero
    assert (data["state"] in ("lower", "higher")) == (high < 0 or low > 0)
    assert data["summary"].endswith(".")

    text = run_cli("--profile", "Demo", "insights")
    assert text.returncode == 0, text.stderr
    assert f"{data['active_days']} days" in text.stdout and f"{data['inactive_days']} days" in text.stdout
    assert data["summary"] in text.stdout
    assert "98.5% interval" in text.stdout


def test_insights_choices_change_what_is_compared():
    assert run_cli("demo", "--days", "120").returncode == 0
    results = {}
    for activity in ("walking", "exercises"):
        for lag in ("0", "1"):
            result = run_cli("insights", "--activity", activity, "--lag", lag, "--json", "--profile", "Demo")
            assert result.returncode == 0, result.stderr
            data = json.loads(result.stdout)
            assert (data["activity"], data["lag_days"]) == (activity, int(lag))
            results[activity, lag] = data
    assert results["walking", "0"]["summary"] != results["walking", "1"]["summary"]
    assert "back exercises" in results["exercises", "1"]["summary"]
    assert results["walking", "0"]["adjusted_for"][0] == "pain the day before"
    assert "weaker guide" in results["walking", "0"]["summary"]


def test_insights_on_an_empty_profile_asks_for_more_days(data_root):
    result = run_cli("insights", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["enough_data"] is False
    assert (data["active_days"], data["inactive_days"]) == (0, 0)
    assert data["active_mean_pain"] is None and data["difference"] is None and data["interval"] is None
    assert data["state"] == "not_enough_data"
    assert "A few days in your diary" in data["summary"]

    text = run_cli("insights")
    assert text.returncode == 0
    assert "not enough days to tell yet" in text.stdout


def test_insights_refuses_unknown_choices_as_a_usage_error():
    result = run_cli("insights", "--lag", "2")
    assert result.returncode == 2
    assert "--lag" in result.stderr
    result = run_cli("insights", "--activity", "swimming")
    assert result.returncode == 2
