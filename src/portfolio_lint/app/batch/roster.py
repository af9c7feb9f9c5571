"""Who to grade: a roster CSV, or an organisation's repositories by name prefix; sharding."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from portfolio_lint.app.batch.deadlines import (
    DEADLINE_COLUMNS,
    EXTENSION_COLUMNS,
    parse_deadline,
    parse_extension,
)

STUDENT_COLUMNS = ("student", "name", "student_name", "login", "github", "username", "id", "email")
REPO_COLUMNS = (
    "repo",
    "repository",
    "url",
    "repo_url",
    "repository_url",
    "github_repo",
    "target",
    "project",
)
# A folder inside each repository to grade on its own (one project of a portfolio repository).
FOLDER_COLUMNS = ("path", "subfolder", "subdir", "project_path")
MAX_ROSTER_BYTES = 16 * 1024 * 1024
MAX_CELL_CHARS = 1024 * 1024  # csv's default (128 KiB) made a long cell a traceback
OUTSIDE_ROOTS = "local path outside the roster's folder (use --allow-local-root to grade it)"
ENCODINGS_HELP = "save it as CSV in UTF-8 (with or without BOM) or UTF-16"


class RosterError(ValueError):
    """A roster that cannot be read; the message says which line or column."""


@dataclass(frozen=True)
class Assignment:
    """One repository to grade and the student it belongs to."""

    student: str
    repo: str
    # Why this row is not graded (a local path outside the allowed folders), or None.
    refusal: str | None = None
    # The roster's other columns (header, value), in roster order, carried to the gradebook
    # (passengers: two assignments differing only there grade the same).
    columns: tuple[tuple[str, str], ...] = field(default=(), compare=False)
    # The student's own deadline (a `deadline` column), or days added to --as-of.
    deadline: datetime | None = None
    extension_days: float = 0.0

    @property
    def key(self) -> str:
        """A filesystem-safe, unique name for this student's outputs."""
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", self.student).strip("-.")[:60] or "student"
        # Both halves are hashed: "Ada L." and "Ada L!" sharing a pair project get two files.
        digest = hashlib.sha256(f"{self.student}\0{self.repo}".encode()).hexdigest()[:10]
        return f"{slug}-{digest}"


def _column(header: Sequence[str], names: Sequence[str]) -> int | None:
    normalised = [re.sub(r"[^a-z_]", "", h.strip().lower().replace(" ", "_")) for h in header]
    return next((normalised.index(n) for n in names if n in normalised), None)


def read_roster(
    path: Path,
    *,
    local_roots: Sequence[Path] = (),
    warn: Callable[[str], None] | None = None,
) -> list[Assignment]:
    """Assignments from a CSV with a header naming a student and a repository column.

    UTF-8 (with or without BOM) and UTF-16 are read, with any line ends and a comma or tab
    delimiter. A local folder must lie inside the roster's folder or one of `local_roots`.
    Every other column travels with its assignment (`columns`); `deadline` and
    `extension_days` columns set a student's own deadline. Duplicate rows are reported to
    `warn` (see `roster_duplicates.merge_duplicates`).
    """
    from portfolio_lint.app.batch.roster_duplicates import merge_duplicates

    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_ROSTER_BYTES + 1)
    except OSError as error:
        raise RosterError(f"cannot read roster {path}: {error.strerror}") from error
    if len(raw) > MAX_ROSTER_BYTES:
        raise RosterError(f"{path}: roster larger than {MAX_ROSTER_BYTES // (1024 * 1024)} MiB")
    rows = _rows(path, decode_roster(path, raw))
    if not rows:
        raise RosterError(f"{path}: empty roster")
    header, body = rows[0][1], rows[1:]
    repo_at = _column(header, REPO_COLUMNS)
    if repo_at is None:
        raise RosterError(f"{path}: no repository column (one of: {', '.join(REPO_COLUMNS)})")
    student_at = _column(header, STUDENT_COLUMNS)
    folder_at = _column(header, FOLDER_COLUMNS)
    deadline_at = _column(header, DEADLINE_COLUMNS)
    extension_at = _column(header, EXTENSION_COLUMNS)
    names = carried_names(header)
    carried = [i for i in range(len(header)) if i not in (repo_at, student_at)]
    numbered: list[tuple[int, Assignment]] = []
    for number, row in body:
        cell = _cells(row)
        repo = cell(repo_at)
        if not repo:
            continue
        repo, refusal = _beside(path, repo, local_roots, cell(folder_at))
        try:
            deadline = parse_deadline(cell(deadline_at))
            extension = parse_extension(cell(extension_at))
        except ValueError as error:
            raise RosterError(f"{path}: line {number}: {error}") from None
        columns = tuple((names[i], _carried(cell(i))) for i in carried)
        assignment = Assignment(
            cell(student_at) or repo, repo, refusal, columns, deadline, extension
        )
        numbered.append((number, assignment))
    return merge_duplicates(numbered, warn or (lambda message: None))


def carried_names(header: Sequence[str]) -> list[str]:
    """Column names as the roster writes them; a blank one is `column_N`, a repeated one
    gets `_2`, `_3`... so every column keeps its own name."""
    names: list[str] = []
    for index, raw in enumerate(header, start=1):
        name = raw.strip() or f"column_{index}"
        base, count = name, 1
        while name in names:
            count += 1
            name = f"{base}_{count}"
        names.append(name)
    return names


def _cells(row: Sequence[str]) -> Callable[[int | None], str]:
    def cell(index: int | None) -> str:
        return row[index].strip() if index is not None and index < len(row) else ""

    return cell


def _carried(value: str) -> str:
    """A roster cell as the gradebook shows it: any credential in a URL redacted."""
    from portfolio_lint.sources.targets import redact_credentials

    return redact_credentials(value)


def decode_roster(path: Path, raw: bytes) -> str:
    """The roster's text with LF line ends: UTF-8 (BOM optional) or UTF-16 (BOM or not)."""
    encoding = _encoding(raw)
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise RosterError(f"{path}: not UTF-8 or UTF-16 text; {ENCODINGS_HELP}") from None
    if "\0" in text:
        raise RosterError(f"{path}: holds NUL characters; {ENCODINGS_HELP}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # the BOM says which byte order, and is dropped
    sample = raw[:4096]
    if len(raw) % 2 == 0 and sample.count(0) * 4 >= len(sample):  # ASCII text as UTF-16
        odd_nuls = sample[1::2].count(0)
        return "utf-16-le" if odd_nuls >= sample[0::2].count(0) else "utf-16-be"
    return "utf-8"


def _rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the line each starts on; comma-separated, or tab-separated when
    the header has tabs only."""
    header = text.lstrip("\n").partition("\n")[0]
    delimiter = "\t" if "\t" in header and "," not in header else ","
    if csv.field_size_limit() < MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise RosterError(f"{path}: line {reader.line_num}: {error}") from None
    return rows


def _beside(
    roster: Path, repo: str, local_roots: Sequence[Path], folder: str = ""
) -> tuple[str, str | None]:
    """A relative folder path is read from the roster's folder, wherever the command runs.

    Returns the repository text (a local folder made absolute and resolved, `folder` joined
    to it; a remote one with `//folder` appended) and, for a local path outside the roster's
    folder and every allowed root, or a `folder` that leaves its repository, why it is refused.
    """
    from portfolio_lint.sources.targets import TargetError, clean_subfolder, parse_target

    here = roster.resolve().parent
    try:
        inside = clean_subfolder(folder, folder) if folder else None
    except TargetError as error:
        return repo, str(error)
    try:  # an existing folder (or ./, ../, /, ~) is local; any other owner/repo is GitHub's
        target = parse_target(repo, cwd=here, shorthand=True)
        local = target.local.resolve() if target.local is not None else _file_url_path(target.url)
    except (TargetError, OSError, RuntimeError, ValueError):  # unknown here; a symlink loop
        return _missing(here, repo, inside), None
    if local is not None and not any(local.is_relative_to(r) for r in _roots(here, local_roots)):
        return repo, OUTSIDE_ROOTS
    if target.local is None or local is None:
        if inside and target.subdir:
            return repo, f"{repo}: names a folder after // and in the {folder!r} column too"
        return (f"{repo}//{inside}" if inside else repo), None
    return _project_of(local, inside, repo)


def _project_of(local: Path, inside: str | None, repo: str) -> tuple[str, str | None]:
    """The resolved folder `inside` of the local repository folder `local`, or why not (a
    bare repository has no folders on disk: its `file://` URL and `//inside`)."""
    from portfolio_lint.sources.trust import is_bare_layout

    if inside and is_bare_layout(local):
        return f"{local.as_uri()}//{inside}", None
    project = (local / inside).resolve() if inside else local
    if not project.is_relative_to(local):
        return repo, f"{inside}: leaves the repository folder (a symlink?)"
    return str(project), None


def _missing(here: Path, repo: str, inside: str | None) -> str:
    """A target this machine cannot find: a path-like one stays a (missing) local path."""
    from portfolio_lint.sources.targets import LOCAL_PREFIXES

    text = repo.strip()
    if text.startswith(LOCAL_PREFIXES) and not text.startswith("~"):
        path = here / text
        return str(path / inside if inside else path)
    return f"{repo}//{inside}" if inside else repo


def _file_url_path(url: str | None) -> Path | None:
    """The resolved local path a `file://` URL names (None for any other URL)."""
    if url is None or not url.lower().startswith("file:"):
        return None
    from urllib.parse import unquote, urlsplit

    return Path(unquote(urlsplit(url).path)).resolve()


def _roots(folder: Path, local_roots: Sequence[Path]) -> list[Path]:
    return [folder, *(Path(root).resolve() for root in local_roots)]


def org_assignments(github: Any, org: str, prefix: str) -> list[Assignment]:
    """Every non-archived repository of `org` whose name starts with `prefix` (paginated)."""
    found = []
    for repository in github.get_organization(org).get_repos(type="all"):
        if repository.archived or not repository.name.startswith(prefix):
            continue
        student = repository.name[len(prefix) :].strip("-_") or repository.name
        found.append(Assignment(student, f"gh:{repository.full_name}"))
    return sorted(found, key=lambda a: a.repo)


def parse_shard(text: str) -> tuple[int, int]:
    """`I/N` with 1 <= I <= N."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", text)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise RosterError(f"--shard must be I/N with 1 <= I <= N, got {text!r}")
    return int(match[1]), int(match[2])


def shard(assignments: Iterable[Assignment], index: int, count: int) -> list[Assignment]:
    """Shard `index` of `count`: balanced (sizes differ by at most one) and stable under reordering.

    Assignments are ranked by repository (then student) and dealt round-robin, so every shard
    of a matrix gets its fair share however the roster file is ordered.
    """
    items = list(assignments)
    ranked = sorted(range(len(items)), key=lambda i: (items[i].repo, items[i].student, i))
    chosen = {position for rank, position in enumerate(ranked) if rank % count == index - 1}
    return [a for position, a in enumerate(items) if position in chosen]
