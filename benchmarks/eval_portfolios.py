"""Score real public ML portfolios with portfolio-lint and compare the scores with hand judgements.

Usage: python benchmarks/eval_portfolios.py [--repos DIR] [--list FILE] [--json OUT]
                                            [--timeout S] [--jobs N] [--fetch]

The list (benchmarks/portfolios.toml) names each repository, the commit judged, a tier
(polished / middling / poor) and a kind, all written before the tool ran on any of them. Each
checkout lives in DIR/<owner>+<name> (default /work/eval-repos, outside the project) and must
sit at the pinned commit. The script runs `portfolio-lint --output-format json --no-cache` on
each one as a subprocess and prints the scores sorted, the Spearman correlation of score
against tier (polished=3, middling=2, poor=1, ties averaged), every pair whose tiers are two
apart and whose scores are not in that order, the mean score per tier, and the repositories
whose grade puts them in another tier (A/B polished, C/D middling, F poor).

`--fetch` only prints the `git clone` commands that rebuild DIR; nothing here uses the network.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

HERE = Path(__file__).resolve().parent
DEFAULT_LIST = HERE / "portfolios.toml"
DEFAULT_REPOS = Path("/work/eval-repos")
TIER_RANK = {"poor": 1, "middling": 2, "polished": 3}
# The tool's kind names (core.kinds) as the judged list spells them.
TOOL_KINDS = {
    "notebook-study": "notebook study",
    "training-pipeline": "training pipeline",
    "serving-app": "serving API/app",
    "llm-app": "LLM/RAG app",
    "library": "library",
    "monorepo": "monorepo",
    "other": "other",
}
GRADE_TIER = {"A": "polished", "B": "polished", "C": "middling", "D": "middling", "F": "poor"}
KINDS = (
    "notebook study",
    "training pipeline",
    "serving API/app",
    "LLM/RAG app",
    "library",
    "monorepo",
)


@dataclass(frozen=True)
class Entry:
    """One judged repository from the list."""

    name: str
    commit: str
    tier: str
    kind: str
    reason: str


@dataclass
class Outcome:
    """What the tool said about one entry (score None when it could not be linted)."""

    entry: Entry
    score: float | None = None
    grade: str | None = None
    seconds: float = 0.0
    problem: str | None = None
    families: dict[str, float | None] = field(default_factory=dict)
    failed_rules: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kind: str | None = None  # the detected primary kind, in the list's words
    secondary: list[str] = field(default_factory=list)
    score_without: float | None = None  # the score with the family named by --without left out

    @property
    def tool_tier(self) -> str | None:
        """The tier the grade stands for, or None without a grade."""
        return GRADE_TIER.get(self.grade or "")


def load_entries(path: Path) -> list[Entry]:
    """Read and validate the judged list."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    entries = [
        Entry(**{key: str(item[key]) for key in Entry.__annotations__}) for item in raw["repo"]
    ]
    names = [entry.name for entry in entries]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"listed twice: {', '.join(duplicates)}")
    for entry in entries:
        if entry.tier not in TIER_RANK:
            raise ValueError(f"{entry.name}: unknown tier {entry.tier!r}")
        if entry.kind not in KINDS:
            raise ValueError(f"{entry.name}: unknown kind {entry.kind!r}")
        if len(entry.commit) != 40 or not all(c in "0123456789abcdef" for c in entry.commit):
            raise ValueError(f"{entry.name}: commit is not a full lowercase hex id")
    return entries


def checkout_dir(repos: Path, entry: Entry) -> Path:
    """Where the checkout of `entry` lives: DIR/<owner>+<name>."""
    return repos / entry.name.replace("/", "+")


def head_commit(path: Path) -> str | None:
    """The commit checked out at `path`, or None when it is not a git work tree."""
    done = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    return done.stdout.strip() if done.returncode == 0 else None


def lint_command(path: Path) -> list[str]:
    """The portfolio-lint command run on one checkout (this interpreter's installation)."""
    return [
        sys.executable,
        "-m",
        "portfolio_lint",
        str(path),
        "--output-format",
        "json",
        "--no-cache",
        "--exit-zero",
    ]


def evaluate(entry: Entry, repos: Path, timeout: float) -> Outcome:
    """Check the pin, run the tool on one checkout and keep its score, grade and failures."""
    outcome = Outcome(entry)
    path = checkout_dir(repos, entry)
    head = head_commit(path) if path.is_dir() else None
    if head is None:
        outcome.problem = f"no checkout at {path}"
        return outcome
    if head != entry.commit:
        outcome.problem = f"HEAD is {head[:12]}, pinned {entry.commit[:12]}"
        return outcome
    started = time.perf_counter()
    try:
        done = subprocess.run(
            lint_command(path), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        outcome.problem = f"timed out after {timeout:.0f}s"
        return outcome
    finally:
        outcome.seconds = time.perf_counter() - started
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        outcome.problem = f"exit {done.returncode}: {tail[0]}"
        return outcome
    outcome.score = float(report["score"])
    outcome.grade = str(report["grade"])
    outcome.families = {item["family"]: item["score"] for item in report.get("families", [])}
    outcome.failed_rules = [
        result["code"]
        for result in report.get("results", [])
        if result.get("status") in ("failed", "partial", "error")
    ]
    outcome.warnings = [str(warning) for warning in report.get("warnings", [])]
    project = report.get("project") or {}
    outcome.kind = TOOL_KINDS.get(project.get("kind", ""), project.get("kind"))
    outcome.secondary = [TOOL_KINDS.get(k, k) for k in project.get("secondary", [])]
    outcome.score_without = score_without(report, WITHOUT_FAMILY)
    return outcome


WITHOUT_FAMILY = "OPS"


def score_without(report: dict[str, object], family: str) -> float | None:
    """The report's score recomputed without `family`'s rules (README "Scoring")."""
    parts = report.get("score_parts")
    results = report.get("results")
    if not isinstance(parts, dict) or not isinstance(results, list):
        return None
    earned, possible, lost = (float(parts[key]) for key in ("earned", "possible", "lost"))
    for result in results:
        if result.get("family") != family or result.get("status") not in COUNTED:
            continue
        weight, score = float(result["weight"]), float(result["score"])
        if result.get("role") == "problem":
            lost -= weight * (1 - score)
        else:
            earned -= weight * score
            possible -= weight
    if possible <= 0:
        return None
    return round(max(0.0, 100.0 * (earned - lost) / possible), 1)


COUNTED = ("passed", "partial", "failed")


def average_ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks of `values`, tied values sharing the mean of their positions."""
    order = sorted(range(len(values)), key=lambda index: values[index])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho with averaged ties (Pearson on ranks); None when either side is constant."""
    if len(xs) != len(ys):
        raise ValueError("xs and ys differ in length")
    rx, ry = average_ranks(xs), average_ranks(ys)
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return None
    return float(cov / (vx * vy) ** 0.5)


def inverted_pairs(outcomes: Iterable[Outcome]) -> list[tuple[Outcome, Outcome]]:
    """(poor, polished) pairs in which the poor one scored at least as high, closest first."""
    scored = [(o, o.score) for o in outcomes if o.score is not None]
    poor = [(o, score) for o, score in scored if o.entry.tier == "poor"]
    polished = [(o, score) for o, score in scored if o.entry.tier == "polished"]
    pairs = [
        (low, high, high_score - low_score)
        for low, low_score in poor
        for high, high_score in polished
        if low_score >= high_score
    ]
    return [(low, high) for low, high, _ in sorted(pairs, key=lambda pair: pair[2])]


def tier_means(outcomes: Iterable[Outcome]) -> dict[str, float]:
    """Mean score per judged tier, polished first."""
    means: dict[str, float] = {}
    for tier in sorted(TIER_RANK, key=TIER_RANK.__getitem__, reverse=True):
        scores = [o.score for o in outcomes if o.entry.tier == tier and o.score is not None]
        if scores:
            means[tier] = sum(scores) / len(scores)
    return means


def summary(outcomes: Sequence[Outcome]) -> dict[str, object]:
    """The figures the report prints, as data."""
    scored = [outcome for outcome in outcomes if outcome.score is not None]
    rho = spearman(
        [float(o.score) for o in scored if o.score is not None],
        [float(TIER_RANK[o.entry.tier]) for o in scored],
    )
    return {
        "scored": len(scored),
        "skipped": len(outcomes) - len(scored),
        "spearman": rho,
        "tier_means": tier_means(scored),
        "inverted_pairs": [
            [low.entry.name, high.entry.name] for low, high in inverted_pairs(scored)
        ],
        "tier_disagreements": [
            o.entry.name for o in scored if o.tool_tier and o.tool_tier != o.entry.tier
        ],
        f"spearman_without_{WITHOUT_FAMILY}": spearman(
            [float(o.score_without or 0) for o in scored],
            [float(TIER_RANK[o.entry.tier]) for o in scored],
        ),
        "kind_accuracy": kind_accuracy(scored),
        "kind_mismatches": [
            [o.entry.name, o.entry.kind, o.kind] for o in scored if o.kind != o.entry.kind
        ],
    }


def kind_accuracy(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """Share of judged kinds the tool named as primary, and as primary or secondary."""
    judged = [o for o in outcomes if o.kind is not None]
    if not judged:
        return {}
    primary = sum(o.kind == o.entry.kind for o in judged)
    anywhere = sum(o.entry.kind in (o.kind, *o.secondary) for o in judged)
    return {"primary": primary / len(judged), "primary_or_secondary": anywhere / len(judged)}


def print_report(outcomes: Sequence[Outcome]) -> None:
    """Print the table, rho, the inverted pairs, the tier means and the tier disagreements."""
    scored = sorted(
        (o for o in outcomes if o.score is not None), key=lambda o: o.score or 0, reverse=True
    )
    width = max((len(o.entry.name) for o in outcomes), default=10)
    print(f"{'repository':<{width}}  {'tier':<8}  score  grade  kind")
    for o in scored:
        mark = "" if o.tool_tier == o.entry.tier else f"  (grade says {o.tool_tier})"
        print(f"{o.entry.name:<{width}}  {o.entry.tier:<8}  {o.score:5.1f}  {o.grade:<5}  ", end="")
        print(f"{o.entry.kind}{mark}")
    for o in outcomes:
        if o.score is None:
            print(f"{o.entry.name:<{width}}  {o.entry.tier:<8}  skipped: {o.problem}")
    figures = summary(outcomes)
    rho = figures["spearman"]
    print()
    print(f"scored {figures['scored']}, skipped {figures['skipped']}")
    print(f"Spearman rho (score vs tier): {rho:.3f}" if isinstance(rho, float) else "rho: n/a")
    means = tier_means(scored)
    print("mean score per tier: " + ", ".join(f"{t} {m:.1f}" for t, m in means.items()))
    pairs = inverted_pairs(scored)
    print(f"pairs out of order with tiers two apart (poor >= polished): {len(pairs)}")
    for low, high in pairs:
        print(
            f"  poor {low.entry.name} {low.score:.1f}"
            f" >= polished {high.entry.name} {high.score:.1f}"
        )
    off = [o for o in scored if o.tool_tier != o.entry.tier]
    print(f"grade in another tier than judged: {len(off)} of {len(scored)}")
    without = figures[f"spearman_without_{WITHOUT_FAMILY}"]
    if isinstance(without, float):
        print(f"Spearman rho without the {WITHOUT_FAMILY} rules: {without:.3f}")
    accuracy = figures["kind_accuracy"]
    if isinstance(accuracy, dict) and accuracy:
        print(
            f"kind detected as judged: {accuracy['primary']:.0%} (primary), "
            f"{accuracy['primary_or_secondary']:.0%} (primary or secondary)"
        )
    for o in scored:
        if o.kind != o.entry.kind:
            print(f"  {o.entry.name}: judged {o.entry.kind}, detected {o.kind} {o.secondary}")


def print_fetch_commands(entries: Iterable[Entry], repos: Path) -> None:
    """Print the commands a newcomer runs to rebuild the checkout folder from public GitHub."""
    print(f"mkdir -p {repos}")
    for entry in entries:
        target = checkout_dir(repos, entry)
        print(
            f"git clone --quiet https://github.com/{entry.name}.git {target} && "
            f"git -C {target} checkout --quiet --detach {entry.commit}"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation (or print the fetch commands); exit 1 when an entry was skipped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repos", type=Path, default=DEFAULT_REPOS, help="checkout folder")
    parser.add_argument("--list", type=Path, default=DEFAULT_LIST, help="judged list (TOML)")
    parser.add_argument("--json", type=Path, help="write every outcome and the summary here")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per repository")
    parser.add_argument("--jobs", type=int, default=1, help="repositories linted at once")
    parser.add_argument("--fetch", action="store_true", help="print git clone commands and exit")
    args = parser.parse_args(argv)
    entries = load_entries(args.list)
    if args.fetch:
        print_fetch_commands(entries, args.repos)
        return 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        outcomes = list(pool.map(lambda e: evaluate(e, args.repos, args.timeout), entries))
    print_report(outcomes)
    if args.json:
        payload = {
            "summary": summary(outcomes),
            "outcomes": [
                {**asdict(o), "tool_tier": o.tool_tier, "seconds": round(o.seconds, 2)}
                for o in outcomes
            ],
        }
        args.json.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    return 0 if all(o.score is not None for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
