"""Accept known findings: baselines (keyed hashes only) and `--diff-base` comparisons.

A baseline stores, per finding, HMAC-SHA256(key, identity) truncated to 128 bits: never a
message, a path or a plain hash. A plain hash would not do: the identity of a secret finding
(model.Finding.identity) includes a digest of the secret, so anyone holding the file could
test guesses of a weak password offline. The key is not in the file:

- `PORTFOLIO_LINT_BASELINE_KEY` when set (a CI secret, shared by whoever shares a baseline),
- otherwise a key derived from the random per-user key in `<user config dir>/portfolio-lint/
  user.key` (userkey.py), created 0600 on first use (its folder 0700).

The file records a key id (an HMAC of a constant, which reveals nothing of the key) so that a
baseline written with another key is reported instead of silently matching nothing. Version 1
baselines (plain fingerprints) still load: they are converted with the current key, with a
warning to write them again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from portfolio_lint.core.model import ONLY_NEW, Finding, Report
from portfolio_lint.untrusted.atomic import write_atomically
from portfolio_lint.userkey import UserKeyError, subkey, user_key

BASELINE_VERSION = 2
READABLE_VERSIONS = (1, 2)
KEY_ENV = "PORTFOLIO_LINT_BASELINE_KEY"
DIGEST_CHARS = 32
KEY_ID_LABEL = b"portfolio-lint baseline key id"

log = logging.getLogger(__name__)


class BaselineError(Exception):
    """A baseline file that cannot be read."""


class Baseline(Counter[str]):
    """Counts of keyed fingerprints read from a baseline file, with the key that made them."""

    def __init__(self, counts: Mapping[str, int], key: bytes) -> None:
        super().__init__(counts)
        self.key = key

    def ident(self, finding: Finding) -> str:
        """The keyed hash under which `finding` is recorded."""
        return keyed(finding.identity, self.key)


def keyed(fingerprint: str, key: bytes) -> str:
    """HMAC-SHA256 of a fingerprint under `key`, hex, truncated to 128 bits."""
    return hmac.new(key, fingerprint.encode(), hashlib.sha256).hexdigest()[:DIGEST_CHARS]


def key_id(key: bytes) -> str:
    """A short public name of `key` (an HMAC of a constant: it does not reveal the key)."""
    return hmac.new(key, KEY_ID_LABEL, hashlib.sha256).hexdigest()[:12]


def baseline_key(folder: Path | None = None) -> bytes:
    """The baseline key: from `PORTFOLIO_LINT_BASELINE_KEY`, else the per-user key file."""
    shared = os.environ.get(KEY_ENV)
    if shared:
        return hashlib.sha256(shared.encode("utf-8", "surrogateescape")).digest()
    try:
        return subkey(user_key(folder), "baseline")
    except UserKeyError as error:
        raise BaselineError(str(error)) from None
    except OSError as error:
        raise BaselineError(
            f"cannot use the baseline key ({error.strerror or error}); set {KEY_ENV} instead"
        ) from None


def fingerprints(report: Report) -> Counter[str]:
    """How many times each finding identity occurs in a report (kept in memory only)."""
    return Counter(f.identity for f in report.findings)


def write_baseline(report: Report, path: Path, key: bytes | None = None) -> None:
    """Store the report's findings as keyed hashes (never a secret, a message or a path)."""
    key = key or baseline_key()
    counts = Counter(keyed(f.identity, key) for f in report.findings)
    document = {
        "portfolio_lint_baseline": BASELINE_VERSION,
        "tool_version": report.tool_version,
        "hash": "hmac-sha256",
        "key_id": key_id(key),
        "fingerprints": dict(sorted(counts.items())),
    }
    write_atomically(path, json.dumps(document, indent=2) + "\n")


def read_baseline(path: Path, key: bytes | None = None) -> Baseline:
    """Keyed fingerprint counts from a baseline file (version 1 files are converted)."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BaselineError(f"cannot read baseline {path}: {error}") from error
    version = document.get("portfolio_lint_baseline") if isinstance(document, dict) else None
    if version not in READABLE_VERSIONS or isinstance(version, bool):
        raise BaselineError(f"{path}: not a portfolio-lint baseline (version 1 or 2)")
    counts = document.get("fingerprints", {})
    if not isinstance(counts, dict) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in counts.values()
    ):
        raise BaselineError(f"{path}: `fingerprints` must map hashes to counts")
    key = key or baseline_key()
    if version == 1:
        log.warning(
            "%s stores plain hashes (baseline version 1); write it again with "
            "--write-baseline to store keyed hashes",
            path,
        )
        counts = {keyed(fingerprint, key): n for fingerprint, n in counts.items()}
    elif document.get("key_id") != key_id(key):
        log.warning(
            "%s was written with another baseline key: no finding will match it "
            "(set %s to the key it was written with)",
            path,
            KEY_ENV,
        )
    return Baseline(counts, key)


def _plain(finding: Finding) -> str:
    return finding.fingerprint


def _take_new(
    findings: Iterable[Finding], remaining: Counter[str], ident: Callable[[Finding], str]
) -> list[Finding]:
    fresh = []
    for finding in findings:
        name = ident(finding)
        if remaining[name] > 0:
            remaining[name] -= 1
        else:
            fresh.append(finding)
    return fresh


def _ident(known: Counter[str]) -> Callable[[Finding], str]:
    return known.ident if isinstance(known, Baseline) else _plain


def only_new(report: Report, known: Counter[str]) -> Report:
    """The report with known findings removed; scores still reflect the whole repository."""
    remaining, ident = Counter(known), _ident(known)
    filtered = report.with_results(
        replace(result, findings=tuple(_take_new(result.findings, remaining, ident)))
        for result in report.results
    )
    # Renderers then list only the rules with new findings (see render.common.failing_results).
    return replace(filtered, metadata=(*report.metadata, (ONLY_NEW, "true")))
