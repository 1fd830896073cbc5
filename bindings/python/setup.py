"""Bundles a built libbaton.so into the package, when there is one.

pyproject.toml holds the metadata; this file only adds a step to build_py:
copy the C library into the package so that an installed `baton` finds it
without BATON_LIBRARY. The library is taken from the environment variable
BATON_LIBRARY, else from the source tree's build/capi/. Without either, the
package is installed alone and looks for the library at run time (see
baton/_lib.py).
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

SONAME = "libbaton.so.0"
HERE = Path(__file__).resolve().parent


def built_library():
    env = os.environ.get("BATON_LIBRARY")
    if env:
        return Path(env)
    candidate = HERE.parent.parent / "build" / "capi" / SONAME
    return candidate if candidate.exists() else None


class BuildPyWithLibrary(build_py):
    def run(self):
        super().run()
        library = built_library()
        if library is not None:
            target = Path(self.build_lib) / "baton" / SONAME
            shutil.copyfile(library, target)  # follows the symlink to the real file


class BinaryDistribution(Distribution):
    """A wheel with a native library in it is tied to the platform."""

    def has_ext_modules(self):
        return built_library() is not None


setup(cmdclass={"build_py": BuildPyWithLibrary}, distclass=BinaryDistribution)
