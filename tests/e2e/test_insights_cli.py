"""`supportback insights`: the same numbers the Progress page shows, as text or JSON."""

import json

from cli_helpers import run_cli

KEYS = ["activity", "source", "lag_days", "enough_data", "active_days", "inactive_days", "active_mean_pain",
        "inactive_mean_pain", "difference", "interval", "summary", "state", "method", "adjusted_for", "level", "as_of"]
STATES = {"not_enough_data", "unsure", "lower", "higher", "similar"}


def test_insights_on_the_demo_profile_as_json_and_text():
    assert run_cli("demo", "--days", "120").returncode == 0
    result = run_cli("insights", "--profile", "Demo", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert (data["activity"], data["source"], data["lag_days"], data["enough_data"]) == ("walking", "diary", 1, True)
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


def test_insights_from_measured_steps_says_so_and_needs_imported_steps(tmp_path):
    """--source measured: walking from the steps a phone or watch counted (a day with 6,000 or
    more is a walking day, fewer than 500 not known); the JSON and the sentence say which."""
    import datetime as dt

    assert run_cli("demo", "--days", "120").returncode == 0
    refused = run_cli("insights", "--profile", "Demo", "--source", "measured", "--json")
    assert refused.returncode == 1 and "No steps from a phone or watch have been imported" in refused.stderr
    today = dt.date(2026, 3, 15)  # the tests' today
    counts = {today - dt.timedelta(days=back): (200 if back % 10 == 0 else 8000 if back % 3 else 2500)
              for back in range(120)}
    steps = tmp_path / "steps.csv"
    steps.write_text("date,steps\n" + "".join(f"{day},{n}\n" for day, n in sorted(counts.items())))
    assert run_cli("activity", "import", str(steps), "--profile", "Demo").returncode == 0
    diary = json.loads(run_cli("insights", "--profile", "Demo", "--json").stdout)
    measured = run_cli("insights", "--profile", "Demo", "--source", "measured", "--json")
    assert measured.returncode == 0, measured.stderr
    data = json.loads(measured.stdout)
    assert (data["source"], diary["source"]) == ("measured", "diary")
    assert "uses the steps your phone or watch counted" in data["summary"]
    assert "phone or watch" not in diary["summary"]
    assert (data["active_days"], data["inactive_days"]) != (diary["active_days"], diary["inactive_days"])
    window = [day for day in counts if (today - day).days < 84 and counts[day] >= 500]
    assert data["active_days"] + data["inactive_days"] <= len(window)  # the days left at home are left out
    exercises = json.loads(run_cli("insights", "--profile", "Demo", "--source", "measured", "--activity",
                                   "exercises", "--json").stdout)
    assert exercises["source"] == "diary"  # back exercises always come from the diary
    text = run_cli("insights", "--profile", "Demo", "--source", "measured")
    assert "walking from measured steps" in text.stdout and data["summary"] in text.stdout
