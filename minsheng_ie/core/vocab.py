"""One source of truth for the names the rules, the code and the gold share."""
from __future__ import annotations

# Entity labels (ANNOTATION.md), and VETO: a rule label whose matches block others.
LABELS = ("QUANTITY", "PERCENT", "DATE", "DEADLINE", "ORG")
# Rule labels besides the entity labels: VETO rules' matches block others; SUBJECT rules'
# matches attach a subject (and a kind) to the entity their `figure` step took.
ATTACH_LABELS = ("SUBJECT",)
RULE_LABELS = LABELS + ("VETO",) + ATTACH_LABELS

# Figures: the labels that carry `subject` (a span or null) and may carry `kind`.
FIGURE_LABELS = ("QUANTITY", "PERCENT")
KINDS = ("completion",)

# What a text unit is (GOLD_FORMAT.md), plus the fields a report table has besides.
FIELDS = ("name", "target", "progress", "deadline", "responsible", "support", "status", "problem",
          "plan", "rate", "leader", "text")

ROLES = ("lead", "support", "mention")

# What a unit measures (the `dimension` of every `unit` lexicon entry, checked at load).
# 度 is `degree`: a kWh of electricity (用电10度) or a degree of heat or angle.
DIMENSIONS = ("count", "money", "ratio", "length", "area", "volume", "mass", "duration", "age",
              "temperature", "degree", "energy", "power", "voltage", "current", "frequency",
              "pressure", "sound", "data", "speed")
COMPARATORS = (">=", ">", "<=", "<", "~", "=")

# Attributes each label carries, in the gold format's order.
LABEL_ATTRS: dict[str, tuple[str, ...]] = {
    "QUANTITY": ("unit", "value_max", "comparator"),
    "PERCENT": ("points", "comparator", "value_max"),
    "DATE": (),
    "DEADLINE": (),
    "ORG": ("role",),
}


def same_value(a: object, b: object) -> bool:
    """Equal, numbers within a relative 1e-9 (values go through Decimal and JSON floats)."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return a == b
