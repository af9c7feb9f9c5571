"""Per-repository time limits: an alarm signal in a main thread, an async exception elsewhere."""

from __future__ import annotations

import contextlib
import ctypes
import signal
import sys
import threading
from collections.abc import Iterator
from types import FrameType

# How soon to try again when the limit falls while a child process is being started or reaped.
RETRY = 0.01


class GradeTimeoutError(BaseException):
    """A repository took longer than the per-repository timeout.

    A BaseException, like KeyboardInterrupt, so that the engine's per-check `except Exception`
    cannot swallow it and let a slow repository run on past its limit.
    """


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise GradeTimeoutError in this thread after `seconds` (0 or less: no limit).

    In the main thread a SIGALRM interrupts even a blocking call. Elsewhere (a Dask worker's
    task thread, say) the exception is delivered between two bytecodes: Python code stops at
    once, a blocking call when it returns (git and pattern searches carry their own timeouts).
    """
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_alarm(seconds):
            yield


def _in_subprocess(frame: FrameType | None) -> bool:
    """Whether `frame` is inside the subprocess module (starting or reaping a child).

    An exception there leaks the child's pipes and leaves a half-made Popen; git calls carry
    their own timeout, so the limit waits a moment for the call to return instead.
    """
    while frame is not None:
        if frame.f_globals.get("__name__") == "subprocess":
            return True
        frame = frame.f_back
    return False


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        if _in_subprocess(frame):
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return
        raise GradeTimeoutError(f"timed out after {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    message = f"timed out after {seconds:g}s"

    class ThreadTimeoutError(GradeTimeoutError):
        # Raised by the interpreter with no arguments: the message is built in.
        def __init__(self) -> None:
            super().__init__(message)

    ThreadTimeoutError.__name__ = ThreadTimeoutError.__qualname__ = "GradeTimeoutError"
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}
    timers: list[threading.Timer] = []

    def expire() -> None:
        with lock:
            if not state["armed"]:
                return
            if _in_subprocess(sys._current_frames().get(target)):
                start(RETRY)
                return
            state["fired"] = True
            ctypes.pythonapi.PyThreadState_SetAsyncExc(
                ctypes.c_ulong(target), ctypes.py_object(ThreadTimeoutError)
            )

    def start(delay: float) -> None:
        timer = threading.Timer(delay, expire)
        timer.daemon = True
        timers.append(timer)
        timer.start()

    start(seconds)
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            for timer in timers:
                timer.cancel()
            if state["fired"]:  # not delivered yet: it must not fire outside this block
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
