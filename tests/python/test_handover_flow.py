"""examples/handover_flow.py: run as a program, and every claim it prints
checked against the package."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import baton

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "handover_flow.py"
SAMPLE = ROOT / "examples" / "sample"  # the script's, whatever BATON_SAMPLE says
TODAY = "2026-11-01"
LAST_DAY = "2026-11-22"


def money(value):
    return "{:,.0f}".format(value)


@pytest.fixture(scope="module")
def output():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def leaver(output):
    return re.search(r"most revenue at risk: (\S+) ", output).group(1)


@pytest.fixture
def org():
    with baton.Org.from_csv(SAMPLE) as org:
        yield org


def test_the_leaver_is_the_departure_that_puts_the_most_revenue_at_risk(output, leaver, org):
    rises = {}
    for rep in org.ids("rep"):
        info = org.rep(rep)
        if info.active and info.accounts_owned:
            change = baton.what_if(org, [rep], as_of=TODAY, to_competitor=True)
            rises[rep] = change.value_at_risk_after_departure - change.value_at_risk_before
    assert rises[leaver] == max(rises.values())
    change = baton.what_if(org, [leaver], as_of=TODAY, to_competitor=True)
    assert "%d accounts they own or are tied to: %s today, %s if they leave" % (
        len(change.accounts), money(change.value_at_risk_before),
        money(change.value_at_risk_after_departure)) in output
    for account in change.accounts[:3]:
        why = baton.explain(org, account.account, as_of=TODAY, leavers=[leaver],
                            to_competitor=True)
        assert "  %s  %s at risk (%.0f%%): %s\n" % (
            account.account, money(account.value * account.after_departure),
            100 * account.after_departure, "; ".join(why.reasons)) in output


def test_the_successors_and_reasons_are_the_plans(output, leaver, org):
    plan = org.reassign(departing=[leaver], today=TODAY)
    reasons = {a.account: a.reasons[0] for a in plan.accounts}
    with baton.plan_handover(org, [(leaver, LAST_DAY, True)], plan, today=TODAY) as handover:
        shown = re.findall(r"^  (\S+)  ([\d,]+) at risk -> (\S+): (.*)$", output, re.M)
        assert shown == [(a.account, money(a.value_at_risk), a.successor, reasons[a.account])
                         for a in handover.accounts[:5]]
        assert leaver not in {successor for _, _, successor, _ in shown}
        assert "Applied (%d tasks)" % len(handover.tasks) in output


def test_the_risk_after_the_handover_is_scored_on_the_applied_plan(output, leaver, org):
    change = baton.what_if(org, [leaver], as_of=TODAY, to_competitor=True)
    plan = org.reassign(departing=[leaver], today=TODAY)
    with baton.plan_handover(org, [(leaver, LAST_DAY, True)], plan, today=TODAY) as handover:
        handover.apply(org)
    scores = org.risk(as_of=TODAY)
    at_risk = dict(zip(scores.accounts, scores.value_at_risk))
    after = sum(at_risk[a.account] for a in change.accounts)
    assert after < change.value_at_risk_after_departure
    assert ": %s at risk on those %d accounts (%s before)." % (
        money(after), len(change.accounts), money(change.value_at_risk_before)) in output


def test_undoing_gives_back_the_same_organisation(output):
    assert output.rstrip().endswith(
        "Undone: the organisation is exactly as before (same state hash).")
