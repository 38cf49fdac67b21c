"""Benchmarks print their tables at the end of the run (pytest -q benchmarks/)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
_reports: list[str] = []


def add_report(text: str) -> None:
    _reports.append(text)


def pytest_terminal_summary(terminalreporter):
    for text in _reports:
        terminalreporter.write_line("")
        for line in text.splitlines():
            terminalreporter.write_line(line)
