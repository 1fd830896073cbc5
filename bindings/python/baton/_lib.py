"""Loads libbaton.so once and declares the signature of every C function.

Where the library is looked for, in order:

1. the file named by the environment variable ``BATON_LIBRARY``;
2. ``libbaton.so.0`` bundled inside this package (``pip install`` copies it
   in when it finds a built library, see setup.py);
3. the build tree of a source checkout: ``<repo>/build/capi/`` relative to
   ``bindings/python/baton``;
4. the system's search path (``ldconfig``, ``LD_LIBRARY_PATH``), which is
   where ``cmake --install`` puts it, then ``/usr/local/lib``.

A library of another major version is refused.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import operator
import os
import threading
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint,
    c_uint32,
    c_uint64,
    c_void_p,
)
from pathlib import Path
from typing import Any, Iterator, List, Optional

from . import errors

#: The major version of the C API this package is written for.
MAJOR = 0
SONAME = "libbaton.so.%d" % MAJOR

OK = 0
EBUFS = -7
NO_DAY = -(2**31)
NO_INDEX = 2**32 - 1

TEXT_ID = 0
TEXT_NAME = 1
TEXT_TERRITORY = 2
TEXT_SEGMENT = 3
TEXT_GROUP = 4
TEXT_DESTINATION = 5
TEXT_NOTE = 6
TEXT_NEXT_STEP = 7
TEXT_SUMMARY = 8
TEXT_PRODUCT = 9


class OrgHandle(Structure):
    """baton_org (opaque)."""


class BatchHandle(Structure):
    """baton_batch (opaque)."""


class AssignmentProblemHandle(Structure):
    """baton_assignment_problem (opaque)."""


class AssignmentSolutionHandle(Structure):
    """baton_assignment_solution (opaque)."""


class ReassignmentHandle(Structure):
    """baton_reassignment (opaque)."""


OrgPtr = POINTER(OrgHandle)
BatchPtr = POINTER(BatchHandle)
AssignmentProblemPtr = POINTER(AssignmentProblemHandle)
AssignmentSolutionPtr = POINTER(AssignmentSolutionHandle)
ReassignmentPtr = POINTER(ReassignmentHandle)

#: baton_progress_fn: int (*)(double done, void *payload); 0 cancels.
ProgressFn = CFUNCTYPE(c_int, c_double, c_void_p)


def _spec(name: str, fields: list) -> type:
    return type(name, (Structure,), {"_fields_": [("version", c_uint)] + fields})


# The spec structs of baton.h, field for field.
TeamSpec = _spec("TeamSpec", [("id", c_char_p), ("name", c_char_p), ("manager", c_char_p)])
RepSpec = _spec(
    "RepSpec",
    [
        ("id", c_char_p),
        ("name", c_char_p),
        ("team", c_char_p),
        ("manager", c_char_p),
        ("seniority", c_int),
        ("capacity", c_int64),
        ("territory", c_char_p),
        ("segment", c_char_p),
        ("departed_on", c_int32),
        ("destination", c_char_p),
        ("to_competitor", c_int),
    ],
)
TierSpec = _spec(
    "TierSpec",
    [("id", c_char_p), ("load_weight", c_int), ("min_seniority", c_int), ("max_per_rep", c_int)],
)
AccountSpec = _spec(
    "AccountSpec",
    [
        ("id", c_char_p),
        ("name", c_char_p),
        ("tier", c_char_p),
        ("annual_value", c_double),
        ("customer_since", c_int32),
        ("renewal_on", c_int32),
        ("territory", c_char_p),
        ("segment", c_char_p),
        ("group", c_char_p),
        ("owner", c_char_p),
    ],
)
AccountTeamSpec = _spec(
    "AccountTeamSpec", [("account", c_char_p), ("rep", c_char_p), ("role", c_int)]
)
ContactSpec = _spec(
    "ContactSpec",
    [
        ("id", c_char_p),
        ("account", c_char_p),
        ("name", c_char_p),
        ("role", c_int),
        ("key_player", c_int),
        ("attitude", c_int),
    ],
)
RelationshipSpec = _spec(
    "RelationshipSpec",
    [
        ("rep", c_char_p),
        ("contact", c_char_p),
        ("strength", c_double),
        ("depth", c_int),
        ("since", c_int32),
        ("last_touch", c_int32),
    ],
)
InteractionSpec = _spec(
    "InteractionSpec",
    [
        ("on", c_int32),
        ("channel", c_int),
        ("rep", c_char_p),
        ("account", c_char_p),
        ("contact", c_char_p),
        ("note", c_char_p),
    ],
)
DealSpec = _spec(
    "DealSpec",
    [
        ("id", c_char_p),
        ("account", c_char_p),
        ("owner", c_char_p),
        ("stage", c_int),
        ("amount", c_double),
        ("close_on", c_int32),
        ("next_step", c_char_p),
    ],
)
ComplaintSpec = _spec(
    "ComplaintSpec",
    [
        ("id", c_char_p),
        ("account", c_char_p),
        ("opened_on", c_int32),
        ("closed_on", c_int32),
        ("severity", c_int),
        ("summary", c_char_p),
    ],
)
ProductSpec = _spec(
    "ProductSpec", [("account", c_char_p), ("product", c_char_p), ("quantity", c_int64)]
)

RepInfo = _spec(
    "RepInfo",
    [
        ("team", c_uint32),
        ("manager", c_uint32),
        ("seniority", c_int32),
        ("capacity", c_int64),
        ("departed_on", c_int32),
        ("to_competitor", c_int),
        ("accounts_owned", c_uint32),
    ],
)
REP_INFO_VERSION = 1
AccountInfo = _spec(
    "AccountInfo",
    [
        ("tier", c_uint32),
        ("owner", c_uint32),
        ("annual_value", c_double),
        ("customer_since", c_int32),
        ("renewal_on", c_int32),
        ("contacts", c_uint32),
    ],
)
ACCOUNT_INFO_VERSION = 1
AssignmentSummary = _spec(
    "AssignmentSummary",
    [
        ("outcome", c_int),
        ("objective", c_int64),
        ("arc_cost", c_int64),
        ("load_cost", c_int64),
        ("penalty_cost", c_int64),
        ("lower_bound", c_int64),
        ("relative_gap", c_double),
    ],
)
ASSIGNMENT_SUMMARY_VERSION = 1
ASSIGNMENT_OPTIMAL = 0
ASSIGNMENT_FEASIBLE = 1
ASSIGNMENT_EVALUATED = 2
ASSIGNMENT_UNASSIGNED = 2**32 - 1
ASSIGNMENT_NO_BOUND = -(2**63)

ReassignOptions = _spec(
    "ReassignOptions",
    [
        ("mode", c_int),
        ("departing", POINTER(c_char_p)),
        ("departing_count", c_size_t),
        ("team", c_char_p),
        ("today", c_int32),
        ("eligibility", c_uint32),
        ("excluded", POINTER(c_char_p)),
        ("excluded_count", c_size_t),
        ("pin_accounts", POINTER(c_char_p)),
        ("pin_reps", POINTER(c_char_p)),
        ("pin_count", c_size_t),
        ("move_cost", c_int64),
        ("max_moves", c_int64),
        ("max_candidates", c_int32),
        ("stranger_cost", c_int64),
        ("relationship_points", c_int64),
        ("key_player_factor", c_double),
        ("recency_half_life_days", c_int32),
        ("account_team_points", c_int64),
        ("group_points", c_int64),
        ("territory_points", c_int64),
        ("segment_points", c_int64),
        ("team_points", c_int64),
        ("seniority_excess_points", c_int64),
        ("lambda", c_int64),
        ("unassigned_points", c_int64),
        ("value_per_point", c_double),
    ],
)
REASSIGN_OPTIONS_VERSION = 1
REASSIGN_OFFBOARD = 0
REASSIGN_ASSIGN_UNOWNED = 1
REASSIGN_REBALANCE = 2
ELIGIBLE_SAME_TEAM = 1
ELIGIBLE_SAME_TERRITORY = 2
ELIGIBLE_SAME_SEGMENT = 4


class LoadBalance(Structure):
    """baton_load_balance."""

    _fields_ = [
        ("min_utilisation", c_double),
        ("max_utilisation", c_double),
        ("mean_utilisation", c_double),
        ("stddev_utilisation", c_double),
        ("max_min_ratio", c_double),
    ]


ReassignSummary = _spec(
    "ReassignSummary",
    [
        ("outcome", c_int),
        ("objective", c_int64),
        ("lower_bound", c_int64),
        ("relative_gap", c_double),
        ("moves", c_int64),
        ("unassigned", c_int64),
        ("accounts", c_size_t),
        ("reps", c_size_t),
        ("before", LoadBalance),
        ("after", LoadBalance),
        ("state_hash", c_uint64),
    ],
)
REASSIGN_SUMMARY_VERSION = 1
REASSIGN_OPTIMAL = 0
REASSIGN_FEASIBLE = 1
#: The cost terms of baton_account_reassignment, in order.
COST_TERMS = (
    "stranger",
    "relationships",
    "account_team",
    "group",
    "territory",
    "segment",
    "team",
    "seniority",
    "move",
    "total",
)
AccountReassignment = _spec(
    "AccountReassignment",
    [
        ("account", c_uint32),
        ("from_", c_uint32),
        ("to", c_uint32),
        ("pinned", c_int),
        ("unassigned", c_int),
    ]
    + [(term, c_int64) for term in COST_TERMS]
    + [("reasons", c_uint32)],
)
ACCOUNT_REASSIGNMENT_VERSION = 1
UNASSIGNED_NONE = 0
UNASSIGNED_NO_ELIGIBLE_REP = 1
UNASSIGNED_CAPACITY_EXHAUSTED = 2
UNASSIGNED_TIER_LIMIT = 3

#: The spec structs by the name used in function names ("rep" for
#: baton_rep_spec_init, baton_batch_add_rep, ...).
SPECS = {
    "team": TeamSpec,
    "rep": RepSpec,
    "tier": TierSpec,
    "account": AccountSpec,
    "account_team": AccountTeamSpec,
    "contact": ContactSpec,
    "relationship": RelationshipSpec,
    "interaction": InteractionSpec,
    "deal": DealSpec,
    "complaint": ComplaintSpec,
    "product": ProductSpec,
}

_size_p = POINTER(c_size_t)

# name: (restype, argtypes) for every function of baton.h.
_PROTOTYPES = {
    "baton_version": (c_uint, []),
    "baton_last_error": (c_char_p, []),
    "baton_status_name": (c_char_p, [c_int]),
    "baton_enum_name": (c_char_p, [c_int, c_int]),
    "baton_enum_parse": (c_int, [POINTER(c_int), c_int, c_char_p]),
    "baton_day_parse": (c_int, [POINTER(c_int32), c_char_p]),
    "baton_day_format": (c_int, [c_char_p, c_size_t, _size_p, c_int32]),
    "baton_org_create": (c_int, [POINTER(OrgPtr)]),
    "baton_org_copy": (c_int, [POINTER(OrgPtr), OrgPtr]),
    "baton_org_destroy": (None, [OrgPtr]),
    "baton_org_import_csv": (c_int, [OrgPtr, c_char_p]),
    "baton_org_export_csv": (c_int, [OrgPtr, c_char_p]),
    "baton_org_save": (c_int, [OrgPtr, c_char_p]),
    "baton_org_load": (c_int, [POINTER(OrgPtr), c_char_p]),
    "baton_org_to_bytes": (c_int, [c_void_p, c_size_t, _size_p, OrgPtr]),
    "baton_org_from_bytes": (c_int, [POINTER(OrgPtr), c_char_p, c_size_t]),
    "baton_org_state_hash": (c_int, [POINTER(c_uint64), OrgPtr]),
    "baton_org_count": (c_int, [_size_p, OrgPtr, c_int]),
    "baton_org_find": (c_int, [POINTER(c_uint32), OrgPtr, c_int, c_char_p, c_char_p]),
    "baton_org_text": (c_int, [c_char_p, c_size_t, _size_p, OrgPtr, c_int, c_uint32, c_int]),
    "baton_org_id": (c_int, [c_char_p, c_size_t, _size_p, OrgPtr, c_int, c_uint32]),
    "baton_org_rep_info": (c_int, [POINTER(RepInfo), OrgPtr, c_uint32]),
    "baton_org_account_info": (c_int, [POINTER(AccountInfo), OrgPtr, c_uint32]),
    "baton_org_rep_accounts": (c_int, [POINTER(c_uint32), c_size_t, _size_p, OrgPtr, c_char_p]),
    "baton_org_account_owner": (c_int, [c_char_p, c_size_t, _size_p, OrgPtr, c_char_p]),
    "baton_org_apply": (c_int, [OrgPtr, BatchPtr]),
    "baton_batch_create": (c_int, [POINTER(BatchPtr)]),
    "baton_batch_destroy": (None, [BatchPtr]),
    "baton_batch_size": (c_int, [_size_p, BatchPtr]),
    "baton_batch_clear": (c_int, [BatchPtr]),
    "baton_batch_remove": (c_int, [BatchPtr, c_int, c_char_p, c_char_p]),
    "baton_batch_change_owner": (c_int, [BatchPtr, c_char_p, c_char_p]),
    "baton_batch_depart": (c_int, [BatchPtr, c_char_p, c_int32, c_char_p, c_int]),
    "baton_batch_record_interaction": (c_int, [BatchPtr, POINTER(InteractionSpec)]),
    "baton_assignment_problem_create": (c_int, [POINTER(AssignmentProblemPtr)]),
    "baton_assignment_problem_destroy": (None, [AssignmentProblemPtr]),
    "baton_assignment_problem_read_csv": (c_int, [POINTER(AssignmentProblemPtr), c_char_p]),
    "baton_assignment_problem_write_csv": (c_int, [AssignmentProblemPtr, c_char_p]),
    "baton_assignment_problem_set_reps": (
        c_int,
        [
            AssignmentProblemPtr,
            POINTER(c_char_p),
            POINTER(c_int64),
            POINTER(c_int64),
            POINTER(c_int64),
            c_size_t,
        ],
    ),
    "baton_assignment_problem_set_accounts": (
        c_int,
        [AssignmentProblemPtr, POINTER(c_char_p), POINTER(c_int64), POINTER(c_int64), c_size_t],
    ),
    "baton_assignment_problem_set_arcs": (
        c_int,
        [AssignmentProblemPtr, POINTER(c_uint32), POINTER(c_uint32), POINTER(c_int64), c_size_t],
    ),
    "baton_assignment_problem_counts": (c_int, [_size_p, _size_p, _size_p, AssignmentProblemPtr]),
    "baton_assignment_problem_rep_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, AssignmentProblemPtr, c_uint32],
    ),
    "baton_assignment_problem_account_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, AssignmentProblemPtr, c_uint32],
    ),
    "baton_assignment_problem_validate": (c_int, [AssignmentProblemPtr]),
    "baton_assignment_solve": (
        c_int,
        [POINTER(AssignmentSolutionPtr), AssignmentProblemPtr, ProgressFn, c_void_p],
    ),
    "baton_assignment_evaluate": (
        c_int,
        [POINTER(AssignmentSolutionPtr), AssignmentProblemPtr, POINTER(c_uint32), c_size_t],
    ),
    "baton_assignment_solution_destroy": (None, [AssignmentSolutionPtr]),
    "baton_assignment_solution_summary": (
        c_int,
        [POINTER(AssignmentSummary), AssignmentSolutionPtr],
    ),
    "baton_assignment_solution_rep_of": (
        c_int,
        [POINTER(c_uint32), c_size_t, _size_p, AssignmentSolutionPtr],
    ),
    "baton_assignment_solution_added_load": (
        c_int,
        [POINTER(c_int64), c_size_t, _size_p, AssignmentSolutionPtr],
    ),
    "baton_reassign_options_init": (None, [POINTER(ReassignOptions)]),
    "baton_reassign": (
        c_int,
        [POINTER(ReassignmentPtr), OrgPtr, POINTER(ReassignOptions), ProgressFn, c_void_p],
    ),
    "baton_reassignment_destroy": (None, [ReassignmentPtr]),
    "baton_org_apply_reassignment": (c_int, [OrgPtr, ReassignmentPtr]),
    "baton_reassignment_summary": (c_int, [POINTER(ReassignSummary), ReassignmentPtr]),
    "baton_reassignment_account": (
        c_int,
        [POINTER(AccountReassignment), ReassignmentPtr, c_size_t],
    ),
    "baton_reassignment_account_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, ReassignmentPtr, c_size_t],
    ),
    "baton_reassignment_from_rep_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, ReassignmentPtr, c_size_t],
    ),
    "baton_reassignment_to_rep_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, ReassignmentPtr, c_size_t],
    ),
    "baton_reassignment_reason": (
        c_int,
        [c_char_p, c_size_t, _size_p, ReassignmentPtr, c_size_t, c_size_t],
    ),
    "baton_reassignment_rep_loads": (
        c_int,
        [
            POINTER(c_uint32),
            POINTER(c_int64),
            POINTER(c_int64),
            POINTER(c_int64),
            c_size_t,
            _size_p,
            ReassignmentPtr,
        ],
    ),
    "baton_reassignment_rep_id": (
        c_int,
        [c_char_p, c_size_t, _size_p, ReassignmentPtr, c_size_t],
    ),
}
for _name, _struct in SPECS.items():
    _PROTOTYPES["baton_%s_spec_init" % _name] = (None, [POINTER(_struct)])
    if _name != "interaction":
        _PROTOTYPES["baton_batch_add_%s" % _name] = (c_int, [BatchPtr, POINTER(_struct)])
        _PROTOTYPES["baton_batch_update_%s" % _name] = (c_int, [BatchPtr, POINTER(_struct)])
from ._risk_lib import PROTOTYPES as _RISK_PROTOTYPES  # noqa: E402  (uses OrgPtr above)
_PROTOTYPES.update(_RISK_PROTOTYPES)
from ._handover_lib import PROTOTYPES as _HANDOVER_PROTOTYPES  # noqa: E402
_PROTOTYPES.update(_HANDOVER_PROTOTYPES)

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_path: Optional[str] = None


def candidates() -> Iterator[str]:
    """The places tried, in order (see the module's docstring)."""
    env = os.environ.get("BATON_LIBRARY")
    if env:
        yield env
        return
    here = Path(__file__).resolve().parent
    yield str(here / SONAME)
    yield str(here.parents[2] / "build" / "capi" / SONAME)
    yield SONAME
    found = ctypes.util.find_library("baton")
    if found:
        yield found
    yield "/usr/local/lib/" + SONAME


def _declare(lib: ctypes.CDLL) -> None:
    for name, (restype, argtypes) in _PROTOTYPES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def _open() -> ctypes.CDLL:
    tried: List[str] = []
    for candidate in candidates():
        if os.sep in candidate and not os.path.exists(candidate):
            tried.append("%s (no such file)" % candidate)
            continue
        try:
            lib = ctypes.CDLL(candidate)
        except OSError as error:
            tried.append("%s (%s)" % (candidate, error))
            continue
        if not hasattr(lib, "baton_version"):
            tried.append("%s (not Baton's C library)" % candidate)
            continue
        lib.baton_version.restype = c_uint
        lib.baton_version.argtypes = []
        version = lib.baton_version()
        if version // 1000000 != MAJOR:
            raise errors.LibraryError(
                "%s is Baton %d.%d.%d; this package needs major version %d"
                % (candidate, version // 1000000, version // 1000 % 1000, version % 1000, MAJOR)
            )
        _declare(lib)
        global _path
        _path = getattr(lib, "_name", candidate)
        return lib
    raise errors.LibraryError(
        "cannot find libbaton.so; build it (scripts/demo.sh or cmake --build build), "
        "install it, or set BATON_LIBRARY to its path. Tried: " + "; ".join(tried)
    )


def lib() -> ctypes.CDLL:
    """The loaded library, loading it on first use."""
    global _lib
    if _lib is None:
        with _lock:
            if _lib is None:
                _lib = _open()
    return _lib


def path() -> Optional[str]:
    """The path the library was loaded from (after the first use)."""
    lib()
    return _path


def last_error() -> str:
    return lib().baton_last_error().decode("utf-8", "replace")


def check(rc: int) -> None:
    """Raises the BatonError subclass for a failed call's status code."""
    if rc != OK:
        raise errors.error_for(rc, last_error())


def encode(text: Optional[str], what: str = "text") -> Optional[bytes]:
    """A Python string as the UTF-8 bytes a C string takes; None stays None."""
    if text is None or isinstance(text, bytes):
        return text
    if not isinstance(text, str):
        raise TypeError("%s must be a str, not %s" % (what, type(text).__name__))
    return text.encode("utf-8")


def integer(value: Any, ctype: Any, what: str) -> int:
    """An int that fits the C type `ctype`, or TypeError / InvalidError naming
    `what`. ctypes itself would cut a too large int to the field's width
    without a word, so a huge value would reach the library as another one."""
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            value = operator.index(value)
        except TypeError:
            raise TypeError("%s must be an int, not %s" % (what, type(value).__name__)) from None
    bits = 8 * ctypes.sizeof(ctype)
    signed = ctype(-1).value < 0
    low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2**bits - 1)
    if not low <= value <= high:
        raise errors.InvalidError("%s: %d is out of range (%d..%d)" % (what, value, low, high))
    return value


def read_string(function, *args) -> str:
    """Calls a function that writes a string into (buf, cap, needed, *args)."""
    cap = 64
    while True:
        buffer = ctypes.create_string_buffer(cap)
        needed = c_size_t(0)
        rc = function(buffer, cap, ctypes.byref(needed), *args)
        if rc == EBUFS and needed.value > cap:
            cap = needed.value
            continue
        check(rc)
        return buffer.value.decode("utf-8")


def read_array(function, ctype, *args) -> list:
    """Calls a function that fills an array (out, cap, needed, *args)."""
    cap = 64
    while True:
        array = (ctype * cap)()
        needed = c_size_t(0)
        rc = function(array, cap, ctypes.byref(needed), *args)
        if rc == EBUFS and needed.value > cap:
            cap = needed.value
            continue
        check(rc)
        return list(array[: needed.value])
