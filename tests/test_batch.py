"""extract_many survives its workers: a worker that dies or stops is replaced, its chunk
given out once more, and a chunk that fails twice costs only its own texts (BatchError
carries every other result). Workers are made to die or stop by texts that tell them to
(SIGKILL or SIGSTOP to themselves, as another process would send). The calling process
extracts chunks from the back and the worker from the front: the texts that sabotage sit
in the first chunks, which the worker takes. Workers are kept, idle, between calls: after
every call the only processes left are those."""
import gc
import multiprocessing
import os
import signal
import time

import pytest

import minsheng_ie
from minsheng_ie import BatchError, Extractor, TextFailure, batch

from .conftest import GOLD

CALLER = os.getpid()
UNITS = [u for u in (GOLD / "003_f3baf62a97bf9d38.txt").read_text(encoding="utf-8").splitlines() if u.strip()] * 12


class Saboteur(Extractor):
    """In a worker (never in the caller), a text "KILL" kills the worker, "STOP" stops it;
    "KILL1"/"STOP1" do so only the first time (a file in `marks` remembers)."""
    marks = None

    def extract(self, text, **kw):
        if os.getpid() != CALLER and text.startswith(("KILL", "STOP")):
            once = self.marks / text
            if not text.endswith("1") or not once.exists():
                once.touch()
                os.kill(os.getpid(), signal.SIGKILL if text.startswith("KILL") else signal.SIGSTOP)
        if text == "RAISE":
            raise RuntimeError("a bug in extract()")
        return super().extract(text, **kw)


@pytest.fixture(scope="module")
def saboteur(tmp_path_factory):
    ext = Saboteur()
    ext.marks = tmp_path_factory.mktemp("marks")
    return ext


def _batch(special: str, at: int):
    texts = list(UNITS)
    texts[at] = special
    return texts


def _same_as_one_by_one(ext, texts, results, skip=()):
    for i, (t, r) in enumerate(zip(texts, results)):
        if i not in skip:
            assert r == ext.extract(t, ref_date="2024-07-10"), i


def _only_kept_workers_alive():
    kept = {w.process.pid for k in batch._KEPT.values() for w in k.workers}
    assert {p.pid for p in multiprocessing.active_children()} == kept


def _kept_pids(ext) -> list[int]:
    return [w.process.pid for w in batch._KEPT[ext].workers]


def test_worker_killed_once_is_replaced_and_nothing_lost(saboteur):
    texts = _batch("KILL1", 3)
    out = saboteur.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8)
    _same_as_one_by_one(saboteur, texts, out)
    _only_kept_workers_alive()


def test_chunk_that_kills_twice_fails_alone(saboteur):
    texts = _batch("KILL", 13)
    with pytest.raises(BatchError) as info:
        saboteur.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8)
    err = info.value
    assert [f.index for f in err.failures] == list(range(8, 16))          # 13's chunk, only
    assert all("worker died" in f.reason and "twice" in f.reason for f in err.failures)
    assert all(isinstance(err.results[i], TextFailure) for i in range(8, 16))
    _same_as_one_by_one(saboteur, texts, err.results, skip=range(8, 16))
    _only_kept_workers_alive()


def test_stopped_worker_is_killed_after_the_timeout(saboteur):
    texts = _batch("STOP1", 2)
    t = time.monotonic()
    out = saboteur.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8, timeout=1.5)
    assert time.monotonic() - t < 30
    _same_as_one_by_one(saboteur, texts, out)
    texts = _batch("STOP", 10)
    with pytest.raises(BatchError) as info:
        saboteur.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8, timeout=1.5)
    assert [f.index for f in info.value.failures] == list(range(8, 16))
    assert "no answer within 1.5 s" in info.value.failures[0].reason
    _same_as_one_by_one(saboteur, texts, info.value.results, skip=range(8, 16))
    _only_kept_workers_alive()


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_text_that_raises_fails_alone(saboteur, n_process):
    texts = _batch("RAISE", 5)   # the worker's (n_process=2) or this process's
    with pytest.raises(BatchError) as info:
        saboteur.extract_many(texts, ref_date="2024-07-10", n_process=n_process, chunk_size=8)
    [failure] = info.value.failures
    assert (failure.index, failure.text) == (5, "RAISE") and "a bug in extract()" in failure.reason
    _same_as_one_by_one(saboteur, texts, info.value.results, skip={5})


def test_wrong_arguments_fail_before_any_work():
    with pytest.raises(ValueError, match="ref_date"):
        minsheng_ie.extract_many(["已完成87间"] * 600, ref_date=["2024-01-01"] * 599 + ["soon"], n_process=2)
    with pytest.raises(ValueError, match="invalid field"):
        minsheng_ie.extract_many(["已完成87间"], field="nonsense")


def test_workers_are_kept_between_calls_until_close():
    ext = Extractor()
    texts = UNITS[:40]
    one = [ext.extract(t, ref_date="2024-07-10") for t in texts]
    assert ext.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8) == one
    [pid] = _kept_pids(ext)
    assert ext.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8) == one
    assert _kept_pids(ext) == [pid]                      # the same worker served again
    assert ext.extract_many(texts, ref_date="2024-07-10", n_process=3, chunk_size=8) == one
    assert len(_kept_pids(ext)) == 2 and pid in _kept_pids(ext)
    ext.close()
    assert not batch._KEPT.get(ext) and not any(p.pid == pid for p in multiprocessing.active_children())
    assert ext.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8) == one   # new workers
    ext.close()
    _only_kept_workers_alive()


def test_a_kept_worker_that_died_idle_is_replaced():
    ext = Extractor()
    texts = UNITS[:40]
    ext.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8)
    [pid] = _kept_pids(ext)
    os.kill(pid, signal.SIGKILL)
    out = ext.extract_many(texts, ref_date="2024-07-10", n_process=2, chunk_size=8)
    assert out == [ext.extract(t, ref_date="2024-07-10") for t in texts]
    assert _kept_pids(ext) != [pid]
    ext.close()
    _only_kept_workers_alive()


def test_kept_workers_follow_the_text_limit():
    """A worker forked under one max_text_length does not serve a call under another."""
    ext = Extractor()
    texts = ["已完成87间" * 10] * 40
    ext.extract_many(texts, n_process=2, chunk_size=8)
    ext.max_text_length = 20
    with pytest.raises(BatchError) as info:
        ext.extract_many(texts, n_process=2, chunk_size=8)
    assert len(info.value.failures) == 40 and all("LimitError" in f.reason for f in info.value.failures)
    ext.close()


def test_workers_stop_with_their_extractor():
    ext = Extractor()
    ext.extract_many(UNITS[:40], ref_date="2024-07-10", n_process=2, chunk_size=8)
    [pid] = _kept_pids(ext)
    del ext
    gc.collect()
    assert not any(p.pid == pid for p in multiprocessing.active_children())
