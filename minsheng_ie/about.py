"""The version, and which build of the package runs (compiled or pure Python)."""
from __future__ import annotations

import platform
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from typing import Any

VERSION = "0.1.0"


def build_info() -> dict[str, Any]:
    """`build` is "compiled" when the extraction modules (minsheng_ie/engine) run as the C
    extensions mypyc built at install, else "pure-python" (installed with
    MINSHENG_IE_PURE_PYTHON=1, or without a working C compiler: same results, about half
    the speed)."""
    compiled = sorted(name for name, module in list(sys.modules.items())
                      if name.startswith("minsheng_ie.engine.") and module.__spec__ is not None
                      and str(module.__spec__.origin).endswith(tuple(EXTENSION_SUFFIXES)))
    return {"version": VERSION, "build": "compiled" if compiled else "pure-python",
            "compiled_modules": compiled, "python": platform.python_version()}


def describe() -> str:
    """One line for `minsheng-ie --version`."""
    info = build_info()
    build = (f"compiled with mypyc ({len(info['compiled_modules'])} modules)" if info["build"] == "compiled"
             else "pure Python (no compiled module)")
    return f"minsheng-ie {info['version']}, {build}, Python {info['python']}"
