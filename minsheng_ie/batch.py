"""Many texts at once: `extract_many`, optionally over several worker processes.

Results are identical to calling extract() one by one, and texts keep their order.

Workers. Where processes can be forked (Linux) and no other thread is running, workers
start as copies of this process and use the caller's Extractor as it is, warm caches
included, so they start at once; otherwise each is spawned and builds the same Extractor
(same rule directories and segmenter). Workers outlive the call: they are kept, idle, for
the extractor's next call, until `Extractor.close()`, the extractor's collection or the
interpreter's exit. A fork costs with the caller's memory (page tables copied, then every
page the worker writes), and a spawned worker builds its extractor anew; a big caller
calling often paid that on every call.

Failures cost only their own texts. Texts go out in chunks, each over the worker's own
socket. A worker that dies (its socket closes) or has not answered `timeout` seconds after
it was given a chunk (it is then killed) is replaced by a new one, and its chunk is given
out once more; a chunk that fails twice has its texts reported as failed, and so does a
text on which extract() raised. extract_many then raises BatchError, whose `.results`
holds every other text's result in place, a TextFailure for each failed one.

Speed (docs/performance.md). The caller's own work per text — pickling the chunk,
receiving and rebuilding the results — competes with the workers for the same cores, so
it is kept small: a worker sends each result's fields as plain tuples (a fraction of the
cost of pickling the objects) and the caller rebuilds them in compiled code, with garbage
collection paused while results pile up; before forking, the caller's objects are frozen
out of the collector's reach (gc.freeze), so the workers' collections neither walk nor
copy them.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import selectors
import socket
import struct
import threading
import time
import weakref
from collections import deque
from typing import Any, Iterable

from .core.dates import parse_ref_date
from .core.entities import Extraction
from .core.errors import BatchError, TextFailure
from .core.vocab import FIELDS
from .engine.pipeline import entity_to_tuple, extraction_from_tuples
from .loading.resources import bundled_rules_dir
from .progress import Counter

DEFAULT_TIMEOUT = 300.0   # seconds per chunk: far above any real chunk (256 texts take ~0.01–1 s)
_HEADER = struct.Struct("!Q")
_READY = "ready"


# ------------------------------------------------------------------ the worker's side

def _send(sock: socket.socket, obj: Any) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(_HEADER.pack(len(data)) + data)


def _recv(sock: socket.socket) -> Any:
    """The next message, or None when the caller closed the socket."""
    header = _recv_exact(sock, _HEADER.size)
    if header is None:
        return None
    data = _recv_exact(sock, _HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)


def _recv_exact(sock: socket.socket, n: int) -> bytearray | None:
    buf = bytearray(n)
    view = memoryview(buf)
    got = 0
    while got < n:
        k = sock.recv_into(view[got:])
        if k == 0:
            return None
        got += k
    return buf


def _serve(sock: socket.socket, extractor, build: tuple | None, inherited: list[socket.socket]) -> None:
    """A worker: answer each chunk of (text, ref_date, field) with one result per text —
    the extraction's fields as plain tuples, or a str saying why extract() raised.
    `inherited`: the caller's ends of the sockets, which a forked worker holds copies of;
    closed, so that each worker sees the end of its own when the caller closes it."""
    for other in inherited:
        other.close()
    gc.enable()   # the caller forked with collection paused; a worker may live long
    try:
        if extractor is None:
            cls, rule_dirs, bundled_dir, segmenter, pkuseg_model, max_length = build   # type: ignore[misc]
            user = [d for d in rule_dirs if d != bundled_dir]
            extractor = cls(rules=user, bundled=bundled_dir in rule_dirs, segmenter=segmenter,
                            pkuseg_model=pkuseg_model, check_examples=False, max_text_length=max_length)
    except Exception as exc:
        _send(sock, f"{type(exc).__name__}: {exc}")
        return
    _send(sock, _READY)
    while (chunk := _recv(sock)) is not None:
        out: list = []
        for t, r, f in chunk:
            try:
                x = extractor.extract(t, ref_date=r, field=f)
                out.append((x.ref_date, [entity_to_tuple(e) for e in x.entities],
                            [entity_to_tuple(e) for e in x.vetoed]))
            except Exception as exc:   # this text only: the others of the chunk go on
                out.append(f"extract() raised {type(exc).__name__}: {exc}")
        _send(sock, out)


# ------------------------------------------------------------------ the caller's side

class _Worker:
    """One worker process, the caller's end of its socket (non-blocking), and the chunks
    given to it (two at most: it starts on the next as soon as it has sent a result)."""

    def __init__(self, ctx, extractor, build: tuple | None, signature: tuple):
        here, there = socket.socketpair()
        inherited = [here, *_CALLER_ENDS] if ctx.get_start_method() == "fork" else []
        self.process = ctx.Process(target=_serve, args=(there, extractor, build, inherited), daemon=True)
        self.process.start()
        there.close()
        here.setblocking(False)
        _CALLER_ENDS.add(here)
        self.sock = here
        self.signature = signature   # what the worker's extractor was made with
        self.ready = False
        self.chunks: deque[int] = deque()
        self.deadline = float("inf")   # for the chunk it works on (or for starting)
        self.outgoing = bytearray()
        self.incoming = bytearray()

    def give(self, k: int, chunk: list) -> None:
        data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        self.outgoing += _HEADER.pack(len(data)) + data
        self.chunks.append(k)

    def write(self) -> None:
        n = self.sock.send(self.outgoing)
        del self.outgoing[:n]

    def read(self) -> list:
        """The messages completed by what has arrived. EOFError when the worker is gone."""
        data = self.sock.recv(1 << 20)
        if not data:
            raise EOFError
        self.incoming += data
        messages = []
        while len(self.incoming) >= _HEADER.size:
            end = _HEADER.size + _HEADER.unpack_from(self.incoming)[0]
            if len(self.incoming) < end:
                break
            messages.append(pickle.loads(memoryview(self.incoming)[_HEADER.size:end]))
            del self.incoming[:end]
        return messages

    def idle(self) -> bool:
        return self.ready and not (self.chunks or self.outgoing or self.incoming) and self.process.is_alive()

    def stop(self) -> None:
        """Idle or not, the worker is killed: nothing it holds is needed any more."""
        _CALLER_ENDS.discard(self.sock)
        self.sock.close()
        self.process.kill()
        self.process.join()


# The caller's end of every worker's socket: a worker forked later must close its copies,
# or a worker would not see the end of its socket when the caller closes it.
_CALLER_ENDS: set[socket.socket] = set()


class _Kept:
    """The idle workers kept for one extractor between calls, in the process that started
    them (a process forked from it must neither use nor stop them)."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.workers: list[_Worker] = []

    def close(self) -> None:
        if os.getpid() == self.pid:
            for w in self.workers:
                w.stop()
        self.workers.clear()


_KEPT: weakref.WeakKeyDictionary[Any, _Kept] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()   # two threads' calls on one extractor take different workers


def _signature(extractor) -> tuple:
    """A kept worker serves a later call only if its extractor would answer as this one."""
    return (os.getpid(), extractor.max_text_length)


def _take_kept(extractor, n: int) -> list[_Worker]:
    with _KEPT_LOCK:
        kept = _KEPT.get(extractor)
        if kept is None or kept.pid != os.getpid():
            _KEPT[extractor] = kept = _Kept()
            weakref.finalize(extractor, kept.close)
        signature = _signature(extractor)
        for w in [w for w in kept.workers if w.signature != signature or not w.process.is_alive()]:
            kept.workers.remove(w)
            w.stop()
        taken, kept.workers[:] = kept.workers[:n], kept.workers[n:]
        return taken


def _keep(extractor, workers: list[_Worker]) -> None:
    with _KEPT_LOCK:
        kept = _KEPT.get(extractor)
        if kept is None or kept.pid != os.getpid():
            for w in workers:
                w.stop()
        else:
            kept.workers.extend(workers)


def close_workers(extractor) -> None:
    """Stop the workers kept for `extractor` (Extractor.close)."""
    with _KEPT_LOCK:
        kept = _KEPT.pop(extractor, None)
    if kept is not None:
        kept.close()


class _Pool:
    """`n_process` processes: this one and n_process - 1 workers. Workers take chunks from
    the front, this process from the back, between two looks at the workers' sockets;
    its own texts need no sending, receiving or rebuilding. A chunk given out again goes
    only to a worker: if a text kills a process, it must not be this one."""

    SLICE = 32   # texts this process extracts between two looks at the workers

    def __init__(self, extractor, jobs: list[tuple], n_process: int, chunk_size: int,
                 timeout: float | None, counter: Counter):
        self.extractor, self.jobs, self.timeout, self.counter = extractor, jobs, timeout, counter
        self.chunks = [jobs[i:i + chunk_size] for i in range(0, len(jobs), chunk_size)]
        self.starts = list(range(0, len(jobs), chunk_size))
        self.results: list[Extraction | TextFailure | None] = [None] * len(jobs)
        self.failures: list[TextFailure] = []
        self.attempts = [0] * len(self.chunks)
        self.todo = deque(range(len(self.chunks)))
        self.retry: deque[int] = deque()
        self.selector = selectors.DefaultSelector()
        self.ctx: Any
        self.start_args: tuple[Any, tuple | None]
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
            # a forked worker gets the extractor by copy, never pickled (not with other
            # threads running: a lock one of them holds would stay held in the copy)
            self.ctx, self.start_args = multiprocessing.get_context("fork"), (extractor, None)
            gc.freeze()
        else:
            self.ctx = multiprocessing.get_context("spawn")
            self.start_args = (None, (type(extractor), extractor.rule_dirs, bundled_rules_dir(),
                                      extractor.segmenter_name, extractor.pkuseg_model, extractor.max_text_length))
        self.signature = _signature(extractor)
        wanted = min(n_process - 1, len(self.chunks))
        self.workers: list[_Worker] = _take_kept(extractor, wanted)
        for w in self.workers:
            self.selector.register(w.sock, selectors.EVENT_READ, w)
        while len(self.workers) < wanted:
            self._add_worker()

    def _deadline(self) -> float:
        return time.monotonic() + self.timeout if self.timeout is not None else float("inf")

    def _add_worker(self) -> None:
        w = _Worker(self.ctx, *self.start_args, self.signature)
        w.deadline = self._deadline()
        self.workers.append(w)
        self.selector.register(w.sock, selectors.EVENT_READ, w)

    def run(self) -> None:
        """Extract every chunk; then the workers that are idle are kept for the next call,
        any other (the call was interrupted) is stopped."""
        try:
            while self.todo or self.retry or any(w.chunks for w in self.workers):
                if self.todo:
                    self._look(0.0)
                    if self.todo:
                        self._extract_here(self.todo.pop())
                else:
                    deadline = min(w.deadline for w in self.workers)
                    self._look(None if deadline == float("inf") else max(0.0, deadline - time.monotonic()))
        finally:
            idle = []
            for w in self.workers:
                self.selector.unregister(w.sock)
                if w.idle():
                    idle.append(w)
                else:
                    w.stop()
            self.selector.close()
            _keep(self.extractor, idle)

    def _look(self, wait: float | None) -> None:
        """Give out chunks, read and write what the sockets allow (waiting at most `wait`
        seconds for something to happen), and replace workers past their deadline."""
        for w in self.workers:
            while w.ready and len(w.chunks) < 2 and (self.retry or self.todo):
                if not w.chunks:
                    w.deadline = self._deadline()
                k = (self.retry or self.todo).popleft()
                w.give(k, self.chunks[k])
                self.selector.modify(w.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, w)
        for key, events in self.selector.select(wait):
            self._handle(key.data, events)
        now = time.monotonic()
        for w in list(self.workers):
            if w.deadline <= now:
                self._fail(w, f"no answer within {self.timeout:g} s (worker killed)")

    def _handle(self, w: _Worker, events: int) -> None:
        try:
            if events & selectors.EVENT_WRITE and w.outgoing:
                w.write()
                if not w.outgoing:
                    self.selector.modify(w.sock, selectors.EVENT_READ, w)
            if events & selectors.EVENT_READ:
                for message in w.read():
                    self._receive(w, message)
        except (EOFError, OSError):
            w.process.join(1)
            self._fail(w, f"worker died (exit code {w.process.exitcode})")

    def _receive(self, w: _Worker, message: Any) -> None:
        if not w.ready:
            if message != _READY:
                raise RuntimeError(f"extract_many: a worker process could not start: {message}")
            w.ready, w.deadline = True, float("inf")
            return
        k = w.chunks.popleft()
        w.deadline = self._deadline() if w.chunks else float("inf")
        for i, ((text, _, fld), answer) in enumerate(zip(self.chunks[k], message), self.starts[k]):
            if isinstance(answer, str):
                self._failed(i, answer)
            else:
                self.results[i] = extraction_from_tuples(text, answer[0], fld, answer[1], answer[2])
        self.counter.add(len(self.chunks[k]))

    def _extract_here(self, k: int) -> None:
        chunk, start = self.chunks[k], self.starts[k]
        for i, (t, r, f) in enumerate(chunk, start):
            if (i - start) % self.SLICE == 0 and i > start:
                self._look(0.0)
            try:
                self.results[i] = self.extractor.extract(t, ref_date=r, field=f)
            except Exception as exc:   # this text only
                self._failed(i, f"extract() raised {type(exc).__name__}: {exc}")
        self.counter.add(len(chunk))

    def _fail(self, w: _Worker, reason: str) -> None:
        """`w` died or is stuck: replace it; the chunk it worked on goes out once more, or
        fails; the one it had not begun goes out again."""
        if not w.ready:
            raise RuntimeError(f"extract_many: a worker process could not start: {reason}")
        self.selector.unregister(w.sock)
        self.workers.remove(w)
        w.stop()
        if w.chunks:
            k = w.chunks.popleft()
            self.todo.extendleft(reversed(w.chunks))
            self.attempts[k] += 1
            if self.attempts[k] < 2:
                self.retry.append(k)
            else:
                for i in range(self.starts[k], self.starts[k] + len(self.chunks[k])):
                    self._failed(i, f"{reason}, twice")
                self.counter.add(len(self.chunks[k]))
        self._add_worker()

    def _failed(self, i: int, reason: str) -> None:
        failure = TextFailure(i, self.jobs[i][0], reason)
        self.results[i] = failure
        self.failures.append(failure)


def _per_text(value, n: int) -> list:
    if isinstance(value, (list, tuple)):
        if len(value) != n:
            raise ValueError(f"got {len(value)} ref_date/field values for {n} texts")
        return list(value)
    return [value] * n


def _check(texts: list, refs: list, fields: list) -> None:
    """Wrong arguments fail before any work, as extract() would fail on them."""
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"extract_many() needs str texts, not {type(t).__name__} (item {i})")
    for r in set(refs) - {None}:
        parse_ref_date(r)
    for f in set(fields) - {None}:
        if f not in FIELDS:
            raise ValueError(f"invalid field {f!r}: use one of {', '.join(FIELDS)}")


def extract_many(extractor, texts: Iterable[str], *, ref_date=None, field=None, n_process: int = 1,
                 progress: bool = False, chunk_size: int = 256,
                 timeout: float | None = DEFAULT_TIMEOUT) -> list[Extraction]:
    """`ref_date` and `field` may be one value for all texts or a list with one per text.
    `timeout`: seconds a worker may take over one chunk of `chunk_size` texts (None: no
    limit). Raises BatchError (with every other result) if some texts failed."""
    texts = list(texts)
    refs, fields = _per_text(ref_date, len(texts)), _per_text(field, len(texts))
    _check(texts, refs, fields)
    jobs = list(zip(texts, refs, fields))
    if n_process == -1:
        n_process = os.cpu_count() or 1
    counter = Counter(len(jobs), enabled=progress, desc="extract", unit="text")
    try:
        if n_process <= 1 or len(jobs) < 2 * chunk_size:
            return _in_process(extractor, jobs, counter)
        # The results pile up here while the workers run; a garbage collection every few
        # hundred of them would traverse the whole pile each time, and took most of this
        # process's time, which the workers need. Nothing here makes reference cycles.
        collecting = gc.isenabled()
        gc.disable()
        try:
            pool = _Pool(extractor, jobs, n_process, chunk_size, timeout, counter)
            pool.run()
        finally:
            gc.unfreeze()
            if collecting:
                gc.enable()
    finally:
        counter.close()
    if pool.failures:
        raise BatchError(pool.results, sorted(pool.failures, key=lambda f: f.index))
    return pool.results   # type: ignore[return-value]   # no None and no failure left


def _in_process(extractor, jobs: list[tuple], counter: Counter) -> list[Extraction]:
    out: list = []
    failures = []
    for i, (t, r, f) in enumerate(jobs):
        try:
            out.append(extractor.extract(t, ref_date=r, field=f))
        except Exception as exc:
            failure = TextFailure(i, t, f"extract() raised {type(exc).__name__}: {exc}")
            out.append(failure)
            failures.append(failure)
        counter.add(1)
    if failures:
        raise BatchError(out, failures)
    return out
