"""Org: reading the sample, queries, files, pickling, life cycle."""

import copy
import datetime
import pickle

import pytest

import baton
from baton import Kind


def test_sample_counts(sample):
    counts = sample.counts()
    assert set(counts) == {kind.name.lower() for kind in Kind}
    assert counts["account"] == 2000
    assert 40 <= counts["rep"] <= 60
    assert counts["contact"] > counts["account"]
    assert counts["relationship"] > 0 and counts["interaction"] > 0
    assert sample.count("account") == sample.count(Kind.ACCOUNT) == sample.count(3) == 2000
    assert repr(sample) == "<baton.Org with %d reps, 2000 accounts>" % counts["rep"]


def test_find_and_ids_agree(sample):
    ids = sample.ids(Kind.REP)
    assert len(ids) == sample.count(Kind.REP) and len(set(ids)) == len(ids)
    for index, rep_id in enumerate(ids):
        assert sample.find("rep", rep_id) == index
        assert sample.id_of("rep", index) == rep_id
    assert (Kind.REP, ids[0]) in sample
    assert (Kind.REP, "nobody") not in sample


def test_find_unknown_id_names_it(sample):
    with pytest.raises(baton.NotFoundError) as caught:
        sample.find(Kind.ACCOUNT, "no-such-account")
    assert str(caught.value) == 'baton_org_find: no account with id "no-such-account"'
    assert caught.value.code == -2
    with pytest.raises(LookupError):
        sample.accounts_of_rep("nobody")
    with pytest.raises(baton.NotFoundError, match="out of range"):
        sample.id_of(Kind.REP, 10**6)
    with pytest.raises(ValueError, match="unknown Kind 'reps'"):
        sample.count("reps")


def test_accounts_of_rep_and_owner_of_agree(sample):
    owners = {}
    for account_id in sample.ids("account"):
        owners.setdefault(sample.owner_of(account_id), []).append(account_id)
    checked = 0
    for rep_id in sample.ids("rep"):
        accounts = sample.accounts_of_rep(rep_id)
        assert accounts == owners.get(rep_id, [])
        assert sample.rep(rep_id).accounts_owned == len(accounts)
        checked += len(accounts)
    assert checked == 2000 - len(owners.get(None, []))


def test_rep_and_account_records(sample):
    account_id = sample.ids("account")[0]
    account = sample.account(account_id)
    assert account.id == account_id
    assert account.tier in sample.ids("tier")
    assert account.annual_value >= 0
    assert account.owner == sample.owner_of(account_id)
    assert account.contacts >= 1
    assert account.renewal_on is None or isinstance(account.renewal_on, datetime.date)
    rep = sample.rep(account.owner)
    assert rep.active and rep.departed_on is None
    assert rep.team is None or rep.team in sample.ids("team")
    assert rep.seniority >= 1 and rep.capacity > 0


def test_state_hash_tracks_changes(sample, sample_bytes):
    before = sample.state_hash()
    assert before == baton.Org.from_bytes(sample_bytes).state_hash()
    account_id = sample.ids("account")[0]
    with baton.Batch() as batch:
        sample.apply(batch.change_owner(account_id, None))
    assert sample.owner_of(account_id) is None
    assert sample.state_hash() != before


def test_snapshot_file_round_trip(sample, tmp_path):
    path = tmp_path / "org.snap"
    sample.save(path)
    with baton.Org.load(str(path)) as loaded:
        assert loaded.state_hash() == sample.state_hash()
        assert loaded.counts() == sample.counts()


def test_bytes_round_trip_and_corruption(sample):
    data = sample.to_bytes()
    assert data[:8] == b"BATONSNP"
    with baton.Org.from_bytes(data) as copy_:
        assert copy_.state_hash() == sample.state_hash()
    with pytest.raises(baton.CorruptError, match="truncated"):
        baton.Org.from_bytes(data[: len(data) // 2])
    flipped = bytearray(data)
    flipped[len(data) // 2] ^= 0x01
    with pytest.raises(baton.CorruptError):
        baton.Org.from_bytes(bytes(flipped))
    with pytest.raises(baton.InvalidError, match="not a Baton snapshot"):
        baton.Org.from_bytes(b"id,name\n")


def test_load_errors(tmp_path):
    with pytest.raises(baton.NotFoundError):
        baton.Org.load(tmp_path / "missing.snap")
    foreign = tmp_path / "foreign.snap"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(baton.InvalidError, match="not a Baton snapshot"):
        baton.Org.load(foreign)


def test_csv_round_trip(sample, tmp_path):
    sample.export_csv(tmp_path / "csv")
    assert (tmp_path / "csv" / "accounts.csv").exists()
    with baton.Org.from_csv(tmp_path / "csv") as again:
        assert again.state_hash() == sample.state_hash()


def test_bad_csv_is_a_parse_error_and_imports_nothing(tmp_path, tiny):
    (tmp_path / "reps.csv").write_text("id,name,seniority\nr7,Ada,3\nr8,Bob,senior\n")
    before = tiny.state_hash()
    with pytest.raises(baton.ParseError) as caught:
        tiny.import_csv(tmp_path)
    assert str(caught.value) == "reps.csv:3:3: seniority: expected an integer, got 'senior'"
    assert tiny.state_hash() == before
    with pytest.raises(baton.NotFoundError, match="is not a directory"):
        tiny.import_csv(tmp_path / "nowhere")


def test_pickle_goes_through_snapshots(sample):
    restored = pickle.loads(pickle.dumps(sample))
    assert isinstance(restored, baton.Org)
    assert restored.state_hash() == sample.state_hash()
    restored.close()


def test_copies_are_independent(tiny):
    twin = copy.copy(tiny)
    deep = copy.deepcopy(tiny)
    with baton.Batch() as batch:
        twin.apply(batch.change_owner("a1", "r2"))
    assert twin.owner_of("a1") == "r2"
    assert tiny.owner_of("a1") == "r1" and deep.owner_of("a1") == "r1"


def test_context_manager_and_closed_use():
    with baton.Org() as org:
        assert not org.closed
    assert org.closed
    assert repr(org) == "<baton.Org closed>"
    org.close()  # idempotent
    for use in (
        lambda: org.count("rep"),
        lambda: org.state_hash(),
        lambda: org.to_bytes(),
        lambda: org.apply(baton.Batch()),
        lambda: org.find("rep", "r1"),
    ):
        with pytest.raises(baton.ClosedError, match="closed Org"):
            use()


def test_errors_from_a_failed_from_csv_do_not_leak(tmp_path):
    (tmp_path / "tiers.csv").write_text("id,load_weight\nA,heavy\n")
    with pytest.raises(baton.ParseError, match=r"^tiers.csv:2:2: load_weight: "):
        baton.Org.from_csv(tmp_path)
