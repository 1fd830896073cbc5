#!/usr/bin/env python3
"""Creates the demo CRM database from Baton's bundled sample organisation.

    /usr/bin/python3 examples/crm_sqlite/make_demo_db.py --db crm.db

Baton reads the sample (examples/sample/*.csv, or any directory of Baton's
CSV files), so only an organisation it accepts goes in, and writes it out in
its own canonical CSV (every column, names for enumerations, true/false);
those rows go into the CRM's own tables (schema.sql), and the CRM is read
back into Baton to prove it holds exactly the sample: the same state hash.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import baton_sync
from baton_sync import baton

SAMPLE = baton_sync.ROOT / "examples" / "sample"


def _rows(directory: Path, kind: str) -> Iterator[Dict[str, str]]:
    with open(directory / ("%s.csv" % kind), newline="", encoding="utf-8") as file:
        yield from csv.DictReader(file)


def _or_null(text: str) -> Optional[str]:
    """An empty CSV cell is "none", which the CRM keeps as NULL."""
    return text or None


def _flag(text: str) -> int:
    return 1 if text == "true" else 0


def fill(conn: sqlite3.Connection, exported: Path) -> None:
    """Writes the records of a CSV directory that Baton exported into the
    CRM's empty tables, in one transaction. The CRM's keys are its own;
    references go through them."""
    conn.execute("BEGIN")
    try:
        for row in _rows(exported, "tiers"):
            conn.execute("INSERT INTO account_tiers VALUES (?, ?, ?, ?)",
                         (row["id"], row["load_weight"], row["min_seniority"], row["max_per_rep"]))
        team = {}
        teams = list(_rows(exported, "teams"))
        for row in teams:
            team[row["id"]] = conn.execute("INSERT INTO teams (code, name) VALUES (?, ?)",
                                           (row["id"], row["name"])).lastrowid
        rep = {}
        reps = list(_rows(exported, "reps"))
        for row in reps:
            rep[row["id"]] = conn.execute(
                "INSERT INTO reps (code, full_name, team_id, seniority, capacity, territory,"
                " segment, status, departed_on, destination, left_for_competitor)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row["id"], row["name"], team.get(row["team"]), row["seniority"],
                 row["capacity"], row["territory"], row["segment"],
                 "departed" if row["departed_on"] else "active", _or_null(row["departed_on"]),
                 row["destination"], _flag(row["to_competitor"]))).lastrowid
        for row in reps:
            conn.execute("UPDATE reps SET manager_id = ? WHERE id = ?",
                         (rep.get(row["manager"]), rep[row["id"]]))
        for row in teams:
            conn.execute("UPDATE teams SET manager_id = ? WHERE id = ?",
                         (rep.get(row["manager"]), team[row["id"]]))
        account = {}
        for row in _rows(exported, "accounts"):
            account[row["id"]] = conn.execute(
                "INSERT INTO accounts (code, name, tier, annual_value, customer_since,"
                " renewal_on, territory, segment, parent_group, owner_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (row["id"], row["name"], row["tier"], float(row["annual_value"]),
                 _or_null(row["customer_since"]), _or_null(row["renewal_on"]),
                 row["territory"], row["segment"], row["group"],
                 rep.get(row["owner"]))).lastrowid
        conn.executemany(
            "INSERT INTO account_team_members VALUES (?, ?, ?)",
            [(account[r["account"]], rep[r["rep"]], r["role"])
             for r in _rows(exported, "account_team")])
        contact = {}
        for row in _rows(exported, "contacts"):
            contact[row["id"]] = conn.execute(
                "INSERT INTO contacts (code, account_id, full_name, job_role, key_player,"
                " attitude) VALUES (?, ?, ?, ?, ?, ?)",
                (row["id"], account[row["account"]], row["name"], row["role"],
                 _flag(row["key_player"]), row["attitude"])).lastrowid
        conn.executemany(
            "INSERT INTO relationships VALUES (?, ?, ?, ?, ?, ?)",
            [(rep[r["rep"]], contact[r["contact"]], float(r["strength"]), r["depth"],
              _or_null(r["since"]), _or_null(r["last_touch"]))
             for r in _rows(exported, "relationships")])
        conn.executemany(
            "INSERT INTO activities (occurred_on, channel, rep_id, account_id, contact_id, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(r["on"], r["channel"], rep[r["rep"]], account[r["account"]],
              contact.get(r["contact"]), r["note"])
             for r in _rows(exported, "interactions")])
        conn.executemany(
            "INSERT INTO opportunities (code, account_id, owner_id, stage, amount, close_on,"
            " next_step) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r["id"], account[r["account"]], rep.get(r["owner"]), r["stage"],
              float(r["amount"]), _or_null(r["close_on"]), r["next_step"])
             for r in _rows(exported, "deals")])
        conn.executemany(
            "INSERT INTO cases (code, account_id, opened_on, closed_on, severity, summary)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(r["id"], account[r["account"]], r["opened_on"], _or_null(r["closed_on"]),
              r["severity"], r["summary"])
             for r in _rows(exported, "complaints")])
        conn.executemany(
            "INSERT INTO account_products VALUES (?, ?, ?)",
            [(account[r["account"]], r["product"], int(r["quantity"]))
             for r in _rows(exported, "products")])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def make_demo_db(path: Path, sample: Path = SAMPLE) -> None:
    """Creates the CRM at ``path`` (which must not exist) from ``sample``."""
    with baton.Org.from_csv(sample) as expected, tempfile.TemporaryDirectory() as exported:
        expected.export_csv(exported)
        conn = baton_sync.connect(str(path))
        try:
            conn.executescript(baton_sync.SCHEMA.read_text(encoding="utf-8"))
            fill(conn, Path(exported))
            with baton_sync.read_org(conn) as held:
                if held.state_hash() != expected.state_hash():
                    raise AssertionError("the CRM does not hold the sample organisation")
        except BaseException:
            conn.close()
            path.unlink()  # no half-made CRM left behind
            raise
        conn.close()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="the SQLite file to create")
    parser.add_argument("--sample", type=Path, default=SAMPLE,
                        help="a Baton CSV directory (default: examples/sample)")
    parser.add_argument("--replace", action="store_true", help="overwrite an existing file")
    args = parser.parse_args(argv)
    if args.db.exists():
        if not args.replace:
            parser.error("%s exists (--replace overwrites it)" % args.db)
        args.db.unlink()
    make_demo_db(args.db, args.sample)
    conn = baton_sync.connect(str(args.db))
    counts = baton_sync.table_counts(conn)
    conn.close()
    print("%s: %s" % (args.db, ", ".join("%s %d" % item for item in counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
