"""baton_org_find and baton_org_text for every kind: teams and tiers found by
id, the texts of interactions, deals, complaints and products, and the
errors a caller can make (a kind without that text field, an unknown field,
finding an interaction, which has no key)."""

import csv
from collections import Counter

import pytest

import baton
from baton import _lib
from baton.enums import Kind


def rows(sample_dir, name):
    with open(sample_dir / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_teams_and_tiers_are_found_by_id(sample, sample_dir):
    for kind, name in ((Kind.TEAM, "teams.csv"), (Kind.TIER, "tiers.csv")):
        for row in rows(sample_dir, name):
            index = sample.find(kind, row["id"])
            assert sample.id_of(kind, index) == row["id"]
            assert sample._text(kind, index, _lib.TEXT_ID) == row["id"]
        with pytest.raises(baton.NotFoundError, match="no-such-id"):
            sample.find(kind, "no-such-id")


def test_team_names_come_back(sample, sample_dir):
    for row in rows(sample_dir, "teams.csv"):
        index = sample.find(Kind.TEAM, row["id"])
        assert sample._text(Kind.TEAM, index, _lib.TEXT_NAME) == row["name"]


def test_deal_complaint_and_product_texts(sample, sample_dir):
    for row in rows(sample_dir, "deals.csv"):
        index = sample.find(Kind.DEAL, row["id"])
        assert sample._text(Kind.DEAL, index, _lib.TEXT_ID) == row["id"]
        assert sample._text(Kind.DEAL, index, _lib.TEXT_NEXT_STEP) == row["next_step"]
    for row in rows(sample_dir, "complaints.csv"):
        index = sample.find(Kind.COMPLAINT, row["id"])
        assert sample._text(Kind.COMPLAINT, index, _lib.TEXT_ID) == row["id"]
        assert sample._text(Kind.COMPLAINT, index, _lib.TEXT_SUMMARY) == row["summary"]
    for row in rows(sample_dir, "products.csv")[:50]:
        index = sample.find(Kind.PRODUCT, row["account"], row["product"])
        assert sample._text(Kind.PRODUCT, index, _lib.TEXT_PRODUCT) == row["product"]


def test_interaction_notes_are_the_files(sample, sample_dir):
    expected = Counter(row["note"] for row in rows(sample_dir, "interactions.csv"))
    count = sample.count(Kind.INTERACTION)
    assert count == sum(expected.values())
    notes = Counter(sample._text(Kind.INTERACTION, i, _lib.TEXT_NOTE) for i in range(count))
    assert notes == expected


def test_an_interaction_has_no_key_to_find_it_by(sample):
    with pytest.raises(baton.InvalidError, match="^baton_org_find: interactions have no key"):
        sample.find(Kind.INTERACTION, "anything")


@pytest.mark.parametrize(
    "kind, field",
    [
        (Kind.TIER, _lib.TEXT_NAME),
        (Kind.TEAM, _lib.TEXT_TERRITORY),
        (Kind.REP, _lib.TEXT_NOTE),
        (Kind.ACCOUNT, _lib.TEXT_DESTINATION),
        (Kind.CONTACT, _lib.TEXT_GROUP),
        (Kind.INTERACTION, _lib.TEXT_ID),
        (Kind.DEAL, _lib.TEXT_SUMMARY),
        (Kind.COMPLAINT, _lib.TEXT_NEXT_STEP),
        (Kind.PRODUCT, _lib.TEXT_ID),
        (Kind.ACCOUNT_TEAM, _lib.TEXT_ID),
        (Kind.RELATIONSHIP, _lib.TEXT_NAME),
        (Kind.REP, 99),
        (Kind.ACCOUNT, -1),
    ],
)
def test_a_field_the_kind_lacks_is_refused(sample, kind, field):
    with pytest.raises(baton.InvalidError) as raised:
        sample._text(kind, 0, field)
    message = str(raised.value)
    assert message.startswith("baton_org_text: a ")
    assert message.endswith(f" has no text field {field}")
