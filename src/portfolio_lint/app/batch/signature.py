"""What the similarity section compares, computed once per repository in the grading worker.

A signature holds the digests of the repository's source files (after normalising line ends
and blank or trailing whitespace), the commit ids of its history, and the hashed token
shingles of its Python code (`.py` files and notebook code cells). Code is only tokenised as
text (`tokenize`), never parsed, imported or run; every name but keywords, builtins and
attributes after a dot becomes one placeholder, so renaming variables does not hide a copy.
Everything is capped: a hostile repository costs at most MAX_FILES_READ reads and
MAX_READ_BYTES bytes (none kept after use), MAX_TOKENS tokens (MAX_TOKENS_PER_FILE per file),
MAX_HASHED_FILES digests and MAX_SHINGLES numbers stored.
"""

from __future__ import annotations

import base64
import builtins
import hashlib
import io
import keyword
import re
import sys
import tokenize
from array import array
from collections.abc import Iterator
from typing import Any

from portfolio_lint.facts.repo import Repo
from portfolio_lint.untrusted.reads import decode_text, looks_binary

SHINGLE = 12  # tokens per shingle
MAX_CODE_FILES = 400
MAX_HASHED_FILES = 2000
MAX_FILES_READ = 4000
MAX_TOKENS_PER_FILE = 20_000
MAX_TOKENS = 120_000  # per repository (about 12,000 lines): later code is digested only
MAX_SHINGLES = 20_000  # the smallest hashes are kept: the same sample in every repository
MAX_COMMITS = 2000
READ_LIMIT = 512 * 1024
NOTEBOOK_READ_LIMIT = 2 * 1024 * 1024  # outputs make notebooks big; a cut one does not parse
MAX_READ_BYTES = 64 * 1024 * 1024  # per repository
MIN_FILE_CHARS = 80  # shorter files (an empty `__init__.py`, a one-line note) prove nothing
# Files compared by content: code, notebooks and prose a student writes (not data files,
# which a whole class downloads alike).
SOURCE_SUFFIXES = (
    ".py",
    ".ipynb",
    ".md",
    ".rst",
    ".txt",
    ".r",
    ".jl",
    ".js",
    ".ts",
    ".sql",
    ".sh",
    ".java",
    ".c",
    ".cpp",
    ".h",
    ".go",
    ".rs",
    ".scala",
    ".yml",
    ".yaml",
    ".toml",
    ".cfg",
)
BOILERPLATE = re.compile(r"(^|/)(license|licence|copying|requirements[^/]*\.txt)[^/]*$", re.I)
PLACEHOLDER = "V"
_BUILTINS = frozenset(dir(builtins))
_SKIPPED = frozenset(
    {
        tokenize.COMMENT,
        tokenize.NL,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENCODING,
        tokenize.ENDMARKER,
    }
)


def signature(repo: Repo) -> dict[str, Any]:
    """The repository's file digests, commit ids and code shingles (JSON-ready)."""
    files: dict[str, str] = {}
    shingles: set[int] = set()
    code_files = tokens = read = reads = 0
    for entry in repo.files:
        if len(files) >= MAX_HASHED_FILES or read >= MAX_READ_BYTES or reads >= MAX_FILES_READ:
            break
        path = entry.path
        if repo.is_vendored(path) or not path.lower().endswith(SOURCE_SUFFIXES):
            continue
        is_code = path.endswith((".py", ".ipynb"))
        if not is_code and entry.blob is not None and repo.git_root is None:
            # Read through an API (a request per file): a prose file's git blob id stands in
            # for its digest, so only code is fetched (the lint has fetched it already).
            if entry.size >= MIN_FILE_CHARS and not BOILERPLATE.search(path):
                files[path] = "blob:" + entry.blob
            continue
        reads += 1
        # Read past the Repo's text cache: a signature must not keep every file in memory.
        limit = NOTEBOOK_READ_LIMIT if path.endswith(".ipynb") else READ_LIMIT
        data = repo.read_bytes(path, min(limit, MAX_READ_BYTES - read))
        if data is None or looks_binary(data):
            continue
        read += len(data)
        text = decode_text(data)
        code = notebook_code(text) if path.endswith(".ipynb") else text if is_code else None
        normalised = normalise_text(code if code is not None else text)
        if len(normalised) >= MIN_FILE_CHARS and not BOILERPLATE.search(path):
            files[path] = hashlib.sha256(normalised.encode()).hexdigest()[:32]
        if code is not None and code_files < MAX_CODE_FILES and tokens < MAX_TOKENS:
            code_files += 1
            stream = code_tokens(code)
            tokens += len(stream)
            shingles.update(shingle_hashes(stream))
    return {
        "files": files,
        "commits": commit_ids(repo),
        "shingles": pack(sorted(shingles)[:MAX_SHINGLES]),
    }


def pack(values: list[int]) -> str:
    """32-bit values as base64 of their little-endian bytes (a fifth of a JSON list's size)."""
    data = array("I", values)
    if sys.byteorder == "big":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def unpack(text: Any) -> list[int]:
    """The values `pack` stored; [] for anything else (a damaged or older record)."""
    try:
        raw = base64.b64decode(str(text), validate=True)
    except ValueError:
        return []
    data = array("I")
    data.frombytes(raw[: len(raw) - len(raw) % data.itemsize])
    if sys.byteorder == "big":
        data.byteswap()
    return data.tolist()


def normalise_text(text: str) -> str:
    """Line ends unified, trailing whitespace and blank lines dropped."""
    lines = (line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def notebook_code(text: str) -> str:
    """The code cells of a notebook, joined (magics and shell lines dropped)."""
    from portfolio_lint.scanners.notebooks import parse_notebook

    _, segments = parse_notebook(text)
    cells = (s.text for s in segments if s.kind == "source" and s.cell_type == "code")
    return "\n".join(
        line
        for cell in cells
        for line in cell.splitlines()
        if not line.lstrip().startswith(("%", "!"))
    )


def code_tokens(code: str) -> list[str]:
    """Python tokens with comments and layout dropped and names replaced.

    Every name becomes one placeholder except keywords, Python's builtins and attributes
    after a dot (`np.mean` keeps `mean`): what a file binds or imports is renamed, what it
    calls on a library is not. The text is tokenised, never parsed or run.
    """
    raw = list(_tokens(code))
    out: list[str] = []
    for index, (kind, text) in enumerate(raw):
        if kind == tokenize.NAME:
            after_dot = index > 0 and raw[index - 1][1] == "."
            kept = after_dot or keyword.iskeyword(text) or text in _BUILTINS
            out.append(text if kept else PLACEHOLDER)
        elif kind == tokenize.STRING:
            out.append("S")
        elif kind == tokenize.NEWLINE:
            out.append(";")
        else:
            out.append(text)
    return out


def _tokens(code: str) -> Iterator[tuple[int, str]]:
    """(type, text) pairs, up to MAX_TOKENS_PER_FILE; a tokenising error ends the file early."""
    count = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type in _SKIPPED:
                continue
            yield token.type, token.string
            count += 1
            if count >= MAX_TOKENS_PER_FILE:
                return
    except (tokenize.TokenError, SyntaxError, ValueError):
        return


def shingle_hashes(tokens: list[str]) -> set[int]:
    """32-bit hashes of every run of SHINGLE tokens (the whole file when shorter)."""
    if not tokens:
        return set()
    runs = max(1, len(tokens) - SHINGLE + 1)
    return {
        int.from_bytes(
            hashlib.blake2b(" ".join(tokens[i : i + SHINGLE]).encode(), digest_size=4).digest(),
            "big",
        )
        for i in range(runs)
    }


def commit_ids(repo: Repo) -> list[str]:
    """Commit ids of the history scan (none without history), newest first, capped."""
    try:
        history = repo.history
    except Exception:  # the lint already reported a history failure; no commits to compare
        return []
    if history is None:
        return []
    return [commit.sha for commit in history.commits[:MAX_COMMITS]]
