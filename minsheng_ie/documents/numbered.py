"""Numbered reports: items found from numbering markers, sections told apart from items.

Marker lines form an outline: a scheme met for the first time opens a level under the
current one, a scheme met again closes the levels below it (一、 › （一） › 1. › (1)).
The items are the markers of one scheme:
  - where the report has labels (目标任务：, 牵头单位：…), the scheme whose markers own them;
  - else the deepest scheme with two markers or more.
Markers above the items are sections (一、教育 holds items 1. 2. …): an item's section is
its nearest one. Where item numbers restart in every section, the number keeps the
section's number (section 二, item 1 → "2.1"). A heading that names problems or plans
(三、存在问题, 四、下一步打算) holds no items; a line with a label inside (1.项目甲〔问题〕…)
is an item with a labelled field, not such a heading.

An item's first line gives its name — up to a label, a bracket of labels, the first 。,
a short name's colon (创业就业工程：…), or a trailing list of units after a comma
(技能培训提升，区人社局、退役军人事务局) — then its fields (labels.py). The lines after it,
up to the next marker of its level or above, are its body. Lines that close the report
(a signature, a date, 附件, a paragraph on next steps — 下一步，… — when the items have
none of their own) after the last item are not part of it; a line that opens with a label
(【责任单位】县水利局) never closes it."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .headers import body_field, header_field, label_field, label_pattern
from .labels import add_fields, groups
from .model import Item, Unit, make_unit
from .numbering import Marker, marker
from .orgs import looks_like_orgs

_CLOSING = re.compile(r"^(?:(?:抄送|主送|附件|联系人|联系电话|\(此件).*|.{0,30}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(?:印发|发布)?)$")
# a paragraph on the report's next steps (下一步，各单位要…) after the last item closes the report
_CLOSING_CUE = re.compile(r"^(?:下一步|下步)")
_CLOSING_ORG = re.compile(r"^[^,.;:。，；：、]{2,20}(?:政府|办公室|办|局|委员会|委|中心|小组|指挥部)$")


@dataclass
class _Node:
    line: int                      # index into the line list
    marker: Marker
    depth: int
    parent: "_Node | None"
    excluded: bool = False         # under a problem/plan heading
    children: list["_Node"] = field(default_factory=list)


@dataclass
class NumberedItems:
    items: list[Item]
    front: list[Unit]


def _heading(text: str, line: tuple[int, int], m: Marker) -> str:
    return text[line[0] + m.end:line[1]].strip().rstrip(":：。")


def _names(norm: str, line: tuple[int, int], m: Marker) -> str | None:
    """The field a marker line's heading names (二、存在问题 → problem); a line that holds a
    label names that label's field when it opens with it, else none (1.项目甲〔问题〕…, an item
    with a labelled field)."""
    s, e = line[0] + m.end, line[1]
    label = label_pattern().search(norm, s, e)
    if label is None:
        return header_field(_heading(norm, line, m))
    return label_field(label) if not norm[s:label.start()].strip() else None


def _outline(norm: str, lines: list[tuple[int, int]]) -> list[_Node]:
    nodes: list[_Node] = []
    stack: list[_Node] = []
    for i, (s, e) in enumerate(lines):
        m = marker(norm[s:e])
        if m is None:
            continue
        if any(n.marker.scheme == m.scheme for n in stack):
            while stack.pop().marker.scheme != m.scheme:
                pass
        parent = stack[-1] if stack else None
        node = _Node(i, m, len(stack), parent)
        node.excluded = parent is not None and parent.excluded or _names(norm, (s, e), m) in ("problem", "plan")
        if parent is not None:
            parent.children.append(node)
        stack.append(node)
        nodes.append(node)
    return nodes


def _item_scheme(norm: str, lines: list[tuple[int, int]], nodes: list[_Node]) -> str | None:
    owners: Counter[str] = Counter()
    at = {n.line: n for n in nodes}
    current: _Node | None = None
    for i, (s, e) in enumerate(lines):
        current = at.get(i, current)
        if current is not None and not current.excluded and label_pattern().search(norm, s, e):
            owners[current.marker.scheme] += 1
    if owners:
        return owners.most_common(1)[0][0]
    counts = Counter(n.marker.scheme for n in nodes if not n.excluded)
    if not counts:
        return None
    depth: dict[str, int] = {}
    for n in nodes:
        if not n.excluded:
            depth[n.marker.scheme] = max(depth.get(n.marker.scheme, 0), n.depth)
    return max(counts, key=lambda s: (counts[s] >= 2, depth[s], counts[s]))


def _closing_start(norm: str, lines: list[tuple[int, int]], first: int, after: int) -> int:
    """The first line after line `after` that closes the report: a signature, a date, 附件, or
    a paragraph on next steps (下一步，…) when no item from line `first` on has one of its
    own — not a line that opens with a label (【责任单位】市水利局), nor the value of a label
    left alone on the line before (牵头单位： / 县水利局)."""
    cue_closes = not any(_CLOSING_CUE.match(norm[s:e].strip()) for s, e in lines[first:after + 1])
    for i in range(after + 1, len(lines)):
        s, e = lines[i]
        t = norm[s:e].strip()
        closes = _CLOSING.match(t) or _CLOSING_ORG.match(t) or cue_closes and _CLOSING_CUE.match(t)
        if closes and not label_pattern().match(t) and not _ends_with_label(norm, lines[i - 1]):
            return i
    return len(lines)


def _ends_with_label(norm: str, line: tuple[int, int]) -> bool:
    """A line that ends with a label and no value: its value is on the next line."""
    last = None
    for last in label_pattern().finditer(norm, *line):
        pass
    return last is not None and not norm[last.end():line[1]].strip()


def _labelled(norm: str, lines: list[tuple[int, int]]) -> dict[str, int]:
    """The fields an item's lines give by label, each with where its first label starts."""
    out: dict[str, int] = {}
    for s, e in lines:
        for m in label_pattern().finditer(norm, s, e):
            out.setdefault(label_field(m) or "text", m.start())
    return out


def read_numbered(text: str, norm: str, lines: list[tuple[int, int]]) -> NumberedItems:
    lines = [(s, e) for s, e in lines if text[s:e].strip()]
    nodes = _outline(norm, lines)
    scheme = _item_scheme(norm, lines, nodes)
    item_nodes = [n for n in nodes if n.marker.scheme == scheme and not n.excluded]
    if not item_nodes:
        return NumberedItems([], [u for s, e in lines if (u := make_unit(text, "text", s, e))])
    closing = _closing_start(norm, lines, item_nodes[0].line, nodes[-1].line)
    next_stop = {}
    for k, n in enumerate(nodes):
        nxt = next((m.line for m in nodes[k + 1:] if m.depth <= n.depth or m.excluded), closing)
        next_stop[n.line] = min(nxt, closing)
    doc_cue = _doc_cue(norm, lines, item_nodes[0].line)
    used: set[int] = set()
    items: list[Item] = []
    restart = len({n.marker.value for n in item_nodes}) < len(item_nodes)
    for n in item_nodes:
        s, e = lines[n.line]
        number = n.marker.value
        if restart and n.parent is not None:
            number = f"{n.parent.marker.value}.{number}"
        item = Item(number, None)
        if n.parent is not None:
            item.section = _heading(text, lines[n.parent.line], n.parent.marker) or None
        implicit = _implicit(norm, lines, n) or doc_cue
        labelled = _labelled(norm, lines[n.line:next_stop[n.line]])
        pending = _read_head(item, text, norm, s + n.marker.end, e, implicit, "responsible" in labelled)
        used.add(n.line)
        for i in range(n.line + 1, next_stop[n.line]):
            bs, be = lines[i]
            pending = add_fields(item, text, norm, bs, be, pending or implicit, continues=pending is None)
            used.add(i)
        if "progress" in labelled:
            _content_before_progress(item, implicit, labelled["progress"])
        items.append(item)
    front = [u for i, (s, e) in enumerate(lines) if i not in used and (u := make_unit(text, "text", s, e))]
    return NumberedItems(items, front)


def _implicit(norm: str, lines: list[tuple[int, int]], node: _Node) -> str | None:
    p = node.parent
    while p is not None:
        f = body_field(_heading(norm, lines[p.line], p.marker))
        if f:
            return f
        p = p.parent
    return None


def _doc_cue(norm: str, lines: list[tuple[int, int]], first_item: int) -> str:
    """What unlabelled item text is, by the nearest line before the items that says."""
    for i in range(first_item - 1, -1, -1):
        f = body_field(norm[lines[i][0]:lines[i][1]])
        if f:
            return f
    return "text"


def _content_before_progress(item: Item, implicit: str, at: int) -> None:
    """Unlabelled text before an item's labelled progress says what the item is to do
    (①幼儿园项目：建筑面积7000平方米。进展情况：…): it is the item's target."""
    if implicit in ("progress", "text"):
        item.fields = [Unit("target", u.text, u.start, u.end) if u.field == implicit and not u.nested
                       and u.start < at else u for u in item.fields]


def _read_head(item: Item, text: str, norm: str, a: int, b: int, implicit: str, units_labelled: bool) -> str | None:
    """The item's first line after its marker: its name, then its fields (returns a label
    left without its value, as add_fields does). `units_labelled`: the item names its units
    by label (牵头单位：), so a bracket of bare units in the name line is part of the name
    (乡镇污水处理设施建设（八公山乡污水处理站）)."""
    cuts = []
    label = label_pattern().search(norm, a, b)
    if label:
        cuts.append(label.start())
    brackets = [g for g in groups(norm, a, b) if not (units_labelled and g.bare)]
    if brackets:
        cuts.append(brackets[0].start)
    stop = norm.find("。", a, b)
    if stop >= 0:
        cuts.append(stop)
    colon = norm.find(":", a, b)
    if 0 <= colon - a <= 40 and not (label and label.start() <= colon < label.end()):
        cuts.append(colon)
    if cuts:
        name_end = min(cuts)
    else:
        comma = max(norm.rfind(",", a, b), norm.rfind("，", a, b))
        if comma >= 0 and looks_like_orgs(norm[comma + 1:b]):
            item.add(make_unit(text, "name", a, comma))
            item.add(make_unit(text, "responsible", comma + 1, b))
            return None
        name_end = b
    end = name_end
    while end > a and norm[end - 1] in " ,，;；、":
        end -= 1
    item.add(make_unit(text, "name", a, end))
    return add_fields(item, text, norm, name_end, b, implicit)
