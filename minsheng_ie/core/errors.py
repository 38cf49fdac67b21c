"""One place for the errors the library raises, so messages stay consistent."""
from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True)
class TextFailure:
    """In a batch's results, in place of the Extraction of a text that could not be
    extracted: its position, the text, and why (a worker died or took too long twice, or
    extract() raised)."""
    index: int
    text: str
    reason: str


class BatchError(RuntimeError):
    """extract_many() could not extract some texts. `results` has every text's result in
    order, a TextFailure in place of each failed one; `failures` lists those."""

    def __init__(self, results: list, failures: list[TextFailure]):
        self.results = results
        self.failures = failures
        first = failures[0]
        super().__init__(f"{len(failures)} of {len(results)} texts could not be extracted "
                         f"(first: text {first.index}: {first.reason}); the others are in .results")
