#!/usr/bin/env python3
"""Times fitting one table with Baton and with scikit-learn, in one process.

    BATON_LIBRARY=build/capi/libbaton.so.0 /usr/bin/python3 benchmarks/risk_fit_vs_sklearn.py
    ... --rows 20000          # a smoke run (scripts/test.sh)

The table is synthetic and seeded: --rows x --features standard-normal
columns with a few shifted and scaled, outcomes drawn from a known logistic
model. Both fit the same numpy arrays to the same objective: every column
standardised (population standard deviation), then the sum of log-losses +
l2 / 2 * |weights|^2, the bias not penalised. Baton: baton.fit_table(...,
folds=0) (Newton's method, IRLS with Eigen's Cholesky factorisation).
scikit-learn: StandardScaler, then LogisticRegression(C=1/l2,
solver="newton-cholesky"). Each is timed from the arrays to the fitted
model, --repeats times; the median is reported with the ratio, and the
largest difference between the two sets of weights shows they solved the
same problem.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Callable, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bindings" / "python"))

import numpy  # noqa: E402

import baton  # noqa: E402


def make_table(rows: int, features: int, seed: int) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """Columns of different centres and scales (so standardising matters),
    and outcomes from logistic(-1 + z . w) (about a third lapse)."""
    rng = numpy.random.default_rng(seed)
    z = rng.standard_normal((rows, features))
    true_weight = rng.normal(0.0, 0.5, features)
    lapsed = rng.random(rows) < 1.0 / (1.0 + numpy.exp(1.0 - z @ true_weight))
    x = z * rng.uniform(0.5, 20.0, features) + rng.uniform(-50.0, 50.0, features)
    return numpy.ascontiguousarray(x), lapsed.astype(numpy.uint8)


def timed(function: Callable[[], numpy.ndarray], repeats: int) -> Tuple[List[float], numpy.ndarray]:
    times, weights = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        weights = function()
        times.append(time.perf_counter() - start)
    return times, weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    if args.rows < 2 or args.features < 1 or args.repeats < 1:
        parser.error("--rows must be at least 2, --features and --repeats at least 1")

    x, lapsed = make_table(args.rows, args.features, args.seed)
    columns = ["x%02d" % k for k in range(args.features)]
    print("table: %d rows x %d features, %.1f%% lapsed, l2 = %g; median of %d runs"
          % (args.rows, args.features, 100.0 * lapsed.mean(), args.l2, args.repeats))
    print("library: %s" % baton.library_path())

    def fit_baton() -> numpy.ndarray:
        with baton.fit_table(x, columns, lapsed, l2=args.l2, folds=0) as fit:
            terms = fit.model.terms
        return numpy.array(terms.weight + [terms.bias])

    baton_times, baton_weights = timed(fit_baton, args.repeats)
    baton_median = statistics.median(baton_times)
    print("Baton fit_table:              %6.3f s  (runs: %s)"
          % (baton_median, ", ".join("%.3f" % t for t in baton_times)))

    try:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
    except ImportError:
        print("scikit-learn is not installed: no comparison (apt-get install python3-sklearn)")
        return 0

    def fit_sklearn() -> numpy.ndarray:
        standardised = StandardScaler().fit_transform(x)
        model = LogisticRegression(C=1.0 / args.l2, solver="newton-cholesky", tol=1e-10,
                                   max_iter=100)
        model.fit(standardised, lapsed)
        return numpy.append(model.coef_[0], model.intercept_[0])

    sklearn_times, sklearn_weights = timed(fit_sklearn, args.repeats)
    sklearn_median = statistics.median(sklearn_times)
    print("scikit-learn newton-cholesky: %6.3f s  (runs: %s)"
          % (sklearn_median, ", ".join("%.3f" % t for t in sklearn_times)))
    print("ratio scikit-learn / Baton: %.2f" % (sklearn_median / baton_median))
    difference = float(numpy.abs(baton_weights - sklearn_weights).max())
    print("max |weight difference| (bias included): %.3g" % difference)
    if difference > 1e-4:
        print("the two fits disagree: they did not solve the same problem")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
