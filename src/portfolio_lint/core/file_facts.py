"""Picklable per-file facts that checks aggregate: Python structure, notebooks, scanner hits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FunctionInfo:
    """A function, method or class block with its radon cyclomatic complexity."""

    name: str
    qualname: str
    line: int
    complexity: int
    kind: str  # "function" | "method" | "class"
    has_docstring: bool
    is_public: bool


# issue 11 item 2 (the code is complete enough to run): values of the completeness facts.
@dataclass(frozen=True)
class NameUse:
    """A name at a line (and notebook cell): an undefined name, a stub function."""

    name: str
    line: int
    cell: int | None = None


@dataclass(frozen=True)
class ImportStatement:
    """One import statement: `from {"." * level}{module} import {names}` or `import module`."""

    module: str
    names: tuple[str, ...]
    line: int
    level: int = 0
    guarded: bool = False  # under try/except ImportError, `if TYPE_CHECKING` or any `if`
    cell: int | None = None


@dataclass(frozen=True)
class CliFacts:
    """What a module shows of its command line: option strings, and whether it parses one."""

    options: tuple[str, ...] = ()  # every `--name` string constant (argparse, click, sys.argv)
    parses: bool = False  # argparse, optparse, click, absl flags or sys.argv seen
    opaque: bool = False  # typer, fire, hydra, HfArgumentParser...: options we cannot see


@dataclass(frozen=True)
class ImportSite:
    """Where a module is first imported in a file (issue 11 item 1, imports-declared).

    `name` is the top-level module, `dotted` the full name imported (`google.cloud.storage`,
    also for `from google.cloud import storage`);
    `guarded` marks an optional import (try/except ImportError, `if TYPE_CHECKING`, a
    `__main__` or version/platform block); relative imports are not recorded (always local).
    """

    name: str
    dotted: str
    line: int
    guarded: bool = False
    cell: int | None = None


@dataclass(frozen=True)
class SeedFacts:
    """Where one file trains, first draws randomness without a seed, and first sets a seed.

    Lines are the file's raw lines (a notebook's JSON lines); `random_what` names the source;
    `seed_line` is a global seed (`np.random.seed`, `torch.manual_seed`, `set_seed`...).
    """

    training_line: int | None = None
    random_line: int | None = None
    random_what: str = ""
    seed_line: int | None = None
    local_seeds: int = 0  # calls seeded where they are made (`random_state=42`)


@dataclass(frozen=True)
class PythonFacts:
    """What one parse of a `.py` file tells the checks."""

    parse_error: str | None = None
    functions: tuple[FunctionInfo, ...] = ()
    test_functions: tuple[str, ...] = ()
    maintainability: float | None = None
    sloc: int = 0
    imports: tuple[str, ...] = ()
    # issue 11 item 2: the code is complete enough to run
    undefined_names: tuple[NameUse, ...] = ()  # not computed for the test suite's files
    import_statements: tuple[ImportStatement, ...] = ()
    stub_functions: tuple[NameUse, ...] = ()  # top-level functions with no body
    main_calls: tuple[str, ...] = ()  # functions the `if __name__ == "__main__"` block calls
    cli: CliFacts = CliFacts()
    commented_code: int = 0  # comment lines that are Python statements (commented-out code)
    # issue 11 item 1 (imports-declared): each absolute import's first site
    import_sites: tuple[ImportSite, ...] = ()
    # issue 11 item 6 (reproducibility): randomness, training and seeds in the module
    seeding: SeedFacts | None = None


@dataclass(frozen=True)
class CellInfo:
    """One notebook cell as the hygiene rules need it."""

    index: int
    cell_type: str
    line: int
    execution_count: int | None
    output_bytes: int
    has_error_output: bool
    source_lines: int


@dataclass(frozen=True)
class NotebookFacts:
    """Structure of one `.ipynb` file; `error` is set when it is malformed."""

    error: str | None = None
    cells: tuple[CellInfo, ...] = ()
    error_line: int | None = None
    # issue 11 item 2: names used before any cell defines them; the cells' imports
    undefined_names: tuple[NameUse, ...] = ()
    import_statements: tuple[ImportStatement, ...] = ()
    # issue 11 item 1 (imports-declared): code cells' imports, `!pip install` packages + line
    import_sites: tuple[ImportSite, ...] = ()
    pip_installs: tuple[tuple[str, int], ...] = ()
    # issue 11 item 6 (reproducibility): randomness, training and seeds over all code cells
    seeding: SeedFacts | None = None

    @property
    def code_cells(self) -> tuple[CellInfo, ...]:
        """Cells of type code."""
        return tuple(c for c in self.cells if c.cell_type == "code")


@dataclass(frozen=True)
class Hit:
    """A scanner match: which detector, where, and redacted evidence."""

    detector: str
    line: int
    column: int
    evidence: str
    severity: str = "error"
    message: str = ""
    cell: int | None = None
    key: str = ""


@dataclass(frozen=True)
class FileFacts:
    """Everything the per-file pass learned about one file."""

    path: str
    digest: str
    size: int
    is_binary: bool = False
    truncated: bool = False
    python: PythonFacts | None = None
    notebook: NotebookFacts | None = None
    secrets: tuple[Hit, ...] = ()
    paths: tuple[Hit, ...] = ()
    ignores: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # issue 11 item 5 (DAT004): where code reads data and where it says the data comes from.
    data: tuple[Hit, ...] = ()

    def ignored_codes(self, line: int | None) -> tuple[str, ...]:
        """Codes suppressed inline on `line` (`*` suppresses every secret rule)."""
        if line is None:
            return ()
        return next((codes for at, codes in self.ignores if at == line), ())
