"""The HTML view: its structure, checked by parsing it, and how it looks, checked in
headless Chromium (a PNG screenshot that is not blank and shows the label colours, and no
console message)."""
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import minsheng_ie
from minsheng_ie.cli import main
from minsheng_ie.documents.view import LABEL_COLORS

from .conftest import GOLD

SEED = next(GOLD.glob("000_*.txt"))


class _Page(HTMLParser):
    """The marks (text, attributes), table rows, and every tag and attribute seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.marks, self.rows, self.tags, self.attrs = [], 0, set(), []
        self._mark = None
        self.text_parts, self._in_text = [], False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs
        a = dict(attrs)
        if tag == "mark" and "data-label" in a:
            self._mark = [a, ""]
        if tag == "tr":
            self.rows += 1
        if tag == "pre" and a.get("id") == "text":
            self._in_text = True

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark:
            self.marks.append((self._mark[1], self._mark[0], self._in_text))
            self._mark = None
        if tag == "pre":
            self._in_text = False

    def handle_data(self, data):
        if self._mark:
            self._mark[1] += data
        if self._in_text:
            self.text_parts.append(data)


def _parse(html):
    p = _Page()
    p.feed(html)
    return p


def test_structure_every_entity_highlighted_with_its_details():
    result = minsheng_ie.extract_document(SEED)
    page = _parse(result.to_html())
    # the text is there exactly, character for character
    assert "".join(page.text_parts) == result.document.text
    in_text = [(t, a) for t, a, inside in page.marks if inside]
    want = [e for _, u, r in result.front + [f for it in result.items for f in it.fields] for e in r.entities]
    assert len(in_text) == len(want) > 50
    by_text = sorted((e.text, e.label, e.rule) for e in want)
    assert sorted((t, a["data-label"], a["data-rule"]) for t, a in in_text) == by_text
    for text, a in in_text:
        assert a["title"].startswith(a["data-label"]) and f"rule: {a['data-rule']}" in a["title"]
    q = next(a for t, a in in_text if t == "429间")
    assert "value: 429" in q["title"] and "unit: 间" in q["title"]
    lead = next(a for t, a in in_text if a["data-label"] == "ORG")
    assert "role: lead" in lead["title"]
    # one row per item under the header
    assert page.rows == 1 + len(result.items)


def test_self_contained():
    html = minsheng_ie.extract_document(SEED).to_html()
    page = _parse(html)
    assert not page.tags & {"script", "link", "img", "iframe", "object", "embed", "video", "audio"}
    assert not [k for k, _ in page.attrs if k in ("src", "href", "srcset", "action")]
    assert "url(" not in html and "@import" not in html and "http" not in html.replace("http-equiv", "")


def test_text_is_escaped():
    doc = minsheng_ie.read_text("<b>新建</b>幼儿园15所 & 已完成87间", name="x")
    page = _parse(minsheng_ie.extract_document(doc).to_html())
    assert "".join(page.text_parts) == doc.text
    assert "b" not in page.tags


def test_cli_view_writes_the_page(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["view", str(SEED), "-o", str(out)]) == 0
    result = minsheng_ie.extract_document(SEED)
    facts = [f for _, f in minsheng_ie.document_facts(result).items]
    html = out.read_text(encoding="utf-8")
    assert html == result.to_html(facts)
    # seed 000, item 2 (ITEMS.md's example): target 剩余429间 answered by 已完成87间
    row = next(r for r in html.split("<tr>") if r.startswith('<td class="num">2</td>'))
    assert "429间 ← 87间" in row and f"{87 / 429:.1%}" in row and ">on_track<" in row
    assert main(["view", "--sample"]) == 0
    assert "<!DOCTYPE html>" in capsys.readouterr().out
    assert main(["view"]) == 2


def test_sections_head_their_items():
    text = "一、教育\n1. 新建幼儿园15所\n2. 改造校舍30间\n二、医疗\n3. 新建卫生室12个\n"
    result = minsheng_ie.extract_document(minsheng_ie.read_text(text, name="s"))
    sections = [it.item.section for it in result.items]
    html = result.to_html()
    for name in dict.fromkeys(s for s in sections if s):
        assert html.count(f'<th colspan="6">{name}</th>') == 1
    assert _parse(html).rows == 1 + len(result.items) + len({s for s in sections if s})


def test_jupyter_repr_is_the_view_styled_within_itself():
    result = minsheng_ie.extract_document(SEED)
    fragment = result._repr_html_()
    assert fragment.startswith('<div class="msie">') and fragment in result.to_html()
    assert "<html" not in fragment and "<body" not in fragment
    css = fragment[fragment.index("<style>") + 7:fragment.index("</style>")]
    rules = [r.split("{")[0] for r in css.split("}") if r.strip()]
    assert all(sel.strip().startswith(".msie") for rule in rules for sel in rule.split(","))


# ----------------------------------------------------------------- in a browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]


def _browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it (apt-get install chromium)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    return CHROMIUM


def screenshot(page: Path, png: Path, tmp: Path, size=(1200, 1500)) -> list[str]:
    """Render `page` to `png` in a fresh profile; the console messages it logged. With
    --enable-logging=stderr, Chromium writes each console message of the page as one
    `…:CONSOLE(…)` line on stderr."""
    profile = tmp / "profile"
    p = subprocess.run([_browser(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
                        f"--screenshot={png}", page.as_uri()],
                       capture_output=True, text=True, timeout=120)
    assert png.exists(), p.stderr[-2000:]
    return [ln for ln in p.stderr.splitlines() if re.search(r":CONSOLE\b", ln)]


def test_the_console_check_sees_errors(tmp_path):
    """The check below would pass vacuously if console messages never reached us."""
    page = tmp_path / "bad.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>console.error('boom'); nosuchfunction();</script>",
                    encoding="utf-8")
    console = screenshot(page, tmp_path / "bad.png", tmp_path)
    assert any("boom" in ln for ln in console) and any("nosuchfunction" in ln for ln in console)


def test_renders_in_chromium(tmp_path):
    from PIL import Image
    page, png = tmp_path / "report.html", tmp_path / "report.png"
    assert main(["view", str(SEED), "-o", str(page)]) == 0
    console = screenshot(page, png, tmp_path)
    assert console == []
    img = Image.open(png).convert("RGB")
    assert img.size == (1200, 1500)
    colours = img.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50                      # not blank
    counts = {rgb: n for n, rgb in colours}
    assert max(counts.values()) < 0.95 * img.size[0] * img.size[1]        # not one colour
    # every label's highlight colour is painted (the view's own colours, so it rendered)
    for label, hex_colour in LABEL_COLORS.items():
        rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        assert counts.get(rgb, 0) > 100, f"no {label} highlight in the screenshot"


def test_item_facts_as_bars_and_status_colours():
    """Given item facts (ITEMS.md's contract: .status, .indicators with subject, unit,
    completion, stated_completion, met, status), each indicator is a bar and a status."""
    from types import SimpleNamespace as NS
    from minsheng_ie.documents.view import STATUS_COLORS
    result = minsheng_ie.extract_document(SEED)
    facts = [NS(status="unknown", indicators=[]) for _ in result.items]
    facts[1] = NS(status="on_track", indicators=[NS(subject="考场", unit="间", completion=0.2028,
                                                     stated_completion=None, met=None, status="on_track")])
    facts[7] = NS(status="behind", indicators=[
        NS(subject="贷款", unit="元", completion=None, stated_completion=0.2285, met=None, status="behind"),
        NS(subject="失业率", unit="%", completion=None, stated_completion=None, met=True, status="done")])
    html = result.to_html(facts)
    page = _parse(html)
    assert page.rows == 1 + len(result.items)
    assert 'style="width:20.3%' in html and 'style="width:22.9%' in html        # the bars
    assert "20.3%" in html and " met " in html
    for status in ("on_track", "behind", "done", "unknown"):
        assert f'class="status {status}" style="background:{STATUS_COLORS[status]}"' in html
    with pytest.raises(ValueError, match="item facts for 2 items"):
        result.to_html(facts[:2])
