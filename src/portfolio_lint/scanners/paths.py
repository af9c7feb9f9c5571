"""Find machine-specific absolute paths (home folders, drive letters, Colab, Kaggle, WSL)."""

from __future__ import annotations

import ast
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from portfolio_lint.core.file_facts import Hit
from portfolio_lint.scanners.testing_paths import in_test_suite

KINDS = frozenset({"python", "notebook-code", "notebook-output", "config", "shell"})
# Substrings one of which every detector needs: most files are rejected by these `in` tests.
TRIGGERS = ("/Users/", "/home/", "/content", "/kaggle", "/root/", "/mnt/")

# Not inside a URL, a relative path, an escape or a word; a `file://` URI is a local path.
_START = r"(?:(?<=file:)|(?<=file://)|(?<=file:///)|(?<![\w.~$/\\:@%+-]))"
_SEP = r"(?:\\\\|\\|/)+"
_NAME = r"[^\s/\\'\"`<:*?|,;()\[\]]+"  # a user or folder name; `<`/`:` would be a web route
_REST = r"[^\s'\"`,;()\[\]{}<>|]*"
_POSIX_REST = r"[^\s'\"`,;()\[\]{}<>|\\]*"  # a backslash ends it: `"/home/a/x\n"` in source
_DATA_EXTENSIONS = r"csv|tsv|json|zip|gz|tar|txt|parquet|pkl|pt|pth|h5|ckpt|npy|npz|xlsx|jpg|png"
DETECTORS: tuple[tuple[str, str], ...] = (
    ("windows-home", rf"(?i:[A-Z]:{_SEP}(?:Users|Documents and Settings){_SEP}){_NAME}{_REST}"),
    # Two components or a file extension, so `"y:\n"` or a regex `\w:\d` is not a drive path.
    (
        "windows-drive",
        rf"[A-Za-z]:{_SEP}[\w.$~-][\w.$~ -]*(?:{_SEP}[\w.$~-]|\.[A-Za-z0-9]{{2,5}}\b){_REST}",
    ),
    ("kaggle", rf"/kaggle/{_NAME}{_POSIX_REST}|/root/\.kaggle\b{_POSIX_REST}"),
    ("colab", rf"/content/(?:drive|gdrive|sample_data)\b{_POSIX_REST}"),
    ("colab-file", rf"/content/[\w.-]+\.(?:{_DATA_EXTENSIONS})\b{_POSIX_REST}"),
    ("colab-any", rf"/content(?:/{_NAME}{_POSIX_REST}|(?![\w.-]))"),
    ("macos-home", rf"/Users/{_NAME}{_POSIX_REST}"),
    ("linux-home", rf"/home/{_NAME}{_POSIX_REST}"),
    ("root-home", rf"/root/{_NAME}{_POSIX_REST}"),
    ("wsl-mount", rf"/mnt/[A-Za-z]/{_POSIX_REST}"),
)
PATTERN = re.compile(
    _START + "(?:" + "|".join(f"(?P<{n.replace('-', '_')}>{r})" for n, r in DETECTORS) + ")"
)
MESSAGES = {
    "windows-home": "Windows user folder",
    "windows-drive": "Windows drive path",
    "kaggle": "Kaggle environment path",
    "colab": "Google Colab / Drive path",
    "colab-file": "Google Colab path",
    "colab-any": "Google Colab path",
    "macos-home": "macOS home folder",
    "linux-home": "Linux home folder",
    "root-home": "root's home folder",
    "wsl-mount": "WSL drive mount",
}
# Homes of CI runners and container images: they exist wherever the config runs.
SHARED_HOMES = re.compile(r"/home/(runner|travis|circleci|jovyan|vscode|codespace|gitpod)\b")
# Library internals in warnings and tracebacks: the environment's, not the author's data.
LIBRARY_PATH = re.compile(r"site-packages|dist-packages|/lib/python\d|/\.cache/|/\.local/lib/")
CONTAINER_FILE = re.compile(
    r"(^|/)(Dockerfile[^/]*|[^/]*\.dockerfile|Containerfile[^/]*|(docker-)?compose[^/]*\.ya?ml)$"
    r"|(^|/)\.devcontainer/",
    re.IGNORECASE,
)
COMMENT_PREFIXES = {"config": ("#", ";", "//"), "shell": ("#",), "notebook-output": ()}
MAGIC_PREFIXES = ("!", "%")


@dataclass(frozen=True)
class _Candidate:
    detector: str
    line: int
    column: int  # 1-based, in characters
    text: str


def scan_paths(path: str, text: str, *, kind: str) -> list[Hit]:
    """Absolute machine paths in `text` of one file (or notebook segment) of the given kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown path-scan kind {kind!r}")
    if CONTAINER_FILE.search(path) or not might_contain_paths(text):
        return []
    candidates = [c for c in _candidates(text, kind) if _keep(c, kind)]
    if not candidates:
        return []
    if kind in ("python", "notebook-code"):
        candidates = _in_code_strings(text, candidates, notebook=kind == "notebook-code")
    else:
        candidates = _outside_comments(text, candidates, COMMENT_PREFIXES[kind])
    # Tests often hold fake machine paths as inputs to path handling: noted, not scored.
    in_test = in_test_suite(path)
    severity = "info" if kind == "notebook-output" or in_test else "warning"
    return [_hit(candidate, kind, severity, in_test=in_test) for candidate in candidates]


def might_contain_paths(text: str) -> bool:
    """Cheap pre-check: False means no detector can match."""
    return any(trigger in text for trigger in TRIGGERS) or next(_drive_starts(text), -1) >= 0


def _match_starts(text: str) -> list[int]:
    """Offsets where a detector could start: found by `str.find`, far faster than a regex scan."""
    starts = set(_drive_starts(text))
    for trigger in TRIGGERS:
        at = text.find(trigger)
        while at != -1:
            starts.add(at)
            at = text.find(trigger, at + 1)
    return sorted(starts)


def _drive_starts(text: str) -> Iterator[int]:
    """Offsets of `X:\\` and `X:/` (a lone ASCII letter, not `https://`), by `str.find`."""
    for separator in (":\\", ":/"):
        at = text.find(separator)
        while at != -1:
            letter = at - 1
            if (
                letter >= 0
                and _is_ascii_letter(text[letter])
                and not (letter > 0 and _is_ascii_letter(text[letter - 1]))
                and not text.startswith("//", at + 1)
            ):
                yield letter
            at = text.find(separator, at + 2)


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _matches(text: str) -> Iterator[re.Match[str]]:
    end = 0
    for start in _match_starts(text):
        match = PATTERN.match(text, start) if start >= end else None
        if match:
            end = match.end()
            yield match


def _candidates(text: str, kind: str) -> Iterator[_Candidate]:
    line_starts: list[int] | None = None
    for match in _matches(text):
        detector = (match.lastgroup or "").replace("_", "-")
        if detector == "colab-any" and kind != "notebook-code":
            continue  # `/content/...` outside notebooks is as often a web route as a Colab path
        if line_starts is None:
            line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        index = bisect_right(line_starts, match.start()) - 1
        column = match.start() - line_starts[index] + 1
        yield _Candidate(detector, index + 1, column, match.group(0))


def _keep(candidate: _Candidate, kind: str) -> bool:
    if candidate.detector == "linux-home" and SHARED_HOMES.match(candidate.text):
        return False
    return not (kind == "notebook-output" and LIBRARY_PATH.search(candidate.text))


def _inside_url(line: str, column: int) -> bool:
    """Whether the match continues a `scheme://...` token (a query string, a web path)."""
    before = line[: column - 1]
    start = max(before.rfind(sep) for sep in (" ", "\t", "'", '"', "`", "(", "<", "["))
    token = before[start + 1 :]
    return "://" in token and not token.lower().startswith("file://")


def _outside_comments(
    text: str, candidates: list[_Candidate], prefixes: tuple[str, ...]
) -> list[_Candidate]:
    lines = text.split("\n")
    return [
        candidate
        for candidate in candidates
        if not (prefixes and lines[candidate.line - 1].lstrip().startswith(prefixes))
        and not _inside_url(lines[candidate.line - 1], candidate.column)
    ]


def _in_code_strings(
    text: str, candidates: list[_Candidate], *, notebook: bool
) -> list[_Candidate]:
    """Keep matches inside string literals that are not docstrings (comments are not read)."""
    lines = text.split("\n")
    magic = {
        number
        for number, line in enumerate(lines, start=1)
        if notebook and line.lstrip().startswith(MAGIC_PREFIXES)
    }
    if notebook and lines and lines[0].lstrip().startswith("%%"):
        return _outside_comments(text, candidates, ("#",))  # a %%bash-style cell is not Python
    source = "\n".join("" if n in magic else line for n, line in enumerate(lines, start=1))
    tree = _parse(source)
    kept = []
    for candidate in candidates:
        line = lines[candidate.line - 1]
        if _inside_url(line, candidate.column):
            continue
        if candidate.line in magic:
            kept.append(candidate)
        elif tree is None:
            if not line.lstrip().startswith("#"):
                kept.append(candidate)
        else:
            position = (candidate.line, len(line[: candidate.column - 1].encode("utf-8")))
            if _in_string_literal(tree, position):
                kept.append(candidate)
    return kept


def _parse(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _in_string_literal(tree: ast.Module, position: tuple[int, int]) -> bool:
    """Whether (line, byte column) lies in a non-docstring string literal.

    Descends only through the nodes that enclose the position, so a hit costs the tree's depth,
    not a walk of the whole module."""
    node: ast.AST = tree
    docstrings: set[int] = set()
    while True:
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
        child = next((c for c in _positioned_children(node) if _encloses(c, position)), None)
        if child is None:
            return False
        if isinstance(child, ast.JoinedStr) or (
            isinstance(child, ast.Constant) and isinstance(child.value, (str, bytes))
        ):
            return id(child) not in docstrings
        node = child


def _positioned_children(node: ast.AST) -> Iterator[ast.AST]:
    for child in ast.iter_child_nodes(node):
        if hasattr(child, "lineno"):
            yield child
        else:  # `arguments`, `comprehension`, operators: look through them
            yield from _positioned_children(child)


def _encloses(node: ast.AST, position: tuple[int, int]) -> bool:
    decorators = getattr(node, "decorator_list", None)
    first = decorators[0] if decorators else node  # a def's own position excludes decorators
    start = (getattr(first, "lineno", 0), getattr(first, "col_offset", 0))
    end_line = getattr(node, "end_lineno", None)
    end_col = getattr(node, "end_col_offset", None)
    if end_line is None or end_col is None:
        return False
    return start <= position < (end_line, end_col)


def _hit(candidate: _Candidate, kind: str, severity: str, *, in_test: bool) -> Hit:
    evidence = candidate.text if len(candidate.text) <= 120 else candidate.text[:117] + "..."
    family = MESSAGES[candidate.detector]
    if kind == "notebook-output":
        message = f"{family} in notebook output: {evidence}"
    elif in_test:
        message = f"Absolute path ({family}) in a test: {evidence}"
    else:
        message = f"Absolute path ({family}) exists only on the author's machine: {evidence}"
    return Hit(
        detector=f"path-{candidate.detector}",
        line=candidate.line,
        column=candidate.column,
        evidence=evidence,
        severity=severity,
        message=message,
        key=f"{candidate.detector}:{PurePosixPath(candidate.text.replace(chr(92), '/'))}",
    )
