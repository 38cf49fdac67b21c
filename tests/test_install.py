"""An install never fails for lack of a C compiler: with the compiler hidden (CC=/bin/false)
the package installs as pure Python with one warning, and says so. Installed with
--no-deps and no build isolation into a fresh venv that borrows this one's packages, so it
takes seconds and needs no network."""
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARNING = "installing the pure-Python package instead"


def test_install_without_a_compiler_falls_back_to_pure_python(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", "build", "*.egg-info", "gold", "benchmarks", "tests", "docs", "*.so", "__pycache__", "results"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    # this venv's packages (pip, setuptools, the dependencies) after the new venv's own
    Path(purelib, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MINSHENG_IE_PURE_PYTHON"}
    env.update(CC="/bin/false", CXX="/bin/false", PIP_DISABLE_PIP_VERSION_CHECK="1")
    p = subprocess.run([python, "-m", "pip", "install", "-v", "--no-deps", "--no-build-isolation", str(src)],
                       capture_output=True, text=True, env=env, cwd=tmp_path, timeout=600)
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    log = p.stdout + p.stderr
    assert log.count(WARNING) == 1 and "no working C compiler" in log
    probe = ("import minsheng_ie, json; print(json.dumps([minsheng_ie.__file__, minsheng_ie.build_info(), "
             "[e.value for e in minsheng_ie.extract('已完成87间').entities]]))")
    out = subprocess.run([python, "-c", probe], capture_output=True, text=True, env=env, cwd=tmp_path, check=True)
    import json
    location, info, values = json.loads(out.stdout)
    assert Path(location).is_relative_to(venv)          # the new install, not this one
    assert info["build"] == "pure-python" and info["compiled_modules"] == []
    assert values == [87]
    version = subprocess.run([venv / "bin" / "minsheng-ie", "--version"], capture_output=True, text=True,
                             env=env, cwd=tmp_path, check=True).stdout
    assert "pure Python" in version
