#!/usr/bin/env python3
"""Times snapshot loads of two builds side by side, interleaved.

    /usr/bin/python3 benchmarks/snapshot_load_side_by_side.py \\
        old=/tmp/old/build/capi/libbaton.so.0:/tmp/m1-format4.snap \\
        new=build-release/capi/libbaton.so.0:/tmp/m1.snap --rounds 7

Each NAME=LIBRARY:SNAPSHOT runs in a fresh Python process per round (so
every load pays for fresh memory, as a program that starts and loads
does), --loads times in that process; rounds alternate the builds, with
--idle seconds between processes, so a machine whose speed drifts during
the run drifts for both. Prints each process's load times, then per build
the median of all its loads and its ratio to the first build's. A library
reads only the snapshot formats it knows: give each build a file it can
read (an older library, a file it wrote).

--touch MIB adds a reference to the rotation, "touch": a fresh process
that maps MIB of memory, asks for huge pages (as Baton's large tables
do) and writes one byte in each 4 KiB page, --loads times, timed as a
load is. Give it the organisation's size (the benchmark's org_mb): it is
what any program pays for that much fresh memory on this machine at that
time. On a virtual machine that hands free memory back to its host, that
depends on how long the memory lay unused (--idle).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]

# Run in the child: loads the snapshot --loads times and prints the seconds.
CHILD = """
import sys, time
sys.path.insert(0, sys.argv[1])
import baton
times = []
for _ in range(int(sys.argv[3])):
    start = time.perf_counter()
    org = baton.Org.load(sys.argv[2])
    times.append(time.perf_counter() - start)
    del org
print(" ".join("%.4f" % t for t in times))
"""

TOUCH_CHILD = """
import mmap, sys, time
size = int(sys.argv[1]) << 20
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    memory = mmap.mmap(-1, size)
    memory.madvise(mmap.MADV_HUGEPAGE)
    memory[::4096] = bytes([1]) * len(range(0, size, 4096))
    times.append(time.perf_counter() - start)
    memory.close()
print(" ".join("%.4f" % t for t in times))
"""


def parse_build(text: str) -> tuple:
    name, sep, rest = text.partition("=")
    library, sep2, snapshot = rest.rpartition(":")
    if not sep or not sep2 or not name or not library or not snapshot:
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=LIBRARY:SNAPSHOT")
    for path in (library, snapshot):
        if not Path(path).is_file():
            raise argparse.ArgumentTypeError(f"{text!r}: {path} is not a file")
    return name, library, snapshot


def load_times(library: str, snapshot: str, loads: int) -> List[float]:
    env = dict(os.environ, BATON_LIBRARY=library)
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT / "bindings" / "python"), snapshot, str(loads)],
        env=env, check=True, capture_output=True, text=True).stdout
    return [float(t) for t in out.split()]


def touch_times(mib: int, loads: int) -> List[float]:
    out = subprocess.run([sys.executable, "-c", TOUCH_CHILD, str(mib), str(loads)],
                         check=True, capture_output=True, text=True).stdout
    return [float(t) for t in out.split()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("builds", nargs="+", type=parse_build, metavar="NAME=LIBRARY:SNAPSHOT")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--loads", type=int, default=3, help="loads per process")
    parser.add_argument("--idle", type=float, default=2.0, help="seconds before each process")
    parser.add_argument("--touch", type=int, metavar="MIB",
                        help="also time touching this much fresh memory")
    args = parser.parse_args()

    runs = [(name, lambda library=library, snapshot=snapshot:
             load_times(library, snapshot, args.loads))
            for name, library, snapshot in args.builds]
    if args.touch:
        runs.append(("touch", lambda: touch_times(args.touch, args.loads)))
    times: Dict[str, List[float]] = {name: [] for name, _ in runs}
    for round_ in range(args.rounds):
        for name, run in runs:
            time.sleep(args.idle)
            got = run()
            times[name].extend(got)
            print(f"round {round_ + 1} {name}: " + " ".join(f"{t:.3f}" for t in got), flush=True)
    first = statistics.median(times[args.builds[0][0]])
    for name, got in times.items():
        median = statistics.median(got)
        print(f"{name}: median {median:.3f} s over {len(got)} loads "
              f"({min(got):.3f} to {max(got):.3f}), {median / first:.3f}x {args.builds[0][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
