"""The modules of the package pyproject.toml names as compiled are compiled (unless the package was
installed with MINSHENG_IE_PURE_PYTHON=1), and in a work tree none was edited since it
was built: an edited module needs `pip install -e .` again, or its old build still runs."""
import hashlib
import importlib
import json
import os
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["minsheng_ie"]["compiled"]
COMPILED = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / PACKAGE).rglob("*.py") if p.name != "__init__.py")
BUILT = ROOT / "build" / "compiled_sources.json"
PURE = os.environ.get("MINSHENG_IE_PURE_PYTHON") == "1"


@pytest.mark.parametrize("path", COMPILED)
def test_compiled_module_is_in_use_and_current(path):
    module = importlib.import_module(path.removesuffix(".py").replace("/", "."))
    origin = Path(module.__spec__.origin)
    compiled = any(origin.name.endswith(s) for s in EXTENSION_SUFFIXES)
    if PURE:
        assert not compiled, f"{path} is compiled although MINSHENG_IE_PURE_PYTHON=1"
        return
    assert compiled, (f"{path} runs as Python source: install with `pip install -e .` "
                      f"(a C compiler is needed; MINSHENG_IE_PURE_PYTHON=1 installs without one)")
    source = ROOT / path
    if origin.parent == source.parent:   # an editable install: the build runs this tree's source
        built = json.loads(BUILT.read_text(encoding="utf-8")) if BUILT.exists() else {}
        assert built.get(path) == hashlib.sha256(source.read_bytes()).hexdigest(), (
            f"{path} was edited after it was compiled: run `pip install -e .` again")
