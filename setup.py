"""Build step: the modules on the extraction path are compiled to C with mypyc.

The metadata is in pyproject.toml, and so is the compiled package ([tool.minsheng_ie]
compiled: every module of minsheng_ie/engine but the package markers): the same Python source, type-checked by
mypy and compiled, about twice as fast. MINSHENG_IE_PURE_PYTHON=1 installs the pure-Python
package instead, with no C compiler. Without a working C compiler (or Python's headers),
the install falls back to the pure-Python package with one warning instead of failing;
`minsheng-ie --version` says which build runs. After editing a compiled module, run
`pip install -e .` again: tests/test_build.py fails until then, comparing the sources
with the digests this build writes to build/compiled_sources.json.
"""
import hashlib
import json
import os
import sys
import sysconfig
import tempfile
import tomllib
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

FALLBACK = ("WARNING: minsheng_ie: {why}; installing the pure-Python package instead "
            "(same results, about half the speed). Install a C compiler and Python's headers, "
            "then reinstall, for the compiled one.")


def _warn(why: str) -> None:
    sys.stderr.write("\n" + FALLBACK.format(why=why) + "\n\n")


def _compiler_works() -> str | None:
    """None if a C file including Python.h compiles here; else why not. Checked before
    mypyc runs: without a compiler its type-check and C generation would be wasted."""
    from distutils.ccompiler import new_compiler
    from distutils.errors import CCompilerError, DistutilsError
    from distutils.sysconfig import customize_compiler
    compiler = new_compiler()
    customize_compiler(compiler)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "probe.c"
        source.write_text("#include <Python.h>\nint probe(void) { return 0; }\n", encoding="utf-8")
        try:
            compiler.compile([str(source)], output_dir=tmp, include_dirs=[sysconfig.get_paths()["include"]])
        except (CCompilerError, DistutilsError, OSError) as exc:
            detail = str(exc).strip().splitlines()
            return f"no working C compiler ({detail[-1] if detail else type(exc).__name__})"
    return None


class BuildExtOrFallBack(build_ext):
    """A failed compilation leaves no compiled module behind (a module compiled without
    the group's shared library would not import) and the package stays pure Python."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:   # compiler and linker errors have no common base
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            _warn(f"compiling with mypyc failed ({type(exc).__name__}: {exc})")


# the commands that build modules; metadata-only runs (egg_info, dist_info, sdist) need no
# compiler, and skipping the check there keeps the fallback's warning to one
BUILDING = {"build", "build_ext", "bdist_wheel", "editable_wheel", "develop", "install"}


def ext_modules() -> list:
    if os.environ.get("MINSHENG_IE_PURE_PYTHON") == "1" or not BUILDING & set(sys.argv[1:]):
        return []
    why = _compiler_works()
    if why:
        _warn(why)
        return []
    from mypyc.build import mypycify
    package = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["minsheng_ie"]["compiled"]
    # the package markers stay Python: a compiled __init__ hides its submodules
    compiled = sorted(str(p) for p in Path(package).rglob("*.py") if p.name != "__init__.py")
    extensions = mypycify(["--ignore-missing-imports", *compiled], group_name="minsheng_ie._native")
    digests = {path: hashlib.sha256(Path(path).read_bytes()).hexdigest() for path in compiled}
    Path("build").mkdir(exist_ok=True)
    Path("build/compiled_sources.json").write_text(json.dumps(digests, indent=1), encoding="utf-8")
    return extensions


setup(ext_modules=ext_modules(), cmdclass={"build_ext": BuildExtOrFallBack})
