"""Build step: the modules on the extraction path are compiled to C with mypyc.

The metadata is in pyproject.toml, and so is the compiled package ([tool.minsheng_ie]
compiled: every module of minsheng_ie/engine but the package markers): the same Python source, type-checked by
mypy and compiled, about twice as fast. MINSHENG_IE_PURE_PYTHON=1 installs the pure-Python
package instead, with no C compiler. After editing a compiled module, run
`pip install -e .` again: tests/test_build.py fails until then, comparing the sources
with the digests this build writes to build/compiled_sources.json.
"""
import hashlib
import json
import os
import tomllib
from pathlib import Path

from setuptools import setup


def ext_modules() -> list:
    if os.environ.get("MINSHENG_IE_PURE_PYTHON") == "1":
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


setup(ext_modules=ext_modules())
