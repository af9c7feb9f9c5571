"""Time the history scan against `git log -p | wc -c` on a generated 2,000-commit repository.

Usage: python benchmarks/bench_history.py [--commits N] [--files N] [--lines N]
The target is a scan within 3x of the time git alone needs to print the same history.
"""

from __future__ import annotations

import argparse
import os
import random
import string
import subprocess
import tempfile
import time
from pathlib import Path

from portfolio_lint.scanners.history import scan_history

TARGET_RATIO = 3.0
WORDS = ("model", "data", "loss", "batch", "train", "score", "feature", "split", "epoch", "path")


def fast_import_stream(commits: int, files: int, lines: int, seed: int = 7) -> bytes:
    """A fast-import stream: each commit appends `lines` lines of Python to one of `files`."""
    rng = random.Random(seed)
    contents: dict[str, list[str]] = {f"src/module_{i}.py": [] for i in range(files)}
    chunks: list[bytes] = []
    start = 1_767_600_000
    for number in range(commits):
        path = f"src/module_{number % files}.py"
        body = contents[path]
        for _ in range(lines):
            name, other = rng.choice(WORDS), rng.choice(WORDS)
            body.append(f"{name}_{rng.randrange(999)} = compute_{other}({rng.random():.6f})")
        if number % 500 == 250:  # a few leaked tokens, so the detector path is exercised
            token = "ghp_" + "".join(rng.choice(string.ascii_letters) for _ in range(36))
            body.append(f'GITHUB_TOKEN = "{token}"')
        data = ("\n".join(body) + "\n").encode()
        message = f"Add step {number} to {path}".encode()
        when = start + number * 3600 * 7
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"author Ada <ada@example.com> {when} +0100\n".encode())
        chunks.append(f"committer Ada <ada@example.com> {when} +0100\n".encode())
        chunks.append(b"data %d\n%s\n" % (len(message), message))
        chunks.append(f"M 100644 inline {path}\n".encode())
        chunks.append(b"data %d\n%s\n" % (len(data), data))
    return b"".join(chunks)


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def build_repository(root: Path, commits: int, files: int, lines: int) -> None:
    env = clean_env()
    subprocess.run(["git", "init", "-q", "-b", "main", str(root)], env=env, check=True)
    stream = fast_import_stream(commits, files, lines)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=root, input=stream, env=env, check=True)


def time_git_log(root: Path) -> tuple[float, int]:
    started = time.perf_counter()
    output = subprocess.run(
        "git log -p HEAD | wc -c",
        shell=True,
        cwd=root,
        env=clean_env(),
        capture_output=True,
        check=True,
    ).stdout
    return time.perf_counter() - started, int(output.strip())


def time_scan(root: Path) -> tuple[float, int, int]:
    started = time.perf_counter()
    history = scan_history(root)
    return time.perf_counter() - started, len(history.commits), len(history.secrets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commits", type=int, default=2000)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--lines", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        started = time.perf_counter()
        build_repository(root, args.commits, args.files, args.lines)
        print(f"built {args.commits} commits in {time.perf_counter() - started:.2f}s")
        git_times, scan_times = [], []
        for _ in range(args.repeat):  # interleaved, best of N: both see the same cache state
            git_seconds, size = time_git_log(root)
            scan_seconds, commits, secrets = time_scan(root)
            git_times.append(git_seconds)
            scan_times.append(scan_seconds)
        git_best, scan_best = min(git_times), min(scan_times)
        ratio = scan_best / git_best
        print(f"git log -p | wc -c : {git_best:.3f}s ({size / 1e6:.1f} MB of patch)")
        print(f"scan_history       : {scan_best:.3f}s ({commits} commits, {secrets} secrets)")
        verdict = "OK" if ratio <= TARGET_RATIO else "SLOWER THAN TARGET"
        print(f"ratio              : {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x) {verdict}")


if __name__ == "__main__":
    main()
