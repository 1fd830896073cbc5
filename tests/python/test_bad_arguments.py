"""The bad-argument matrix of the Python package, as tests/capi/bad_arguments
is of the C API: every public function and method of `baton`, found by
introspection, is called with one bad argument at a time (None, a value of
the wrong type, non-UTF-8 bytes and unencodable strings, huge ints, NaN and
infinities, closed objects and objects of the wrong class), and each call
must raise a Python exception with a message: never succeed with the bad
value, never leak a ctypes.ArgumentError or an AttributeError, never crash.

The kinds of bad value come from each parameter's annotation; what the
annotations cannot say (how to make an instance of each class, a valid value
for some parameter names, bad values a function accepts on purpose) is in the
tables below, and a new public class without a maker fails the test.
"""

import ctypes
import inspect
import math
import shutil
import sys

import pytest

import baton
from baton._handle import OwnedHandle
from conftest import ROOT, SAMPLE

ASSIGNMENT = ROOT / "examples" / "assignment"
AS_OF = "2026-11-01"

# Exceptions that carry a message for the caller. ctypes.ArgumentError,
# AttributeError and the like are leaks of the binding's insides.
GOOD_EXCEPTIONS = (TypeError, ValueError, LookupError, OverflowError, OSError, baton.BatonError)


def makers(tmp):
    """How to make a valid instance of each public class, by name."""
    org = baton.Org.from_csv(SAMPLE)
    problem = baton.AssignmentProblem.from_csv(ASSIGNMENT)
    return {
        "Org": lambda: org.copy(),
        "Batch": baton.Batch,
        "AssignmentProblem": lambda: baton.AssignmentProblem.from_csv(ASSIGNMENT),
        "AssignmentSolution": lambda: problem.solve(),
        "Reassignment": lambda: org.reassign(departing=["r017"], today=AS_OF),
        "RiskModel": baton.RiskModel.default,
        "RiskScores": lambda: org.risk(as_of=AS_OF),
        "RiskFit": lambda: baton.fit_table([[0.0], [1.0], [0.0], [1.0]], ["x"],
                                           [False, True, True, False], folds=2),
        "Handover": lambda: baton.plan_handover(
            org, {"r017": "2026-11-30"}, org.reassign(departing=["r017"], today=AS_OF),
            today=AS_OF),
    }


def valid_values(tmp, make):
    """Valid arguments by parameter name (the rest come from annotations)."""
    data = tmp / "sample"
    if not data.exists():
        shutil.copytree(SAMPLE, data)  # calls may write where they read
    return {
        "id": "r017", "rep": "r017", "account": "a0065", "contact": "c00001",
        "product": "crm-core", "owner": "r016", "kind": "rep", "index": 0,
        "directory": str(data), "path": str(tmp / "file.out"), "on": AS_OF,
        "today": AS_OF, "as_of": AS_OF, "day": 20758, "value": AS_OF,
        "data": make["Org"]().to_bytes(), "rep_of": [0, 1, 1, 0],
        "text": baton.RiskModel.default().to_text(), "leavers": ["r017"],
        "departing": ["r017"], "accounts": ["a0065"], "features": ["tenure_years"],
        "weight": [0.5], "lapsed": [False], "values": [[0.0]], "ids": ["x"],
        "capacity": [1], "rep_ids": ["r"], "account_ids": ["a"], "arc_account": [0],
        "arc_rep": [0], "arc_cost": [1], "cost": [1], "org": make["Org"](),
        "plan": make["Reassignment"](), "batch": make["Batch"](),
        "problem": make["AssignmentProblem"](), "model": make["RiskModel"](),
        "risk_model": make["RiskModel"](),
        "outcome": "churned", "positive": "yes", "numeric": ["x"],
        "departures": {"r017": "2026-11-30"}, "reassignment": make["Reassignment"](),
        "task": 0, "status": "done",
    }


# Bad values a function takes on purpose: (callable, parameter) -> why.
ACCEPTED = {
    ("Batch.remove", "second"): "ignored for kinds without a pair key",
    ("Org.find", "second"): "ignored for kinds without a pair key",
    ("to_day", "field"): "only names the value in messages",
    ("from_day", "day"): "any day count is a date (Python's own range errors)",
    ("what_if", "plan"): "None: no plan, the leavers' accounts stay unowned",
    ("Org.save", "risk_model"): "None: a snapshot without a model",
    ("plan_handover", "model"): "None: the default risk model",
}

# Keyword arguments (**options) a valid call of these needs.
EXTRA_KWARGS = {
    "Org.reassign": {"departing": ["r017"], "today": AS_OF},
    "Org.risk": {"as_of": AS_OF},
}


def public_callables():
    """(qualified name, class name or None, the function), every public one."""
    found = []
    for name in baton.__all__:
        obj = getattr(baton, name)
        if inspect.isclass(obj):
            if issubclass(obj, BaseException) or obj.__module__ == "baton.enums":
                continue
            for member, value in sorted(vars(obj).items()):
                if member.startswith("_") or isinstance(value, property):
                    continue
                if isinstance(value, (staticmethod, classmethod)):
                    found.append(("%s.%s" % (name, member), None, getattr(obj, member)))
                elif callable(value):
                    found.append(("%s.%s" % (name, member), name, value))
        elif callable(obj):
            found.append((name, None, obj))
    return found


def handle_classes():
    return sorted(name for name in baton.__all__ if inspect.isclass(getattr(baton, name))
                  and issubclass(getattr(baton, name), OwnedHandle))


CALLABLES = public_callables()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bad_arguments")
    make = makers(tmp)
    return make, valid_values(tmp, make), tmp


def annotation_of(function, parameter):
    text = parameter.annotation
    if text is inspect.Parameter.empty:
        return ""
    return text if isinstance(text, str) else getattr(text, "__name__", str(text))


def bad_values(name, annotation, make):
    """(label, value) pairs that no parameter of this annotation accepts."""
    if annotation == "bool":
        return []  # every object is true or false
    optional = "Optional" in annotation or annotation in ("DayLike",)
    out = [] if optional else [("None", None)]
    out.append(("object()", object()))
    classes = [c for c in make if c in annotation.replace("'", "")]
    if annotation in ("str", "Optional[str]"):
        out += [("42", 42), ("non-UTF-8 bytes", b"\xff\xfe"), ("lone surrogate", "\udcff")]
    elif annotation in ("int", "Optional[int]"):
        out += [("'1'", "1"), ("2**64", 2**64), ("-2**64", -(2**64)), ("1.5", 1.5)]
    elif annotation == "float":
        out += [("'x'", "x"), ("nan", math.nan), ("inf", math.inf), ("-inf", -math.inf)]
    elif annotation in ("PathLike",):
        out += [("42", 42), ("lone surrogate", "\udcff")]
    elif annotation == "DayLike":
        out += [("'2026-13-45'", "2026-13-45"), ("2**64", 2**64), ("lone surrogate", "\udcff")]
    elif "Sequence" in annotation or annotation in ("Ids",):
        out += [("42", 42), ("[object()]", [object()])]
        if "int" in annotation:
            out += [("[2**64]", [2**64])]
        if "float" in annotation:
            out += [("[nan]", [math.nan]), ("[inf]", [math.inf])]
        if "str" in annotation or annotation == "Ids":
            out += [("[lone surrogate]", ["\udcff"]), ("[None]", [None])]
    elif classes:
        for cls in classes:
            out.append(("closed " + cls, "closed:" + cls))
        others = [c for c in make if c not in classes and c in handle_classes()]
        out.append(("a %s instead" % others[0], "other:" + others[0]))
    return out


def materialise(value, make):
    """Closed and other-class placeholders become real objects."""
    if isinstance(value, str) and value.startswith("closed:"):
        obj = make[value[len("closed:"):]]()
        obj.close()
        return obj
    if isinstance(value, str) and value.startswith("other:"):
        return make[value[len("other:"):]]()
    return value


def arguments(function, owner, make, valid):
    """The valid call: self (if a method) and every required parameter."""
    signature = inspect.signature(function)
    args, kwargs, params = [], {}, []
    for parameter in signature.parameters.values():
        if parameter.kind in (parameter.VAR_KEYWORD, parameter.VAR_POSITIONAL):
            continue
        if parameter.name == "self":
            args.append(make[owner]())
            continue
        annotation = annotation_of(function, parameter)
        params.append((parameter, annotation))
        if parameter.default is not inspect.Parameter.empty:
            continue
        value = valid.get(parameter.name)
        if "Sequence" in annotation and isinstance(value, str):
            value = [0] if "int" in annotation else ["x"]
        if value is None:
            classes = [c for c in make if c in annotation.replace("'", "")]
            value = make[classes[0]]() if classes else valid.get(annotation, "x")
        if parameter.kind == parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    qualname = getattr(function, "__qualname__", "")
    kwargs.update(EXTRA_KWARGS.get(qualname, {}))
    return signature, args, kwargs, params


def call_with(function, signature, args, kwargs, name, value):
    bound = signature.bind_partial(*args, **kwargs)
    bound.arguments[name] = value
    return function(*bound.args, **bound.kwargs)


def check_raises(what, thunk, deferred=None):
    """None if `thunk` raises a good exception with a message (or, when it
    accepts the value, `deferred` does); else what went wrong."""
    try:
        thunk()
    except GOOD_EXCEPTIONS as error:
        return None if str(error) else "%s: %s without a message" % (what, type(error).__name__)
    except Exception as error:  # a leak: the caller gets no useful message
        return "%s: raised %s: %s" % (what, type(error).__name__, error)
    if deferred is not None:
        return check_raises(what + ", then applying the batch", deferred)
    return "%s: accepted" % what


@pytest.mark.parametrize("qualname,owner,function", CALLABLES, ids=[c[0] for c in CALLABLES])
def test_every_bad_argument_raises_with_a_message(world, qualname, owner, function):
    make, valid, _ = world
    if owner is not None and owner not in make:
        pytest.fail("%s: no maker for class %s in test_bad_arguments.makers()" % (qualname, owner))
    signature, args, kwargs, params = arguments(function, owner, make, valid)
    problems = []
    for parameter, annotation in params:
        if (qualname, parameter.name) in ACCEPTED:
            continue
        for label, value in bad_values(parameter.name, annotation, make):
            # Each call on its own objects: a call may close or change them.
            signature, args, kwargs, _ = arguments(function, owner, make, valid)
            batch = args[0] if owner == "Batch" else None
            deferred = None
            if batch is not None:
                deferred = lambda b=batch: make["Org"]().apply(b)  # noqa: E731
            problems.append(check_raises(
                "%s(%s=%s)" % (qualname, parameter.name, label),
                lambda: call_with(function, signature, args, kwargs, parameter.name,
                                  materialise(value, make)),
                deferred))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("qualname,owner,function",
                         [c for c in CALLABLES if c[1] is not None and c[0].split(".")[1]
                          != "close"], ids=lambda c: c if isinstance(c, str) else "")
def test_methods_of_a_closed_object_raise_closed_error(world, qualname, owner, function):
    make, valid, _ = world
    if owner not in handle_classes():
        pytest.skip("%s owns no library handle" % owner)
    signature, args, kwargs, _ = arguments(function, owner, make, valid)
    args[0].close()
    with pytest.raises(baton.ClosedError, match="closed"):
        function(*args, **kwargs)


def test_every_handle_class_has_a_maker(world):
    make, _, _ = world
    missing = [name for name in handle_classes() if name not in make]
    assert not missing, "add makers for %s to test_bad_arguments.makers()" % missing


@pytest.mark.parametrize("spec,field,ctype", [
    (spec, field, ctype) for spec, struct in sorted(baton._lib.SPECS.items())
    for field, ctype in struct._fields_[1:]])
def test_every_spec_field_refuses_bad_values(world, spec, field, ctype):
    """Batch fields by keyword: a bad value raises at once or when applied."""
    make, _, _ = world
    verb = "record_interaction" if spec == "interaction" else "add_" + spec
    method = getattr(baton.Batch, verb)
    required = [p for p in inspect.signature(method).parameters.values()
                if p.name != "self" and p.kind == p.POSITIONAL_OR_KEYWORD]
    base = {"id": "mx", "account": "a0001", "rep": "r001", "contact": "c00001",
            "product": "mx-p", "on": AS_OF}
    bad = [("object()", object())]
    if ctype is ctypes.c_char_p:
        bad += [("non-UTF-8 bytes", b"\xff\xfe"), ("lone surrogate", "\udcff"), ("42", 42)]
    elif ctype is ctypes.c_double:
        bad += [("nan", math.nan), ("inf", math.inf), ("'x'", "x")]
    elif field not in ("to_competitor", "key_player"):
        bad += [("2**64", 2**64), ("-2**64", -(2**64)), ("-2**40", -(2**40)), ("1.5", 1.5)]
        if ctypes.sizeof(ctype) == 4:  # too big for 32 bits, a fine 64-bit value
            bad.append(("2**32 + 1", 2**32 + 1))
    problems = []
    for label, value in bad:
        if field in ("to_competitor", "key_player") and label == "object()":
            continue  # any object is true or false
        batch = make["Batch"]()
        fields = {p.name: base[p.name] for p in required}
        fields[field] = value
        problems.append(check_raises("Batch.%s(%s=%s)" % (verb, field, label),
                                     lambda: method(batch, **fields),
                                     lambda: make["Org"]().apply(batch)))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sys.modules["baton.reassign"].PREFERENCES)
def test_every_reassign_preference_refuses_bad_values(world, name):
    """The preferences go into baton_reassign_options field by field."""
    make, _, _ = world
    org = make["Org"]()
    bad = [("object()", object()), ("'x'", "x"), ("nan", math.nan), ("inf", math.inf)]
    if name not in ("key_player_factor", "value_per_point"):
        bad += [("2**64", 2**64), ("-2**64", -(2**64)), ("1.5", 1.5)]
    problems = [check_raises("reassign(%s=%s)" % (name, label),
                             lambda: org.reassign(departing=["r017"], today=AS_OF,
                                                  **{name: value}))
                for label, value in bad]
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)
