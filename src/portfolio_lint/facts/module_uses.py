"""Where the project's own code (tests aside) imports each module, from the per-file facts.

One memoised walk over the import sites the analysis pass already extracted: project kind
detection, the OPS rules and the declarative `import-used` check all read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.scanners.testing_paths import in_test_suite


@dataclass(frozen=True)
class ModuleUse:
    """One file's first import of a module: `dotted` is the full name imported."""

    path: str
    line: int
    dotted: str
    cell: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@repository_fact
def module_uses(repo: Repo, *, tests: bool = False) -> Mapping[str, tuple[ModuleUse, ...]]:
    """Top-level module -> its uses, modules before notebooks, by path; `tests` adds the suite."""
    uses: dict[str, list[ModuleUse]] = {}
    for path in sorted(repo.facts, key=lambda p: (p.endswith(".ipynb"), p)):
        if repo.is_vendored(path) or (not tests and in_test_suite(path)):
            continue
        facts = repo.facts[path]
        sites = (
            facts.python.import_sites
            if facts.python is not None
            else facts.notebook.import_sites
            if facts.notebook is not None
            else ()
        )
        seen: set[str] = set()
        for site in sites:
            if site.dotted in seen:
                continue
            seen.add(site.dotted)
            uses.setdefault(site.name, []).append(
                ModuleUse(path, site.line, site.dotted, site.cell)
            )
    return {name: tuple(found) for name, found in uses.items()}


def first_use(
    uses: Mapping[str, tuple[ModuleUse, ...]], modules: Iterable[str], *, python_only: bool = False
) -> tuple[str, ModuleUse] | None:
    """The first use of any of `modules` (top-level `x` or dotted `x.y` prefixes), in order."""
    for module in modules:
        top = module.split(".", 1)[0]
        for use in uses.get(top, ()):
            if python_only and use.path.endswith(".ipynb"):
                continue
            if use.dotted == module or use.dotted.startswith(module + ".") or top == module:
                return module, use
    return None
