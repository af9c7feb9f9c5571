"""Which PyPI distributions provide a top-level module: pigar's index, read-only.

pigar ships an SQLite index of every PyPI distribution's top-level modules (`sklearn` is
provided by scikit-learn, `cv2` by opencv-python and its variants...). It has no index on the
module name, so every name of a lint is looked up in one query (a scan of its 887,194 rows,
45-170 ms), and answers are kept: in the process, and in the analysis cache between runs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from urllib.parse import quote

from portfolio_lint.facts.repo import Repo, repository_fact

# A module provided by more distributions than this is a generic name (utils, config, src,
# app, models): most likely a local module the tree does not hold, not a package to declare.
GENERIC_PROVIDERS = 200
# Top-level modules pigar's index leaves out of a distribution it does list (namespace parts
# and extra packages shipped beside the main one): corrections, not a mapping of our own.
INDEX_GAPS = {
    "mpl_toolkits": "matplotlib",
    "pylab": "matplotlib",
    "pkg_resources": "setuptools",
    "win32api": "pywin32",
    "win32con": "pywin32",
    "win32gui": "pywin32",
    "pythoncom": "pywin32",
    "pywintypes": "pywin32",
}


@dataclass(frozen=True)
class Provider:
    """A distribution that provides a module, as pigar's index describes it."""

    name: str
    version: str
    modules: int  # how many top-level modules it provides


def normalize(name: str) -> str:
    """PEP 503 normalised distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def providers(modules: Iterable[str]) -> Mapping[str, tuple[Provider, ...]]:
    """Distributions providing each top-level module (an empty tuple when none is known)."""
    wanted = frozenset(modules)
    found = _query(wanted)
    return {
        module: (
            *((Provider(INDEX_GAPS[module], "1", 1),) if module in INDEX_GAPS else ()),
            *found.get(module, ()),
        )
        for module in wanted
    }


@repository_fact
def module_providers(repo: Repo, modules: frozenset[str]) -> Mapping[str, tuple[Provider, ...]]:
    """`providers(modules)`, kept in the analysis cache between runs (keyed by the names and
    the index file's size and modification time: pigar's index never changes in place)."""
    index = _index_identity()
    if index is None:
        return MappingProxyType(dict(providers(modules)))
    names = hashlib.blake2b("\0".join(sorted(modules)).encode(), digest_size=16).hexdigest()
    found = repo.cached_result(
        "providers",
        f"{index}|{names}",
        lambda: tuple(sorted(providers(modules).items())),
        tuple,
    )
    return MappingProxyType(dict(found))


def _index_identity() -> str | None:
    try:
        info = resources.files("pigar").joinpath(".db.sqlite3").stat()  # type: ignore[attr-defined]
    except (OSError, AttributeError):
        return None
    return f"pigar:{info.st_size}:{info.st_mtime_ns}"


PARAMETERS_PER_QUERY = 900  # under SQLite's smallest bound-parameter limit (999)


@functools.lru_cache(maxsize=32)
def _query(modules: frozenset[str]) -> dict[str, tuple[Provider, ...]]:
    if not modules:
        return {}
    names = sorted(modules)
    with contextlib.closing(_connect()) as db:
        # The names go into a temporary table (the index file stays read-only): one scan of
        # the index whatever the number of distinct names a repository imports.
        db.execute("CREATE TEMP TABLE wanted (name TEXT PRIMARY KEY)")
        db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((name,) for name in names))
        rows: list[tuple[str, str, str, int]] = db.execute(
            "SELECT t.name, d.name, d.version, d.id FROM top_level_module_names t"
            " JOIN wanted w ON w.name = t.name JOIN distributions d ON d.id = t.distribution_id"
        ).fetchall()
        ids = sorted({row[3] for row in rows})
        counts: dict[int, int] = {}
        for start in range(0, len(ids), PARAMETERS_PER_QUERY):
            chunk = ids[start : start + PARAMETERS_PER_QUERY]
            counts.update(
                db.execute(
                    "SELECT distribution_id, COUNT(*) FROM top_level_module_names"
                    f" WHERE distribution_id IN ({','.join('?' * len(chunk))})"
                    " GROUP BY distribution_id",
                    chunk,
                ).fetchall()
            )
    found: dict[str, list[Provider]] = {}
    for module, name, version, ident in rows:
        found.setdefault(module, []).append(Provider(name, version or "", counts.get(ident, 1)))
    return {module: tuple(items) for module, items in found.items()}


def _connect() -> sqlite3.Connection:
    path = resources.files("pigar").joinpath(".db.sqlite3")
    # Quoted: an install path holding `?` or `#` must not end the file name of the URI.
    return sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)


def likely(module: str, dotted: Iterable[str], found: tuple[Provider, ...]) -> list[str]:
    """The providers most likely meant, best first: one when it clearly leads, else three.

    pigar's index has no download counts; a distribution that others fork or repackage under
    its name plus a suffix (`opencv-python-headless`, `scikit-learn-gini`, `PyYAML-tabs`) is
    the original. Placeholder releases (version 0.0.x: `sklearn`) and bundles of many modules
    rank last; a name equal to the module or a dotted prefix of it (`google-cloud-storage` for
    `google.cloud.storage`) breaks ties.
    """
    prefixes = _dotted_names(dotted)
    exact = prefixes | {normalize(module)}
    names = [normalize(p.name) for p in found]
    forks = {
        name: sum(other.startswith(name) and other != name for other in names) for name in names
    }

    def rank(provider: Provider) -> tuple[int, int, int, int, int, int]:
        name = normalize(provider.name)
        return (
            int(provider.version.startswith("0.0") or not provider.version),
            int(name not in prefixes),
            -forks[name],
            int(name not in exact),
            int(provider.modules > 2),
            len(name),
        )

    ranked = sorted(found, key=rank)
    if len(ranked) > 1 and rank(ranked[0])[:4] < rank(ranked[1])[:4]:
        return [ranked[0].name]
    return [p.name for p in ranked[:3]]


def _dotted_names(dotted: Iterable[str]) -> set[str]:
    """`google.cloud.storage` -> google-cloud, google-cloud-storage."""
    return {
        normalize("-".join(d.split(".")[:n])) for d in dotted for n in range(2, d.count(".") + 2)
    }


def is_generic(module: str, dotted: Iterable[str], found: tuple[Provider, ...]) -> bool:
    """A module name too common to name a distribution, unless a dotted import names one."""
    if len(found) <= GENERIC_PROVIDERS:
        return False
    return not any(normalize(p.name) in _dotted_names(dotted) for p in found)
