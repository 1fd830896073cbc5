"""The `baton` program under test: $BATON_CLI, or the one in build/."""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample"


class Cli:
    def __init__(self, program):
        self.program = program

    def __call__(self, *args, expect=0):
        """Runs baton with `args`; checks the exit code; returns the result."""
        env = dict(os.environ, SOURCE_DATE_EPOCH="1796000000")
        result = subprocess.run([self.program, *map(str, args)], capture_output=True,
                                text=True, env=env, timeout=300)
        assert result.returncode == expect, (
            f"baton {' '.join(map(str, args))}: exit {result.returncode}, "
            f"expected {expect}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        return result


@pytest.fixture(scope="session")
def baton():
    program = os.environ.get("BATON_CLI", str(ROOT / "build" / "tools" / "baton"))
    if not os.access(program, os.X_OK):
        pytest.fail(f"no baton program at {program}; build it or set BATON_CLI")
    return Cli(program)


@pytest.fixture()
def snapshot(baton, tmp_path):
    """The bundled sample, imported into a snapshot of this test's own."""
    path = tmp_path / "sample.snapshot"
    baton("import", SAMPLE, "--out", path)
    return path
