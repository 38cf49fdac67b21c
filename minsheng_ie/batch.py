"""Many texts at once: `extract_many`, optionally over several processes.

Results are identical to calling extract() one by one, and texts keep their order.
Where processes can be forked (Linux) and no other thread is running, workers start as
copies of this process and use the caller's Extractor as it is, warm caches included, so
they start at once; otherwise each worker builds the same Extractor (same rule
directories and segmenter).
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable

from .core.entities import Extraction, TextExtractor
from .engine.pipeline import extraction_from_tuples
from .loading.resources import bundled_rules_dir
from .progress import progress_bar

_worker: TextExtractor | None = None   # the extractor of this worker process


def _init_worker(cls, rule_dirs, bundled_dir, segmenter, pkuseg_model) -> None:
    """A spawned worker builds the caller's kind of extractor (`cls` pickles by name)."""
    global _worker
    user = [d for d in rule_dirs if d != bundled_dir]
    _worker = cls(rules=user, bundled=bundled_dir in rule_dirs, segmenter=segmenter,
                  pkuseg_model=pkuseg_model, check_examples=False)


def _use_extractor(extractor) -> None:
    global _worker
    _worker = extractor


def _run(chunk):
    """A worker's results as plain tuples: the caller has the texts and fields, and a
    tuple of plain values pickles at a fraction of the cost of the objects."""
    assert _worker is not None, "worker not initialised"
    out = []
    for t, r, f in chunk:
        x = _worker.extract(t, ref_date=r, field=f)
        out.append((x.ref_date, [e.as_tuple() for e in x.entities], [e.as_tuple() for e in x.vetoed]))
    return out


def _per_text(value, n: int) -> list:
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f"got {len(value)} ref_date/field values for {n} texts")
        return list(value)
    return [value] * n


def extract_many(extractor, texts: Iterable[str], *, ref_date=None, field=None,
                 n_process: int = 1, progress: bool = False, chunk_size: int = 256) -> list[Extraction]:
    """`ref_date` and `field` may be one value for all texts or a list with one per text."""
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"extract_many() needs str texts, not {type(t).__name__} (item {i})")
    jobs = list(zip(texts, _per_text(ref_date, len(texts)), _per_text(field, len(texts))))
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if n_process <= 1 or len(jobs) < 2 * chunk_size:
        return [extractor.extract(t, ref_date=r, field=f)
                for t, r, f in progress_bar(jobs, enabled=progress, desc="extract")]
    chunks = [jobs[i:i + chunk_size] for i in range(0, len(jobs), chunk_size)]
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        # a forked worker gets the extractor by copy, never pickled (not with other
        # threads running: a lock one of them holds would stay held in the copy)
        pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_use_extractor, initargs=(extractor,))
    else:
        pool = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker,
                                   initargs=(type(extractor), extractor.rule_dirs, bundled_rules_dir(), extractor.segmenter_name,
                                             extractor.pkuseg_model))
    out: list[Extraction] = []
    # The results pile up here while the workers run; a garbage collection every few
    # hundred of them would traverse the whole pile each time, and took most of this
    # process's time, which the workers need. Nothing here makes reference cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with pool:
            for chunk, part in zip(chunks, progress_bar(pool.map(_run, chunks), enabled=progress,
                                                        desc="extract", total=len(chunks))):
                for (text, _, fld), (ref, ents, vetoed) in zip(chunk, part):
                    out.append(extraction_from_tuples(text, ref, fld, ents, vetoed))
    finally:
        if collecting:
            gc.enable()
    return out
