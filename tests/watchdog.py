"""Run a piece of code in a fresh Python process under a time and memory watchdog.

The child runs `setup` (imports, building the hostile input: not measured), says it is
ready, then runs `case`. From that moment the parent polls the child's resident memory
and CPU time and kills it when the case passes its budget. CPU time measures the work
done whatever else the machine runs; the wall-clock limit (several times the CPU one)
catches a child that blocks without working (a FIFO opened for reading waits forever).

Linux only: it reads /proc.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

_CHILD = '''
import json, sys, time
{setup}
print("READY", flush=True)
def _case():
{case}
_cpu = time.process_time()
_result = _case()
_cpu = time.process_time() - _cpu
print("RESULT " + json.dumps([_cpu, _result], ensure_ascii=False, default=repr), flush=True)
'''


@dataclass
class Outcome:
    status: str            # "ok", "error" (the case raised), "cpu", "wall", "memory" (killed)
    cpu: float             # seconds of CPU the case used
    wall: float
    peak_mb: float         # the child's highest resident memory during the case
    result: object = None  # what the case returned (JSON), when it returned
    stderr: str = ""

    def __str__(self) -> str:
        return (f"{self.status}: {self.cpu:.2f} s CPU, {self.wall:.2f} s wall, peak {self.peak_mb:.0f} MB"
                + (f"\n{self.stderr[-2000:]}" if self.status != "ok" else ""))


def _cpu_and_rss(pid: int) -> tuple[float, float]:
    with open(f"/proc/{pid}/stat", "rb") as fh:
        fields = fh.read().rsplit(b")", 1)[1].split()
    # after the command name: state is field 3, utime 14, stime 15, rss 24 (1-based)
    cpu = (int(fields[11]) + int(fields[12])) / _TICKS
    return cpu, int(fields[21]) * _PAGE / 2 ** 20


def run_guarded(setup: str, case: str, *, cpu_seconds: float = 2.0, megabytes: float = 1024,
                wall_seconds: float | None = None, setup_seconds: float = 120) -> Outcome:
    """Run `case` (the body of a function; its return value comes back as JSON) after
    `setup` in a child process; kill it past `cpu_seconds` of CPU, `wall_seconds` of
    wall time (default 5 × cpu_seconds) or `megabytes` of resident memory."""
    wall_seconds = wall_seconds or 5 * cpu_seconds
    src = _CHILD.format(setup=textwrap.dedent(setup), case=textwrap.indent(textwrap.dedent(case), "    "))
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # stderr to a file: a long traceback must not fill a pipe nobody reads and block the child
    errfile = tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace")
    script = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".py", delete=False)
    with script:
        script.write(src)
    proc = subprocess.Popen([sys.executable, script.name], stdout=subprocess.PIPE, stderr=errfile,
                            text=True, encoding="utf-8", errors="replace", env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        timer = threading.Timer(setup_seconds, proc.kill)   # a setup that hangs
        timer.start()
        line = proc.stdout.readline()
        timer.cancel()
        if line.strip() != "READY":
            proc.kill()
            proc.communicate()
            raise RuntimeError(f"the watchdog's child failed during setup: {line}\n{_read(errfile)}")
        cpu0, _ = _cpu_and_rss(proc.pid)
        t0 = time.monotonic()
        cpu, peak, status = cpu0, 0.0, "ok"
        while proc.poll() is None:
            try:
                cpu, rss = _cpu_and_rss(proc.pid)
            except (FileNotFoundError, ProcessLookupError, IndexError):
                break
            peak = max(peak, rss)
            if rss > megabytes:
                status = "memory"
            elif cpu - cpu0 > cpu_seconds:
                status = "cpu"
            elif time.monotonic() - t0 > wall_seconds:
                status = "wall"
            if status != "ok":
                proc.kill()
                break
            time.sleep(0.01)
        wall = time.monotonic() - t0
        out, _ = proc.communicate()
        err = _read(errfile)
        used, result = cpu - cpu0, None
        for ln in out.splitlines():
            if ln.startswith("RESULT "):
                used, result = json.loads(ln[7:])   # the child's own count, to the end
        if status == "ok" and not any(ln.startswith("RESULT ") for ln in out.splitlines()):
            status = "error"
        return Outcome(status, used, wall, peak, result, err)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        errfile.close()
        os.unlink(script.name)


def _read(fh) -> str:
    fh.seek(0)
    return fh.read()

