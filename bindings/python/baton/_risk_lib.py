"""The ctypes side of churn risk: the handles, the option and summary
structs of baton.h's "Churn risk" section, field for field, and the
prototype of every baton_risk_* function.

_lib.py merges PROTOTYPES into its own table, so the risk functions are
declared on the same CDLL as the rest, once, when the library loads.
"""

from __future__ import annotations

from ctypes import (
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint8,
    c_uint32,
)

from . import _lib


class RiskModelHandle(Structure):
    """baton_risk_model (opaque)."""


class RiskScoresHandle(Structure):
    """baton_risk_scores (opaque)."""


class RiskExplanationHandle(Structure):
    """baton_risk_explanation (opaque)."""


class RiskWhatIfHandle(Structure):
    """baton_risk_what_if (opaque)."""


class RiskFitHandle(Structure):
    """baton_risk_fit (opaque)."""


RiskModelPtr = POINTER(RiskModelHandle)
RiskScoresPtr = POINTER(RiskScoresHandle)
RiskExplanationPtr = POINTER(RiskExplanationHandle)
RiskWhatIfPtr = POINTER(RiskWhatIfHandle)
RiskFitPtr = POINTER(RiskFitHandle)

_strings_p = POINTER(c_char_p)
_size_p = POINTER(c_size_t)
_double_p = POINTER(c_double)
_int64_p = POINTER(c_int64)
_uint32_p = POINTER(c_uint32)
_uint8_p = POINTER(c_uint8)

RISK_OPTIONS_VERSION = 1
RiskOptions = _lib._spec(
    "RiskOptions",
    [
        ("as_of", c_int32),
        ("leavers", _strings_p),
        ("to_competitor", _uint8_p),
        ("leaver_count", c_size_t),
        ("owner_accounts", _strings_p),
        ("owner_reps", _strings_p),
        ("owner_count", c_size_t),
        ("signal_names", _strings_p),
        ("signal_values", POINTER(_double_p)),
        ("signal_count", c_size_t),
        ("reasons", c_int32),
        ("threads", c_int32),
    ],
)

RISK_FIT_OPTIONS_VERSION = 1
RiskFitOptions = _lib._spec(
    "RiskFitOptions",
    [
        ("l2", c_double),
        ("max_iterations", c_int32),
        ("tolerance", c_double),
        ("folds", c_int32),
        ("calibration_bins", c_int32),
    ],
)
#: BATON_RISK_FIT_OPTIONS_INIT, by field (the C API has no _init function).
RISK_FIT_DEFAULTS = {
    "l2": 1.0,
    "max_iterations": 100,
    "tolerance": 1e-10,
    "folds": 5,
    "calibration_bins": 10,
}

RISK_FIT_SUMMARY_VERSION = 1
RiskFitSummary = _lib._spec(
    "RiskFitSummary",
    [
        ("iterations", c_int32),
        ("rows", c_int64),
        ("skipped_rows", c_int64),
        ("folds", c_int32),
        ("auc", c_double),
        ("log_loss", c_double),
        ("brier", c_double),
        ("cv_auc", c_double),
        ("cv_log_loss", c_double),
        ("cv_brier", c_double),
        ("mean_fold_auc", c_double),
    ],
)

_options_p = POINTER(RiskOptions)
_fit_options_p = POINTER(RiskFitOptions)

# name: (restype, argtypes) for every baton_risk_* function of baton.h.
PROTOTYPES = {
    "baton_risk_model_default": (c_int, [POINTER(RiskModelPtr)]),
    "baton_risk_model_from_text": (
        c_int,
        [POINTER(RiskModelPtr), c_char_p, _strings_p, c_size_t],
    ),
    "baton_risk_model_load": (c_int, [POINTER(RiskModelPtr), c_char_p, _strings_p, c_size_t]),
    "baton_risk_model_save": (c_int, [RiskModelPtr, c_char_p]),
    "baton_org_save_with_risk_model": (c_int, [_lib.OrgPtr, RiskModelPtr, c_char_p]),
    "baton_risk_model_from_snapshot": (
        c_int,
        [POINTER(RiskModelPtr), c_char_p, _strings_p, c_size_t],
    ),
    "baton_risk_model_to_text": (c_int, [c_char_p, c_size_t, _size_p, RiskModelPtr]),
    "baton_risk_model_destroy": (None, [RiskModelPtr]),
    "baton_risk_model_terms": (
        c_int,
        [_double_p, _double_p, _double_p, c_size_t, _size_p, _double_p, RiskModelPtr],
    ),
    "baton_risk_model_feature": (
        c_int,
        [c_char_p, c_size_t, _size_p, RiskModelPtr, c_size_t],
    ),
    "baton_risk_score": (
        c_int,
        [POINTER(RiskScoresPtr), _lib.OrgPtr, RiskModelPtr, _options_p],
    ),
    "baton_risk_scores_destroy": (None, [RiskScoresPtr]),
    "baton_risk_scores_accounts": (
        c_int,
        [_double_p, _double_p, c_size_t, _size_p, RiskScoresPtr],
    ),
    "baton_risk_scores_reps": (
        c_int,
        [_int64_p, _double_p, _double_p, _double_p, c_size_t, _size_p, RiskScoresPtr],
    ),
    "baton_risk_scores_teams": (
        c_int,
        [_int64_p, _double_p, _double_p, c_size_t, _size_p, RiskScoresPtr],
    ),
    "baton_risk_scores_totals": (c_int, [_double_p, _double_p, RiskScoresPtr]),
    "baton_risk_explain": (
        c_int,
        [POINTER(RiskExplanationPtr), _lib.OrgPtr, RiskModelPtr, _options_p, c_char_p],
    ),
    "baton_risk_explanation_destroy": (None, [RiskExplanationPtr]),
    "baton_risk_explanation_values": (
        c_int,
        [
            _double_p,
            _double_p,
            _size_p,
            _double_p,
            _double_p,
            c_size_t,
            _size_p,
            RiskExplanationPtr,
        ],
    ),
    "baton_risk_explanation_reason": (
        c_int,
        [c_char_p, c_size_t, _size_p, RiskExplanationPtr, c_size_t],
    ),
    "baton_risk_departure_what_if": (
        c_int,
        [POINTER(RiskWhatIfPtr), _lib.OrgPtr, RiskModelPtr, _options_p, _lib.ReassignmentPtr],
    ),
    "baton_risk_what_if_destroy": (None, [RiskWhatIfPtr]),
    "baton_risk_what_if_accounts": (
        c_int,
        [
            _uint32_p,
            _uint32_p,
            _uint32_p,
            _double_p,
            _double_p,
            _double_p,
            _double_p,
            c_size_t,
            _size_p,
            RiskWhatIfPtr,
        ],
    ),
    "baton_risk_what_if_totals": (c_int, [_double_p, _double_p, _double_p, RiskWhatIfPtr]),
    "baton_risk_fit_arrays": (
        c_int,
        [POINTER(RiskFitPtr), _strings_p, c_size_t, _double_p, _uint8_p, c_size_t, _fit_options_p],
    ),
    "baton_risk_fit_csv": (
        c_int,
        [
            POINTER(RiskFitPtr),
            c_char_p,
            _strings_p,
            c_size_t,
            _strings_p,
            c_size_t,
            c_char_p,
            c_char_p,
            c_int,
            _fit_options_p,
        ],
    ),
    "baton_risk_fit_org": (
        c_int,
        [
            POINTER(RiskFitPtr),
            _lib.OrgPtr,
            _options_p,
            _strings_p,
            c_size_t,
            _strings_p,
            _uint8_p,
            c_size_t,
            _fit_options_p,
        ],
    ),
    "baton_risk_fit_destroy": (None, [RiskFitPtr]),
    "baton_risk_fit_model": (c_int, [POINTER(RiskModelPtr), RiskFitPtr]),
    "baton_risk_fit_summary_get": (c_int, [POINTER(RiskFitSummary), RiskFitPtr]),
    "baton_risk_fit_fold_aucs": (c_int, [_double_p, c_size_t, _size_p, RiskFitPtr]),
    "baton_risk_fit_calibration": (
        c_int,
        [
            _double_p,
            _double_p,
            _int64_p,
            _double_p,
            _double_p,
            c_size_t,
            _size_p,
            RiskFitPtr,
        ],
    ),
}
