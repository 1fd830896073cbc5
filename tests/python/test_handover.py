"""Handover plans from Python: tasks, statuses, apply and undo."""

import datetime

import pytest

import baton

TODAY = "2026-11-01"
LAST_DAY = datetime.date(2026, 11, 30)


def _plan(org):
    reassignment = org.reassign(departing=["r017"], today=TODAY)
    return baton.plan_handover(org, {"r017": LAST_DAY}, reassignment, today=TODAY)


def test_a_plan_lists_every_account_and_task_by_revenue_at_risk(sample):
    with _plan(sample) as plan:
        owned = sample.accounts_of_rep("r017")
        assert sorted(a.account for a in plan.accounts) == sorted(owned)
        at_risk = [a.value_at_risk for a in plan.accounts]
        assert at_risk == sorted(at_risk, reverse=True)
        assert all(a.leaver == "r017" and a.successor for a in plan.accounts)
        tasks = plan.tasks
        assert len(tasks) == 10 * len(owned) + 3
        assert tasks[-1].kind == "revoke_access" and tasks[-1].due == LAST_DAY
        assert tasks[-1].account is None and tasks[-1].role == "manager"
        first = [t for t in tasks if t.account == plan.accounts[0].account]
        assert {t.kind for t in first} >= {"notify_customer", "key_players", "move_records"}
        assert all(datetime.date(2026, 11, 1) <= t.due for t in tasks)
        assert any(t.details for t in tasks)
        assert plan.state == "draft"


def test_statuses_change_and_are_checked(sample):
    with _plan(sample) as plan:
        plan.set_status(0, "done")
        assert plan.tasks[0].status == "done" and plan.tasks[1].status == "open"
        with pytest.raises(baton.InvalidError, match="status must be one of"):
            plan.set_status(0, "finished")
        with pytest.raises(baton.InvalidError, match="out of range"):
            plan.set_status(10**6, "done")
        with pytest.raises(TypeError):
            plan.set_status("0", "done")


def test_apply_then_undo_restores_the_organisation_exactly(sample):
    before = sample.state_hash()
    with _plan(sample) as plan:
        plan.apply(sample)
        assert plan.state == "applied"
        assert sample.accounts_of_rep("r017") == []
        with pytest.raises(baton.StateError, match="not a draft"):
            plan.apply(sample)
        plan.undo(sample)
        assert plan.state == "undone"
        assert sample.state_hash() == before


def test_bad_leavers_and_days_are_named(sample):
    reassignment = sample.reassign(departing=["r017"], today=TODAY)
    with pytest.raises(baton.InvalidError, match="last day 2026-10-01 is before today"):
        baton.plan_handover(sample, {"r017": "2026-10-01"}, reassignment, today=TODAY)
    with pytest.raises(baton.InvalidError, match="no rep with this id"):
        baton.plan_handover(sample, {"nobody": LAST_DAY}, reassignment, today=TODAY)
    with pytest.raises(baton.InvalidError, match="name a rep"):
        baton.plan_handover(sample, {}, reassignment, today=TODAY)
    with pytest.raises(TypeError, match="reassignment must be"):
        baton.plan_handover(sample, {"r017": LAST_DAY}, None, today=TODAY)
    with pytest.raises(TypeError, match="org must be"):
        baton.plan_handover(object(), {"r017": LAST_DAY}, reassignment, today=TODAY)


def test_a_stored_plan_travels_in_the_snapshot_with_its_audit_log(sample, tmp_path):
    org = sample.copy()
    before = org.state_hash()
    reassignment = org.reassign(departing=["r017"], today=TODAY)
    handover = baton.plan_handover(org, {"r017": "2026-11-30"}, reassignment, today=TODAY)
    assert handover.store(org, at=100) == "H1"
    baton.apply_stored_handover(org, "H1", at=200)
    assert org.accounts_of_rep("r017") == []
    with pytest.raises(baton.StateError, match="only a draft can be applied"):
        baton.apply_stored_handover(org, "H1", at=201)
    path = tmp_path / "planned.snapshot"
    org.save(path)
    loaded = baton.Org.load(path)
    book = baton.handover_book(loaded)
    assert book == baton.handover_book(org)
    plan = book["plans"][0]
    assert plan["state"] == "applied" and plan["leavers"][0]["rep"] == "r017"
    task = plan["accounts"][0]["tasks"][0]["id"]
    baton.set_stored_task_status(loaded, "H1", task, "done", at=300)
    with pytest.raises(baton.NotFoundError, match="has no task nope"):
        baton.set_stored_task_status(loaded, "H1", "nope", "done")
    baton.undo_stored_handover(loaded, "H1", at=400)
    assert loaded.state_hash() == before
    events = baton.handover_book(loaded)["log"]
    assert [(e["kind"], e["at"]) for e in events] == [
        ("planned", 100), ("applied", 200), ("task_status", 300), ("undone", 400)]
