"""reassign and Org.apply_reassignment: values on the sample, bad input,
stale plans, cancellation."""

import collections
import gc

import pytest

import baton

TODAY = "2026-11-01"


def busiest_rep(org):
    owners = collections.Counter(org.owner_of(a) for a in org.ids("account"))
    owners.pop(None, None)
    return max(owners, key=lambda rep: (owners[rep], rep))


def test_offboarding_the_busiest_rep_hands_every_account_to_an_active_rep(sample):
    leaver = busiest_rep(sample)
    book = sample.accounts_of_rep(leaver)
    plan = sample.reassign(departing=[leaver], today=TODAY)
    assert plan.outcome in ("optimal", "feasible")
    assert plan.lower_bound <= plan.objective and plan.relative_gap >= 0
    assert plan.state_hash == sample.state_hash()
    assert sorted(a.account for a in plan.accounts) == sorted(book)
    assert plan.moves == len(book) and plan.unassigned == 0
    for a in plan.accounts:
        assert a.from_rep == leaver
        assert a.to_rep is not None and a.to_rep != leaver
        assert sample.rep(a.to_rep).active
        assert a.unassigned_reason is None and not a.pinned
        assert a.reasons and all(a.reasons)
        assert a.cost["total"] == sum(v for k, v in a.cost.items() if k != "total")
        assert a.cost["move"] == 0 and a.cost["relationships"] <= 0
    loads = {load.rep: load for load in plan.reps}
    assert loads[leaver].after == 0 and loads[leaver].before > 0
    for load in plan.reps:
        if load.rep == leaver:
            continue
        # Reps over capacity already (the sample has some) take nothing.
        assert load.after == load.before or load.before < load.after <= load.capacity
    taken = collections.Counter(a.to_rep for a in plan.accounts)
    for rep in taken:
        assert loads[rep].after > loads[rep].before
        assert sample.rep(rep).capacity == loads[rep].capacity
    assert set(plan.balance_before) == {
        "min_utilisation", "max_utilisation", "mean_utilisation",
        "stddev_utilisation", "max_min_ratio",
    }
    assert plan.balance_after["min_utilisation"] >= plan.balance_before["min_utilisation"]

    # The same options give the same plan, bit for bit.
    again = baton.reassign(sample, departing=leaver, today=TODAY)
    assert again == plan
    again.close()
    plan.close()


def test_apply_then_a_stale_apply_is_refused(sample):
    leaver = busiest_rep(sample)
    plan = baton.reassign(sample, departing=[leaver], today=TODAY)
    copy = sample.copy()
    sample.apply_reassignment(plan)
    assert sample.accounts_of_rep(leaver) == []
    for a in plan.accounts:
        assert sample.owner_of(a.account) == a.to_rep
    changed = sample.state_hash()
    with pytest.raises(baton.StateError) as caught:
        sample.apply_reassignment(plan)
    assert str(caught.value) == (
        "baton_org_apply_reassignment: the organisation changed since this "
        "reassignment was made"
    )
    assert sample.state_hash() == changed

    # A copy made before the change is the same organisation: it accepts it once.
    baton.apply_reassignment(copy, plan)
    assert copy.state_hash() == changed
    with pytest.raises(baton.StateError):
        copy.apply_reassignment(plan)
    copy.close()

    plan.close()
    plan.close()
    assert plan.closed and plan.accounts  # the values stay
    with pytest.raises(baton.ClosedError):
        sample.apply_reassignment(plan)


def test_a_plan_is_freed_with_its_result(tiny):
    plan = tiny.reassign(departing=["r1"], today=TODAY)
    assert [(a.account, a.from_rep, a.to_rep) for a in plan.accounts] == [("a1", "r1", "r2")]
    assert [(r.rep, r.before, r.after, r.capacity) for r in plan.reps] == [
        ("r1", 3, 0, 30),
        ("r2", 0, 3, 30),
    ]
    with plan:
        pass
    assert plan.closed
    plan = tiny.reassign(departing=["r1"], today=TODAY)
    del plan
    gc.collect()


def test_pins_exclusions_and_modes(tiny):
    with tiny.reassign(departing=["r1"], today=TODAY, excluded=["r2"]) as plan:
        [a] = plan.accounts
        assert a.to_rep is None and a.unassigned_reason == "no_eligible_rep"
        assert a.reasons and plan.unassigned == 1 and plan.moves == 0
    with tiny.reassign(departing=["r1"], today=TODAY, pins={"a1": "r2"}) as plan:
        [a] = plan.accounts
        assert a.to_rep == "r2" and a.pinned and a.cost["total"] == 0
    with tiny.reassign(mode="rebalance", today=TODAY, max_moves=None) as plan:
        assert [a.account for a in plan.accounts] == ["a1"]
    with tiny.reassign(mode="assign_unowned", today=TODAY) as plan:
        assert plan.accounts == [] and plan.moves == 0
    with tiny.reassign(
        departing=["r1"], today=TODAY, eligibility=["same_team", "same_segment"],
        stranger_cost=2000, lambda_=0, key_player_factor=1,
    ) as plan:
        [a] = plan.accounts
        assert a.cost["stranger"] == 2000 and a.to_rep == "r2"


def test_bad_input_raises_with_the_message(tiny):
    with pytest.raises(baton.InvalidError) as caught:
        tiny.reassign(departing=["r9"], today=TODAY)
    assert str(caught.value) == "reassign options: departing: unknown rep r9"
    with pytest.raises(
        baton.InvalidError, match=r"^reassign options: today: a valid day is required$"
    ):
        tiny.reassign(departing=["r1"])
    with pytest.raises(baton.InvalidError, match=r"^today: no such date: '2026-02-30'$"):
        tiny.reassign(departing=["r1"], today="2026-02-30")
    with pytest.raises(baton.InvalidError, match=r"^mode: 'retire' is not one of"):
        tiny.reassign(mode="retire", today=TODAY)
    with pytest.raises(baton.InvalidError) as caught:
        tiny.reassign(mode=7, today=TODAY)
    assert str(caught.value).startswith("baton_reassign: options->mode: 7 is not a valid value")
    with pytest.raises(baton.InvalidError) as caught:
        tiny.reassign(departing=["r1"], today=TODAY, key_player_factor=float("nan"))
    assert str(caught.value) == (
        "baton_reassign: options->key_player_factor: nan is not a finite number"
    )
    with pytest.raises(baton.InvalidError, match=r"^eligibility: 'same_city' is not one of"):
        tiny.reassign(departing=["r1"], today=TODAY, eligibility=["same_city"])
    with pytest.raises(baton.InvalidError) as caught:
        tiny.reassign(departing=["r1"], today=TODAY, pins={"a1": None})
    assert str(caught.value) == "reassign options: pins: account a1: rep r1 is leaving"
    with pytest.raises(TypeError, match="unexpected keyword argument 'strangers_cost'"):
        tiny.reassign(departing=["r1"], today=TODAY, strangers_cost=5)
    with pytest.raises(TypeError, match="move_cost must be an int"):
        tiny.reassign(mode="rebalance", today=TODAY, move_cost=1.5)
    with pytest.raises(TypeError, match=r"departing\[0\] must be a str"):
        tiny.reassign(departing=[1], today=TODAY)
    with pytest.raises(TypeError):
        baton.reassign("not an org", today=TODAY)


def test_progress_and_cancellation(sample):
    leaver = busiest_rep(sample)
    seen = []
    with sample.reassign(departing=[leaver], today=TODAY, progress=seen.append) as plan:
        assert plan.moves > 0
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(baton.CancelledError) as caught:
        sample.reassign(departing=[leaver], today=TODAY, progress=lambda done: False)
    assert str(caught.value) == "baton_reassign: cancelled by the progress callback"
    assert caught.value.code == -9

    class Stop(Exception):
        pass

    def stop(done):
        raise Stop("at %.1f" % done)

    with pytest.raises(Stop):
        sample.reassign(departing=[leaver], today=TODAY, progress=stop)
    assert sample.accounts_of_rep(leaver)  # nothing applied
