"""Grading workers, each the leader of its own process group.

A worker over its time limit is killed with its whole group (the git processes it started
included) and replaced; a worker that dies fails only its own item; no worker, and no process
a worker started, outlives the batch.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Generic, TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")

CRASHED = "grading worker crashed (killed, or out of memory)"
TIMED_OUT = "GradeTimeoutError: timed out after {:g}s"
# Past the limit, the worker's own alarm gets this long to end the item cleanly before its
# group is killed (a git call blocked in the kernel never returns to the alarm).
GRACE = 1.0
# How long a worker gets to leave on its own at the end of the batch before it is killed.
EXIT_WAIT = 2.0
# Run in each worker before it takes work, as (function, args): tests use it to inject faults.
INITIALIZER: tuple[Callable[..., object], tuple[Any, ...]] | None = None
# An item slower than this may have had a git call killed at its own timeout, leaving that
# git's helpers running: the worker then looks for strays in its group (a /proc scan).
STRAY_CHECK_AFTER = 2.0
# "retire": this worker's state may be damaged (an exception raised from a signal handler can
# land in the middle of an import), so it is replaced after its current item.
# "strays": the current item failed; processes it started may be left.
_flags: dict[str, bool] = {"retire": False, "strays": False}


def retire_this_worker() -> None:
    """Ask for this worker to be replaced once its current item is reported."""
    _flags["retire"] = True
    _flags["strays"] = True


def note_possible_strays() -> None:
    """Ask this worker to kill any process left in its group once its current item ends."""
    _flags["strays"] = True


def _context() -> Any:
    """Workers started by a fork server (spawn on Windows): safe from a threaded parent."""
    if sys.platform == "win32":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # Workers replaced after a timeout start with the grading code already imported.
    context.set_forkserver_preload(["portfolio_lint.app.batch.runner"])
    return context


@dataclass
class _Worker(Generic[Item]):
    process: BaseProcess
    connection: Connection
    item: Item | None = None
    busy: bool = False
    deadline: float = math.inf


def map_in_processes(
    work: Callable[[Item], Out],
    items: Iterable[Item],
    workers: int,
    failed: Callable[[Item, str], Out],
    timeout: float | None = None,
) -> Iterator[Out]:
    """`work(item)` for every item on `workers` processes, yielded as each finishes.

    An item that raises, kills its worker, or runs past `timeout` (plus GRACE) seconds gets
    `failed(item, why)`; a timed-out worker's process group is killed whole.
    """
    queue = deque(items)
    pool: list[_Worker[Item]] = []
    try:
        pool = [_start() for _ in range(min(max(1, workers), len(queue)))]
        while queue or any(worker.busy for worker in pool):
            for worker in pool:
                if not worker.busy and queue:
                    _dispatch(worker, work, queue.popleft(), timeout)
            yield from _collect(pool, failed, timeout)
    finally:
        _close(pool)


def _start() -> _Worker[Any]:
    context = _context()
    ours, theirs = context.Pipe()
    process = context.Process(target=_serve, args=(theirs, INITIALIZER), daemon=True)
    process.start()
    theirs.close()
    return _Worker(process, ours)


def _dispatch(
    worker: _Worker[Item], work: Callable[[Item], Any], item: Item, timeout: float | None
) -> None:
    worker.item, worker.busy = item, True
    limit = timeout + GRACE if timeout and timeout > 0 else math.inf
    worker.deadline = time.monotonic() + limit
    # The grader's environment and folder now, not the fork server's from when it started.
    task = (dict(os.environ), _cwd(), work, item)
    with contextlib.suppress(OSError):  # a dead worker: _collect sees it and reports the item
        worker.connection.send(task)


def _collect(
    pool: list[_Worker[Item]], failed: Callable[[Item, str], Out], timeout: float | None
) -> Iterator[Out]:
    """Wait for the first result, death or deadline among busy workers; report and replace."""
    busy = [worker for worker in pool if worker.busy]
    wait_for = min(worker.deadline for worker in busy) - time.monotonic()
    handles: list[Any] = [w.connection for w in busy] + [w.process.sentinel for w in busy]
    ready = set(wait(handles, timeout=None if math.isinf(wait_for) else max(0.0, wait_for)))
    now = time.monotonic()
    for index, worker in enumerate(pool):
        if not worker.busy:
            continue
        if worker.connection in ready or worker.process.sentinel in ready:
            finished, value, lost = _receive(worker)
        elif now >= worker.deadline:
            finished, value, lost = False, TIMED_OUT.format(timeout or 0), True
        else:
            continue
        item = worker.item
        worker.busy, worker.item = False, None
        if lost:  # dead, or alive past its limit: its group goes, a fresh worker comes
            _kill(worker)
            pool[index] = _start()
        yield value if finished else failed(item, value)  # type: ignore[arg-type]


def _receive(worker: _Worker[Any]) -> tuple[bool, Any, bool]:
    """(finished, result or why it failed, whether the worker must be replaced)."""
    try:
        status, value, retiring = worker.connection.recv()
    except (EOFError, OSError):
        return False, CRASHED, True
    if status == "ok":
        return True, value, retiring
    return False, f"worker failed: {value}", retiring


def _kill(worker: _Worker[Any]) -> None:
    """Kill the worker's whole process group (it leads one), then the worker itself."""
    pid = worker.process.pid
    if pid is not None and hasattr(os, "killpg"):
        with contextlib.suppress(ProcessLookupError, PermissionError):  # not a leader yet
            os.killpg(pid, signal.SIGKILL)
    worker.process.kill()
    worker.process.join()
    worker.connection.close()


def _close(pool: list[_Worker[Any]]) -> None:
    """End every worker: idle ones are asked to leave, then every group is killed."""
    for worker in pool:
        if not worker.busy:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
    ends = time.monotonic() + EXIT_WAIT
    for worker in pool:
        if not worker.busy:
            worker.process.join(max(0.0, ends - time.monotonic()))
    for worker in pool:
        _kill(worker)


def _serve(
    connection: Connection, initializer: tuple[Callable[..., object], tuple[Any, ...]] | None
) -> None:
    """A worker: lead a new session, then run tasks until told to stop or the parent goes."""
    if hasattr(os, "setsid"):
        os.setsid()
    if initializer is not None:
        initializer[0](*initializer[1])
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        environment, folder, work, item = task
        _adopt(environment, folder)
        started = time.monotonic()
        try:
            reply: tuple[str, Any, bool] = ("ok", work(item), _flags["retire"])
        except Exception as error:  # one item never ends the worker
            reply = ("error", f"{type(error).__name__}: {error}", _flags["retire"])
            _flags["strays"] = True
        if _flags["strays"] or time.monotonic() - started > STRAY_CHECK_AFTER:
            kill_strays()
            _flags["strays"] = False
        try:
            connection.send(reply)
        except (TypeError, ValueError, AttributeError) as error:  # an unpicklable result
            connection.send(("error", f"{type(error).__name__}: {error}", _flags["retire"]))
        if _flags["retire"]:
            return


def _cwd() -> str:
    try:
        return str(Path.cwd())
    except OSError:  # removed while the batch runs
        return ""


def _adopt(environment: dict[str, str], folder: str) -> None:
    if os.environ != environment:
        os.environ.clear()
        os.environ.update(environment)
    if folder:
        with contextlib.suppress(OSError):
            os.chdir(folder)


def kill_strays() -> None:
    """Kill every other process of this worker's group (a git grandchild a timeout left)."""
    group, me = os.getpgrp(), os.getpid()
    if group != me or not Path("/proc/self").is_dir():
        return
    for pid in _group_members(group):
        if pid != me:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


def _group_members(group: int) -> list[int]:
    members = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_bytes()
        except OSError:
            continue
        fields = stat.rpartition(b")")[2].split()  # after the name: state, ppid, pgrp
        if len(fields) > 2 and int(fields[2]) == group:
            members.append(int(entry.name))
    return members
