"""The CRM's tables and Baton's organisation, both ways.

read_org() builds a baton.Org from the CRM's rows through one baton.Batch
(applied all or nothing, so a CRM row Baton would refuse is named and
nothing half-built is left). carry_out_handover() applies a handover plan
in Baton and writes what it changed back into the CRM, in one transaction.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bindings" / "python"))  # the package of this checkout

import baton  # noqa: E402

SCHEMA = Path(__file__).with_name("schema.sql")

#: Every table of the CRM; handover_tasks is the one the handover adds to.
TABLES = (
    "teams",
    "reps",
    "account_tiers",
    "accounts",
    "account_team_members",
    "contacts",
    "relationships",
    "activities",
    "opportunities",
    "cases",
    "account_products",
    "handover_tasks",
)

# One query per Baton record kind, in an order where every reference is to a
# record added before (a batch checks each change in turn). The columns are
# named as the batch method's keyword arguments, so each row goes in as is.
# Managers and departures come last: teams and reps refer to each other, and
# a rep who has left may still own the accounts a handover is about.
_READ = (
    ("add_tier", "SELECT code AS id, load_weight, min_seniority, max_per_rep"
                 " FROM account_tiers ORDER BY code"),
    ("add_team", "SELECT code AS id, name FROM teams ORDER BY id"),
    ("add_rep", "SELECT r.code AS id, r.full_name AS name, t.code AS team, r.seniority,"
                " r.capacity, r.territory, r.segment"
                " FROM reps r LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.id"),
    ("update_team", "SELECT t.code AS id, t.name, m.code AS manager"
                    " FROM teams t JOIN reps m ON m.id = t.manager_id ORDER BY t.id"),
    ("update_rep", "SELECT r.code AS id, r.full_name AS name, t.code AS team,"
                   " m.code AS manager, r.seniority, r.capacity, r.territory, r.segment"
                   " FROM reps r JOIN reps m ON m.id = r.manager_id"
                   " LEFT JOIN teams t ON t.id = r.team_id ORDER BY r.id"),
    ("add_account", "SELECT a.code AS id, a.name, a.tier, a.annual_value, a.customer_since,"
                    " a.renewal_on, a.territory, a.segment, a.parent_group AS \"group\","
                    " o.code AS owner"
                    " FROM accounts a LEFT JOIN reps o ON o.id = a.owner_id ORDER BY a.id"),
    ("add_account_team", "SELECT a.code AS account, r.code AS rep, m.role"
                         " FROM account_team_members m JOIN accounts a ON a.id = m.account_id"
                         " JOIN reps r ON r.id = m.rep_id ORDER BY m.rowid"),
    ("add_contact", "SELECT c.code AS id, a.code AS account, c.full_name AS name,"
                    " c.job_role AS role, c.key_player, c.attitude"
                    " FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.id"),
    ("add_relationship", "SELECT r.code AS rep, c.code AS contact, x.strength, x.depth,"
                         " x.since, x.last_touch"
                         " FROM relationships x JOIN reps r ON r.id = x.rep_id"
                         " JOIN contacts c ON c.id = x.contact_id ORDER BY x.rowid"),
    ("record_interaction", "SELECT x.occurred_on AS \"on\", x.channel, r.code AS rep,"
                           " a.code AS account, c.code AS contact, x.note"
                           " FROM activities x JOIN reps r ON r.id = x.rep_id"
                           " JOIN accounts a ON a.id = x.account_id"
                           " LEFT JOIN contacts c ON c.id = x.contact_id ORDER BY x.id"),
    ("add_deal", "SELECT d.code AS id, a.code AS account, o.code AS owner, d.stage, d.amount,"
                 " d.close_on, d.next_step"
                 " FROM opportunities d JOIN accounts a ON a.id = d.account_id"
                 " LEFT JOIN reps o ON o.id = d.owner_id ORDER BY d.id"),
    ("add_complaint", "SELECT x.code AS id, a.code AS account, x.opened_on, x.closed_on,"
                      " x.severity, x.summary"
                      " FROM cases x JOIN accounts a ON a.id = x.account_id ORDER BY x.id"),
    ("add_product", "SELECT a.code AS account, p.product, p.quantity"
                    " FROM account_products p JOIN accounts a ON a.id = p.account_id"
                    " ORDER BY p.rowid"),
    ("depart", "SELECT code AS rep, departed_on AS \"on\", destination,"
               " left_for_competitor AS to_competitor"
               " FROM reps WHERE status = 'departed' ORDER BY id"),
)


class CrmChangedError(Exception):
    """The CRM no longer holds what Baton's plan was made from."""


@dataclass(frozen=True)
class Written:
    """The rows carry_out_handover() changed or added."""

    accounts: int
    opportunities: int
    tasks: int


def connect(path: str) -> sqlite3.Connection:
    """A connection that checks foreign keys and leaves transactions to us
    (BEGIN ... COMMIT written out, not opened behind our back)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def table_counts(conn: sqlite3.Connection) -> Dict[str, int]:
    """The number of rows of every table."""
    return {t: conn.execute("SELECT COUNT(*) FROM %s" % t).fetchone()[0] for t in TABLES}


def read_org(conn: sqlite3.Connection) -> baton.Org:
    """The CRM as a Baton organisation, record ids being the CRM's codes."""
    org = baton.Org()
    try:
        with baton.Batch() as batch:
            for method, query in _READ:
                add = getattr(batch, method)
                for row in conn.execute(query):
                    try:
                        add(**{k: row[k] for k in row.keys() if row[k] is not None})
                    except (TypeError, ValueError) as error:
                        # A value no record may hold: name the row it came from.
                        raise ValueError("%s %s: %s" % (method, row[0], error)) from error
            org.apply(batch)
    except BaseException:
        org.close()
        raise
    return org


def _deal_owners(org: baton.Org) -> Dict[str, Optional[str]]:
    """Every deal's owner in Baton (None: the account's owner). The Python
    package has no reader for deals (nor has the C API), so they are taken
    from Baton's own CSV export."""
    with tempfile.TemporaryDirectory() as directory:
        org.export_csv(directory)
        with open(Path(directory) / "deals.csv", newline="", encoding="utf-8") as file:
            return {row["id"]: row["owner"] or None for row in csv.DictReader(file)}


def _update_one(conn: sqlite3.Connection, sql: str, args: tuple, what: str) -> None:
    # The WHERE clause names the value the plan was made from: a row someone
    # changed since matches nothing, and the whole write-back is refused.
    if conn.execute(sql, args).rowcount != 1:
        raise CrmChangedError("%s changed in the CRM since it was read; nothing written, "
                              "plan again" % what)


def carry_out_handover(conn: sqlite3.Connection, org: baton.Org, handover: baton.Handover,
                       leaver: str) -> Written:
    """Applies a draft ``handover`` to ``org`` (read from the CRM by
    read_org) and writes what it changed into the CRM: the owners of the
    leaver's accounts and deals, the departure, every task of the plan.

    One transaction: on any error it is rolled back, the CRM is as it was,
    and the handover is undone in Baton too, so that its copy still matches
    the CRM, the system of record."""
    deals_before = _deal_owners(org)
    handover.apply(org)
    try:
        return _write(conn, org, handover, leaver, deals_before)
    except BaseException:
        handover.undo(org)
        raise


def _write(conn: sqlite3.Connection, org: baton.Org, handover: baton.Handover, leaver: str,
           deals_before: Dict[str, Optional[str]]) -> Written:
    departed = org.rep(leaver)
    moved_deals = [(deal, owner, deals_before[deal]) for deal, owner in _deal_owners(org).items()
                   if owner != deals_before[deal]]
    # Taking the write lock at BEGIN: no other writer can slip in between
    # the checks below and COMMIT.
    conn.execute("BEGIN IMMEDIATE")
    try:
        rep_key = dict(conn.execute("SELECT code, id FROM reps").fetchall())
        account_key = dict(conn.execute("SELECT code, id FROM accounts").fetchall())
        leaver_key = rep_key[leaver]
        for account in handover.accounts:
            _update_one(conn, "UPDATE accounts SET owner_id = ? WHERE id = ? AND owner_id = ?",
                        (rep_key.get(org.owner_of(account.account)),
                         account_key[account.account], leaver_key),
                        "account %s" % account.account)
        for deal, owner, owner_before in moved_deals:
            _update_one(conn, "UPDATE opportunities SET owner_id = ? WHERE code = ?"
                              " AND owner_id IS ?",
                        (rep_key.get(owner), deal, rep_key.get(owner_before)),
                        "opportunity %s" % deal)
        _update_one(conn, "UPDATE reps SET status = 'departed', departed_on = ?,"
                          " left_for_competitor = ? WHERE id = ? AND status = 'active'",
                    (departed.departed_on.isoformat(), int(departed.to_competitor), leaver_key),
                    "rep %s" % leaver)
        # What Baton did not know of is still the leaver's: given to them since
        # the CRM was read.
        left = conn.execute(
            "SELECT 'account ' || code FROM accounts WHERE owner_id = ?1 UNION ALL"
            " SELECT 'opportunity ' || code FROM opportunities WHERE owner_id = ?1",
            (leaver_key,)).fetchone()
        if left is not None:
            raise CrmChangedError("%s changed in the CRM since it was read; nothing written, "
                                  "plan again" % left[0])
        conn.executemany(
            "INSERT INTO handover_tasks (account_id, leaver_id, kind, role, owner_id, due_on,"
            " status, title, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(account_key.get(t.account), rep_key[t.leaver], t.kind, t.role, rep_key.get(t.rep),
              t.due.isoformat(), t.status, t.title, "\n".join(t.details))
             for t in handover.tasks])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return Written(len(handover.accounts), len(moved_deals), len(handover.tasks))
