"""Batches: every kind of change, keyword arguments, all-or-nothing apply."""

import datetime

import pytest

import baton
from baton import AccountRole, Channel, ContactRole, DealStage, Depth, Kind, Severity


def test_every_kind_of_record_can_be_added(tiny):
    counts = tiny.counts()
    with baton.Batch() as batch:
        (
            batch.add_team("t1", name="North", manager="r1")
            .add_rep(
                "r3",
                name="Cleo",
                team="t1",
                manager="r1",
                seniority=2,
                capacity=20,
                territory="Kraków",
                segment="enterprise",
            )
            .add_account(
                "a2",
                name="纷享销客",
                tier="A",
                annual_value=250000.5,
                customer_since=datetime.date(2020, 5, 1),
                renewal_on="2027-03-31",
                territory="Kraków",
                group="Holding",
                owner="r3",
            )
            .add_account_team("a2", "r2", role="customer_success")
            .add_contact("c2", account="a2", name="Li Wei", role=ContactRole.DECISION_MAKER,
                         key_player=True, attitude="supporter")
            .add_relationship("r3", "c2", strength=0.8, depth=Depth.SHARED_VALUES,
                              since="2021-01-01", last_touch=20700)
            .record_interaction("2026-10-30", "r3", "a2", contact="c2", channel="visit",
                                note="QBR")
            .add_deal("d1", account="a2", stage="negotiation", amount=5e4,
                      close_on="2026-12-15", next_step="send contract")
            .add_complaint("k1", account="a2", opened_on="2026-10-01", severity="high",
                           summary="late invoices")
            .add_product("a2", "CRM Pro", quantity=25)
        )
        assert len(batch) == 10
        tiny.apply(batch)
    after = tiny.counts()
    for kind in counts:
        expected = counts[kind] + (0 if kind in ("tier",) else 1)
        if kind == "team":
            expected = counts[kind] + 1
        assert after[kind] == expected, kind
    account = tiny.account("a2")
    assert account.name == "纷享销客"
    assert account.customer_since == datetime.date(2020, 5, 1)
    assert account.renewal_on == datetime.date(2027, 3, 31)
    assert account.group == "Holding" and account.territory == "Kraków"
    assert account.owner == "r3" and account.contacts == 1
    rep = tiny.rep("r3")
    assert (rep.team, rep.manager, rep.seniority, rep.capacity) == ("t1", "r1", 2, 20)
    assert rep.segment == "enterprise"
    assert tiny.find(Kind.ACCOUNT_TEAM, "a2", "r2") >= 0
    assert tiny.find("relationship", "r3", "c2") >= 0
    assert tiny.find(Kind.PRODUCT, "a2", "CRM Pro") >= 0
    assert tiny.find(Kind.DEAL, "d1") == 0 and tiny.find(Kind.COMPLAINT, "k1") == 0


def test_enum_arguments_accept_members_values_and_names(tiny):
    with baton.Batch() as batch:
        batch.add_contact("c2", account="a1", role=ContactRole.CHAMPION)
        batch.add_contact("c3", account="a1", role=int(ContactRole.FINANCE))
        batch.add_contact("c4", account="a1", role="Technical")
        batch.add_account_team("a1", "r2", role=AccountRole.EXECUTIVE_SPONSOR)
        batch.record_interaction(20000, "r2", "a1", channel=Channel.EMAIL)
        batch.add_deal("d1", account="a1", stage=DealStage.WON)
        batch.add_complaint("k1", account="a1", opened_on=20000, severity=Severity.CRITICAL)
        tiny.apply(batch)
    assert tiny.count(Kind.CONTACT) == 4
    with baton.Batch() as batch:
        with pytest.raises(ValueError, match="contact.role: unknown ContactRole 'boss'"):
            batch.add_contact("c5", account="a1", role="boss")
        with pytest.raises(ValueError, match="relationship.depth: 9 is not a Depth"):
            batch.add_relationship("r1", "c1", depth=9)
        with pytest.raises(TypeError, match="must be a Severity"):
            batch.add_complaint("k2", account="a1", severity=2.0)
        assert len(batch) == 0


def test_unknown_or_mistyped_fields_are_refused():
    with baton.Batch() as batch:
        with pytest.raises(TypeError, match="rep has no field 'senority'"):
            batch.add_rep("r9", senority=3)
        with pytest.raises(TypeError, match="rep.capacity must be an int"):
            batch.add_rep("r9", capacity="lots")
        with pytest.raises(TypeError, match="account.annual_value must be a number"):
            batch.add_account("a9", annual_value="1000")
        with pytest.raises(TypeError, match="team.name must be a str"):
            batch.add_team("t9", name=42)
        with pytest.raises(baton.InvalidError, match=r"^complaint.opened_on: expected"):
            batch.add_complaint("k9", account="a1", opened_on="yesterday")
        assert len(batch) == 0


def test_a_rejected_batch_changes_nothing(tiny):
    before = tiny.state_hash()
    counts = tiny.counts()
    with baton.Batch() as batch:
        batch.add_account("a2", name="Fine", tier="A", owner="r2")
        batch.add_account("a1", name="Again", tier="A")
        with pytest.raises(baton.ExistsError) as caught:
            tiny.apply(batch)
    assert str(caught.value) == "change 2 (add): account a1: id: already exists"
    assert tiny.state_hash() == before and tiny.counts() == counts


def test_departed_owner_is_invalid_and_all_or_nothing(tiny):
    before = tiny.state_hash()
    with baton.Batch() as batch:
        batch.depart("r2", datetime.date(2026, 11, 1), destination="Rival", to_competitor=True)
        batch.add_account("a2", name="New", tier="A", owner="r2")
        with pytest.raises(baton.InvalidError) as caught:
            tiny.apply(batch)
    assert str(caught.value) == "change 2 (add): account a2: owner: rep r2 departed on 2026-11-01"
    assert tiny.state_hash() == before
    assert tiny.rep("r2").active


def test_departure_and_owner_change(tiny):
    with baton.Batch() as batch:
        batch.change_owner("a1", "r2").depart("r1", "2026-11-01", "Rival", to_competitor=True)
        tiny.apply(batch)
    rep = tiny.rep("r1")
    assert not rep.active
    assert rep.departed_on == datetime.date(2026, 11, 1)
    assert rep.destination == "Rival" and rep.to_competitor
    assert tiny.owner_of("a1") == "r2"
    assert tiny.accounts_of_rep("r1") == [] and tiny.accounts_of_rep("r2") == ["a1"]


def test_removal_rules(tiny):
    with baton.Batch() as batch:
        with pytest.raises(baton.StateError, match="r1"):
            tiny.apply(batch.remove(Kind.REP, "r1"))
        batch.clear()
        with pytest.raises(baton.NotFoundError, match="no such record to update"):
            tiny.apply(batch.update_team("t9", name="Nobody"))
        batch.clear()
        tiny.apply(batch.remove("account", "a1"))
    assert tiny.count(Kind.ACCOUNT) == 0
    assert tiny.count(Kind.CONTACT) == 0  # the account took its contact along
    assert tiny.accounts_of_rep("r1") == []


def test_updates_replace_the_whole_record(tiny):
    with baton.Batch() as batch:
        tiny.apply(batch.update_account("a1", name="Acme 2", tier="A", annual_value=5))
    account = tiny.account("a1")
    assert account.name == "Acme 2" and account.annual_value == 5
    assert account.owner is None  # not given, so none


def test_nan_and_negative_values_are_invalid(tiny):
    with baton.Batch() as batch:
        with pytest.raises(baton.InvalidError, match="annual_value"):
            tiny.apply(batch.add_account("a2", name="N", tier="A", annual_value=float("nan")))
        batch.clear()
        with pytest.raises(baton.InvalidError, match="quantity"):
            tiny.apply(batch.add_product("a1", "X", quantity=-1))


def test_batch_life_cycle(tiny):
    batch = baton.Batch()
    batch.add_tier("B")
    assert len(batch) == 1 and repr(batch) == "<baton.Batch of 1 changes>"
    batch.clear()
    assert len(batch) == 0
    batch.close()
    batch.close()
    assert batch.closed and repr(batch) == "<baton.Batch closed>"
    with pytest.raises(baton.ClosedError, match="closed Batch"):
        batch.add_tier("C")
    with pytest.raises(baton.ClosedError):
        tiny.apply(batch)
    with pytest.raises(TypeError, match="takes a baton.Batch"):
        tiny.apply("not a batch")
