"""Time portfolio-lint against a floor measured in the same run, on a large synthetic repository.

Usage: python benchmarks/bench_lint.py [--dir DIR] [--py-files 3000] [--commits 300]

Floor = one `git grep -E` over every tracked file + one `ast.parse` of every `.py` file.
Reports: lint (cold, --no-cache) / floor, warm / cold, peak RSS (largest process of the lint's
tree), and the end-to-end time of a 100-file portfolio (interpreter start included).
"""

from __future__ import annotations

import argparse
import ast
import base64
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

FLOOR_REGEX = r"(api[_-]?key|secret|password|token)\s*[:=]|/Users/|C:\\\\Users|/content/drive"
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.com",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.com",
}

MODULE = '''"""Module {i}: {topic} utilities for the {project} pipeline."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

LOGGER = logging.getLogger(__name__)
DATA_DIR = Path("data") / "{topic}"
THRESHOLD_{i} = {threshold}


@dataclass
class {cls}Config:
    """Settings of the {topic} step."""

    window: int = {window}
    alpha: float = {alpha}
    columns: list[str] = field(default_factory=lambda: ["{col_a}", "{col_b}", "target"])


class {cls}Transformer:
    """Fit/transform wrapper around the {topic} features."""

    def __init__(self, config: {cls}Config | None = None) -> None:
        self.config = config or {cls}Config()
        self.means_: dict[str, float] = {{}}

    def fit(self, frame: pd.DataFrame) -> "{cls}Transformer":
        for column in self.config.columns:
            if column not in frame:
                LOGGER.warning("missing column %s", column)
                continue
            self.means_[column] = float(frame[column].mean())
        return self

    def transform(self, frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        for column, mean in self.means_.items():
            out[column] = out[column].fillna(mean)
            if self.config.alpha > 0:
                out[f"{{column}}_ewm"] = out[column].ewm(alpha=self.config.alpha).mean()
        return out


def rolling_score_{i}(values: np.ndarray, window: int = {window}) -> np.ndarray:
    """Rolling z-score with a guard against zero variance."""
    result = np.zeros_like(values, dtype=float)
    for index in range(len(values)):
        start = max(0, index - window)
        chunk = values[start : index + 1]
        std = chunk.std()
        if std == 0 or math.isnan(std):
            result[index] = 0.0
        elif index < window:
            result[index] = (values[index] - chunk.mean()) / (std + 1e-9)
        else:
            result[index] = (values[index] - chunk.mean()) / std
    return result


def load_{topic}_{i}(name: str = "{topic}.csv") -> pd.DataFrame:
    """Read the {topic} table from the data folder."""
    path = DATA_DIR / name
    frame = pd.read_csv(path)
    LOGGER.info("loaded %d rows from %s", len(frame), path)
    return frame[frame["{col_a}"] > THRESHOLD_{i}]


def evaluate_{i}(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Accuracy, precision and recall of binary predictions."""
    tp = int(((y_true == 1) & (y_pred == 1)).sum())
    fp = int(((y_true == 0) & (y_pred == 1)).sum())
    fn = int(((y_true == 1) & (y_pred == 0)).sum())
    accuracy = float((y_true == y_pred).mean()) if len(y_true) else 0.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {{"accuracy": accuracy, "precision": precision, "recall": recall}}
'''
TOPICS = ["churn", "sentiment", "pricing", "fraud", "vision", "speech", "ranking", "forecast"]


def python_module(i: int, rng: random.Random) -> str:
    """A realistic ~100-line module; every fifth one repeats its helpers to vary the size."""
    topic = rng.choice(TOPICS)
    text = MODULE.format(
        i=i,
        topic=topic,
        project=rng.choice(["capstone", "mlops", "demo"]),
        cls=topic.capitalize() + str(i),
        threshold=rng.randint(0, 100),
        window=rng.randint(3, 30),
        alpha=round(rng.random(), 2),
        col_a=f"{topic}_score",
        col_b=f"{topic}_count",
    )
    if i % 5 == 0:
        text += "".join(
            f'\n\ndef helper_{i}_{k}(x: float) -> float:\n    """Step {k}."""\n'
            f"    return x * {k} if x > {k} else x - {k}\n"
            for k in range(40)
        )
    return text


def notebook(i: int, rng: random.Random) -> str:
    """A notebook with stream, result and base64 image outputs."""
    image = base64.b64encode(rng.randbytes(30_000)).decode()
    cells = []
    for k in range(12):
        cells.append(
            {
                "cell_type": "code",
                "execution_count": k + 1,
                "metadata": {},
                "source": [
                    f"df_{k} = pd.read_csv('/content/drive/MyDrive/data_{i}.csv')\n",
                    f"df_{k}.describe()",
                ],
                "outputs": [
                    {
                        "name": "stdout",
                        "output_type": "stream",
                        "text": [f"rows: {rng.randint(1, 9999)}\n"],
                    },
                    {
                        "data": {
                            "image/png": image if k % 4 == 0 else "",
                            "text/plain": ["<Figure>"],
                        },
                        "metadata": {},
                        "output_type": "display_data",
                    },
                ],
            }
        )
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 4})


def csv_data(rng: random.Random, rows: int) -> str:
    lines = ["id,age,income,score,label"]
    lines += [
        f"{n},{rng.randint(18, 90)},{rng.randint(1, 99_999)},{rng.random():.4f},{n % 2}"
        for n in range(rows)
    ]
    return "\n".join(lines) + "\n"


def tree(py_files: int, rng: random.Random) -> Iterator[tuple[str, bytes]]:
    """Every file of the synthetic repository (path, content)."""
    yield "README.md", b"# Big portfolio\n\n```bash\npip install -r requirements.txt\n```\n"
    yield "requirements.txt", b"numpy==1.26.4\npandas==2.2.2\n"
    for i in range(py_files):
        folder = "tests" if i % 10 == 0 else f"src/pkg{i % 40}"
        name = f"test_mod{i}.py" if folder == "tests" else f"mod{i}.py"
        yield f"{folder}/{name}", python_module(i, rng).encode()
    for i in range(120):
        yield f"notebooks/nb{i}.ipynb", notebook(i, rng).encode()
    for i in range(60):
        yield f"data/table{i}.csv", csv_data(rng, 20_000).encode()
    for i in range(6):
        yield f"models/model{i}.bin", rng.randbytes(30 * 1024 * 1024)


def fast_import_stream(files: list[tuple[str, bytes]], commits: int) -> Iterator[bytes]:
    """A git fast-import stream adding the files over `commits` commits."""
    per_commit = max(1, len(files) // commits)
    stamp = 1_700_000_000
    for number, start in enumerate(range(0, len(files), per_commit)):
        batch = files[start : start + per_commit]
        message = f"Add files {start}-{start + len(batch)}".encode()
        yield b"commit refs/heads/main\n"
        yield f"committer Bench <bench@example.com> {stamp + number * 3600} +0000\n".encode()
        yield b"data %d\n%s\n" % (len(message), message)
        for path, content in batch:
            yield b"M 100644 inline %s\ndata %d\n" % (path.encode(), len(content))
            yield content
            yield b"\n"


def build_large_repo(root: Path, py_files: int, commits: int) -> None:
    """Generate the repository with history through `git fast-import`, then check it out."""
    rng = random.Random(20260105)
    files = list(tree(py_files, rng))
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    process = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=root, stdin=subprocess.PIPE)
    assert process.stdin is not None
    for chunk in fast_import_stream(files, commits):
        process.stdin.write(chunk)
    process.stdin.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=root, check=True)


def build_small_repo(root: Path) -> None:
    """A 100-file portfolio, committed."""
    rng = random.Random(7)
    skipped = ("models/", "data/", "notebooks/")
    files = [(p, c) for p, c in tree(90, rng) if not p.startswith(skipped)]
    files += [(f"notebooks/nb{i}.ipynb", notebook(i, rng).encode()) for i in range(5)]
    files += [(f"data/sample{i}.csv", csv_data(rng, 200).encode()) for i in range(3)]
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], check=True)
    for path, content in files:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(content)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "Add project"], cwd=root, check=True, env=ENV)


def time_floor(root: Path) -> float:
    """git grep one regex over every tracked file, plus ast.parse of every .py file."""
    start = time.perf_counter()
    subprocess.run(["git", "grep", "-c", "-E", FLOOR_REGEX], cwd=root, stdout=subprocess.DEVNULL)
    listed = (
        subprocess.run(["git", "ls-files", "-z", "*.py"], cwd=root, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for path in filter(None, listed):
        ast.parse((root / path).read_bytes())
    return time.perf_counter() - start


def lint_flags() -> list[str]:
    """Flags of the CLI under rewrite, used only when it has them."""
    help_text = subprocess.run(
        [sys.executable, "-m", "portfolio_lint", "--help"], capture_output=True, text=True
    ).stdout
    flags = []
    if "--no-cache" in help_text:
        flags.append("--no-cache")
    if "--output-format" in help_text:
        flags += ["--output-format", "json"]
    return flags


def _tree_hwm(root_pid: int) -> dict[int, int]:
    """VmHWM (KiB) of `root_pid` and every live descendant, read from /proc."""
    children: dict[int, list[int]] = {}
    peaks: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(int(entry))
        if "VmHWM" in fields:
            peaks[int(entry)] = int(fields["VmHWM"].split()[0])
    tree, todo = {}, [root_pid]
    while todo:
        pid = todo.pop()
        tree[pid] = peaks.get(pid, 0)
        todo.extend(children.get(pid, []))
    return tree


def time_lint(root: Path, cache_home: Path, extra: list[str]) -> tuple[float, int, int]:
    """Wall time, exit code and peak RSS (KiB, the largest process of its tree) of one lint.

    The peak is each process's own high-water mark (VmHWM) sampled every 20 ms: `ru_maxrss`
    from wait4 is not used, because a child spawned from a large benchmark process inherits
    that process's high-water mark through vfork/exec and reports it as its own.
    """
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    command = [sys.executable, "-m", "portfolio_lint", str(root), *extra]
    peak = 0
    done = threading.Event()

    def sample(pid: int) -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, *_tree_hwm(pid).values(), 0)
            done.wait(0.02)

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    sampler = threading.Thread(target=sample, args=(process.pid,), daemon=True)
    sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    code = process.wait()
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    if code not in (0, 1):
        message = stderr.decode(errors="replace")[-2000:]
        raise SystemExit(f"lint failed with exit code {code}: {message}")
    return elapsed, code, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--py-files", type=int, default=3000)
    parser.add_argument("--commits", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pl-bench-") as scratch:
        base = args.dir or Path(scratch)
        large, small, caches = base / "large", base / "small", Path(scratch) / "cache"
        if not (large / ".git").exists():
            started = time.perf_counter()
            build_large_repo(large, args.py_files, args.commits)
            print(f"built large repo in {time.perf_counter() - started:.1f}s")
        if not (small / ".git").exists():
            build_small_repo(small)
        report(large, small, caches)


def report(large: Path, small: Path, caches: Path) -> None:
    flags = lint_flags()
    size = sum(p.stat().st_size for p in large.rglob("*") if p.is_file() and ".git" not in p.parts)
    count = len(
        subprocess.run(
            ["git", "ls-files"], cwd=large, capture_output=True, check=True
        ).stdout.splitlines()
    )
    print(f"large repo: {count} tracked files, {size / 2**20:.0f} MB in the work tree")
    time_floor(large)  # warm the page cache so both sides read from memory
    floor = min(time_floor(large) for _ in range(2))
    cold, _, cold_rss = time_lint(large, caches / "cold", [*flags])
    if "--no-cache" in flags:
        flags.remove("--no-cache")
    time_lint(large, caches / "warm", flags)
    warm, _, warm_rss = time_lint(large, caches / "warm", flags)
    small_times = [time_lint(small, caches / "small", flags)[0] for _ in range(3)]
    print(f"floor (git grep + ast.parse): {floor:.2f}s")
    print(f"lint cold (--no-cache):  {cold:.2f}s  ratio {cold / floor:.2f}x  (bar: <= 2x)")
    print(f"lint warm (cache):            {warm:.2f}s   warm/cold {warm / cold:.2f}")
    print(f"peak RSS: cold {cold_rss / 1024:.0f} MB, warm {warm_rss / 1024:.0f} MB (bar: < 300 MB)")
    print(f"100-file portfolio end to end: best {min(small_times):.2f}s of 3  (bar: < 1 s)")


if __name__ == "__main__":
    main()
