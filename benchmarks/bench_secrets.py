"""Accuracy and throughput of the secrets scanner against detect-secrets on a generated corpus.

Run: `python benchmarks/bench_secrets.py` (detect-secrets 1.5 from the `bench` extra is compared
when installed). `--against REV` (default `main`) also scans the same corpus with the scanner of
that git revision, in a subprocess, and prints the throughput ratio of this code to it.
A finding is a true positive when it is on a line of a labelled secret; a labelled secret is
found when any finding lies on one of its lines. Only error and warning hits count (info hits
are notes about local development defaults).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from secrets_corpus import generate

from portfolio_lint.scanners.secrets import scan_secrets
from portfolio_lint.untrusted.reads import decode_text

Labels = dict[str, list[frozenset[int]]]
Found = set[tuple[str, int]]
F1_FLOOR = 0.97
PRECISION_FLOOR = 0.99
SPEED_FLOOR = 10.0


def corpus_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def scan_ours(root: Path, files: list[Path]) -> Found:
    found: Found = set()
    for path in files:
        relative = path.relative_to(root).as_posix()
        for hit in scan_secrets(relative, decode_text(path.read_bytes())):
            if hit.severity in ("error", "warning"):
                found.add((relative, hit.line))
    return found


def scan_detect_secrets(root: Path, files: list[Path]) -> Found:
    from detect_secrets import SecretsCollection
    from detect_secrets.settings import default_settings

    collection = SecretsCollection(root=str(root))
    with default_settings():
        for path in files:
            collection.scan_file(path.relative_to(root).as_posix())
    return {(name, secret.line_number) for name, secret in collection}


def score(found: Found, labels: Labels) -> tuple[float, float, float, int, int]:
    """Precision, recall, F1, false positives and missed secrets."""
    secret_lines = {(path, line) for path, units in labels.items() for u in units for line in u}
    true_positives = len(found & secret_lines)
    units = [(path, unit) for path, path_units in labels.items() for unit in path_units]
    recalled = sum(1 for path, unit in units if any((path, line) in found for line in unit))
    precision = true_positives / len(found) if found else 1.0
    recall = recalled / len(units) if units else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(found) - true_positives, len(units) - recalled


# The same loop as scan_ours, run by the previous revision's code.
PREVIOUS_SCAN = """
import json, sys, time
from pathlib import Path
from portfolio_lint.untrusted.reads import decode_text
from portfolio_lint.scanners.secrets import scan_secrets
root, repeat = Path(sys.argv[1]), int(sys.argv[2])
files = sorted(p for p in root.rglob("*") if p.is_file())
best, found = float("inf"), set()
for _ in range(repeat):
    start, found = time.perf_counter(), set()
    for path in files:
        name = path.relative_to(root).as_posix()
        for hit in scan_secrets(name, decode_text(path.read_bytes())):
            if hit.severity in ("error", "warning"):
                found.add((name, hit.line))
    best = min(best, time.perf_counter() - start)
print(json.dumps({"seconds": best, "found": sorted(found)}))
"""


def scan_previous(revision: str, root: Path, repeat: int) -> tuple[Found, float]:
    """Scan `root` with the scanner of git `revision` (its src/ and rules/, in a subprocess)."""
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(repo), "archive", revision, "src", "rules"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        done = subprocess.run(
            [sys.executable, "-c", PREVIOUS_SCAN, str(root), str(repeat)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
        )
    result = json.loads(done.stdout)
    return {(name, line) for name, line in result["found"]}, result["seconds"]


def timed(
    scan: Callable[[Path, list[Path]], Found], root: Path, files: list[Path], repeat: int
) -> tuple[Found, float]:
    best = float("inf")
    found: Found = set()
    for _ in range(repeat):
        start = time.perf_counter()
        found = scan(root, files)
        best = min(best, time.perf_counter() - start)
    return found, best


def report(name: str, found: Found, labels: Labels, seconds: float, size: int) -> list[str]:
    precision, recall, f1, false_pos, missed = score(found, labels)
    return [
        f"{name:16} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}  "
        f"FP {false_pos:4d}  missed {missed:3d}  {size / seconds / 1e6:7.2f} MB/s"
    ]


def misses(found: Found, labels: Labels) -> Iterable[str]:
    for path, units in labels.items():
        for unit in units:
            if not any((path, line) in found for line in unit):
                yield f"  missed {path}:{min(unit)}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2, help="corpus copies (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="timing runs, best kept")
    parser.add_argument("--verbose", action="store_true", help="list our misses and FPs")
    parser.add_argument(
        "--against",
        default="main",
        metavar="REV",
        help="also time the scanner of this git revision ('' to skip)",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="interleaved timing rounds against REV (default 3)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        labels = generate(root, scale=args.scale)
        files = corpus_files(root)
        size = sum(p.stat().st_size for p in files)
        units = sum(len(u) for u in labels.values())
        print(f"corpus: {len(files)} files, {size / 1e6:.2f} MB, {units} labelled secrets")
        ours, our_time = timed(scan_ours, root, files, args.repeat)
        before: Found = set()
        before_time = float("inf")
        for _ in range(args.rounds if args.against else 0):
            # Interleaved rounds, best of each: other load on the machine hits both alike.
            before, seconds = scan_previous(args.against, root, args.repeat)
            before_time = min(before_time, seconds)
            our_time = min(our_time, timed(scan_ours, root, files, args.repeat)[1])
        lines = report("portfolio-lint", ours, labels, our_time, size)
        speedup = None
        if importlib.util.find_spec("detect_secrets") is not None:
            theirs, their_time = timed(scan_detect_secrets, root, files, 1)
            lines += report("detect-secrets", theirs, labels, their_time, size)
            speedup = their_time / our_time
        if args.against:
            lines += report(f"at {args.against}", before, labels, before_time, size)
            lines.append(
                f"throughput ratio (this code / {args.against}): {before_time / our_time:.2f}"
            )
        print("\n".join(lines))
        precision, _, f1 = score(ours, labels)[:3]
        if speedup is not None:
            print(f"speed-up over detect-secrets: {speedup:.1f}x (floor {SPEED_FLOOR:.0f}x)")
        print(f"F1 floor {F1_FLOOR}, precision floor {PRECISION_FLOOR}")
        if args.verbose:
            secret_lines = {(p, n) for p, us in labels.items() for u in us for n in u}
            print("\n".join(misses(ours, labels)))
            print("\n".join(f"  false positive {p}:{n}" for p, n in sorted(ours - secret_lines)))
    ok = (
        f1 >= F1_FLOOR
        and precision >= PRECISION_FLOOR
        and (speedup is None or speedup >= SPEED_FLOOR)
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
