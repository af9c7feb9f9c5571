"""Notebook hygiene (only with --notebooks): error outputs and huge outputs cleared; absolute
paths only suggested, never rewritten."""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from portfolio_lint.app.fix.change import Change, FixContext
from portfolio_lint.app.fix.safety import FixRefusedError, UnreadableError, read_existing

MAX_NOTEBOOK_BYTES = 64 << 20  # a notebook is read whole to be written back without outputs
MAX_CELL_OUTPUT = 500_000  # bytes of output a cell keeps (notebook-output-size allows 1 MB in all)
# Folder names that say what a path holds; `input` is Kaggle's name for data.
KNOWN_FOLDERS = {"data": "data", "datasets": "data", "input": "data", "models": "models"}
# (indent, ensure_ascii, final newline): how Jupyter, nbformat and editors write notebooks.
LAYOUTS = [(i, a, n) for i in (1, 2, 4, None) for a in (False, True) for n in (True, False)]


def propose(context: FixContext) -> list[Change]:
    """Each notebook with error outputs or a huge output, rewritten without them (same layout);
    absolute paths in code and notebooks are noted as suggestions."""
    if not context.settings.notebooks:
        return []
    changes = []
    for path, facts in sorted(context.repo.facts.items()):
        _suggest_paths(context, path, [(h.severity, h.evidence, h.cell) for h in facts.paths])
        notebook = facts.notebook
        if notebook is None or notebook.error is not None:
            continue
        if not any(c.has_error_output or c.output_bytes > MAX_CELL_OUTPUT for c in notebook.cells):
            continue
        change = _cleaned(context, path)
        if change is not None:
            changes.append(change)
    return changes


def _cleaned(context: FixContext, path: str) -> Change | None:
    try:
        before = read_existing(context.root, path, MAX_NOTEBOOK_BYTES)
        data = json.loads(before) if before is not None else None
    except UnreadableError as error:
        context.notes.append(f"notebooks: skipped: {error}")
        return None
    except (ValueError, RecursionError):
        context.notes.append(f"{path}: not valid JSON; not edited")
        return None
    if before is None:
        return None
    layout = next((lay for lay in LAYOUTS if _dump(data, lay) == before), None)
    if layout is None or not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        context.notes.append(f"{path}: layout not reproducible; clear its outputs in Jupyter")
        return None
    for cell in data["cells"]:
        outputs = cell.get("outputs") if isinstance(cell, dict) else None
        if not isinstance(outputs, list):
            continue
        kept = [o for o in outputs if not (isinstance(o, dict) and o.get("output_type") == "error")]
        if len(json.dumps(kept)) > MAX_CELL_OUTPUT:
            kept = []
        cell["outputs"] = kept
    after = _dump(data, layout)
    return Change(path, "notebooks", after, before, rewrite=True) if after != before else None


def _dump(data: Any, layout: tuple[int | None, bool, bool]) -> str:
    indent, ascii_only, newline = layout
    return json.dumps(data, indent=indent, ensure_ascii=ascii_only) + ("\n" if newline else "")


def _suggest_paths(context: FixContext, path: str, hits: list[tuple[str, str, int | None]]) -> None:
    """A suggested diff replacing each machine path of `path`'s code with a project-relative
    one (or a note when the path is not written verbatim in the file)."""
    found = {e: cell for severity, e, cell in hits if severity != "info" and _absolute(e)}
    if not found:
        return
    try:
        before = read_existing(context.root, path)
    except FixRefusedError:
        before = None
    after = before or ""
    for evidence, cell in sorted(found.items(), key=lambda item: -len(item[0])):
        # Only a whole string literal (a prefix of a longer path stays), never a mount point.
        literal = re.compile(rf"(?<=['\"]){re.escape(evidence)}(?=\\?['\"])(?<!drive)")
        replaced = literal.sub(relative_path(evidence).replace("\\", "\\\\"), after)
        if before is not None and replaced != after:
            after = replaced
        elif not evidence.endswith("/drive"):
            where = f"{path} cell {cell}" if cell is not None else path
            context.notes.append(f"{where}: replace `{evidence}` with a path inside the project")
    if before is not None and after != before:
        diff = Change(path, "paths", after, before, rewrite=True).diff()
        context.suggestions.append(diff.rstrip("\n"))


def _absolute(evidence: str) -> bool:
    return evidence.startswith(("/", "\\")) or evidence[1:3] in (":\\", ":/")


def relative_path(absolute: str) -> str:
    """A project-relative path for a machine path: its data or models folder and file name."""
    parts = [p for p in absolute.replace("\\", "/").split("/") if p and not p.endswith(":")]
    name = parts[-1] if parts else ""
    folder = next(
        (KNOWN_FOLDERS[p.lower()] for p in parts[:-1] if p.lower() in KNOWN_FOLDERS), "data"
    )
    if not PurePosixPath(name).suffix:
        return f"{folder}/"
    return f"{folder}/{name}"
