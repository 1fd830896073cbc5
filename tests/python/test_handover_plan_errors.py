"""baton_handover_plan called with options a C caller can get wrong (a version
its _INIT macro would not set, leavers without last days) and with a
reassignment made before the organisation changed: each is refused with
the call's name and what was wrong. Through ctypes, as a C caller would."""

import ctypes

import pytest

import baton
from baton import _handover_lib as _hl
from baton import _lib
from baton.days import to_day

TODAY = "2026-11-01"
# baton.h's codes
OK, EINVALID, ESTATE = 0, -1, -11


def _plan(org, reassignment, **fields):
    ids = (ctypes.c_char_p * 1)(b"r017")
    days = (ctypes.c_int32 * 1)(to_day("2026-11-30", "last day"))
    values = dict(version=_hl.HANDOVER_OPTIONS_VERSION, leavers=ids, last_days=days,
                  to_competitor=None, leaver_count=1, today=to_day(TODAY, "today"))
    values.update(fields)
    options = _hl.HandoverOptions(**values)
    handle = _hl.HandoverPtr()
    rc = _lib.lib().baton_handover_plan(
        ctypes.byref(handle), org._live(), ctypes.byref(options), reassignment._live(), None)
    if rc == OK:
        _lib.lib().baton_handover_destroy(handle)
    return rc, _lib.lib().baton_last_error().decode()


def test_the_options_below_are_accepted_as_they_are(sample):
    with sample.reassign(departing=["r017"], today=TODAY) as reassignment:
        assert _plan(sample, reassignment)[0] == OK


@pytest.mark.parametrize("version", [0, 2])
def test_a_version_the_init_macro_does_not_set(sample, version):
    with sample.reassign(departing=["r017"], today=TODAY) as reassignment:
        rc, message = _plan(sample, reassignment, version=version)
    assert rc == EINVALID
    assert message == (
        f"baton_handover_plan: options->version is {version}; initialise the options "
        "with BATON_HANDOVER_OPTIONS_INIT (version 1..1)")


def test_leavers_without_last_days(sample):
    with sample.reassign(departing=["r017"], today=TODAY) as reassignment:
        rc, message = _plan(sample, reassignment, last_days=None)
    assert rc == EINVALID
    assert message == ("baton_handover_plan: options->last_days is NULL but "
                       "options->leaver_count is 1")


def test_a_reassignment_for_another_state_of_the_organisation(sample):
    with sample.reassign(departing=["r017"], today=TODAY) as reassignment:
        with baton.Batch() as batch:
            batch.change_owner("a0001", None)
            sample.apply(batch)
        rc, message = _plan(sample, reassignment)
    assert rc == ESTATE
    assert message == ("baton_handover_plan: the reassignment was made for another "
                       "state of the organisation")
