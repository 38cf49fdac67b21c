"""A report you can look at: one self-contained HTML page (no script, no network, no
external asset) with the document's text, every entity highlighted by label (hover for
value, unit, comparator, role, subject and rule id), and a table of its items: targets,
progress, deadline, lead units and, given item facts, each indicator's completion as a
bar and its status as a colour."""
from __future__ import annotations

import json
from html import escape
from typing import Any, Iterable, Protocol, Sequence

from ..core.entities import Entity, Extraction
from .model import Document, Item, Unit

# One colour per label: the page, its legend and spaCy's displaCy use the same.
LABEL_COLORS = {"QUANTITY": "#8fd3ff", "PERCENT": "#ffd27f", "DATE": "#c3e88d",
                "DEADLINE": "#ff9e9e", "ORG": "#d7b8ff"}
STATUS_COLORS = {"done": "#2e7d32", "on_track": "#1565c0", "behind": "#c62828", "unknown": "#9e9e9e"}
# shown on hover, when set
_DETAILS = ("value", "unit", "value_max", "comparator", "points", "role", "subject", "canonical", "rule")

# (selector, declarations), each scoped to the view's own <div class="msie">: in a page
# or in a Jupyter notebook, the view styles nothing around it
_RULES = [
    ("", 'font:15px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px auto;'
         "max-width:1100px;color:#222;padding:0 16px"),
    ("h1", "font-size:22px;margin:0 0 4px"),
    ("h2", "font-size:18px;margin:28px 0 8px;border-bottom:1px solid #ddd"),
    (".meta", "color:#666;margin:0 0 8px"), (".legend span", "margin-right:8px"),
    ("mark.ent", "border-radius:3px;padding:0 2px;color:inherit;cursor:help"),
    *((f"mark.{label}", f"background:{color}") for label, color in LABEL_COLORS.items()),
    ("pre.doc", "white-space:pre-wrap;tab-size:2;word-break:break-all;background:#fafafa;border:1px solid #eee;"
                "padding:12px;font:inherit"),
    ("table", "border-collapse:collapse;width:100%"),
    ("th,td", "border:1px solid #ddd;padding:4px 6px;vertical-align:top;text-align:left"),
    ("th", "background:#f3f3f3"), ("tr.section th", "background:#e8eef7"),
    ("td.num,td.date", "text-align:right;white-space:nowrap"),
    (".bar", "display:inline-block;width:120px;height:12px;background:#eee;border-radius:6px;overflow:hidden;"
             "vertical-align:middle"),
    (".bar span", "display:block;height:100%"),
    (".status", "display:inline-block;color:#fff;border-radius:8px;padding:0 7px;font-size:12px;white-space:nowrap"),
]
_CSS = "\n".join(
    (".msie" if not sel else ",".join(f".msie {part}" for part in sel.split(","))) + "{" + decl + "}"
    for sel, decl in _RULES)


class ItemView(Protocol):
    """What the table shows of an item (documents.extraction.ItemFacts is one)."""
    item: Item

    @property
    def targets(self) -> list[Entity]: ...
    @property
    def progress(self) -> list[Entity]: ...
    @property
    def deadlines(self) -> list[Entity]: ...
    @property
    def lead_units(self) -> list[str]: ...


def _tip(e: Entity) -> str:
    parts = [e.label]
    for key in _DETAILS:
        v = getattr(e, key, None)
        if v is not None and v is not False:
            parts.append(f"{key}: {json.dumps(v, ensure_ascii=False) if key == 'value' else v}")
    return " · ".join(parts)


def _mark(e: Entity, text: str) -> str:
    return (f'<mark class="ent {e.label}" data-label="{e.label}" data-rule="{escape(e.rule)}" '
            f'title="{escape(_tip(e))}">{escape(text)}</mark>')


def _highlighted(text: str, spans: Iterable[tuple[int, Entity]]) -> str:
    """`text` with each entity (at `offset` + its start) marked; an entity overlapping
    one already marked is left out (units of a document never overlap: none is)."""
    out: list[str] = []
    pos = 0
    for offset, e in sorted(spans, key=lambda p: (p[0] + p[1].start, -p[1].end)):
        start, end = offset + e.start, offset + e.end
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(_mark(e, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def _chips(entities: Sequence[Entity]) -> str:
    return " ".join(_mark(e, e.text) for e in entities)


def _status(status: str | None) -> str:
    s = status or "unknown"
    return f'<span class="status {escape(s)}" style="background:{STATUS_COLORS.get(s, "#9e9e9e")}">{escape(s)}</span>'


def _bar(completion: float | None) -> str:
    if completion is None:
        return ""
    width = max(0.0, min(1.0, completion)) * 100
    color = STATUS_COLORS["done"] if completion >= 1 else STATUS_COLORS["on_track"]
    return (f'<span class="bar" title="{completion:.1%}"><span style="width:{width:.1f}%;background:{color}">'
            f'</span></span> {completion:.1%}')


def _indicators(facts: Any) -> str:
    """The indicators of one item's facts (ITEMS.md's Python contract), one line each: the
    target figure and the progress figure linked to it, completion, status."""
    lines = []
    for ind in facts.indicators:
        completion = ind.completion if ind.completion is not None else ind.stated_completion
        met = "" if ind.met is None else (" met" if ind.met else " not met")
        lines.append(f'<div class="indicator">{escape(ind.subject or "")} {escape(ind.unit or "")} '
                     f"{_link(ind)}{_bar(completion)}{met} {_status(ind.status)}</div>")
    return "".join(lines)


def _link(ind: Any) -> str:
    """target ← progress, as the figures' texts (Figure.entity), when the facts have them."""
    target, progress = getattr(ind, "target", None), getattr(ind, "progress", None)
    if target is None and not progress:
        return ""
    left = escape(target.entity.text) if target is not None else "–"
    right = escape(progress[0].entity.text) if progress else "–"
    return f'<span class="link">{left} ← {right}</span> '


def _item_rows(items: Sequence[ItemView], facts: Sequence[Any] | None) -> str:
    rows = []
    width = 7 if facts is not None else 6
    section = None
    for k, it in enumerate(items):
        if it.item.section and it.item.section != section:   # a section heading row
            section = it.item.section
            rows.append(f'<tr class="section"><th colspan="{width}">{escape(section)}</th></tr>')
        deadline = max((str(e.value) for e in it.deadlines if e.value), default="")
        cells = [f'<td class="num">{escape(it.item.number)}</td>', f"<td>{escape(it.item.name or '')}</td>",
                 f"<td>{_chips(it.targets)}</td>", f"<td>{_chips(it.progress)}</td>",
                 f'<td class="date">{escape(deadline)}</td>', f"<td>{escape('、'.join(it.lead_units))}</td>"]
        if facts is not None:   # None for an item with nothing to assess
            fk = facts[k]
            cells.append(f"<td>{_status(fk.status)}{_indicators(fk)}</td>" if fk is not None else "<td></td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(rows)


def to_html(doc: Document, units: Sequence[tuple[Unit, Extraction]], items: Sequence[ItemView],
            facts: Sequence[Any] | None = None, page: bool = True) -> str:
    """The page for one document (`page=False`: the view alone, for embedding in a page
    or a notebook): `units` are its text units with their extractions, `items` its items. `facts`, when given, has one item-facts object (or None) per item
    (ITEMS.md: `.status`, `.indicators` with subject, unit, target, progress, completion,
    stated_completion, met, status)."""
    if facts is not None and len(facts) != len(items):
        raise ValueError(f"got item facts for {len(facts)} items, the document has {len(items)}")
    spans = [(unit.start, e) for unit, r in units for e in r.entities]
    counts = {label: sum(1 for _, e in spans if e.label == label) for label in LABEL_COLORS}
    title = doc.title or doc.name
    legend = " ".join(f'<span><mark class="ent {label}">{label}</mark> {counts[label]}</span>'
                      for label in LABEL_COLORS)
    header = ["№", "item", "targets", "progress", "deadline", "lead units"] + (["status"] if facts is not None else [])
    body = f"""<div class="msie"><style>{_CSS}</style>
<h1>{escape(title)}</h1>
<p class="meta">{escape(doc.name)} · layout {escape(doc.layout)} · ref_date {doc.ref_date or "none"} · {len(items)} items · {len(spans)} entities</p>
<p class="legend">{legend}</p>
<h2>Items</h2>
<table id="items"><thead><tr>{"".join(f"<th>{h}</th>" for h in header)}</tr></thead>
<tbody>
{_item_rows(items, facts)}
</tbody></table>
<h2>Text</h2>
<pre class="doc" id="text">{_highlighted(doc.text, spans)}</pre>
</div>"""
    if not page:
        return body
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{escape(title)}</title></head>
<body>
{body}
</body></html>
"""
