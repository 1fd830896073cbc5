"""The ctypes side of handover plans: the handle, the options struct of
baton.h's "Handover plans" section, field for field, and every prototype.

_lib.py merges PROTOTYPES into its own table, like _risk_lib's.
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_char_p, c_double, c_int, c_int32, c_size_t
from ctypes import c_int64, c_uint8, c_uint32

from . import _lib
from ._risk_lib import RiskModelPtr


class HandoverHandle(Structure):
    """baton_handover (opaque)."""


HandoverPtr = POINTER(HandoverHandle)

HANDOVER_OPTIONS_VERSION = 1
HandoverOptions = _lib._spec(
    "HandoverOptions",
    [
        ("leavers", POINTER(c_char_p)),
        ("last_days", POINTER(c_int32)),
        ("to_competitor", POINTER(c_uint8)),
        ("leaver_count", c_size_t),
        ("today", c_int32),
    ],
)

TASK_KINDS = (
    "notify_customer", "handover_meeting", "open_deals", "unwritten_agreements",
    "key_players", "products_and_complaints", "goals_progress", "expansion",
    "churn_reasons", "move_records", "deal_review", "exit_interview", "revoke_access",
)
ROLES = ("leaver", "successor", "manager")
STATUSES = ("open", "done", "skipped")
STATES = ("draft", "applied", "undone")

_u32_p = POINTER(c_uint32)
_i32_p = POINTER(c_int32)
_buffer = [c_char_p, c_size_t, POINTER(c_size_t)]

PROTOTYPES = {
    "baton_handover_plan": (
        c_int,
        [POINTER(HandoverPtr), _lib.OrgPtr, POINTER(HandoverOptions), _lib.ReassignmentPtr,
         RiskModelPtr],
    ),
    "baton_handover_destroy": (None, [HandoverPtr]),
    "baton_handover_accounts": (
        c_int,
        [_u32_p, _u32_p, _u32_p, POINTER(c_double), POINTER(c_double), _u32_p, c_size_t,
         POINTER(c_size_t), HandoverPtr],
    ),
    "baton_handover_reason": (c_int, _buffer + [HandoverPtr, c_size_t, c_size_t]),
    "baton_handover_tasks": (
        c_int,
        [_u32_p, _u32_p, _i32_p, _i32_p, _u32_p, _i32_p, _i32_p, _u32_p, c_size_t,
         POINTER(c_size_t), HandoverPtr],
    ),
    "baton_handover_task_title": (c_int, _buffer + [HandoverPtr, c_size_t]),
    "baton_handover_task_detail": (c_int, _buffer + [HandoverPtr, c_size_t, c_size_t]),
    "baton_handover_set_task_status": (c_int, [HandoverPtr, c_size_t, c_int32]),
    "baton_handover_state": (c_int, [_i32_p, HandoverPtr]),
    "baton_org_apply_handover": (c_int, [_lib.OrgPtr, HandoverPtr]),
    "baton_org_undo_handover": (c_int, [_lib.OrgPtr, HandoverPtr]),
    "baton_org_store_handover": (c_int, _buffer + [_lib.OrgPtr, HandoverPtr, c_int64]),
    "baton_org_apply_stored_handover": (c_int, [_lib.OrgPtr, c_char_p, c_int64]),
    "baton_org_undo_stored_handover": (c_int, [_lib.OrgPtr, c_char_p, c_int64]),
    "baton_org_set_stored_task_status": (c_int, [_lib.OrgPtr, c_char_p, c_char_p, c_int32,
                                                  c_int64]),
    "baton_org_handover_book": (c_int, _buffer + [_lib.OrgPtr]),
}
