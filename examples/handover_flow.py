#!/usr/bin/env python3
"""The departure story of scripts/demo.sh, in Python, on the bundled sample.

    BATON_LIBRARY=build/capi/libbaton.so.0 /usr/bin/python3 examples/handover_flow.py

Finds the rep whose departure would put the most revenue at risk and shows
that risk, plans who takes over and the handover, applies it, scores the
risk again, and undoes it.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path
from typing import Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python"))  # the package of this checkout

import baton  # noqa: E402

TODAY = datetime.date(2026, 11, 1)  # the sample's last logged interaction
LAST_DAY = TODAY + datetime.timedelta(days=21)  # three weeks' notice


def money(value: float) -> str:
    return "{:,.0f}".format(value)


def riskiest_departure(org: baton.Org) -> Tuple[str, baton.DepartureWhatIf]:
    """The active rep with accounts whose leaving for a competitor would raise
    the revenue at risk the most, and what their leaving does."""
    best = None
    for rep in org.ids("rep"):
        info = org.rep(rep)
        if not info.active or info.accounts_owned == 0:
            continue
        change = baton.what_if(org, [rep], as_of=TODAY, to_competitor=True)
        rise = change.value_at_risk_after_departure - change.value_at_risk_before
        if best is None or rise > best[2]:
            best = (rep, change, rise)
    return best[0], best[1]


def main() -> int:
    with baton.Org.from_csv(ROOT / "examples" / "sample") as org:
        leaver, risk = riskiest_departure(org)
        print("The departure that would put the most revenue at risk: %s %s." % (
            leaver, org.rep(leaver).name))
        print("Revenue at risk on the %d accounts they own or are tied to: %s today, %s if"
              " they leave for a competitor and nobody takes over. The three most at risk:"
              % (len(risk.accounts), money(risk.value_at_risk_before),
                 money(risk.value_at_risk_after_departure)))
        for account in risk.accounts[:3]:
            why = baton.explain(org, account.account, as_of=TODAY, leavers=[leaver],
                                to_competitor=True)
            print("  %s  %s at risk (%.0f%%): %s" % (
                account.account, money(account.value * account.after_departure),
                100 * account.after_departure, "; ".join(why.reasons)))

        plan = org.reassign(departing=[leaver], today=TODAY)
        successors = {a.to_rep for a in plan.accounts if a.to_rep}
        with_plan = baton.what_if(org, [leaver], as_of=TODAY, to_competitor=True, plan=plan)
        print("\nWho takes over: %d accounts to %d reps, %d unassigned (%s plan, within"
              " %.2f%% of the lower bound). Once %s has gone: %s at risk with these"
              " successors." % (len(plan.accounts), len(successors), plan.unassigned,
                                plan.outcome, 100 * plan.relative_gap, leaver,
                                money(with_plan.value_at_risk_after_plan)))
        why_successor = {a.account: a.reasons[0] if a.reasons else "" for a in plan.accounts}
        with baton.plan_handover(org, [(leaver, LAST_DAY, True)], plan, today=TODAY) as handover:
            print("The handover, %s's last day being %s, by revenue at risk:" % (leaver, LAST_DAY))
            for account in handover.accounts[:5]:
                print("  %s  %s at risk -> %s: %s" % (
                    account.account, money(account.value_at_risk),
                    account.successor or "nobody", why_successor[account.account]))
            first = handover.tasks[0]
            print("The first task for %s: due %s, by %s (%s): %s" % (
                first.account, first.due, first.rep, first.role, first.title))

            before = org.state_hash()
            handover.apply(org)
            scores = org.risk(as_of=TODAY)
            at_risk = dict(zip(scores.accounts, scores.value_at_risk))
            after = sum(at_risk[account.account] for account in risk.accounts)
            # Scored as of today: the successors own the accounts while the leaver,
            # until their last day, is still there to introduce them.
            print("\nApplied (%d tasks). Scored again as of %s, with %s still working out"
                  " their notice: %s at risk on those %d accounts (%s before)." % (
                      len(handover.tasks), TODAY, leaver, money(after), len(risk.accounts),
                      money(risk.value_at_risk_before)))
            handover.undo(org)
            restored = org.state_hash() == before
            print("Undone: the organisation is %s." % (
                "exactly as before (same state hash)" if restored else "NOT as before"))
    return 0 if restored else 1


if __name__ == "__main__":
    sys.exit(main())
