"""Git history in one streaming `git log -p` pass: commits, added secrets, files, big blobs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from portfolio_lint.analysis.facts import Hit
from portfolio_lint.analysis.ignores import SECRET_ALLOW_PATTERN
from portfolio_lint.gitsafe import run_git, stream_git

HEADER = b"\0\0"
HUNK_MARKERS = (b"+", b"-", b"\\")
LOG_FORMAT = "--format=%x00%x00%H %ct %aI %s"
MAX_COMMITS = 20_000
MAX_LINE_CHARS = 4096  # secrets sit near a keyword; minified megabyte lines are not scanned whole
MAX_ADDED_BYTES = 512 * 1024  # per file per commit: a dumped CSV must not dominate the pass
BIG_FILE_THRESHOLD = "4m"  # git itself treats larger blobs as binary and prints no diff
LARGE_BLOB_FLOOR = 512 * 1024
LOG_TIMEOUT = 600.0
ZERO_SHA = "0" * 40


@dataclass(frozen=True)
class Commit:
    """One commit reachable from HEAD."""

    sha: str
    when: datetime
    subject: str
    added_lines: int = 0  # text lines only; binaries and files git deems too big count 0


@dataclass(frozen=True)
class HistorySecret:
    """A secret in a line some commit added (the hit's line is the line in that commit's file)."""

    commit: str
    path: str
    hit: Hit


@dataclass(frozen=True)
class AddedPath:
    """A path first added by `commit`."""

    path: str
    commit: str


@dataclass(frozen=True)
class LargeBlob:
    """A blob of at least LARGE_BLOB_FLOOR bytes some commit added at `path`."""

    path: str
    size: int
    commit: str


@dataclass(frozen=True)
class History:
    """What the history scan found, newest commit first."""

    commits: tuple[Commit, ...] = ()
    secrets: tuple[HistorySecret, ...] = ()
    added_paths: tuple[AddedPath, ...] = ()
    large_blobs: tuple[LargeBlob, ...] = ()
    notes: tuple[str, ...] = field(default=())


def scan_history(root: Path, *, timeout: float = LOG_TIMEOUT) -> History:
    """Scan every commit reachable from HEAD of the work tree `root` (hardened git)."""
    head = run_git(root, ["rev-parse", "--verify", "-q", "HEAD^{commit}"], check=False).strip()
    if not head:
        return History(notes=("no commits",))
    large = _large_blobs(root, timeout)
    args = [
        "-c", f"core.bigFileThreshold={BIG_FILE_THRESHOLD}", "log", "--raw", "-p", "-U0",
        "--no-abbrev", "--no-textconv", "--no-ext-diff", "--no-color", "--no-renames",
        "--no-relative", "--root", "--diff-merges=off", "--src-prefix=a/", "--dst-prefix=b/",
        "--encoding=UTF-8", f"--max-count={MAX_COMMITS + 1}", LOG_FORMAT, head.decode(), "--",
    ]
    parser = _LogParser(large)
    parser.feed(stream_git(root, args, timeout=timeout))
    return parser.result()


def _large_blobs(root: Path, timeout: float) -> dict[str, int]:
    """Sizes of every blob over the floor (one cat-file pass, no stdin to deadlock on)."""
    large: dict[str, int] = {}
    check = "--batch-check=%(objecttype) %(objectname) %(objectsize)"
    for line in stream_git(root, ["cat-file", "--batch-all-objects", check], timeout=timeout):
        kind, _, rest = line.partition(b" ")
        if kind != b"blob":
            continue
        sha, _, size = rest.strip().partition(b" ")
        if size.isdigit() and int(size) >= LARGE_BLOB_FLOOR:
            large[sha.decode()] = int(size)
    return large


class _LogParser:
    """A line-driven state machine over `git log --raw -p -U0` output."""

    def __init__(self, large: dict[str, int]) -> None:
        self.large = large
        self.commits: list[Commit] = []
        self.added_counts: list[int] = []
        self.secrets: list[HistorySecret] = []
        self.added: dict[str, str] = {}
        self.blobs: list[LargeBlob] = []
        self.notes: list[str] = []
        self.path: str | None = None
        self.old_left = 0
        self.new_left = 0
        self.new_line = 0
        self.lines: list[tuple[int, str]] = []
        self.added_bytes = 0

    def feed(self, lines: Iterable[bytes]) -> None:
        stream = iter(lines)
        try:
            self._consume(stream)
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # stops git when we leave early (commit cap)
        self._flush_file()

    def _consume(self, stream: Iterator[bytes]) -> None:
        for line in stream:
            if (self.old_left > 0 or self.new_left > 0) and line[:1] in HUNK_MARKERS:
                self._hunk_line(line)
                continue
            self.old_left = self.new_left = 0  # a hunk ends early only if git's output is odd
            if line.startswith(HEADER):
                self._flush_file()
                if len(self.commits) >= MAX_COMMITS:
                    self.notes.append(f"more than {MAX_COMMITS} commits: older ones not scanned")
                    return
                self._commit(line[2:])
            elif line.startswith(b":"):
                self._raw(line)
            elif line.startswith(b"diff --git "):
                self._flush_file()
            elif line.startswith(b"+++ "):
                # git appends a tab to names with spaces; a name ending in a tab is quoted
                target = _unquote(line[4:].rstrip(b"\n").removesuffix(b"\t"))
                self.path = target[2:] if target.startswith("b/") else None
            elif line.startswith(b"@@ "):
                self._hunk_header(line)

    def _commit(self, header: bytes) -> None:
        parts = header.rstrip(b"\n").decode("utf-8", "replace").split(" ", 3)
        try:
            when = datetime.fromisoformat(parts[2])
        except (IndexError, ValueError):
            return
        self.commits.append(Commit(parts[0], when, parts[3] if len(parts) > 3 else ""))
        self.added_counts.append(0)

    def _raw(self, line: bytes) -> None:
        meta, _, raw_path = line.rstrip(b"\n").partition(b"\t")
        fields = meta.split()
        if len(fields) < 5 or not self.commits:
            return
        path = _unquote(raw_path)
        commit = self.commits[-1].sha
        new_sha, status = fields[3].decode(), fields[4][:1]
        if status == b"A":
            self.added[path] = commit  # newest first: the last write is the first addition
        if status in (b"A", b"M", b"T") and new_sha != ZERO_SHA and new_sha in self.large:
            self.blobs.append(LargeBlob(path, self.large[new_sha], commit))

    def _hunk_header(self, line: bytes) -> None:
        # @@ -a[,b] +c[,d] @@
        try:
            old, new = line.split(b" ")[1:3]
            self.old_left = _count(old)
            start, _, count = new[1:].partition(b",")
            self.new_left = int(count) if count else 1
            self.new_line = int(start)
        except ValueError:
            self.old_left = self.new_left = 0

    def _hunk_line(self, line: bytes) -> None:
        marker = line[:1]
        if marker == b"-":
            self.old_left -= 1
        elif marker == b"+":
            self.new_left -= 1
            if self.added_counts:
                self.added_counts[-1] += 1
            self._added_line(line[1:])
            self.new_line += 1
        # b"\\" is "\ No newline at end of file": nothing to count

    def _added_line(self, content: bytes) -> None:
        if self.path is None or self.added_bytes > MAX_ADDED_BYTES:
            return
        self.added_bytes += len(content)
        text = content[:MAX_LINE_CHARS].decode("utf-8", "replace").rstrip("\r\n")
        self.lines.append((self.new_line, text))

    def _flush_file(self) -> None:
        if self.path is not None and self.lines and self.commits:
            self.secrets.extend(_secrets_in(self.commits[-1].sha, self.path, self.lines))
        self.path = None
        self.lines = []
        self.added_bytes = 0
        self.old_left = self.new_left = 0

    def result(self) -> History:
        return History(
            commits=tuple(
                replace(commit, added_lines=count)
                for commit, count in zip(self.commits, self.added_counts, strict=True)
            ),
            secrets=tuple(self.secrets),
            added_paths=tuple(AddedPath(p, c) for p, c in sorted(self.added.items())),
            large_blobs=tuple(self.blobs),
            notes=tuple(self.notes),
        )


def _secrets_in(commit: str, path: str, lines: list[tuple[int, str]]) -> list[HistorySecret]:
    """Secrets in the lines one commit added to one file, at their line numbers in that file."""
    from portfolio_lint.scanners.secrets import scan_secrets

    found = []
    for hit in scan_secrets(path, "\n".join(text for _, text in lines)):
        if not 1 <= hit.line <= len(lines):
            continue
        number, text = lines[hit.line - 1]
        if SECRET_ALLOW_PATTERN.search(text):
            continue
        found.append(HistorySecret(commit, path, _at_line(hit, number)))
    return found


def _at_line(hit: Hit, line: int) -> Hit:
    return Hit(hit.detector, line, hit.column, hit.evidence, hit.severity, hit.message,
               hit.cell, hit.key)


def _count(spec: bytes) -> int:
    _, _, count = spec.partition(b",")
    return int(count) if count else 1


def _unquote(raw: bytes) -> str:
    """A path as git prints it: plain, or C-quoted with octal escapes for unusual bytes."""
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        return raw.decode("utf-8", "replace")
    body, out, index = raw[1:-1], bytearray(), 0
    escapes = {ord("n"): 10, ord("t"): 9, ord('"'): 34, ord("\\"): 92, ord("a"): 7,
               ord("b"): 8, ord("f"): 12, ord("r"): 13, ord("v"): 11}
    while index < len(body):
        byte = body[index]
        if byte == 92 and index + 1 < len(body):
            following = body[index + 1]
            if 48 <= following <= 55 and index + 4 <= len(body):
                out.append(int(body[index + 1:index + 4], 8) & 0xFF)
                index += 4
                continue
            out.append(escapes.get(following, following))
            index += 2
            continue
        out.append(byte)
        index += 1
    return out.decode("utf-8", "replace")
