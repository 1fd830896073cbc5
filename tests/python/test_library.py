"""Loading libbaton.so, versions, enumerations and status codes."""

import ctypes
import os
import subprocess
import sys
from pathlib import Path

import pytest

import baton
from baton import _lib, errors
from baton.enums import ENUM_TYPES

PACKAGE_DIR = Path(baton.__file__).resolve().parent.parent


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(PACKAGE_DIR), **env)
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True
    )


def test_library_version_matches_the_package():
    major, minor, patch = baton.library_version()
    assert (major, minor, patch) == (0, 1, 0)
    assert baton.__version__ == "%d.%d.%d" % (major, minor, patch)
    assert Path(baton.library_path()).exists()


def test_python_enums_match_the_library_names():
    for cls, type_number in ENUM_TYPES.items():
        for member in cls:
            name = _lib.lib().baton_enum_name(type_number, int(member))
            assert name is not None, member
            assert name.decode() == member.name.lower()
        below = min(cls) - 1
        assert _lib.lib().baton_enum_name(type_number, below) is None
        assert _lib.lib().baton_enum_name(type_number, max(cls) + 1) is None


def test_status_codes_choose_the_exception_class():
    names = {
        -1: errors.InvalidError,
        -2: errors.NotFoundError,
        -3: errors.ExistsError,
        -4: errors.ParseError,
        -5: errors.CorruptError,
        -6: errors.BatonIOError,
        -7: errors.BufferTooSmallError,
        -8: errors.OutOfMemoryError,
        -9: errors.CancelledError,
        -10: errors.InternalError,
        -11: errors.StateError,
    }
    for code, cls in names.items():
        status_name = _lib.lib().baton_status_name(code).decode()
        error = errors.error_for(code, "message for " + status_name)
        assert type(error) is cls
        assert error.code == code
        assert str(error) == "message for " + status_name
        assert isinstance(error, baton.BatonError)
    assert type(errors.error_for(-99, "odd")) is baton.BatonError
    assert isinstance(errors.error_for(-6, "x"), OSError)
    assert isinstance(errors.error_for(-2, "x"), LookupError)


def test_every_c_function_has_a_prototype():
    header = (Path(__file__).resolve().parents[2] / "capi" / "baton.h").read_text()
    declared = {
        line.split("(")[0].split()[-1].lstrip("*")
        for line in header.splitlines()
        if line.startswith("BATON_API")
    }
    assert declared == set(_lib._PROTOTYPES)


def test_a_missing_library_is_a_clear_error():
    result = run_python(
        "import baton\n"
        "try:\n"
        "    baton.Org()\n"
        "except baton.LibraryError as e:\n"
        "    print(e)\n",
        BATON_LIBRARY="/nonexistent/libbaton.so.0",
    )
    assert result.returncode == 0, result.stderr
    assert "cannot find libbaton.so" in result.stdout
    assert "/nonexistent/libbaton.so.0 (no such file)" in result.stdout


def test_a_library_of_another_major_version_is_refused():
    result = run_python(
        "import baton, baton._lib as lib\n"
        "lib.MAJOR = 7\n"
        "try:\n"
        "    baton.Org()\n"
        "except baton.LibraryError as e:\n"
        "    print(e)\n",
        BATON_LIBRARY=baton.library_path(),
    )
    assert result.returncode == 0, result.stderr
    assert "is Baton 0.1.0; this package needs major version 7" in result.stdout


def test_day_conversions():
    import datetime

    assert baton.to_day(datetime.date(1970, 1, 2)) == 1
    assert baton.to_day("2026-11-01") == 20758
    assert baton.to_day(20758) == 20758
    assert baton.to_day(None) == _lib.NO_DAY
    assert baton.to_day("") == _lib.NO_DAY
    assert baton.from_day(20758) == datetime.date(2026, 11, 1)
    assert baton.from_day(_lib.NO_DAY) is None
    with pytest.raises(baton.InvalidError, match=r"^date: no such date: '2026-02-30'$"):
        baton.to_day("2026-02-30")
    with pytest.raises(TypeError, match="not a datetime"):
        baton.to_day(datetime.datetime(2026, 1, 1))
    with pytest.raises(TypeError):
        baton.to_day(1.5)


def test_last_error_is_per_thread():
    import threading

    with pytest.raises(baton.NotFoundError):
        baton.Org().find("rep", "ghost")
    seen = []
    thread = threading.Thread(target=lambda: seen.append(_lib.last_error()))
    thread.start()
    thread.join()
    assert seen == [""]
    assert _lib.last_error() == 'baton_org_find: no rep with id "ghost"'
    assert isinstance(_lib.lib().baton_version(), int)
    assert ctypes.sizeof(_lib.RepSpec) > 0


def test_ctypes_structs_match_the_c_layout():
    # The same LP64 baseline as tests/capi/capi_test.c checks in C.
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        return
    sizes = {
        "TeamSpec": 32, "RepSpec": 96, "TierSpec": 32, "AccountSpec": 80,
        "AccountTeamSpec": 32, "ContactSpec": 48, "RelationshipSpec": 48,
        "InteractionSpec": 48, "DealSpec": 64, "ComplaintSpec": 48, "ProductSpec": 32,
        "RepInfo": 40, "AccountInfo": 40, "AssignmentSummary": 56,
        "ReassignOptions": 208, "ReassignSummary": 152, "AccountReassignment": 112,
        "LoadBalance": 40,
    }
    for name, size in sizes.items():
        assert ctypes.sizeof(getattr(_lib, name)) == size, name
    assert _lib.RepSpec.capacity.offset == 48
    assert _lib.RepSpec.to_competitor.offset == 88
    assert _lib.AccountSpec.owner.offset == 72
    assert _lib.DealSpec.amount.offset == 40
    assert _lib.AccountInfo.contacts.offset == 32
    assert _lib.AssignmentSummary.outcome.offset == 4
    assert _lib.AssignmentSummary.objective.offset == 8
    assert _lib.AssignmentSummary.lower_bound.offset == 40
    assert _lib.AssignmentSummary.relative_gap.offset == 48
    assert _lib.ReassignOptions.today.offset == 32
    assert _lib.ReassignOptions.pin_count.offset == 72
    assert _lib.ReassignOptions.max_candidates.offset == 96
    assert _lib.ReassignOptions.key_player_factor.offset == 120
    assert _lib.ReassignOptions.value_per_point.offset == 200
    assert _lib.ReassignSummary.accounts.offset == 48
    assert _lib.ReassignSummary.before.offset == 64
    assert _lib.ReassignSummary.after.offset == 104
    assert _lib.ReassignSummary.state_hash.offset == 144
    assert _lib.AccountReassignment.stranger.offset == 24
    assert _lib.AccountReassignment.total.offset == 96
    assert _lib.AccountReassignment.reasons.offset == 104
