"""A process pool that survives a worker crash: only the item that killed its worker fails."""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Out = TypeVar("Out")

# Few tasks in flight per worker: when one dies, only those are suspects, not the whole queue.
IN_FLIGHT_PER_WORKER = 2
CRASHED = "grading worker crashed (killed, or out of memory)"


def process_pool(workers: int) -> ProcessPoolExecutor:
    """Workers started by a fork server (spawn on Windows): safe from a threaded parent."""
    context = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def map_in_processes(work: Callable[[Item], Out], items: Iterable[Item], workers: int,
                     failed: Callable[[Item, str], Out]) -> Iterator[Out]:
    """`work(item)` for every item on `workers` processes, yielded as each finishes.

    When a worker dies, the items that were in flight are retried one at a time, each in a
    fresh process, so that only the item that kills its worker again gets `failed(item, why)`.
    """
    queue = deque(items)
    while queue:
        lost: list[Item] = []
        with process_pool(workers) as pool:
            yield from _drain(pool, work, queue, workers * IN_FLIGHT_PER_WORKER, failed, lost)
        for item in lost:
            lost_alone: list[Item] = []
            with process_pool(1) as alone:
                yield from _drain(alone, work, deque([item]), 1, failed, lost_alone)
            yield from (failed(culprit, CRASHED) for culprit in lost_alone)


def _drain(pool: ProcessPoolExecutor, work: Callable[[Item], Out], queue: deque[Item],
           limit: int, failed: Callable[[Item, str], Out], lost: list[Item]) -> Iterator[Out]:
    """Run queued items until none are left or the pool breaks (then `lost` gets those the
    dead pool did not finish; the rest stay queued)."""
    running: dict[Future[Out], Item] = {}
    while queue or running:
        while queue and len(running) < limit:
            item = queue.popleft()
            try:
                running[pool.submit(work, item)] = item
            except BrokenProcessPool:
                lost.append(item)
                yield from _salvage(running, failed, lost)
                return
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
            yield from _salvage(running, failed, lost)
            return
        for future in done:
            yield _outcome(future, running.pop(future), failed)


def _salvage(running: dict[Future[Out], Item], failed: Callable[[Item, str], Out],
             lost: list[Item]) -> Iterator[Out]:
    """After a break: keep what finished, and hand back what the dead pool lost."""
    wait(running)  # a broken pool fails every unfinished future at once
    for future, item in running.items():
        if isinstance(future.exception(), BrokenProcessPool):
            lost.append(item)
        else:
            yield _outcome(future, item, failed)


def _outcome(future: Future[Out], item: Item, failed: Callable[[Item, str], Out]) -> Out:
    error = future.exception()
    if error is None:
        return future.result()
    return failed(item, f"worker failed: {type(error).__name__}: {error}")
