"""Analyse one file's bytes into FileFacts: the single place each file is decoded and parsed."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from portfolio_lint.analysis.imports import notebook_imports
from portfolio_lint.analysis.notebook_names import notebook_names
from portfolio_lint.analysis.python import analyze_python, too_big_to_parse
from portfolio_lint.analysis.seeds import notebook_seed_facts
from portfolio_lint.core.file_facts import FileFacts, Hit, NotebookFacts, SeedFacts
from portfolio_lint.core.inline_ignores import inline_ignores
from portfolio_lint.core.repo_paths import path_name
from portfolio_lint.scanners.data_sources import scan_data
from portfolio_lint.scanners.notebooks import Segment, parse_notebook
from portfolio_lint.scanners.paths import might_contain_paths, scan_paths
from portfolio_lint.scanners.testing_paths import in_test_suite
from portfolio_lint.untrusted.reads import decode_text, looks_binary

# Bump when any analyser's output changes, so cached facts are recomputed.
ANALYZER_VERSION = "11"

PYTHON_SUFFIXES = (".py", ".pyw")
CONFIG_SUFFIXES = (".yaml", ".yml", ".json", ".toml", ".cfg", ".ini", ".conf", ".env")
SHELL_SUFFIXES = (".sh", ".bash", ".zsh", ".ksh")
SHELL_NAMES = frozenset({"makefile", "gnumakefile"})

MAX_CELL_CHARS = 200_000  # a larger cell is pasted data, not code

SecretScanner = Callable[[str, str], list[Hit]]


def content_digest(data: bytes) -> str:
    """Cache key of a file's content."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def analyze_file(path: str, data: bytes, *, truncated: bool = False) -> FileFacts:
    """Every per-file fact of `path`, computed from its (capped) bytes."""
    digest = content_digest(data)
    if looks_binary(data):
        return FileFacts(path, digest, len(data), is_binary=True, truncated=truncated)
    text = decode_text(data)
    facts = FileFacts(
        path=path,
        digest=digest,
        size=len(data),
        truncated=truncated,
        ignores=inline_ignores(text),
    )
    if path.lower().endswith(".ipynb"):
        return _notebook(facts, text)
    kind = path_scan_kind(path)
    parse = kind == "python" and not truncated and not too_big_to_parse(text)
    python = analyze_python(text, undefined=not in_test_suite(path)) if parse else None
    paths = scan_paths(path, text, kind=kind) if kind else []
    data_hits = scan_data(text, reads=kind == "python") if _data_scanned(path, kind) else []
    return replace(
        facts,
        python=python,
        paths=tuple(paths),
        secrets=tuple(_secrets(path, text)),
        data=tuple(data_hits),
    )


def path_scan_kind(path: str) -> str | None:
    """Which `scan_paths` kind applies to a (non-notebook) file, or None for no path scan."""
    name = path_name(path).lower()
    if name.endswith(PYTHON_SUFFIXES):
        return "python"
    if name.endswith(CONFIG_SUFFIXES) or name.startswith(".env"):
        return "config"
    if name.endswith(SHELL_SUFFIXES) or name in SHELL_NAMES:
        return "shell"
    return None


def _data_scanned(path: str, kind: str | None) -> bool:
    """Code, shell and YAML/TOML config name data; lock files and CI workflows do not."""
    lowered = path.lower()
    if kind is None or lowered.endswith((".json", ".lock")) or lowered.startswith(".github/"):
        return False
    config = (".yaml", ".yml", ".toml", ".cfg", ".env")
    return kind != "config" or lowered.endswith(config) or "/.env" in "/" + lowered


def _notebook(facts: FileFacts, text: str) -> FileFacts:
    if facts.truncated:
        notebook = NotebookFacts(error="notebook larger than the scan limit; not parsed")
        return replace(facts, notebook=notebook)
    notebook, segments = parse_notebook(text)
    code = [s for s in segments if s.kind == "source" and s.cell_type == "code"]
    sites, installs = notebook_imports(code)
    notebook = replace(notebook, import_sites=sites, pip_installs=installs)
    outputs = [s for s in segments if s.kind == "output"]
    paths = [
        *_segment_paths(facts.path, code, "notebook-code"),
        *_segment_paths(facts.path, outputs, "notebook-output"),
    ]
    if notebook.error is None:
        undefined, statements = notebook_names(code)
        notebook = replace(notebook, undefined_names=undefined, import_statements=statements)
        notebook = replace(notebook, seeding=_notebook_seeding(code))
    return replace(
        facts,
        notebook=notebook,
        paths=tuple(paths),
        secrets=tuple(_segments_secrets(facts.path, segments)),
        data=tuple(_segment_data(s for s in segments if s.kind == "source")),
    )


def _segment_data(segments: Iterable[Segment]) -> list[Hit]:
    """Data reads in code cells and sources in every cell, remapped to raw line and cell."""
    return [
        replace(hit, line=segment.raw_line(hit.line), cell=segment.cell)
        for segment in segments
        for hit in scan_data(segment.text, reads=segment.cell_type == "code")
    ]


def _notebook_seeding(code: Sequence[Segment]) -> SeedFacts | None:
    """Seeds, training and randomness over a notebook's code cells, in cell order."""
    cells = [(s.text, s.raw_line) for s in code if len(s.text) <= MAX_CELL_CHARS]
    try:
        return notebook_seed_facts(cells)
    except RecursionError:
        return None


def _segment_paths(path: str, segments: Sequence[Segment], kind: str) -> list[Hit]:
    """Path hits per segment (each cell parses on its own), remapped to raw line and cell."""
    hits: list[Hit] = []
    for segment in segments:
        if might_contain_paths(segment.text):
            hits.extend(
                replace(hit, line=segment.raw_line(hit.line), cell=segment.cell)
                for hit in scan_paths(path, segment.text, kind=kind)
            )
    return hits


def _segments_secrets(path: str, segments: Sequence[Segment]) -> list[Hit]:
    """One secret scan over all decoded cell text (never the base64 payloads), remapped."""
    if not segments:
        return []
    owners: list[tuple[int, int]] = []  # joined text line → (raw line, cell)
    for segment in segments:
        count = segment.text.count("\n") + 1
        owners.extend((segment.raw_line(n), segment.cell) for n in range(1, count + 1))
    joined = "\n".join(segment.text for segment in segments)
    hits = []
    for hit in _secrets(path, joined):
        raw, cell = owners[min(max(hit.line, 1), len(owners)) - 1]
        hits.append(replace(hit, line=raw, cell=cell))
    return hits


def _secrets(path: str, text: str) -> list[Hit]:
    return secret_scanner()(path, text)


def secret_scanner() -> SecretScanner:
    """The secret scanner. It is not optional: if it cannot be imported the ImportError
    propagates and the run stops (exit 2), where a silent fallback would find no secrets
    and SEC001 would pass."""
    from portfolio_lint.scanners.secrets import scan_secrets

    return scan_secrets
