"""Resolve a README's local links, and gather the documents it links to one level deep."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from portfolio_lint.facts.commands import Command, document_commands
from portfolio_lint.facts.readme import Link, Readme
from portfolio_lint.facts.repo import Repo, repository_fact

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
DOC_SUFFIXES = (".md", ".markdown", ".mdown", ".rst", ".txt")
FOLDER_INDEXES = ("README.md", "readme.md", "index.md", "README.rst")
MAX_LINKED_DOCS = 10
MAX_SUB_READMES = 30
MAX_SUB_README_BYTES = 2_000_000  # read in all: thirty 1 MB READMEs would take a minute to parse
SUB_README_NAMES = ("README.md", "readme.md", "Readme.md", "README.rst", "README.txt", "README")
SUB_README = re.compile(r"^readme(?:\.(?:md|markdown|rst|txt))?$", re.IGNORECASE)


def local_target(readme: Readme, target: str) -> str | None:
    """Repository path a relative link points to; None for URLs, anchors or escapes."""
    target = target.strip()
    if not target or target.startswith(("#", "//")) or SCHEME.match(target):
        return None
    path = unquote(re.split(r"[?#]", target, maxsplit=1)[0]).replace("\\", "/")
    if not path:
        return None
    base = "" if path.startswith("/") else readme.folder
    resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if resolved == ".":
        return ""
    if resolved.startswith("../") or resolved == "..":
        return None  # outside the repository: GitHub-relative tricks we cannot judge
    return resolved


@repository_fact
def resolved_links(repo: Repo, readme: Readme) -> tuple[tuple[Link, str | None], ...]:
    """Each link of `readme` with the repository path it points to (None: not a local path)."""
    return tuple((link, local_target(readme, link.target)) for link in readme.links)


@repository_fact
def linked_documents(
    repo: Repo, readme: Readme, limit: int = MAX_LINKED_DOCS
) -> tuple[Readme, ...]:
    """The README and the local Markdown/RST/text documents it links to (one level)."""
    documents = [readme]
    seen = {readme.path}
    for link, path in resolved_links(repo, readme):
        if link.is_image or len(documents) > limit:
            continue
        if path is None:
            continue
        if not repo.exists(path) and repo.exists_dir(path):
            prefix = f"{path}/" if path else ""
            path = next((prefix + n for n in FOLDER_INDEXES if repo.exists(prefix + n)), path)
        if path in seen or not path.lower().endswith(DOC_SUFFIXES) or not repo.exists(path):
            continue
        seen.add(path)
        document = repo.markdown(path)
        if document is not None:
            documents.append(document)
    return tuple(documents)


@repository_fact
def linked_readmes(repo: Repo, limit: int = MAX_SUB_READMES) -> tuple[Readme, ...]:
    """READMEs of the sub-projects the root README links to (a monorepo's one folder per
    project): relative links to a folder holding a README, or to a README; at most `limit`."""
    readme = repo.readme
    if readme is None:
        return ()
    found: list[Readme] = []
    seen = {readme.path}
    folders = {posixpath.dirname(e.path) for e in repo.files}  # folders holding a file
    budget = MAX_SUB_README_BYTES
    for link, path in resolved_links(repo, readme):
        if len(found) >= limit:
            break
        if not path or link.is_image:
            continue
        if path.rstrip("/") in folders:
            folder = path.rstrip("/")
            path = next(
                (f"{folder}/{n}" for n in SUB_README_NAMES if repo.exists(f"{folder}/{n}")), ""
            )
        elif not SUB_README.match(posixpath.basename(path)):
            continue
        if not path or path in seen or not repo.exists(path):
            continue
        seen.add(path)
        budget -= repo.by_path[path].size
        if budget < 0:
            break
        document = repo.markdown(path)
        if document is not None:
            found.append(document)
    return tuple(found)


def sub_readme_commands(repo: Repo) -> tuple[Command, ...]:
    """Commands of the sub-project READMEs the root README links to."""
    return tuple(c for doc in linked_readmes(repo) for c in document_commands(doc, repo.exists_dir))


@repository_fact
def readme_commands(repo: Repo, readme: Readme, follow_links: bool = True) -> tuple[Command, ...]:
    """Commands of the README and, when asked, of the documents it links to."""
    documents = linked_documents(repo, readme) if follow_links else (readme,)
    return tuple(c for doc in documents for c in document_commands(doc, repo.exists_dir))
