"""The cohort's similarity section: pairs of submissions that look copied from one another.

Compared per pair, after the grader's starter code and anything most of the cohort shares
(a course template, a common notebook) are taken away:

- files: source files with identical normalised text, as a share of the smaller submission's
  files; flagged at FILES_THRESHOLD with at least MIN_SHARED_FILES files;
- commits: commit ids both histories hold (a fork, or a copy pushed with its history), as a
  share of the shorter history; flagged at COMMITS_THRESHOLD;
- code: Jaccard similarity of the token shingles of the Python code (names a file binds
  replaced, comments and layout dropped); flagged at CODE_THRESHOLD, or when one submission's
  code is CONTAINMENT_THRESHOLD contained in the other's, with MIN_SHINGLES shingles each.

Candidate pairs come from MinHash LSH Ensemble (datasketch's containment search) over the
shingles and from exact indexes of file digests and commit ids, so a cohort is never compared
all pairs against all pairs. The
overlap of a pair is the largest of the measures (code counting its containment); pairs are
listed largest first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, combinations
from typing import Any

from portfolio_lint.app.batch.signature import unpack

FILES_THRESHOLD = 0.6
MIN_SHARED_FILES = 2
COMMITS_THRESHOLD = 0.5
CODE_THRESHOLD = 0.6
CONTAINMENT_THRESHOLD = 0.85
MIN_SHINGLES = 30
NUM_PERM = 128
LSH_THRESHOLD = 0.5  # containment, below the flag thresholds: LSH proposes, exact measures decide
# A file, commit or shingle held by more than this many submissions is the course's, not a copy.
COMMON_FLOOR = 4
MAX_INDEX_BUCKET = 200  # a digest shared this widely is common anyway: never paired all-to-all


def common_limit(cohort: int) -> int:
    """More submissions than this holding the same item make it common material."""
    return max(COMMON_FLOOR, cohort // 2)


def find_pairs(
    signatures: Mapping[str, Mapping[str, Any]], starter: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Flagged pairs {a, b, overlap, files, commits, code, containment, shared_files,
    shared_commits, reason}, largest overlap first; `a` and `b` are keys of `signatures`."""
    limit = common_limit(len(signatures))
    starter = starter or {}
    files = _without_common(
        {k: dict(s.get("files", {})) for k, s in signatures.items()},
        set(dict(starter.get("files", {})).values()),
        limit,
    )
    commits = _sets(signatures, "commits", set(starter.get("commits", ())), limit)
    shingles = _sets(
        {k: {"shingles": unpack(s.get("shingles"))} for k, s in signatures.items()},
        "shingles",
        set(unpack(starter.get("shingles"))),
        limit,
    )
    pairs = []
    for a, b in sorted(_candidates(files, commits, shingles)):
        pair = _compare(a, b, files, commits, shingles)
        if pair is not None:
            pairs.append(pair)
    return sorted(pairs, key=lambda p: (-p["overlap"], p["a"], p["b"]))


def _without_common(
    files: dict[str, dict[str, str]], starter: set[str], limit: int
) -> dict[str, dict[str, str]]:
    """Per submission, path -> digest minus the starter's digests and the common ones."""
    holders: dict[str, int] = defaultdict(int)
    for digests in files.values():
        for digest in set(digests.values()):
            holders[digest] += 1
    return {
        key: {
            path: digest
            for path, digest in digests.items()
            if digest not in starter and holders[digest] <= limit
        }
        for key, digests in files.items()
    }


def _sets(
    signatures: Mapping[str, Mapping[str, Any]], field: str, starter: set[Any], limit: int
) -> dict[str, frozenset[Any]]:
    raw = {key: set(s.get(field, ())) - starter for key, s in signatures.items()}
    holders = Counter(chain.from_iterable(raw.values()))
    common = {item for item, count in holders.items() if count > limit}
    return {key: frozenset(items - common) for key, items in raw.items()}


def _candidates(
    files: Mapping[str, Mapping[str, str]],
    commits: Mapping[str, frozenset[str]],
    shingles: Mapping[str, frozenset[int]],
) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for index in (_index((k, set(v.values())) for k, v in files.items()), _index(commits.items())):
        for holders in index.values():
            if len(holders) <= MAX_INDEX_BUCKET:
                pairs.update(combinations(sorted(holders), 2))
    pairs.update(_lsh_candidates(shingles))
    return pairs


def _index(items: Iterable[tuple[str, Iterable[Any]]]) -> dict[Any, set[str]]:
    index: dict[Any, set[str]] = defaultdict(set)
    for key, values in items:
        for value in values:
            index[value].add(key)
    return index


def _lsh_candidates(shingles: Mapping[str, frozenset[int]]) -> set[tuple[str, str]]:
    """Pairs where one submission's code may be LSH_THRESHOLD contained in the other's
    (MinHash LSH Ensemble, a containment search: it also proposes every pair whose Jaccard
    similarity reaches that, and a small program copied into a larger one)."""
    from datasketch import MinHash, MinHashLSHEnsemble

    sketches = {}
    for key, values in shingles.items():
        if len(values) < MIN_SHINGLES:
            continue
        # The shingles are 32-bit hashes already: MinHash permutes them as they are.
        sketch = MinHash(num_perm=NUM_PERM, hashfunc=int)
        sketch.update_batch(sorted(values))
        sketches[key] = sketch
    if len(sketches) < 2:
        return set()
    ensemble = MinHashLSHEnsemble(threshold=LSH_THRESHOLD, num_perm=NUM_PERM, num_part=8)
    ensemble.index((key, sketch, len(shingles[key])) for key, sketch in sketches.items())
    pairs: set[tuple[str, str]] = set()
    for key, sketch in sketches.items():
        for other in ensemble.query(sketch, len(shingles[key])):
            if other != key:
                pairs.add((min(key, other), max(key, other)))
    return pairs


def _ratio(shared: int, smaller: int) -> float:
    return shared / smaller if smaller else 0.0


def _compare(
    a: str,
    b: str,
    files: Mapping[str, Mapping[str, str]],
    commits: Mapping[str, frozenset[str]],
    shingles: Mapping[str, frozenset[int]],
) -> dict[str, Any] | None:
    digests_b = set(files[b].values())
    shared_files = sorted(p for p, d in files[a].items() if d in digests_b)
    shared_digests = {files[a][p] for p in shared_files}
    files_ratio = _ratio(len(shared_digests), min(len(set(files[a].values())), len(digests_b)))
    shared_commits = commits[a] & commits[b]
    commits_ratio = _ratio(len(shared_commits), min(len(commits[a]), len(commits[b])))
    code, contained = _code_measures(shingles[a], shingles[b])
    reasons = []
    if len(shared_digests) >= MIN_SHARED_FILES and files_ratio >= FILES_THRESHOLD:
        reasons.append(f"{len(shared_digests)} identical files ({files_ratio:.0%} of the smaller)")
    if shared_commits and commits_ratio >= COMMITS_THRESHOLD:
        reasons.append(f"{len(shared_commits)} shared commits ({commits_ratio:.0%})")
    if code >= CODE_THRESHOLD or contained >= CONTAINMENT_THRESHOLD:
        reasons.append(f"near-copy code (similarity {code:.0%}, containment {contained:.0%})")
    if not reasons:
        return None
    return {
        "a": a,
        "b": b,
        "overlap": round(max(files_ratio, commits_ratio, code, contained), 3),
        "files": round(files_ratio, 3),
        "commits": round(commits_ratio, 3),
        "code": round(code, 3),
        "containment": round(contained, 3),
        "shared_files": shared_files,
        "shared_commits": len(shared_commits),
        "reason": "; ".join(reasons),
    }


def _code_measures(a: frozenset[int], b: frozenset[int]) -> tuple[float, float]:
    """(Jaccard similarity, containment of the smaller in the larger); 0 for tiny code."""
    if len(a) < MIN_SHINGLES or len(b) < MIN_SHINGLES:
        return 0.0, 0.0
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def similarity_section(
    records: Sequence[dict[str, Any]], starter: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Flagged pairs of graded records, each side named by student, repository and key."""
    by_key = {
        r["key"]: r
        for r in records
        if r.get("status") == "ok" and isinstance(r.get("signature"), dict)
    }
    pairs = find_pairs({k: r["signature"] for k, r in by_key.items()}, starter)
    return [
        {
            **pair,
            "a": _side(by_key[pair["a"]]),
            "b": _side(by_key[pair["b"]]),
        }
        for pair in pairs
    ]


def _side(record: Mapping[str, Any]) -> dict[str, Any]:
    return {"student": record["student"], "repo": record["repo"], "key": record["key"]}
