"""Time `portfolio-lint batch --jobs 2` against one CLI call per repository on a local cohort.

Usage: python benchmarks/bench_batch.py [--count 200] [--jobs 2] [--keep] [--no-loop]
It builds COUNT fixture-sized bare repositories (fixtures/* varied per student, committed with
`git fast-import`), writes a roster of file:// URLs, then times, each with an empty cache:
(a) the batch command over the roster, with its similarity section (the default) and with
`--no-similarity`, and (b) the baseline a grader would otherwise run: one
`portfolio-lint <file:// URL>` subprocess per repository, in a loop (skipped with --no-loop).
Target: >= 5 repos/s, similarity on.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_RATE = 5.0
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SKIPPED = ("__pycache__", ".DS_Store")


def fixture_files(name: str) -> dict[str, bytes]:
    """Every file of fixtures/NAME (relative POSIX path -> bytes)."""
    root = FIXTURES / name
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(part in SKIPPED for part in path.parts)
    }


def student_files(number: int, fixtures: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    """One student's tree: a fixture, with their own README line, module and a dropped file."""
    names = sorted(fixtures)
    files = dict(fixtures[names[number % len(names)]])
    readme = files.get("README.md", b"# Project\n")
    files["README.md"] = readme + f"\nMaintained by student {number}.\n".encode()
    files[f"src/student_{number}.py"] = (
        f'"""Helpers of student {number}."""\n\n\ndef scale(value: float) -> float:\n'
        f'    """Scale by the student number."""\n    return value * {number + 1}\n'
    ).encode()
    if number % 3 == 0 and len(files) > 3:  # some students forget a file
        files.pop(sorted(files)[-1])
    return files


def fast_import_stream(files: dict[str, bytes], commits: int, number: int) -> bytes:
    """A fast-import stream adding `files` over `commits` commits on main."""
    chunks: list[bytes] = []
    paths = sorted(files)
    start = 1_767_600_000 + number * 60
    for index in range(commits):
        message = f"Work session {index + 1}".encode()
        when = start + index * 86_400
        chunks.append(b"commit refs/heads/main\n")
        chunks.append(f"author Student {number} <s{number}@example.com> {when} +0000\n".encode())
        chunks.append(f"committer Student {number} <s{number}@example.com> {when} +0000\n".encode())
        chunks.append(b"data %d\n%s\n" % (len(message), message))
        for path in paths[index::commits]:
            chunks.append(f"M 100644 inline {path}\n".encode())
            chunks.append(b"data %d\n%s\n" % (len(files[path]), files[path]))
    return b"".join(chunks)


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, **extra}


def build_cohort(folder: Path, count: int) -> Path:
    """COUNT bare repositories under `folder` and a roster CSV of their file:// URLs."""
    fixtures = {name.name: fixture_files(name.name) for name in FIXTURES.iterdir() if name.is_dir()}
    env = clean_env()
    rows = []
    for number in range(count):
        bare = folder / "remotes" / f"student-{number:04d}.git"
        subprocess.run(
            ["git", "init", "-q", "--bare", "-b", "main", str(bare)], env=env, check=True
        )
        stream = fast_import_stream(student_files(number, fixtures), 3, number)
        subprocess.run(
            ["git", "fast-import", "--quiet"], cwd=bare, input=stream, env=env, check=True
        )
        rows.append((f"Student {number}", bare.as_uri()))
    roster = folder / "roster.csv"
    with roster.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("student", "repo"))
        writer.writerows(rows)
    return roster


def command() -> list[str]:
    """The installed console script, or `python -m portfolio_lint` when it is not on PATH."""
    script = shutil.which("portfolio-lint")
    return [script] if script else [sys.executable, "-m", "portfolio_lint"]


def time_batch(roster: Path, folder: Path, jobs: int, *extra: str) -> float:
    """Seconds for the batch command (options `extra`) with an empty clone and analysis cache."""
    name = "-".join(["batch", *(e.strip("-") for e in extra)])
    cache = folder / f"cache-{name}"
    started = time.perf_counter()
    done = subprocess.run(
        [
            *command(),
            "batch",
            "--roster",
            str(roster),
            "--jobs",
            str(jobs),
            "--output-dir",
            str(folder / f"{name}-out"),
            *extra,
        ],
        env=clean_env(XDG_CACHE_HOME=str(cache)),
        capture_output=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"batch failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    print("  " + done.stderr.decode().strip().splitlines()[-1])
    return seconds


def time_loop(roster: Path, folder: Path) -> float:
    """Seconds for one `portfolio-lint URL` subprocess per repository, empty cache."""
    env = clean_env(XDG_CACHE_HOME=str(folder / "cache-loop"))
    with roster.open(newline="") as handle:
        urls = [row["repo"] for row in csv.DictReader(handle)]
    started = time.perf_counter()
    failures = 0
    for url in urls:
        done = subprocess.run(
            [*command(), url, "--output-format", "json"], env=env, capture_output=True, check=False
        )
        failures += done.returncode not in (0, 1)
    seconds = time.perf_counter() - started
    if failures:
        raise SystemExit(f"{failures} of {len(urls)} one-by-one runs failed")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="repositories in the cohort")
    parser.add_argument("--jobs", type=int, default=2, help="batch --jobs")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    parser.add_argument("--no-loop", action="store_true", help="skip the one-by-one baseline")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        started = time.perf_counter()
        roster = build_cohort(folder, args.count)
        print(
            f"cohort: {args.count} bare repositories built in "
            f"{time.perf_counter() - started:.1f}s ({folder})"
        )
        plain = time_batch(roster, folder, args.jobs, "--no-similarity")
        print(
            f"batch --jobs {args.jobs} --no-similarity: {plain:.1f}s  "
            f"{args.count / plain:.2f} repos/s"
        )
        batch = time_batch(roster, folder, args.jobs)
        batch_rate = args.count / batch
        print(
            f"batch --jobs {args.jobs} (similarity on): {batch:.1f}s  {batch_rate:.2f} repos/s "
            f"(target >= {TARGET_RATE:g})"
        )
        if args.no_loop:
            print(
                f"{'MET' if batch_rate >= TARGET_RATE else 'NOT MET'}: >= {TARGET_RATE:g} repos/s"
            )
            return
        loop = time_loop(roster, folder)
        loop_rate = args.count / loop
        print(f"one CLI call per repository: {loop:.1f}s  {loop_rate:.2f} repos/s")
        print(
            f"ratio batch/loop: {batch_rate / loop_rate:.2f}x  "
            f"{'MET' if batch_rate >= TARGET_RATE else 'NOT MET'}: >= {TARGET_RATE:g} repos/s"
        )
    finally:
        if args.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
