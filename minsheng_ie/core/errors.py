"""One place for the errors the library raises, so messages stay consistent."""
from __future__ import annotations


class RuleError(ValueError):
    """A rule or lexicon file is invalid. The message names file, rule id and key."""

    def __init__(self, file: str, problems: list[str]):
        self.file = file
        self.problems = problems
        body = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"invalid rule file {file}:\n{body}")


class GoldError(ValueError):
    """A gold or prediction JSONL file is invalid. The message names file, line and key."""

    def __init__(self, file: str, line: int, key: str, message: str):
        self.file, self.line, self.key = file, line, key
        super().__init__(f"{file}:{line}: key '{key}': {message}")


class DocumentError(ValueError):
    """A document could not be read."""


class LimitError(ValueError):
    """An input is past one of the limits that keep a long-lived service bounded (text
    length, document size, rows); the message names the limit and how to raise it.
    docs/limits.md lists them."""
