"""eval/: the packaged scorer matches the reference one, the diff explains a score, `eventwire eval` runs."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire import eval as ev
from eventwire.eval import scorer

FIXTURES = Path(__file__).parent / "fixtures" / "events"
SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"


def test_packaged_scorer_counts_a_small_case_by_the_spec():
    result = scorer.score(scorer.load(FIXTURES / "mini_gold.jsonl"), scorer.load(FIXTURES / "mini_system.jsonl"))
    # COOPERATE and the symmetric CONSULT match; ACCUSE lands on an optional event; ASSAULT is a false alarm
    assert result["event"]["tp"] == 2 and result["event"]["fp"] == 1 and result["event"]["fn"] == 0
    # full codes: COOPERATE and CONSULT still agree; ACCUSE GBR is not the optional GBRGOV, so it now counts against
    assert result["event_full_code"]["precision"] == pytest.approx(0.5)
    matched = result["on_matched"]
    assert matched["date"] == 0.5 and matched["location"] == 1.0       # day fits month; London within 161 km
    assert matched["attribution"] == 0.5 and matched["modality"] == 0.5


def _reference():
    if not (SHARED_GOLD / "score.py").is_file():
        pytest.skip("../shared/gold is not here")
    return ev.scorer_for(SHARED_GOLD / "dev.jsonl")


@pytest.mark.parametrize("gold_name, system", [
    ("dev_more.jsonl", "gold_as_system"),
    ("dev.jsonl", "gold_as_system"),
    ("mini", "fixture"),
])
def test_packaged_scorer_gives_the_reference_numbers(gold_name, system, tmp_path):
    reference = _reference()
    if gold_name == "mini":
        gold, sys_path = FIXTURES / "mini_gold.jsonl", FIXTURES / "mini_system.jsonl"
    else:
        gold = SHARED_GOLD / gold_name
        sys_path = tmp_path / "system.jsonl"
        # the gold itself (with its first acceptable answers) as a system, minus every third event
        rows = [json.loads(line) for line in gold.read_text().splitlines() if line.strip()]
        for row in rows:
            row["events"] = [e for i, e in enumerate(row["events"]) if i % 3]
        sys_path.write_text("\n".join(json.dumps(r) for r in rows))
    ours = scorer.score(scorer.load(gold), scorer.load(sys_path))
    theirs = reference.score(reference.load(str(gold)), reference.load(str(sys_path)))
    assert ours == theirs


def test_scorer_for_prefers_the_score_py_beside_the_gold(tmp_path):
    (tmp_path / "score.py").write_text("def score(g, s):\n    return {'from': 'beside'}\ndef load(p):\n    return {}\n")
    (tmp_path / "gold.jsonl").write_text("")
    assert ev.scorer_for(tmp_path / "gold.jsonl").score({}, {}) == {"from": "beside"}
    assert ev.scorer_for(FIXTURES / "mini_gold.jsonl") is scorer      # no score.py there: the packaged one


def test_diff_lists_matches_misses_and_false_alarms():
    report = ev.diff(scorer.load(FIXTURES / "mini_gold.jsonl"), scorer.load(FIXTURES / "mini_system.jsonl"))
    (article,) = report
    kinds = sorted((p["system"]["type"], p["optional"]) for p in article["matched"])
    assert kinds == [("ACCUSE", True), ("CONSULT", False), ("COOPERATE", False)]
    consult = next(p for p in article["matched"] if p["system"]["type"] == "CONSULT")
    assert consult["fields"] == {"date": False, "location": True, "modality": False, "attribution": False}
    assert [e["type"] for e in article["false_alarms"]] == ["ASSAULT"] and article["missed"] == []


def test_eval_command_codes_the_gold_inputs_and_scores_them(tmp_path):
    from eventwire.cli import app
    out = tmp_path / "system.jsonl"
    result = CliRunner().invoke(app, ["eval", str(FIXTURES / "mini_gold.jsonl"), "--out", str(out), "--json",
                                      "--per-article"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout[result.stdout.index("{"):])
    assert payload["articles"] == 1 and payload["missing_articles"] == []
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["id"] == "mini-1" and row["source"] == "own/bbc_politics_209.txt"   # gold id through the source
    assert "Abbas" in row["article"]["text"]
    for event in row["events"]:
        check_spec_event(event)


SPEC_FIELDS = {"type", "mode", "source", "target", "date", "location", "attribution", "modality", "evidence"}


def check_spec_event(event: dict) -> None:
    """The SPEC's event object: every field present, with the values SPEC allows."""
    from eventwire.model import EVENT_TYPES
    import re
    assert SPEC_FIELDS <= set(event)
    assert event["type"] in EVENT_TYPES
    for side in ("source", "target"):
        assert re.fullmatch(r"(---|[A-Z]{3})[A-Z]*", event[side]), event[side]
    assert event["date"] is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", event["date"])
    if event["location"] is not None:
        assert event["location"]["name"] and (event["location"]["country"] is None
                                              or re.fullmatch(r"[A-Z]{3}", event["location"]["country"]))
    assert event["modality"] in ("asserted", "reported", "hedged", "negated")
    assert event["attribution"] is None or isinstance(event["attribution"], str)
    assert isinstance(event["evidence"], str) and event["evidence"]


@pytest.fixture(autouse=True)
def _restore_coder_setting(monkeypatch):
    # the CLI's --coder option sets EVENTWIRE_CODER for its process; keep it from leaking into other tests
    monkeypatch.setenv("EVENTWIRE_CODER", "rules")


def test_code_command_writes_spec_jsonl():
    from eventwire.cli import app
    source = FIXTURES / "own" / "bbc_politics_209.txt"
    result = CliRunner().invoke(app, ["code", str(source), "--retrieved", "2005-02-28T12:00:00Z"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    (row,) = [json.loads(line) for line in lines]
    assert row["source"] == str(source) and {"title", "published", "language", "text"} <= set(row["article"])
    assert row["events"], "the article states events the rule coder knows"
    for event in row["events"]:
        check_spec_event(event)
        start, end = event["evidence_spans"][0]
        assert row["article"]["text"][start:end] == event["evidence"]


def test_code_command_rejects_an_unknown_coder():
    from eventwire.cli import app
    result = CliRunner().invoke(app, ["code", str(FIXTURES / "own" / "bbc_politics_209.txt"), "--coder", "oracle"])
    assert result.exit_code == 1 and "unknown coder" in result.output


def test_eval_diff_prints_matches_misses_and_false_alarms():
    from eventwire.cli import app
    result = CliRunner().invoke(app, ["eval", str(FIXTURES / "mini_gold.jsonl"), "--system",
                                      str(FIXTURES / "mini_system.jsonl"), "--diff"])
    assert result.exit_code == 0, result.output
    assert "event  P 0.667  R 1.000  F1 0.800  (tp 2 fp 1 fn 0)" in result.stdout
    assert "match COOPERATE" in result.stdout and "false alarm ASSAULT" in result.stdout
    assert "date: '2005-02' vs '2005-03-01'" in result.stdout       # the field that disagrees, side by side
