"""The package is in layers, each importing only from the layers below it, with no import
cycle — function-local imports included (docs/architecture.md draws the picture)."""
import ast
from pathlib import Path

import minsheng_ie

PACKAGE = Path(minsheng_ie.__file__).resolve().parent

# Bottom to top. Packages on one row are siblings: neither imports the other. "" is the
# public surface: the modules at the root of the package.
LAYERS = [
    ("core",),
    ("engine",),
    ("loading",),
    ("documents", "evaluation"),
    ("facts",),
    ("",),
]
RANK = {pkg: (level, pkg) for level, row in enumerate(LAYERS) for pkg in row}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(("minsheng_ie",) + parts)] = path
    return out


MODULES = _modules()


def _package_of(module: str) -> str:
    parts = module.split(".")
    # the root's own modules (minsheng_ie.cli) and the root itself are the public surface
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and MODULES.get(module, Path()).name == "__init__.py") else ""


def _imports(module: str, path: Path) -> set[str]:
    """Every minsheng_ie module `module` imports, wherever the import statement stands."""
    is_pkg = path.name == "__init__.py"
    base = module.split(".") if is_pkg else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                prefix = base[:len(base) - node.level + 1]
                target = ".".join(prefix + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from .pkg import module` imports the module when there is one
            names = [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]
        else:
            continue
        found |= {n for n in names if n == "minsheng_ie" or n.startswith("minsheng_ie.")}
    return {n for n in found if n in MODULES}


GRAPH = {m: _imports(m, p) - {m} for m, p in MODULES.items()}


def test_every_module_sits_in_a_layer():
    assert {_package_of(m) for m in MODULES} <= set(RANK), "a package with no layer: add it to LAYERS"


def test_imports_go_down():
    wrong = []
    for module, targets in GRAPH.items():
        here = _package_of(module)
        for target in targets:
            there = _package_of(target)
            if there == here:
                continue
            if RANK[there][0] >= RANK[here][0]:
                wrong.append(f"{module} imports {target} ({there or 'root'} is not below {here or 'root'})")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for t in sorted(GRAPH[m]):
            if state.get(t) == 1:
                return stack[stack.index(t):] + [t]
            if t not in state:
                found = visit(t)
                if found:
                    return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(GRAPH):
        if m not in state:
            cycle = visit(m)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_walk_sees_imports():
    # the test would pass vacuously if it found no edges: check a few it must find
    assert "minsheng_ie.engine.pipeline" in GRAPH["minsheng_ie.extractor"]
    assert "minsheng_ie.core.entities" in GRAPH["minsheng_ie.engine.pipeline"]
    assert "minsheng_ie.engine.normalize" in GRAPH["minsheng_ie.loading.lexicons"]
