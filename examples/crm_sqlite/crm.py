#!/usr/bin/env python3
"""Offboards a sales rep from a CRM kept in SQLite, with Baton.

    /usr/bin/python3 examples/crm_sqlite/make_demo_db.py --db crm.db
    /usr/bin/python3 examples/crm_sqlite/crm.py --db crm.db [--rep r017]

Reads the CRM into Baton, picks the leaver (by default the rep whose
departure would put the most revenue at risk), plans who takes over each of
their accounts and the handover's tasks, applies the plan in Baton, writes
the new owners, the departure and the tasks back into the CRM in one
transaction, then checks that nothing was lost.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sqlite3
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import baton_sync
from baton_sync import baton

NOTICE = datetime.timedelta(days=21)  # the leaver's last day, from today, unless told


@dataclass
class Offboarding:
    """What one run did, and the checks made on the CRM afterwards."""

    leaver: baton.Rep
    riskiest: bool  # chosen as the departure that puts the most revenue at risk
    today: datetime.date
    last_day: datetime.date
    to_competitor: bool
    what_if: baton.DepartureWhatIf
    plan: baton.Reassignment
    handover: baton.Handover
    written: baton_sync.Written
    checks: List[Tuple[str, bool]]


def latest_activity(conn: sqlite3.Connection) -> datetime.date:
    """The day of the last logged activity: "today" for a CRM whose data
    stops there, as the demo's does (Baton itself never reads the clock)."""
    day = conn.execute("SELECT MAX(occurred_on) FROM activities").fetchone()[0]
    if day is None:
        raise ValueError("the CRM has no activities: pass --today")
    return datetime.date.fromisoformat(day)


def riskiest_departure(org: baton.Org, today: datetime.date, to_competitor: bool) -> str:
    """The active rep with accounts whose leaving would raise the revenue at
    risk the most (the first such rep on a tie)."""
    best, best_rise = None, -1.0
    for rep in org.ids("rep"):
        info = org.rep(rep)
        if not info.active or info.accounts_owned == 0:
            continue
        change = baton.what_if(org, [rep], as_of=today, to_competitor=to_competitor)
        rise = change.value_at_risk_after_departure - change.value_at_risk_before
        if rise > best_rise:
            best, best_rise = rep, rise
    if best is None:
        raise ValueError("no active rep owns an account")
    return best


def verify(conn: sqlite3.Connection, org: baton.Org, handover: baton.Handover, leaver: str,
           last_day: datetime.date, counts_before: Dict[str, int]) -> List[Tuple[str, bool]]:
    """Checks on the CRM as written, each with the claim it tests."""
    tasks = len(handover.tasks)
    expected = dict(counts_before, handover_tasks=counts_before["handover_tasks"] + tasks)
    owners = dict(conn.execute("SELECT a.code, r.code FROM accounts a"
                               " LEFT JOIN reps r ON r.id = a.owner_id").fetchall())
    unowned = sum(a.successor is None for a in handover.accounts)
    still_held = conn.execute(
        "SELECT (SELECT COUNT(*) FROM accounts WHERE owner_id = r.id)"
        " + (SELECT COUNT(*) FROM opportunities WHERE owner_id = r.id)"
        " FROM reps r WHERE r.code = ?", (leaver,)).fetchone()[0]
    status = tuple(conn.execute("SELECT status, departed_on FROM reps WHERE code = ?",
                                (leaver,)).fetchone())
    with baton_sync.read_org(conn) as reread:
        same = reread.state_hash() == org.state_hash()
    return [
        ("every table has the rows it had, handover_tasks %d more" % tasks,
         baton_sync.table_counts(conn) == expected),
        ("the %d accounts of %s are with the successors the plan named (%d unowned)"
         % (len(handover.accounts), leaver, unowned),
         all(owners[a.account] == a.successor for a in handover.accounts)),
        ("no account or opportunity is owned by %s" % leaver, still_held == 0),
        ("%s is marked departed on %s" % (leaver, last_day),
         status == ("departed", last_day.isoformat())),
        ("the CRM read back into Baton is the organisation Baton holds (state hash %016x)"
         % org.state_hash(), same),
    ]


def offboard(conn: sqlite3.Connection, rep: Optional[str] = None,
             today: Optional[datetime.date] = None, last_day: Optional[datetime.date] = None,
             to_competitor: bool = True) -> Offboarding:
    """The whole flow on an open CRM; raises, with the CRM unchanged, if
    anything is refused."""
    counts_before = baton_sync.table_counts(conn)
    today = today or latest_activity(conn)
    last_day = last_day or today + NOTICE
    with baton_sync.read_org(conn) as org:
        leaver = rep or riskiest_departure(org, today, to_competitor)
        if ("rep", leaver) not in org:
            raise ValueError("no rep %s in the CRM" % leaver)
        if not org.rep(leaver).active:
            raise ValueError("%s has left already" % leaver)
        plan = org.reassign(departing=[leaver], today=today)
        what_if = baton.what_if(org, [leaver], as_of=today, plan=plan,
                                to_competitor=to_competitor)
        handover = baton.plan_handover(org, [(leaver, last_day, to_competitor)], plan,
                                       today=today)
        departing = org.rep(leaver)
        written = baton_sync.carry_out_handover(conn, org, handover, leaver)
        checks = verify(conn, org, handover, leaver, last_day, counts_before)
    return Offboarding(departing, rep is None, today, last_day, to_competitor, what_if, plan,
                       handover, written, checks)


def _money(value: float) -> str:
    return "{:,.0f}".format(value)


def report(run: Offboarding, top: int) -> str:
    """The run in a few lines a sales manager can read."""
    w, rep = run.what_if, run.leaver
    successors = {a.successor for a in run.handover.accounts if a.successor}
    lines = [
        "Leaver: %s %s (team %s), last day %s%s." % (
            rep.id, rep.name, rep.team or "none", run.last_day,
            ", to a competitor" if run.to_competitor else ""),
    ]
    if run.riskiest:
        lines.append("  Chosen as the departure that would put the most revenue at risk.")
    lines += [
        "Revenue at risk on the %d accounts %s owns or is tied to, as of %s:"
        % (len(w.accounts), rep.id, run.today),
        "  %s today; %s if nobody took over; %s with the successors below." % (
            _money(w.value_at_risk_before), _money(w.value_at_risk_after_departure),
            _money(w.value_at_risk_after_plan)),
        "Who takes over: %d accounts to %d reps, %d left unassigned (%s plan, within %.2f%%"
        " of the lower bound)." % (len(run.handover.accounts), len(successors),
                                   run.plan.unassigned, run.plan.outcome,
                                   100 * run.plan.relative_gap),
        "The %d accounts with the most revenue at risk once %s has gone, and who takes them:"
        % (min(top, len(run.handover.accounts)), rep.id),
    ]
    reassigned = {a.account: a for a in run.plan.accounts}
    for a in run.handover.accounts[:top]:
        choice = reassigned[a.account]
        lines += [
            "  %s  %s a year, %.1f%% at risk: %s" % (
                a.account, _money(a.value), 100 * a.risk, "; ".join(a.reasons[:2])),
            "         -> %s" % (
                "%s: %s" % (a.successor, "; ".join(choice.reasons[:2])) if a.successor
                else "nobody: %s" % choice.unassigned_reason.replace("_", " ")),
        ]
    tasks = run.handover.tasks
    lines += [
        "Handover: %d tasks, due %s to %s." % (len(tasks), min(t.due for t in tasks),
                                              max(t.due for t in tasks)),
        "Written in one transaction: %d account owners, %d opportunity owners, the departure,"
        " %d handover tasks." % (run.written.accounts, run.written.opportunities,
                                 run.written.tasks),
        "Checks:",
    ]
    lines += ["  %s  %s" % ("ok  " if passed else "FAIL", claim) for claim, passed in run.checks]
    return "\n".join(lines)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a date (YYYY-MM-DD): %r" % text) from None


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the CRM's SQLite file")
    parser.add_argument("--rep", help="the code of the rep who leaves (default: the one "
                                      "whose departure puts the most revenue at risk)")
    parser.add_argument("--today", type=_day,
                        help="the day the plan is made (default: the last logged activity)")
    parser.add_argument("--last-day", type=_day,
                        help="the leaver's last day (default: 21 days after --today)")
    parser.add_argument("--to-competitor", action=argparse.BooleanOptionalAction, default=True,
                        help="whether the rep leaves for a competitor (default: yes)")
    parser.add_argument("--top", type=int, default=5, help="accounts to show (default: 5)")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.db):  # sqlite3 would create an empty one
        parser.error("no CRM at %s (make_demo_db.py creates one)" % args.db)
    conn = baton_sync.connect(args.db)
    try:
        run = offboard(conn, args.rep, args.today, args.last_day, args.to_competitor)
    except (baton.BatonError, baton_sync.CrmChangedError, sqlite3.Error, ValueError) as error:
        print("crm.py: %s (the CRM is unchanged)" % error, file=sys.stderr)
        return 1
    finally:
        conn.close()
    print(report(run, args.top))
    return 0 if all(passed for _, passed in run.checks) else 1


if __name__ == "__main__":
    sys.exit(main())
