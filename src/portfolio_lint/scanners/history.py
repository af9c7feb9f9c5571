"""Git history in one streaming `git log -p` pass: commits, added secrets, files, big blobs."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import accumulate, chain, islice
from pathlib import Path

from portfolio_lint.core.file_facts import Hit
from portfolio_lint.core.inline_ignores import SECRET_ALLOW_PATTERN
from portfolio_lint.untrusted.hardened_git import read_blobs, run_git, stream_git, stream_git_blocks

HEADER = b"\0\0"
LOG_FORMAT = "--format=%x00%x00%H %ct %aI %s"
MAX_COMMITS = 20_000
MAX_LINE_CHARS = 4096  # secrets sit near a keyword; minified megabyte lines are not scanned whole
# Every line git prints is cut to MAX_LINE_BYTES by hardened_git; the fields kept are cut further,
# so 20,000 commits with megabyte subjects or path names cost a few megabytes.
MAX_SUBJECT_CHARS = 1000
MAX_PATH_CHARS = 4096
MAX_ADDED_BYTES = 512 * 1024  # per file per commit: a dumped CSV must not dominate the pass
BIG_FILE_THRESHOLD = "4m"  # git itself treats larger blobs as binary and prints no diff
LARGE_BLOB_FLOOR = 512 * 1024
# `git log -p` loads a blob whole to decide it is binary (about twice its size in memory,
# whatever core.bigFileThreshold says): paths that ever held a blob this big are left out of
# the patch pass and listed in a raw-only pass instead.
HUGE_BLOB = 16 * 1024 * 1024
MAX_EXCLUDED_PATHS = 200
LOG_TIMEOUT = 600.0
ZERO_SHA = "0" * 40
EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
# The repository's own attributes (a .gitattributes at any level, $GIT_DIR/info/attributes,
# macros) can make git print "Binary files ... differ" for text: `-diff`, `binary`, ...
# git 2.39 cannot be told to ignore them, so the blobs behind those lines are read afterwards
# and the ones git's own heuristic calls text (no NUL in the first 8000 bytes, as in git's
# buffer_is_binary) are scanned. Blobs over BIG_FILE_THRESHOLD are binary to git whatever the
# attributes say, so they are not read.
GIT_SNIFF_BYTES = 8000
MAX_HIDDEN_BLOB = 4 * 1024 * 1024  # = BIG_FILE_THRESHOLD
MAX_HIDDEN_TEXT = 64 * 1024 * 1024
# A file whose old version is binary shows as binary whatever its new one is: those new
# versions are read too, after the rest, within this budget (a repository of model weights
# updated often must not get much slower).
MAX_FLIP_READ = 16 * 1024 * 1024
# Path characters check-attr cannot be asked about as we hold the path (an undecodable byte)
UNASKABLE = frozenset("\0\ufffd")
# git log -p has loaded every one of these blobs already: reading them again costs less
MAX_HIDDEN_READ = 1024 * 1024 * 1024
# A .env line that holds no value: blank, a comment, or `[export] KEY=` with nothing (or "")
# after the '='. Anything else (including lines we cannot read) counts as a value.
EMPTY_ENV_LINE = re.compile(r"\s*(?:#.*|(?:export\s+)?[\w.-]+\s*=\s*(?:(?:''|\"\")\s*)?(?:#.*)?)?")


@dataclass(frozen=True)
class Commit:
    """One commit reachable from HEAD."""

    sha: str
    when: datetime
    subject: str
    # text lines of the patch only: binaries, files git deems too big and text the
    # repository's attributes showed as binary count 0
    added_lines: int = 0


@dataclass(frozen=True)
class HistorySecret:
    """A secret in a line some commit added (the hit's line is the line in that commit's file)."""

    commit: str
    path: str
    hit: Hit
    allowed: bool = False  # its line carries `gitleaks:allow` or an allowlist pragma


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
    # .env files every version of which the patch pass read and found holding no value
    valueless_env_files: tuple[str, ...] = ()


def history_key(root: Path, folder: str | None = None) -> str | None:
    """What the history scan's result depends on: HEAD, whether the clone is shallow, and
    the folder whose history it is (None: the whole repository's).

    Everything reachable from a commit is fixed by its hash, so a result stored under this
    key stays right (None: no commits, nothing worth storing).
    """
    out = (
        run_git(
            root,
            ["rev-parse", "--is-shallow-repository", "--verify", "-q", "HEAD^{commit}"],
            check=False,
        )
        .decode("ascii", "replace")
        .split()
    )
    if len(out) != 2:
        return None
    return f"{out[1]}|shallow={out[0]}|max={MAX_COMMITS}" + (f"|folder={folder}" if folder else "")


def scan_history(root: Path, *, timeout: float = LOG_TIMEOUT, folder: str | None = None) -> History:
    """Scan every commit reachable from HEAD of the work tree `root` (hardened git); with
    `folder`, only the commits that changed files below it, with paths relative to it."""
    head = run_git(root, ["rev-parse", "--verify", "-q", "HEAD^{commit}"], check=False).strip()
    if not head:
        return History(notes=("no commits",))
    large = _large_blobs(root, timeout)

    def parse(*, patch: bool, exclude: Sequence[str] = ()) -> History:
        args = _log_args(head.decode(), patch=patch, exclude=exclude, folder=folder)
        return _parse(root, args, large, timeout, folder)

    if all(size < HUGE_BLOB for size in large.values()):
        return parse(patch=True)
    # One raw pass (no blob is read) gives commits, added paths and large blobs; the patch
    # pass leaves out every path that ever held a huge blob and gives added lines and secrets.
    listing = parse(patch=False)
    huge_paths = sorted({b.path for b in listing.large_blobs if b.size >= HUGE_BLOB})
    patched = parse(patch=True, exclude=huge_paths[:MAX_EXCLUDED_PATHS])
    added_lines = {commit.sha: commit.added_lines for commit in patched.commits}
    return replace(
        listing,
        commits=tuple(replace(c, added_lines=added_lines.get(c.sha, 0)) for c in listing.commits),
        secrets=patched.secrets,
        valueless_env_files=patched.valueless_env_files,
    )


def _log_args(
    head: str, *, patch: bool, exclude: Sequence[str] = (), folder: str | None = None
) -> list[str]:
    """`git log --raw` from `head`, with -U0 patches, leaving out the paths in `exclude`;
    with `folder`, only commits changing files below it, paths relative to it (`--relative`).

    Every option that shapes the output is on the command line (hardened_git also pins the config
    keys behind them), so the repository's config cannot change what the parser reads.
    --full-history: with a pathspec git would otherwise follow only one parent of a merge
    that is the same as it on the remaining paths, and miss the other side's commits.
    """
    config = ["-c", f"core.bigFileThreshold={BIG_FILE_THRESHOLD}"] if patch else []
    inside = f"{folder}/" if folder else ""  # pathspecs are the repository's paths
    diff = (
        [
            "-p",
            "-U0",
            "--full-index",
            "--inter-hunk-context=0",
            "--src-prefix=a/",
            "--dst-prefix=b/",
            "--diff-algorithm=default",
            "--indent-heuristic",
            f"-O{os.devnull}",
        ]
        if patch
        else []
    )
    return [
        *config,
        "log",
        "--raw",
        *diff,
        "--no-abbrev",
        "--no-textconv",
        "--no-ext-diff",
        "--submodule=short",
        "--ignore-submodules=dirty",
        "--no-color",
        "--no-renames",
        f"--relative={folder}/" if folder else "--no-relative",
        "--root",
        "--diff-merges=off",
        "--full-history",
        "--no-follow",
        "--no-notes",
        "--no-mailmap",
        "--no-show-signature",
        "--no-decorate",
        "--encoding=UTF-8",
        f"--max-count={MAX_COMMITS + 1}",
        LOG_FORMAT,
        head,
        "--",
        *([f":(literal){folder}/"] if folder else []),
        *(f":(exclude,literal){inside}{path}" for path in exclude),
    ]


def _parse(
    root: Path, args: list[str], large: dict[str, int], timeout: float, folder: str | None = None
) -> History:
    parser = _LogParser(large)
    blocks = stream_git_blocks(root, args, timeout=timeout)
    try:
        parser.feed(chain.from_iterable(blocks))
    finally:
        blocks.close()  # stops git when the parser leaves early (commit cap)
    if parser.hidden:
        _read_hidden(root, parser, large, timeout, folder)
    return parser.result()


def _read_hidden(
    root: Path, parser: _LogParser, large: dict[str, int], timeout: float, folder: str | None
) -> None:
    """Hand the parser the blobs behind its "Binary files" lines that may be text (else None).

    Blobs that attributes may have hidden come first, then text that follows a binary
    version of its file (git shows that change as binary too), each smallest first (sizes
    under LARGE_BLOB_FLOOR are unknown here, so those lead, by name); one blob in memory at
    a time. Padding with big binaries cannot push a small file out of the budgets.
    """
    decided = _content_decided(root, parser, timeout, folder)
    hidden = [
        name
        for name, entries in parser.hidden.items()
        if any(entry.path not in decided for entry in entries)
    ]
    flips = [
        name
        for name, entries in parser.hidden.items()
        if all(entry.path in decided for entry in entries)
        and not all(entry.added for entry in entries)
    ]
    if not hidden and not flips:
        parser.close_hidden()
        return

    def by_size(name: str) -> tuple[int, str]:
        return large.get(name, 0), name

    first = set(hidden)
    blobs = read_blobs(
        root,
        [*sorted(hidden, key=by_size), *sorted(flips, key=by_size)],
        max_size=MAX_HIDDEN_BLOB,
        timeout=timeout,
    )
    read = scanned = 0
    try:
        for name, content in blobs:
            is_text = b"\0" not in content[:GIT_SNIFF_BYTES]
            read += len(content)
            scanned += len(content) if is_text else 0
            if name not in first and read > MAX_FLIP_READ:
                break
            if read > MAX_HIDDEN_READ or scanned > MAX_HIDDEN_TEXT:
                parser.notes.append(
                    "files shown as binary: stopped reading them after"
                    f" {read >> 20} MiB; the rest were not scanned"
                )
                break
            parser.hidden_blob(name, content if is_text else None)
    finally:
        blobs.close()
    parser.close_hidden()


def _content_decided(
    root: Path, parser: _LogParser, timeout: float, folder: str | None = None
) -> set[str]:
    """Paths git judged binary by their bytes alone: no attribute sets `diff` false or names a
    driver (one `git check-attr`, which reads the same attribute files `git log` read).

    The blob of such a path, added in that commit, is binary by git's heuristic: not read.
    Anything git does not answer plainly is read.
    """
    paths = sorted(
        {
            entry.path
            for entries in parser.hidden.values()
            for entry in entries
            if len(entry.path) < MAX_PATH_CHARS and not set(entry.path) & UNASKABLE
        }
    )
    if not paths:
        return set()
    inside = f"{folder}/" if folder else ""  # check-attr takes paths of the repository
    listing = "".join(f"{inside}{path}\0" for path in paths).encode()
    out = run_git(
        root, ["check-attr", "-z", "--stdin", "diff"], input=listing, timeout=timeout, check=False
    )
    fields = out.decode("utf-8", "replace").split("\0")
    answers = zip(fields[0::3], fields[1::3], fields[2::3], strict=False)
    return {
        path[len(inside) :]
        for path, attribute, value in answers
        if attribute == "diff" and value in ("unspecified", "set")
    }


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
    """A state machine over `git log --raw -p -U0` output that takes each hunk in one gulp.

    With no context lines a hunk is exactly its removed lines, then its added lines (each
    block maybe followed by a "\\ No newline" line), in the numbers its header gives: the
    removed block is skipped unread and the added block is decoded as one string.
    """

    def __init__(self, large: dict[str, int]) -> None:
        self.large = large
        self.commits: list[Commit] = []
        self.added_counts: list[int] = []
        self.secrets: list[HistorySecret] = []
        self.added: dict[str, str] = {}
        self.blobs: list[LargeBlob] = []
        self.notes: list[str] = []
        self.path: str | None = None
        self.blocks: list[_Block] = []
        self.added_bytes = 0
        self.cut = False  # some added line of the current file was left unread
        self.env_valued: dict[str, bool] = {}  # .env path: whether some version held a value
        self.env_unread: set[str] = set()  # .env paths this commit changed, patch not read yet
        self.new_blobs: dict[str, list[str]] = {}  # this commit: new blob name -> its paths
        self.index_blob: str | None = None  # new blob of the current file's "index" line
        self.index_added = False  # and whether its old blob is none (an added file)
        self.hidden: dict[str, list[_Hidden]] = {}  # blob name: files git printed as binary

    def feed(self, lines: Iterable[bytes]) -> None:
        self._consume(iter(lines))
        self._flush_file()
        self._close_commit()

    def _consume(self, stream: Iterator[bytes]) -> None:
        pending: list[bytes] = []  # lines a hunk read past its end, handed back
        while True:
            line = pending.pop() if pending else next(stream, None)
            if line is None:
                return
            if line.startswith(b"@@ "):
                pending.extend(reversed(self._hunk(line, stream)))
            elif line.startswith(HEADER):
                self._flush_file()
                self._close_commit()
                if len(self.commits) >= MAX_COMMITS:
                    self.notes.append(f"more than {MAX_COMMITS} commits: older ones not scanned")
                    return
                self._commit(line[2:])
            elif line.startswith(b":"):
                self._raw(line)
            elif line.startswith(b"diff --git "):
                self._flush_file()
            elif line.startswith(b"index "):
                # "index <old>..<new>[ <mode>]", full names (--full-index)
                old, _, new = line[6:].split(b" ")[0].partition(b"..")
                self.index_blob = new.strip().decode("ascii", "replace")
                self.index_added = old.strip(b"0") == b""
            elif line.startswith(b"Binary files "):
                self._binary(line)
            elif line.startswith(b"+++ "):
                # git appends a tab to names with spaces; a name ending in a tab is quoted
                target = _unquote(line[4:].rstrip(b"\n").removesuffix(b"\t"))
                self.path = target[2 : MAX_PATH_CHARS + 2] if target.startswith("b/") else None

    def _commit(self, header: bytes) -> None:
        parts = header.rstrip(b"\n").decode("utf-8", "replace").split(" ", 3)
        try:
            when = datetime.fromisoformat(parts[2])
        except (IndexError, ValueError):
            return
        subject = parts[3][:MAX_SUBJECT_CHARS] if len(parts) > 3 else ""
        self.commits.append(Commit(parts[0], when, subject))
        self.added_counts.append(0)
        self.new_blobs = {}

    def _raw(self, line: bytes) -> None:
        meta, _, raw_path = line.rstrip(b"\n").partition(b"\t")
        fields = meta.split()
        if len(fields) < 5 or not self.commits:
            return
        path = _unquote(raw_path)[:MAX_PATH_CHARS]
        commit = self.commits[-1].sha
        new_sha, status = fields[3].decode(), fields[4][:1]
        if status == b"A":
            self.added[path] = commit  # newest first: the last write is the first addition
        if status not in (b"A", b"M", b"T"):
            return
        if new_sha != ZERO_SHA and self.large.get(new_sha, 0) <= MAX_HIDDEN_BLOB:
            self.new_blobs.setdefault(new_sha, []).append(path)
        if new_sha != ZERO_SHA and new_sha in self.large:
            self.blobs.append(LargeBlob(path, self.large[new_sha], commit))
        if _is_env_file(path):
            if new_sha == EMPTY_BLOB:
                self.env_valued.setdefault(path, False)
            else:
                self.env_unread.add(path)  # a value unless its patch shows none

    def _binary(self, line: bytes) -> None:
        """A file git printed as binary: remember its blob, to check it is not text."""
        paths = self.new_blobs.get(self.index_blob or "")
        if not paths or not self.commits:
            return  # deleted, or too big for git to diff whatever the attributes
        # the blob may sit at several paths: the one the line names, if it is plainly written
        named = (
            i
            for i, path in enumerate(paths)
            if line.endswith(f" b/{path} differ\n".encode(errors="replace"))
        )
        path = paths.pop(next(named, 0))
        env = path in self.env_unread
        self.env_unread.discard(path)  # decided once the blob is read
        entry = _Hidden(self.commits[-1].sha, path, env, self.index_added)
        self.hidden.setdefault(self.index_blob or "", []).append(entry)

    def hidden_blob(self, name: str, content: bytes | None) -> None:
        """Scan text (`content`) some files git printed as binary held, as lines their commit
        added; `content` None: a real binary.

        The whole blob counts as added (its diff is unknown): for secrets an over-approximation
        (a key in a file changed later is reported again; the history check keeps its oldest
        commit).
        """
        block = _blob_block(content) if content is not None else None
        scanned: dict[str, list[HistorySecret]] = {}
        for entry in self.hidden.pop(name, []):
            if entry.env:
                valued = block is None or _holds_value([block])
                self.env_valued[entry.path] = self.env_valued.get(entry.path, False) or valued
            if block is None or not block.text:
                continue
            if entry.path not in scanned:
                scanned[entry.path] = _secrets_in(entry.commit, entry.path, [block])
            self.secrets.extend(
                replace(found, commit=entry.commit) for found in scanned[entry.path]
            )

    def close_hidden(self) -> None:
        """.env files git printed as binary that were not read held values; secrets newest
        commit first again."""
        for entry in chain.from_iterable(self.hidden.values()):
            if entry.env:
                self.env_valued[entry.path] = True
        self.hidden.clear()
        order = {commit.sha: index for index, commit in enumerate(self.commits)}
        self.secrets.sort(key=lambda found: order.get(found.commit, len(order)))

    def _hunk(self, header: bytes, stream: Iterator[bytes]) -> list[bytes]:
        """Consume the hunk `header` announces; return lines read that are not part of it."""
        try:  # @@ -a[,b] +c[,d] @@
            old, new = header.split(b" ")[1:3]
            removed = _count(old)
            start, _, count = new[1:].partition(b",")
            added, first_line = (int(count) if count else 1), int(start)
        except ValueError:
            return []
        deque(islice(stream, removed), maxlen=0)
        after = next(stream, None) if removed else None
        if after is not None and after.startswith(b"\\"):
            after = None  # "\\ No newline at end of file" closes the removed block
        if not added:
            return [after] if after is not None else []
        lines = [after] if after is not None else []
        lines.extend(islice(stream, added - len(lines)))
        joined = b"".join(lines)
        if not (joined.startswith(b"+") and joined.count(b"\n+") >= len(lines) - 1):
            return self._odd_hunk(lines, first_line)  # git's output is never like this
        if self.commits:
            self.added_counts[-1] += len(lines)
        self._keep(lines, first_line)
        return []

    def _odd_hunk(self, lines: list[bytes], first_line: int) -> list[bytes]:
        """Keep the leading added lines; hand the rest back to the line loop."""
        cut = next((i for i, line in enumerate(lines) if not line.startswith(b"+")), len(lines))
        if self.commits:
            self.added_counts[-1] += cut
        self._keep(lines[:cut], first_line)
        return lines[cut:]

    def _keep(self, lines: list[bytes], first_line: int) -> None:
        """Remember added lines for the secret scan, within the per-file byte budget."""
        budget = MAX_ADDED_BYTES - self.added_bytes
        if self.path is None or not lines:
            return
        if budget < 0:
            self.cut = True
            return
        ends = list(accumulate(map(len, lines)))
        kept = lines[: bisect_right(ends, budget) + 1]
        self.cut |= len(kept) < len(lines)
        self.added_bytes += ends[len(kept) - 1]
        if max(map(len, kept)) > MAX_LINE_CHARS:
            text = "\n".join(
                line[1 : MAX_LINE_CHARS + 1].decode("utf-8", "replace").rstrip("\r\n")
                for line in kept
            )
        else:
            raw = b"".join(kept).decode("utf-8", "replace")
            text = raw[1:].replace("\n+", "\n").replace("\r\n", "\n").removesuffix("\n")
        self.blocks.append(_Block(first_line, text, len(kept)))

    def _flush_file(self) -> None:
        if self.path is not None and self.blocks and self.commits:
            self.secrets.extend(_secrets_in(self.commits[-1].sha, self.path, self.blocks))
        if self.path is not None and self.path in self.env_unread:
            self.env_unread.discard(self.path)
            valued = self.cut or _holds_value(self.blocks)
            self.env_valued[self.path] = self.env_valued.get(self.path, False) or valued
        self.path = None
        self.index_blob = None
        self.blocks = []
        self.added_bytes = 0
        self.cut = False

    def _close_commit(self) -> None:
        """.env versions of the commit whose patch was not read (binary, left out) held values."""
        for path in self.env_unread:
            self.env_valued[path] = True
        self.env_unread.clear()

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
            valueless_env_files=tuple(
                sorted(path for path, valued in self.env_valued.items() if not valued)
            ),
        )


@dataclass(frozen=True)
class _Block:
    """Consecutive added lines of one hunk, from line `first_line` of the new file."""

    first_line: int
    text: str
    count: int


@dataclass(frozen=True)
class _Hidden:
    """A file git printed as binary: `commit` set `path` (`env`: a .env file to decide;
    `added`: no old version, so only attributes or its own bytes made it binary)."""

    commit: str
    path: str
    env: bool
    added: bool


def _blob_block(content: bytes) -> _Block:
    """A whole blob as one block of lines from line 1, long lines cut as in the patch pass."""
    text = content.decode("utf-8", "replace").replace("\r\n", "\n").removesuffix("\n")
    lines = text.split("\n")
    if max(map(len, lines)) > MAX_LINE_CHARS:
        text = "\n".join(line[:MAX_LINE_CHARS] for line in lines)
    return _Block(1, text, len(lines))


def _secrets_in(commit: str, path: str, blocks: list[_Block]) -> list[HistorySecret]:
    """Secrets in the lines one commit added to one file, at their line numbers in that file."""
    from portfolio_lint.scanners.secrets import scan_secrets

    hits = scan_secrets(path, "\n".join(block.text for block in blocks))
    if not hits:
        return []
    lines = [
        (block.first_line + offset, text)
        for block in blocks
        for offset, text in enumerate(block.text.split("\n"))
    ]
    found = []
    for hit in hits:
        if not 1 <= hit.line <= len(lines):
            continue
        number, text = lines[hit.line - 1]
        allowed = SECRET_ALLOW_PATTERN.search(text) is not None
        found.append(HistorySecret(commit, path, _at_line(hit, number), allowed))
    return found


def _is_env_file(path: str) -> bool:
    name = path.rpartition("/")[2].lower()  # called for every changed path: no PurePosixPath
    return name == ".env" or name.startswith(".env.")


def _holds_value(blocks: list[_Block]) -> bool:
    """Whether some added line of a .env file sets a value (or is not a KEY= line at all)."""
    return any(
        not EMPTY_ENV_LINE.fullmatch(line) for block in blocks for line in block.text.split("\n")
    )


def _at_line(hit: Hit, line: int) -> Hit:
    return Hit(
        hit.detector, line, hit.column, hit.evidence, hit.severity, hit.message, hit.cell, hit.key
    )


def _count(spec: bytes) -> int:
    _, _, count = spec.partition(b",")
    return int(count) if count else 1


def _unquote(raw: bytes) -> str:
    """A path as git prints it: plain, or C-quoted with octal escapes for unusual bytes."""
    if not (raw.startswith(b'"') and raw.endswith(b'"') and len(raw) >= 2):
        return raw.decode("utf-8", "replace")
    body, out, index = raw[1:-1], bytearray(), 0
    escapes = {
        ord("n"): 10,
        ord("t"): 9,
        ord('"'): 34,
        ord("\\"): 92,
        ord("a"): 7,
        ord("b"): 8,
        ord("f"): 12,
        ord("r"): 13,
        ord("v"): 11,
    }
    while index < len(body):
        byte = body[index]
        if byte == 92 and index + 1 < len(body):
            following = body[index + 1]
            if 48 <= following <= 55 and index + 4 <= len(body):
                out.append(int(body[index + 1 : index + 4], 8) & 0xFF)
                index += 4
                continue
            out.append(escapes.get(following, following))
            index += 2
            continue
        out.append(byte)
        index += 1
    return out.decode("utf-8", "replace")
