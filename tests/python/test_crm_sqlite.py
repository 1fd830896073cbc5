"""examples/crm_sqlite end to end: the demo CRM made from the sample, a rep
offboarded by crm.py, and the write-back's single transaction."""

import datetime
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import baton

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "crm_sqlite"
sys.path.insert(0, str(EXAMPLE))

import baton_sync  # noqa: E402  (after the path is set)
import crm  # noqa: E402
import make_demo_db  # noqa: E402

SAMPLE = ROOT / "examples" / "sample"  # what make_demo_db.py reads, whatever BATON_SAMPLE says
TODAY = datetime.date(2026, 11, 1)  # the sample's last activity: crm.py's default today
LAST_DAY = TODAY + datetime.timedelta(days=21)

# The CRM table of each kind of Baton record.
TABLE_OF_KIND = {
    "team": "teams", "rep": "reps", "tier": "account_tiers", "account": "accounts",
    "account_team": "account_team_members", "contact": "contacts",
    "relationship": "relationships", "interaction": "activities", "deal": "opportunities",
    "complaint": "cases", "product": "account_products",
}


def table_rows(path):
    """Every row of every table, in rowid order."""
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute("SELECT * FROM %s ORDER BY rowid" % table).fetchall()
                for table in baton_sync.TABLES}
    finally:
        conn.close()


def table_counts(path):
    conn = baton_sync.connect(str(path))
    try:
        return baton_sync.table_counts(conn)
    finally:
        conn.close()


def without(row, column):
    return row[:column] + row[column + 1:]


def copy_of(template, tmp_path):
    path = tmp_path / "crm.db"
    shutil.copy(template, path)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The demo CRM as make_demo_db.py creates it, copied by each test."""
    path = tmp_path_factory.mktemp("crm") / "template.db"
    make_demo_db.make_demo_db(path)
    return path


@pytest.fixture(scope="module")
def run(template, tmp_path_factory):
    """crm.py run as a user would, on a copy of the demo CRM."""
    path = tmp_path_factory.mktemp("run") / "crm.db"
    shutil.copy(template, path)
    result = subprocess.run([sys.executable, str(EXAMPLE / "crm.py"), "--db", str(path)],
                            capture_output=True, text=True, timeout=300)
    return path, result


@pytest.fixture(scope="module")
def rows_before_and_after(template, run):
    return table_rows(template), table_rows(run[0])


@pytest.fixture(scope="module")
def leaver(rows_before_and_after):
    """The rep crm.py offboarded: the one whose row says departed now."""
    before, after = (rows["reps"] for rows in rows_before_and_after)
    changed = [new[1] for old, new in zip(before, after) if old != new]
    assert len(changed) == 1, changed
    return changed[0]


@pytest.fixture(scope="module")
def expected(leaver):
    """The plan crm.py should have followed, made here from the sample's CSV."""
    with baton.Org.from_csv(SAMPLE) as org:
        rises = {}
        for rep in org.ids("rep"):
            info = org.rep(rep)
            if info.active and info.accounts_owned:
                change = baton.what_if(org, [rep], as_of=TODAY, to_competitor=True)
                rises[rep] = change.value_at_risk_after_departure - change.value_at_risk_before
        plan = org.reassign(departing=[leaver], today=TODAY)
        with baton.plan_handover(org, [(leaver, LAST_DAY, True)], plan, today=TODAY) as handover:
            return plan, handover, rises  # their values stay readable once closed


def test_the_demo_crm_holds_every_record_of_the_sample(template):
    counts = table_counts(template)
    with baton.Org.from_csv(SAMPLE) as org:
        assert {TABLE_OF_KIND[kind]: n for kind, n in org.counts().items()} == {
            table: n for table, n in counts.items() if table != "handover_tasks"}
    assert counts["handover_tasks"] == 0
    with pytest.raises(SystemExit):  # it never overwrites a CRM unless told
        make_demo_db.main(["--db", str(template)])
    assert table_counts(template) == counts


def test_crm_py_reports_every_check_passed(run, leaver):
    _, result = run
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Leaver: %s " % leaver)
    assert "Chosen as the departure that would put the most revenue at risk." in lines[1]
    checks = lines[lines.index("Checks:") + 1:]
    assert len(checks) == 5 and all(line.startswith("  ok ") for line in checks), checks


def test_the_leaver_is_the_departure_that_puts_the_most_revenue_at_risk(leaver, expected):
    rises = expected[2]
    assert rises[leaver] == max(rises.values())


def test_every_table_keeps_its_rows_and_only_the_tasks_are_new(template, run, expected):
    handover = expected[1]
    assert table_counts(run[0]) == dict(table_counts(template),
                                        handover_tasks=len(handover.tasks))


def test_the_leavers_accounts_and_deals_are_with_the_successors(template, run, leaver,
                                                                expected):
    plan, handover, _ = expected
    successor = {a.account: a.successor for a in handover.accounts}
    assert successor == {a.account: a.to_rep for a in plan.accounts}
    conn = sqlite3.connect(template)
    conn.execute("ATTACH DATABASE ? AS after", (str(run[0]),))
    owned_before = conn.execute(
        "SELECT a.code, r.code FROM after.accounts a JOIN accounts b ON b.id = a.id"
        " JOIN reps l ON l.id = b.owner_id LEFT JOIN reps r ON r.id = a.owner_id"
        " WHERE l.code = ?", (leaver,)).fetchall()
    assert dict(owned_before) == successor
    # A deal the leaver owned goes with its account; off their accounts, to the
    # account's owner (NULL), as docs/handover.md says.
    deals = conn.execute(
        "SELECT d.code, a.code, r.code FROM after.opportunities d JOIN opportunities b"
        " ON b.id = d.id JOIN reps l ON l.id = b.owner_id JOIN accounts a ON a.id = d.account_id"
        " LEFT JOIN reps r ON r.id = d.owner_id WHERE l.code = ?", (leaver,)).fetchall()
    assert deals, "the sample's leaver owns deals"
    assert all(owner == successor.get(account) for _, account, owner in deals), deals
    held = conn.execute(
        "SELECT (SELECT COUNT(*) FROM after.accounts WHERE owner_id = r.id),"
        " (SELECT COUNT(*) FROM after.opportunities WHERE owner_id = r.id), status, departed_on,"
        " left_for_competitor FROM after.reps r WHERE code = ?", (leaver,)).fetchone()
    conn.close()
    assert held == (0, 0, "departed", LAST_DAY.isoformat(), 1)


def test_the_tasks_are_the_plans(run, expected):
    handover = expected[1]
    conn = sqlite3.connect(run[0])
    rows = conn.execute(
        "SELECT a.code, l.code, t.kind, t.role, o.code, t.due_on, t.status, t.title, t.details"
        " FROM handover_tasks t JOIN reps l ON l.id = t.leaver_id"
        " LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN reps o ON o.id = t.owner_id"
        " ORDER BY t.id").fetchall()
    assert rows == [
        (t.account, t.leaver, t.kind, t.role, t.rep, t.due.isoformat(), "open", t.title,
         "\n".join(t.details)) for t in handover.tasks]
    assert any(account is None for account, *_ in rows)  # the leaver's own tasks
    conn.close()


def test_nothing_else_changed(rows_before_and_after, leaver):
    before, after = rows_before_and_after
    changed = {table for table in baton_sync.TABLES if before[table] != after[table]}
    assert changed == {"accounts", "opportunities", "reps", "handover_tasks"}
    for table, owner_column in (("accounts", 10), ("opportunities", 3)):
        assert [without(row, owner_column) for row in after[table]] == [
            without(row, owner_column) for row in before[table]]
    departed = [(old, new) for old, new in zip(before["reps"], after["reps"]) if old != new]
    assert [new[1] for _, new in departed] == [leaver]
    old, new = departed[0]
    # All but status, departed_on and left_for_competitor are as they were.
    assert old[:9] == new[:9] and old[11] == new[11]


def test_accounts_nobody_can_take_are_left_unowned(tmp_path, capsys):
    # Any directory of Baton's CSV files makes a CRM, optional columns left
    # out; here Bob has no capacity, so Ada's accounts go to nobody.
    sample = tmp_path / "sample"
    sample.mkdir()
    for name, text in {
        "teams.csv": "id,name\nt1,North\n",
        "reps.csv": "id,name,team\nr1,Ada,t1\nr2,Bob,t1\n",
        "tiers.csv": "id\nA\n",
        "accounts.csv": "id,name,tier,annual_value,owner\na1,Acme,A,1000,r1\na2,Beta,A,500,r1\n",
        "deals.csv": "id,account,owner,amount\nd1,a1,r1,300\n",
    }.items():
        (sample / name).write_text(text, encoding="utf-8")
    path = tmp_path / "crm.db"
    make_demo_db.make_demo_db(path, sample)
    assert crm.main(["--db", str(path), "--today", "2026-11-01"]) == 0
    out = capsys.readouterr().out
    assert "-> nobody: capacity exhausted" in out and "(2 unowned)" in out
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT owner_id FROM accounts UNION SELECT owner_id"
                        " FROM opportunities").fetchall() == [(None,)]
    assert conn.execute("SELECT status FROM reps ORDER BY id").fetchall() == [
        ("departed",), ("active",)]
    conn.close()


def test_a_row_baton_would_refuse_is_named_and_nothing_is_written(template, tmp_path,
                                                                  capsys):
    path = copy_of(template, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE contacts SET job_role = 'ceo' WHERE code = 'c00005'")
    conn.commit()
    conn.close()
    before = table_rows(path)
    assert crm.main(["--db", str(path)]) == 1
    assert ("add_contact c00005: contact.role: unknown ContactRole 'ceo'"
            in capsys.readouterr().err)
    assert table_rows(path) == before


def draft_handover(org, leaver):
    """The handover of ``leaver``'s accounts, as crm.py plans it."""
    plan = org.reassign(departing=[leaver], today=TODAY)
    return baton.plan_handover(org, [(leaver, LAST_DAY, True)], plan, today=TODAY)


# The write-back on its own, given the sample read from CSV (the same
# organisation as the demo CRM: make_demo_db.py checks the state hash), as
# reading the CRM into Baton is what takes time under the sanitizers.


def test_a_failure_midway_leaves_the_crm_and_baton_unchanged(template, tmp_path, leaver):
    path = copy_of(template, tmp_path)
    before = table_rows(path)
    conn = baton_sync.connect(str(path))
    # Fires on the eleventh task: after the owners, the deals, the departure
    # and ten tasks have been written in the same transaction.
    conn.execute("CREATE TRIGGER full_disk BEFORE INSERT ON handover_tasks"
                 " WHEN (SELECT COUNT(*) FROM handover_tasks) >= 10"
                 " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    with baton.Org.from_csv(SAMPLE) as org, draft_handover(org, leaver) as handover:
        assert len(handover.tasks) > 10
        state = org.state_hash()
        with pytest.raises(sqlite3.IntegrityError, match="database or disk is full"):
            baton_sync.carry_out_handover(conn, org, handover, leaver)
        assert handover.state == "undone" and org.state_hash() == state
    assert not conn.in_transaction
    conn.close()
    assert table_rows(path) == before


# Someone else's change between the read and the write-back, and the record
# the refusal names.
CHANGES_SINCE_THE_READ = {
    "the plan's last account given away": (
        "account", "UPDATE accounts SET owner_id = NULL WHERE code = :account"),
    "a deal of the leaver's given away": (
        "opportunity", "UPDATE opportunities SET owner_id = NULL WHERE code = (SELECT"
                       " MIN(d.code) FROM opportunities d JOIN reps r ON r.id = d.owner_id"
                       " WHERE r.code = :rep)"),
    "a deal given to the leaver": (
        "opportunity", "UPDATE opportunities SET owner_id = (SELECT id FROM reps WHERE code ="
                       " :rep) WHERE code = (SELECT MIN(code) FROM opportunities"
                       " WHERE owner_id IS NULL)"),
}


@pytest.mark.parametrize("change", CHANGES_SINCE_THE_READ)
def test_a_crm_changed_since_it_was_read_is_not_written(template, tmp_path, leaver, change):
    record, sql = CHANGES_SINCE_THE_READ[change]
    path = copy_of(template, tmp_path)
    conn = baton_sync.connect(str(path))
    with baton.Org.from_csv(SAMPLE) as org, draft_handover(org, leaver) as handover:
        changed = conn.execute(sql, {"account": handover.accounts[-1].account, "rep": leaver})
        assert changed.rowcount == 1
        before = table_rows(path)
        with pytest.raises(baton_sync.CrmChangedError,
                           match=r"%s \S+ changed in the CRM since it was read" % record):
            baton_sync.carry_out_handover(conn, org, handover, leaver)
    conn.close()
    assert table_rows(path) == before
