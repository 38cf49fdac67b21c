"""Bad and adversarial input: clear errors, no hangs, the same answers from many threads."""
import signal
import threading
from contextlib import contextmanager

import pytest

import minsheng_ie
from minsheng_ie import extractor as extractor_module

from .conftest import GOLD


@contextmanager
def hang_detector(seconds=120):
    """A generous limit that only catches a hang; it is not a speed claim."""
    def boom(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s: probable hang")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


ADVERSARIAL = {
    "long_digit_run": "1" * 200_000,
    "dotted_chain": "1." * 50_000,
    "comma_chain": "1,000" * 20_000,
    "wan_run": "万" * 100_000,
    "year_run": "年" * 100_000,
    "dash_chain": "-" * 100_000,
    "numeral_run": "一二三四五六七八九十百千万亿" * 10_000,
    "digits_and_units": "1年" * 50_000,
    "quotes": "“" * 50_000 + "”" * 50_000,
    "nested_brackets": "(" * 50_000 + "局" + ")" * 50_000,
    "agency_chain": "区教育局、" * 20_000,
    "spaces_in_numbers": "1 000 " * 30_000,
    "percent_chain": "5%-" * 30_000,
    "range_chain": "3-4-5-6-7个" * 20_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_finish(name):
    text = ADVERSARIAL[name]
    with hang_detector():
        r = minsheng_ie.extract(text, ref_date="2024-01-01")
    assert all(text[e.start:e.end] == e.text for e in r.entities)


def test_huge_numeral_is_not_a_value():
    r = minsheng_ie.extract("9" * 5000 + "元")
    assert all(len(e.text) < 100 for e in r.entities)


def test_large_real_text():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(GOLD.glob("*.txt"))) * 12  # ~720 KB
    with hang_detector():
        r = minsheng_ie.extract(text, ref_date="2024-01-01")
    assert len(r.entities) > 1000
    assert all(text[e.start:e.end] == e.text for e in r.entities)


def _serial_and_threaded(texts, n_threads=8):
    serial = [minsheng_ie.extract(t, ref_date="2024-07-10", field="progress") for t in texts]
    results = [None] * n_threads
    errors = []

    def work(k):
        try:
            results[k] = [minsheng_ie.extract(t, ref_date="2024-07-10", field="progress") for t in texts]
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return serial, results, errors


def test_eight_threads_give_serial_results():
    texts = [ln for p in sorted(GOLD.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines() if ln.strip()]
    serial, results, errors = _serial_and_threaded(texts)
    assert not errors
    assert all(r == serial for r in results)


def test_lazy_default_is_built_once_under_concurrency(monkeypatch):
    monkeypatch.setattr(extractor_module, "_default", None)
    built = []
    real = extractor_module.Extractor

    class Counting(real):
        def __init__(self, *a, **kw):
            built.append(1)
            super().__init__(*a, **kw)

    monkeypatch.setattr(extractor_module, "Extractor", Counting)
    barrier = threading.Barrier(8)
    seen = []

    def work():
        barrier.wait()
        seen.append(extractor_module.default_extractor())

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(built) == 1 and len({id(x) for x in seen}) == 1


@pytest.mark.parametrize("text", ["250000年2024年6月底前", "0000年3月民生实事进展情况表\n1. 新建学校3所",
                                  "0000年上半年民生实事完成情况\n", "0000年二季度进展情况\n", "签发\n0000年5月6日"])
def test_a_year_no_calendar_has_gives_no_report_date_and_no_error(text):
    # four digits inside a longer number, or 0000, are no year of a report's date (found by
    # the long fuzz profile: ValueError "year 0 is out of range" from read_text)
    doc = minsheng_ie.read_text(text)
    assert doc.ref_date is None or doc.ref_date.year >= 1
    assert doc.text == text
