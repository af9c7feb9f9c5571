"""Analyse one file's bytes into FileFacts: the single place each file is decoded and parsed."""

from __future__ import annotations

import hashlib

from portfolio_lint.analysis.facts import FileFacts
from portfolio_lint.analysis.ignores import inline_ignores
from portfolio_lint.analysis.python import analyze_python
from portfolio_lint.safety import decode_text, looks_binary

# Bump when any analyser's output changes, so cached facts are recomputed.
ANALYZER_VERSION = "1"


def content_digest(data: bytes) -> str:
    """Cache key of a file's content."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def analyze_file(path: str, data: bytes, *, truncated: bool = False) -> FileFacts:
    """Every per-file fact of `path`, computed from its (capped) bytes."""
    digest = content_digest(data)
    if looks_binary(data):
        return FileFacts(path, digest, len(data), is_binary=True, truncated=truncated)
    text = decode_text(data)
    python = analyze_python(text) if path.endswith((".py", ".pyw")) and not truncated else None
    return FileFacts(
        path=path,
        digest=digest,
        size=len(data),
        truncated=truncated,
        line_count=text.count("\n") + (0 if text.endswith("\n") or not text else 1),
        python=python,
        ignores=inline_ignores(text),
    )
