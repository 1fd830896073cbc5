"""`pip install ./bindings/python` works offline with Debian's pip, and the
installed package finds the library it bundled."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import baton

SOURCE = Path(__file__).resolve().parents[2] / "bindings" / "python"


def test_pip_install_bundles_the_library(tmp_path, sample_dir):
    # Build from a copy, so that the source tree gets no build/ or egg-info.
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info",
                                                                  "__pycache__", "*.so.*"))
    target = tmp_path / "site"
    env = dict(os.environ, BATON_LIBRARY=os.path.realpath(baton.library_path()))
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-build-isolation",
         "--no-index", "--no-deps", "--target", str(target), str(source)],
        check=True, env=env, cwd=tmp_path,
    )
    assert (target / "baton" / "libbaton.so.0").is_file()

    env = {k: v for k, v in os.environ.items() if k not in ("BATON_LIBRARY", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)
    result = subprocess.run(
        [sys.executable, "-c",
         "import sys, baton\n"
         "org = baton.Org.from_csv(sys.argv[1])\n"
         "print(baton.library_path())\n"
         "print(org.count('account'))\n",
         str(sample_dir)],
        env=env, cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    path, accounts = result.stdout.split()
    assert Path(path) == target / "baton" / "libbaton.so.0"
    assert int(accounts) == 2000
