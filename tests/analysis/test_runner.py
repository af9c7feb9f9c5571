"""The per-file runner: same facts in-process and in a pool, capped reads, the cache."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from portfolio_lint.analysis import runner
from portfolio_lint.analysis.cache import DB_NAME, RACY_WINDOW_NS
from portfolio_lint.core.file_facts import FileFacts
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from portfolio_lint.sources.memory import MemorySource

MakeRepo = Callable[..., Repo]
FILES: dict[str, str | bytes] = {
    "README.md": "# Demo\n",
    "src/model.py": "def fit(x):\n    if x:\n        return 1\n    return 0\n",
    "tests/test_model.py": "def test_fit():\n    assert True\n",
    "broken.py": "def oops(:\n",
    "image.png": b"\x89PNG\r\n\x1a\n\0\0" + bytes(range(256)) * 4,
    "venv/lib/site.py": "import os\n",
}


def facts_of(repo: Repo) -> dict[str, FileFacts]:
    """The per-file analysis, as the Repo runs it (vendored folders left out)."""
    return dict(repo.facts)


def test_pool_and_in_process_agree(make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    many = {**FILES, **{f"pkg/m{i}.py": f"def f{i}(a):\n    return a + {i}\n" for i in range(30)}}
    serial = facts_of(make_repo(many, jobs=1))
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    parallel = facts_of(make_repo(many, jobs=2))
    assert parallel == serial
    assert list(parallel) == list(serial)  # listing order, whatever order workers finish in


def test_vendored_files_are_skipped(make_repo: MakeRepo) -> None:
    facts = facts_of(make_repo(FILES, git_repo=False))
    assert "venv/lib/site.py" not in facts
    assert facts["src/model.py"].python is not None
    assert facts["broken.py"].python is not None and facts["broken.py"].python.parse_error
    assert facts["image.png"].is_binary


def test_reads_are_capped(make_repo: MakeRepo) -> None:
    big_text = "x = 1\n" * 5000
    big_binary = b"\0" * 100_000
    repo = make_repo({"big.py": big_text, "big.bin": big_binary}, scan_limit=10_000)
    facts = facts_of(repo)
    assert facts["big.py"].truncated and facts["big.py"].size == 10_000
    assert facts["big.py"].python is None  # a cut-off file is not parsed
    # a binary is recognised from its head and never read whole
    assert facts["big.bin"].is_binary and facts["big.bin"].truncated
    assert facts["big.bin"].size <= 8192


def with_cache(repo: Repo, cache_dir: Path, **options: object) -> Repo:
    """The same tree, linted with the cache on (conftest's repos turn it off)."""
    run = RunOptions(use_cache=True, cache_dir=cache_dir, **options)  # type: ignore[arg-type]
    return Repo(LocalSource(repo.source.root), options=run)  # type: ignore[attr-defined]


def settle(root: Path) -> None:
    """Age every file so the stat shortcut may trust its mtime."""
    old = (os.stat(root).st_mtime_ns - 10 * RACY_WINDOW_NS) / 1e9
    for path in root.rglob("*"):
        if path.is_file() and ".git" not in path.parts:
            os.utime(path, (old, old))


def count_analyses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = runner.analyze_file

    def counting(path: str, data: bytes, *, truncated: bool = False) -> FileFacts:
        seen.append(path)
        return real(path, data, truncated=truncated)

    monkeypatch.setattr(runner, "analyze_file", counting)
    return seen


def test_second_run_comes_from_the_cache(
    make_repo: MakeRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "user-cache"
    first = with_cache(make_repo(FILES), cache_dir, jobs=1)
    root = first.source.root  # type: ignore[attr-defined]
    settle(root)
    cold = facts_of(first)
    seen = count_analyses(monkeypatch)
    again = Repo(LocalSource(root), options=first.options)
    assert facts_of(again) == cold
    assert seen == []
    (root / "src/model.py").write_text("def fit(x):\n    return 2\n")
    changed = facts_of(Repo(LocalSource(root), options=first.options))
    assert seen == ["src/model.py"]
    assert changed["src/model.py"].digest != cold["src/model.py"].digest
    assert (cache_dir / DB_NAME).is_file()
    assert not any("sqlite" in p.name for p in root.rglob("*"))  # nothing written in the repo


def test_no_cache_writes_nothing(make_repo: MakeRepo, tmp_path: Path) -> None:
    cache_dir = tmp_path / "user-cache"
    facts_of(make_repo(FILES, cache_dir=cache_dir))
    assert not cache_dir.exists()


def test_corrupt_cache_warns_and_lints(make_repo: MakeRepo, tmp_path: Path) -> None:
    cache_dir = tmp_path / "user-cache"
    cache_dir.mkdir()
    (cache_dir / DB_NAME).write_bytes(b"garbage" * 1000)
    repo = with_cache(make_repo(FILES), cache_dir)
    assert "src/model.py" in facts_of(repo)
    assert any("cache" in warning for warning in repo.warnings)


class RecordingSource(MemorySource):
    """A non-local source (like the GitHub API) that records what is read from it."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(files)
        self.reads: list[tuple[str, int]] = []

    def read_bytes(self, path: str, limit: int) -> bytes | None:
        self.reads.append((path, limit))
        return super().read_bytes(path, limit)


def test_other_sources_match_local(make_repo: MakeRepo) -> None:
    local = facts_of(make_repo(FILES, git_repo=False))
    encoded = {p: c.encode() if isinstance(c, str) else c for p, c in FILES.items()}
    remote = facts_of(Repo(MemorySource(encoded), options=RunOptions(use_cache=False)))
    assert remote == local


def test_other_sources_sniff_big_binaries() -> None:
    source = RecordingSource({"model.bin": b"\0" * 50_000, "notes.txt": b"hello\n" * 10_000})
    facts = facts_of(Repo(source, options=RunOptions(use_cache=False, scan_limit=20_000)))
    assert facts["model.bin"].is_binary
    assert ("model.bin", 20_000) not in source.reads
    assert facts["notes.txt"].truncated and facts["notes.txt"].size == 20_000


def test_threaded_parent_analyses_in_process(
    make_repo: MakeRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # forking a multi-threaded process can deadlock; the runner must not pool then
    import threading

    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 1)
    expected = facts_of(make_repo(FILES, jobs=1))
    release = threading.Event()
    waiter = threading.Thread(target=release.wait)
    waiter.start()
    try:
        assert not runner._fork_is_safe()
        assert facts_of(make_repo(FILES, jobs=2)) == expected
    finally:
        release.set()
        waiter.join()


def test_chunks_shrink_toward_the_end_and_hold_every_file_once() -> None:
    work = [runner.Work(f"src/m{i}.py", 3000 + i, f"src/m{i}.py") for i in range(3000)]
    work += [runner.Work(f"data/t{i}.csv", 700_000, f"data/t{i}.csv") for i in range(60)]
    chunks = runner._chunks(work, 8 * 1024 * 1024, 2)
    paths = [path for chunk in chunks for path, _, _ in chunk]
    assert sorted(paths) == sorted(w.path for w in work)
    assert chunks == runner._chunks(list(reversed(work)), 8 * 1024 * 1024, 2)  # deterministic
    sizes = [len(chunk) for chunk in chunks if all(p.endswith(".py") for p, _, _ in chunk)]
    assert sizes[0] > 4 * sizes[-1]  # big chunks first, small ones last: workers end together
    # a CSV costs less to scan than its size in Python would: they do not get a chunk each
    assert sum(1 for chunk in chunks if any(p.endswith(".csv") for p, _, _ in chunk)) < 10
