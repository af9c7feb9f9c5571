"""Time limits: in the main thread (an alarm) and in worker threads (Dask's), never leaking."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from portfolio_lint.app.batch.grade import GradeSettings, grade
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.app.batch.timeout import GradeTimeoutError, time_limit
from portfolio_lint.facts.repo import Repo
from tests.app.batch.conftest import Cohort


def spin() -> None:
    """Pure Python work that never ends on its own."""
    while True:
        pass


def test_time_limit_interrupts_the_main_thread() -> None:
    with pytest.raises(GradeTimeoutError, match=r"timed out after 0\.05s"), time_limit(0.05):
        time.sleep(10)


def in_thread(body: Any) -> list[BaseException | str]:
    """Run `body` in another thread; what it raised, or "finished"."""
    outcome: list[BaseException | str] = []

    def run() -> None:
        try:
            body()
            outcome.append("finished")
        except GradeTimeoutError as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the time limit did not stop the thread"
    return outcome


def test_time_limit_interrupts_python_code_in_another_thread() -> None:
    def body() -> None:
        with time_limit(0.05):
            spin()

    [error] = in_thread(body)
    assert isinstance(error, GradeTimeoutError)
    assert type(error).__name__ == "GradeTimeoutError"
    assert str(error) == "timed out after 0.05s"


def test_a_thread_that_finishes_in_time_is_never_interrupted_later() -> None:
    def body() -> None:
        with time_limit(0.05):
            pass
        # Past the limit, outside the block: nothing may be delivered here.
        finish = time.monotonic() + 0.2
        while time.monotonic() < finish:
            pass

    assert in_thread(body) == ["finished"]


def test_no_limit_when_disabled() -> None:
    def body() -> None:
        with time_limit(0), time_limit(-1):
            time.sleep(0.05)

    body()
    assert in_thread(body) == ["finished"]


def test_a_repository_graded_in_a_worker_thread_times_out(
    cohort: Cohort,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Where a Dask worker runs tasks: not the main thread, so no alarm signal.
    def stuck(self: Repo, *patterns: str) -> Any:
        spin()

    monkeypatch.setattr(Repo, "glob", stuck)
    settings = GradeSettings(rubric_path=cohort.rubric, timeout=0.3)
    with ThreadPoolExecutor(1) as threads:
        result = threads.submit(grade, Assignment("ada", cohort.url("ada")), settings).result(60)
    assert (result.status, result.error) == ("error", "GradeTimeoutError: timed out after 0.3s")


def test_a_timeout_is_not_an_exception_a_check_can_swallow() -> None:
    assert not issubclass(GradeTimeoutError, Exception)


@pytest.mark.parametrize("where", ["main", "thread"])
def test_the_limit_waits_for_a_child_process_call_to_return(where: str) -> None:
    # Interrupting subprocess's own bookkeeping would leak the child's pipes (a warning, an
    # error under -W error); the limit falls right after the call instead.
    returned: list[int] = []

    def body() -> None:
        with time_limit(0.01):
            done = subprocess.run(
                [sys.executable, "-c", "import time; time.sleep(0.3)"],
                capture_output=True,
                check=False,
            )
            returned.append(done.returncode)
            spin()

    if where == "main":
        with pytest.raises(GradeTimeoutError):
            body()
    else:
        [error] = in_thread(body)
        assert isinstance(error, GradeTimeoutError)
    assert returned == [0]
