"""End to end through the `baton` command line: every subcommand, its output
formats, its exit codes, and the handover's apply/undo round trip."""
import csv
import io
import json

import pytest

from conftest import SAMPLE

SUBCOMMANDS = ["generate", "import", "export", "summary", "risk", "offboard",
               "rebalance", "assign", "plan show", "plan apply", "plan undo",
               "plan task", "plan log"]


def as_json(result):
    return json.loads(result.stdout)


def owners(baton, org, tmp_path, name):
    """Account id -> owner id, read back through `baton export`."""
    out = tmp_path / name
    baton("export", org, "--out", out)
    with open(out / "accounts.csv", newline="", encoding="utf-8") as f:
        return {row["id"]: row["owner"] for row in csv.DictReader(f)}


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help_with_an_example(baton, command):
    result = baton(*command.split(), "--help")
    assert "Usage: baton" in result.stdout
    assert "Example: baton " + command in result.stdout


def test_the_exit_codes_are_in_the_main_help(baton):
    assert "Exit codes: 0 done" in baton("--help").stdout
    assert "A subcommand is required" in baton(expect=2).stderr


def test_summary_in_every_format(baton, snapshot):
    doc = as_json(baton("summary", snapshot, "--format", "json"))
    assert doc["accounts"] == 2000 and doc["reps"] == 50
    assert [t["tier"] for t in doc["tiers"]] == ["A", "B", "C"]
    assert len(doc["owners"]) == 10
    values = [o["annual_value"] for o in doc["owners"]]
    assert values == sorted(values, reverse=True)

    # Text mode reads CSV's CRLF line ends as LF.
    tables = baton("summary", snapshot, "--format", "csv").stdout.split("\n\n")
    facts = dict(csv.reader(io.StringIO(tables[0])))
    assert facts["accounts"] == "2000"
    tiers = list(csv.DictReader(io.StringIO(tables[1])))
    assert [t["tier"] for t in tiers] == ["A", "B", "C"]

    markdown = baton("summary", SAMPLE, "--format", "markdown").stdout
    assert "### Accounts per tier" in markdown and "| tier |" in markdown
    table = baton("summary", SAMPLE).stdout
    assert "accounts:" in table and "Top 10 owners by annual value" in table


def test_risk_lists_the_accounts_with_the_most_at_risk_and_why(baton, snapshot):
    doc = as_json(baton("risk", snapshot, "--as-of", "2026-11-01", "--top", "5",
                        "--format", "json"))
    at_risk = [a["value_at_risk"] for a in doc["accounts"]]
    assert len(at_risk) == 5 and at_risk == sorted(at_risk, reverse=True)
    assert all(a["reasons"] for a in doc["accounts"])
    assert 0 < doc["value_at_risk"] < doc["total_value"]
    gone = as_json(baton("risk", snapshot, "--as-of", "2026-11-01", "--departing", "r017",
                         "--format", "json"))
    assert gone["value_at_risk"] > doc["value_at_risk"]


def test_bad_arguments_exit_2_and_say_what_to_fix(baton, snapshot):
    bad_day = baton("offboard", snapshot, "r017", "--last-day", "2026-13-45", expect=2)
    assert "--last-day" in bad_day.stderr and "YYYY-MM-DD" in bad_day.stderr
    missing = baton("offboard", snapshot, "r017", expect=2)
    assert "--last-day is required" in missing.stderr
    assert "--format" in baton("summary", snapshot, "--format", "xml", expect=2).stderr
    assert "STATUS" in baton("plan", "task", snapshot, "H1", "x", "finished",
                             expect=2).stderr


def test_unknown_ids_and_files_exit_4(baton, snapshot, tmp_path):
    bad_rep = baton("offboard", snapshot, "r999", "--last-day", "2026-12-18", expect=4)
    assert "no rep r999" in bad_rep.stderr
    assert "no handover plan H7" in baton("plan", "show", snapshot, "H7", expect=4).stderr
    assert "no such file" in baton("summary", tmp_path / "nope", expect=4).stderr


def test_invalid_input_exits_3_naming_the_place(baton, snapshot, tmp_path):
    broken = tmp_path / "broken.snapshot"
    data = bytearray(snapshot.read_bytes())
    data[len(data) // 2] ^= 0x40
    broken.write_bytes(bytes(data))
    assert baton("summary", broken, expect=3).stderr.strip()
    csv_dir = tmp_path / "csv"
    baton("export", snapshot, "--out", csv_dir)
    reps = csv_dir / "reps.csv"
    reps.write_text(reps.read_text(encoding="utf-8") + "r999,X,t01,,one,10\n",
                    encoding="utf-8")
    error = baton("import", csv_dir, "--out", tmp_path / "x.snapshot", expect=3).stderr
    assert "reps.csv:52:" in error
    assert not (tmp_path / "x.snapshot").exists()


def test_offboard_apply_undo_round_trip(baton, snapshot, tmp_path):
    before = owners(baton, snapshot, tmp_path, "before")
    original = baton("summary", snapshot, "--format", "json").stdout
    plan = as_json(baton("offboard", snapshot, "r017", "--last-day", "2026-11-20",
                         "--today", "2026-11-01", "--format", "json"))
    assert plan["plan"] == "H1" and plan["handover_accounts"] == sum(
        1 for o in before.values() if o == "r017")
    assert plan["value_at_risk_under_the_plan"] < plan["value_at_risk_if_nobody_takes_over"]
    assert plan["handover_accounts"] == len(
        as_json(baton("plan", "show", snapshot, "H1", "--top", "1000",
                      "--format", "json"))["accounts"])
    listed = as_json(baton("plan", "show", snapshot, "--format", "json"))["plans"]
    assert [(p["plan"], p["state"]) for p in listed] == [("H1", "draft")]

    shown = as_json(baton("plan", "show", snapshot, "H1", "--top", "1000",
                          "--format", "json"))
    successor = {a["account"]: a["successor"] for a in shown["accounts"]}
    applied = as_json(baton("plan", "apply", snapshot, "H1", "--format", "json"))
    assert applied["state"] == "applied" and applied["accounts_moved"] == len(successor)
    after = owners(baton, snapshot, tmp_path, "after")
    assert "r017" not in after.values()
    for account, owner in after.items():
        expected = successor.get(account, before[account])
        assert owner == ("" if expected == "(unassigned)" else expected), account
    with open(tmp_path / "after" / "reps.csv", newline="", encoding="utf-8") as f:
        leaver = next(r for r in csv.DictReader(f) if r["id"] == "r017")
    assert leaver["departed_on"] == "2026-11-20"
    tasks = as_json(baton("plan", "show", snapshot, "H1", "--top", "1000",
                          "--format", "json"))["tasks"]
    assert not [t for t in tasks if t["status"] == "open" and t["owner"].startswith("r017")]

    again = baton("plan", "apply", snapshot, "H1", expect=5)
    assert "only a draft can be applied" in again.stderr
    undone = as_json(baton("plan", "undo", snapshot, "H1", "--format", "json"))
    assert undone["state_hash_after"] == applied["state_hash_before"]
    assert owners(baton, snapshot, tmp_path, "undone") == before
    assert json.loads(original)["accounts"] == as_json(
        baton("summary", snapshot, "--format", "json"))["accounts"]
    log = as_json(baton("plan", "log", snapshot, "--changes", "--format", "json"))
    assert [e["event"] for e in log["events"]] == ["planned", "applied", "undone"]
    assert {"record": "rep", "id": "r017", "field": "departed_on", "before": "",
            "after": "2026-11-20"}.items() <= next(
                c for c in log["changes"] if c["record"] == "rep").items()


def test_task_status_is_stored_and_logged(baton, snapshot):
    baton("offboard", snapshot, "r017", "--last-day", "2026-11-20", "--today", "2026-11-01")
    tasks = as_json(baton("plan", "show", snapshot, "H1", "--format", "json"))["tasks"]
    task = tasks[0]["task"]
    baton("plan", "task", snapshot, "H1", task, "done")
    tasks = as_json(baton("plan", "show", snapshot, "H1", "--format", "json"))["tasks"]
    assert next(t for t in tasks if t["task"] == task)["status"] == "done"
    assert "has no task x/y" in baton("plan", "task", snapshot, "H1", "x/y", "done",
                                      expect=4).stderr
    events = as_json(baton("plan", "log", snapshot, "H1", "--format", "json"))["events"]
    assert events[-1]["event"] == "task_status"
    assert events[-1]["at"] == "2026-11-30T00:53:20Z"  # SOURCE_DATE_EPOCH


def test_offboard_on_a_csv_directory_needs_out(baton, tmp_path):
    refused = baton("offboard", SAMPLE, "r017", "--last-day", "2026-12-18", expect=5)
    assert "--out" in refused.stderr
    out = tmp_path / "planned.snapshot"
    baton("offboard", SAMPLE, "r017", "--last-day", "2026-12-18", "--today", "2026-11-01",
          "--out", out)
    assert as_json(baton("plan", "show", out, "--format", "json"))["plans"][0]["plan"] == "H1"


def test_rebalance_keeps_to_the_move_limit_and_applies(baton, snapshot, tmp_path):
    doc = as_json(baton("rebalance", snapshot, "--team", "t03", "--max-moves", "4",
                        "--today", "2026-11-01", "--format", "json"))
    assert 0 < doc["moves"] <= 4 and len(doc["moved_accounts"]) == doc["moves"]
    assert doc["max_min_after"] <= doc["max_min_before"]
    out = tmp_path / "rebalanced.snapshot"
    applied = as_json(baton("rebalance", snapshot, "--team", "t03", "--max-moves", "4",
                            "--today", "2026-11-01", "--apply", "--out", out,
                            "--format", "json"))
    moved = owners(baton, out, tmp_path, "moved")
    assert applied["moved_accounts"]
    for move in applied["moved_accounts"]:
        assert moved[move["account"]] == move["to"]
    assert "no team t99" in baton("rebalance", snapshot, "--team", "t99", expect=4).stderr


def test_assign_solves_a_problem_directory(baton):
    problem = SAMPLE.parent / "assignment"
    doc = as_json(baton("assign", problem, "--assignments", "--format", "json"))
    assert doc["lower_bound"] <= doc["objective"]
    assert doc["objective"] == doc["arc_cost"] + doc["load_cost"] + doc["penalty_cost"]
    with open(problem / "accounts.csv", newline="", encoding="utf-8") as f:
        assert len(doc["assignments"]) == sum(1 for _ in csv.DictReader(f))


def test_generate_is_deterministic_and_imports(baton, tmp_path):
    first = as_json(baton("generate", "--accounts", "300", "--seed", "7", "--csv",
                          tmp_path / "a", "--format", "json"))
    second = as_json(baton("generate", "--accounts", "300", "--seed", "7", "--snapshot",
                           tmp_path / "b.snapshot", "--format", "json"))
    assert first["state_hash"] == second["state_hash"] and first["accounts"] == 300
    imported = as_json(baton("import", tmp_path / "a", "--out", tmp_path / "c.snapshot",
                             "--format", "json"))
    assert imported["state_hash"] == first["state_hash"]
    assert "[--csv,--snapshot] is required" in baton("generate", expect=2).stderr
