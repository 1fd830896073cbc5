"""AssignmentProblem and solve: values, files, bad input, cancellation."""

import array
import dataclasses

import pytest

import baton

# The example of docs/assignment-format.md: three reps (r2 is full already),
# four accounts, lambda 5 for r0 and r1.
EXAMPLE = dict(
    rep_ids=["r0", "r1", "r2"],
    load=[0, 1, 4],
    capacity=[2, 3, 4],
    lambda_=[5, 5, 0],
    account_ids=["acme", "globex", "initech", "Umbrella, Inc."],
    unassigned_penalty=[1000, 1000, 1000, 50],
    arc_account=[0, 0, 1, 1, 2, 3, 3],
    arc_rep=[0, 1, 0, 1, 1, 0, 2],
    arc_cost=[10, 30, 20, 20, 5, 40, 0],
)

REPS_CSV = "id,load,capacity,lambda\nr0,0,2,5\nr1,1,3,5\nr2,4,4,0\n"
ACCOUNTS_CSV = (
    "id,weight,unassigned_penalty\nacme,1,1000\nglobex,1,1000\ninitech,1,1000\n"
    '"Umbrella, Inc.",1,50\n'
)
ARCS_CSV = (
    "account,rep,cost\nacme,r0,10\nacme,r1,30\nglobex,r0,20\nglobex,r1,20\n"
    'initech,r1,5\n"Umbrella, Inc.",r0,40\n"Umbrella, Inc.",r2,0\n'
)


@pytest.fixture
def example():
    with baton.AssignmentProblem.from_arrays(**EXAMPLE) as problem:
        yield problem


def write_example(directory, reps=REPS_CSV, accounts=ACCOUNTS_CSV, arcs=ARCS_CSV):
    directory.mkdir(exist_ok=True)
    (directory / "reps.csv").write_text(reps)
    (directory / "accounts.csv").write_text(accounts)
    (directory / "arcs.csv").write_text(arcs)
    return directory


def check_example_optimum(solution):
    # By hand: acme and globex to r0 (arcs 10 + 20, load cost 5 * 2^2 = 20),
    # initech to r1 (arc 5, load cost 5 * (2^2 - 1^2) = 15), Umbrella left
    # out (50): 35 + 35 + 50 = 120.
    assert solution == baton.AssignmentSolution(
        outcome="optimal",
        objective=120,
        arc_cost=35,
        load_cost=35,
        penalty_cost=50,
        lower_bound=120,
        relative_gap=0.0,
        rep_of=[0, 0, 1, None],
        added_load=[2, 1, 0],
    )
    assert solution.optimal


def test_solve_the_example_from_arrays(example):
    assert example.counts() == {"reps": 3, "accounts": 4, "arcs": 7}
    assert example.rep_ids() == ["r0", "r1", "r2"]
    assert example.account_ids()[3] == "Umbrella, Inc."
    example.validate()
    check_example_optimum(baton.solve(example))
    check_example_optimum(example.solve())
    assert repr(example) == "<baton.AssignmentProblem with 3 reps, 4 accounts, 7 arcs>"


def test_solve_the_example_from_the_documented_files(tmp_path):
    with baton.AssignmentProblem.from_csv(write_example(tmp_path / "p")) as problem:
        assert problem.account_ids() == EXAMPLE["account_ids"]
        check_example_optimum(baton.solve(problem))


def test_write_csv_reads_back_the_same_problem(example, tmp_path):
    example.write_csv(tmp_path / "out")
    assert (tmp_path / "out" / "accounts.csv").read_text().splitlines()[4] == (
        '"Umbrella, Inc.",1,50'
    )
    with baton.AssignmentProblem.from_csv(str(tmp_path / "out")) as problem:
        assert problem.counts() == example.counts()
        assert problem.rep_ids() == example.rep_ids()
        assert problem.account_ids() == example.account_ids()
        assert baton.solve(problem) == baton.solve(example)


def test_evaluate_costs_a_given_plan(example):
    # Umbrella takes r0's second slot, globex moves to r1: arcs 10 + 20 + 5 +
    # 40 = 75, load cost 5 * 2^2 + 5 * (3^2 - 1^2) = 60, no penalty: 135.
    solution = baton.evaluate(example, [0, 1, 1, 0])
    assert solution.outcome == "evaluated" and not solution.optimal
    assert (solution.objective, solution.arc_cost, solution.load_cost) == (135, 75, 60)
    assert solution.penalty_cost == 0
    assert solution.lower_bound is None and solution.relative_gap is None
    assert solution.added_load == [2, 2, 0]
    # The optimum, evaluated, costs what solve says.
    assert example.evaluate([0, 0, 1, None]).objective == 120


def test_weighted_accounts_give_a_plan_with_a_bound():
    # r0 has room for one of two accounts of weight 2 (penalty 100 each):
    # giving it a costs 10 + 100 = 110, giving it b costs 5 + 100 = 105.
    problem = baton.AssignmentProblem().set_reps(["r0"], [3])
    problem.set_accounts(["a", "b"], weight=[2, 2], unassigned_penalty=[100, 100])
    problem.set_arcs([0, 1], [0, 0], [10, 5])
    solution = baton.solve(problem)
    cost_of = {(0, None): 110, (None, 0): 105}
    assert tuple(solution.rep_of) in cost_of
    assert solution.objective == cost_of[tuple(solution.rep_of)]
    assert solution.penalty_cost == 100 and solution.load_cost == 0
    assert solution.arc_cost == solution.objective - 100
    assert solution.added_load == [2]
    # Weighted instances come with a bound, which no plan beats.
    assert solution.lower_bound is not None and solution.lower_bound <= 105
    assert solution.outcome == ("optimal" if solution.lower_bound == solution.objective
                                else "feasible")
    assert solution.relative_gap == pytest.approx(
        (solution.objective - solution.lower_bound) / solution.objective
    )
    problem.close()


def test_buffers_of_fixed_width_integers_are_taken_as_they_are():
    problem = baton.AssignmentProblem.from_arrays(
        rep_ids=["r0", "r1"],
        capacity=array.array("q", [1, 1]),
        account_ids=["a", "b"],
        unassigned_penalty=array.array("q", [7, 7]),
        arc_account=array.array("I", [0, 1]),
        arc_rep=array.array("I", [1, 0]),
        arc_cost=array.array("q", [3, 4]),
    )
    assert baton.solve(problem).rep_of == [1, 0]
    # A buffer of another width is converted element by element.
    problem.set_arcs(array.array("b", [0]), [1], array.array("i", [-2]))
    solution = baton.solve(problem)
    assert (solution.rep_of, solution.objective) == ([1, None], -2 + 7)
    problem.close()


def test_invalid_problems_raise_naming_the_item(example):
    example.set_reps(["r0", "r1", "r2"], [2, -5, 4])
    for call in (example.validate, example.solve, lambda: example.write_csv("unused")):
        with pytest.raises(baton.InvalidError) as caught:
            call()
        assert str(caught.value) == "rep r1: capacity: -5 is negative"
        assert caught.value.code == -1

    example.set_reps(["r0", "r1", "r2"], [2, 3, 4])
    example.set_arcs([0, 1], [0, 7], [1, 1])
    with pytest.raises(baton.InvalidError) as caught:
        baton.solve(example)
    assert str(caught.value) == (
        "arc 1 (account globex -> rep index 7): rep: index 7 is out of range (3 reps)"
    )


def test_bad_files_raise_with_their_position(tmp_path):
    missing = tmp_path / "missing"
    with pytest.raises(baton.NotFoundError) as caught:
        baton.AssignmentProblem.from_csv(missing)
    assert str(caught.value) == (
        "reps.csv: cannot open %s/reps.csv: No such file or directory" % missing
    )
    bad = write_example(tmp_path / "bad", reps="id,load,capacity\nr0,0,2\nr1,1,lots\n")
    with pytest.raises(baton.ParseError) as caught:
        baton.AssignmentProblem.from_csv(bad)
    assert str(caught.value) == "reps.csv:3:3: capacity: expected an integer, got 'lots'"


def test_bad_arguments_are_refused_before_the_library(example):
    with pytest.raises(TypeError, match=r"^ids\[1\] must be a str, not NoneType$"):
        example.set_reps(["r0", None], [1, 1])
    with pytest.raises(TypeError, match=r"^capacity\[0\] must be an int, not float$"):
        example.set_reps(["r0"], [1.5])
    with pytest.raises(TypeError, match=r"^weight\[0\] must be an int, not bool$"):
        example.set_accounts(["a"], weight=[True])
    with pytest.raises(baton.InvalidError, match=r"^capacity has 1 entries for 2 ids$"):
        example.set_reps(["r0", "r1"], [1])
    with pytest.raises(baton.InvalidError, match=r"^rep has 1 entries for 2 arcs$"):
        example.set_arcs([0, 1], [0], [1, 1])
    with pytest.raises(baton.InvalidError, match=r"^account\[0\]: -1 is out of range for uint32$"):
        example.set_arcs([-1], [0], [1])
    with pytest.raises(baton.InvalidError, match=r"^cost\[0\]: 9223372036854775808 is out"):
        example.set_arcs([0], [0], [2**63])
    with pytest.raises(TypeError, match="AssignmentProblem, not str"):
        baton.solve("problem")
    # Nothing refused reached the problem.
    check_example_optimum(baton.solve(example))


def test_bad_plans_raise_naming_the_account_or_rep(example):
    with pytest.raises(baton.StateError, match=r"^rep r0: load 0 \+ 3 added exceeds capacity 2$"):
        baton.evaluate(example, [0, 0, 1, 0])
    with pytest.raises(baton.StateError, match=r"^account acme: rep r2 is not one of its arcs$"):
        baton.evaluate(example, [2, None, None, None])
    with pytest.raises(baton.InvalidError, match=r"^plan: rep_of has 1 entries for 4 accounts$"):
        baton.evaluate(example, [None])


def test_progress_reaches_one_and_false_cancels(example):
    seen = []
    check_example_optimum(baton.solve(example, progress=seen.append))  # returns None: go on
    assert seen and seen[-1] == 1.0 and seen == sorted(seen)

    with pytest.raises(baton.CancelledError) as caught:
        baton.solve(example, progress=lambda done: False)
    assert str(caught.value) == "baton_assignment_solve: cancelled by the progress callback"
    assert caught.value.code == -9
    with pytest.raises(baton.CancelledError):
        example.solve(lambda done: 0)
    check_example_optimum(baton.solve(example, progress=lambda done: True))


def test_an_exception_in_the_callback_cancels_and_propagates(example):
    class Stop(Exception):
        pass

    def stop(done):
        raise Stop("at %.1f" % done)

    with pytest.raises(Stop, match=r"^at 0\.0$"):  # the first report: the first phase starts
        baton.solve(example, progress=stop)
    check_example_optimum(baton.solve(example))


def test_a_long_run_reports_progress_and_stops_when_asked():
    # Unit weights and tight capacities: enough bids for the auction to
    # report along the way (about ten times, in 0.1 s).
    reps, accounts, per_account = 40, 16000, 4
    account, rep, cost = [], [], []
    for i in range(accounts):
        for k in range(per_account):
            account.append(i)
            rep.append((i * 7 + k * 13) % reps)
            cost.append((i * 31 + k * 17) % 997)
    problem = baton.AssignmentProblem.from_arrays(
        rep_ids=["r%d" % j for j in range(reps)],
        capacity=[accounts // reps + 1] * reps,
        lambda_=[3] * reps,
        account_ids=["a%d" % i for i in range(accounts)],
        unassigned_penalty=[10**6] * accounts,
        arc_account=account,
        arc_rep=rep,
        arc_cost=cost,
    )
    seen = []
    solution = baton.solve(problem, progress=seen.append)
    assert len(seen) > 2 and seen[-1] == 1.0
    assert solution.outcome == "optimal"
    assert solution.objective == solution.lower_bound
    assert None not in solution.rep_of and sum(solution.added_load) == accounts
    assert baton.evaluate(problem, solution.rep_of).objective == solution.objective

    calls = []

    def stop_at_second(done):
        calls.append(done)
        return len(calls) < 2

    with pytest.raises(baton.CancelledError):
        baton.solve(problem, progress=stop_at_second)
    assert len(calls) == 2 and calls[0] < 1.0
    problem.close()


def test_life_cycle(example):
    problem = baton.AssignmentProblem()
    assert problem.counts() == {"reps": 0, "accounts": 0, "arcs": 0}
    solution = baton.solve(problem)
    assert solution.rep_of == [] and solution.objective == 0
    problem.close()
    problem.close()
    assert problem.closed
    assert repr(problem) == "<baton.AssignmentProblem closed>"
    with pytest.raises(baton.ClosedError):
        problem.counts()
    with pytest.raises(baton.ClosedError):
        baton.solve(problem)
    with baton.AssignmentProblem.from_arrays(**EXAMPLE) as inside:
        assert not inside.closed
    assert inside.closed
    with pytest.raises(dataclasses.FrozenInstanceError):
        baton.solve(example).objective = 0
