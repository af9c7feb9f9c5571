"""How a README says to run a notebook project without a shell command (issue 11, item 3).

"Open in Colab" badges and links, and prose such as "run all cells of eda.ipynb", tell the
reader how to run a notebook project as plainly as `jupyter notebook` does; they count as usage
only when the repository holds a notebook to run.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

from portfolio_lint.facts.readme import Readme
from portfolio_lint.facts.repo import Repo

# Hosted notebook runners: a link there opens the notebook ready to run.
RUNNER_LINK = re.compile(
    r"colab\.research\.google\.com|colab\.to/|mybinder\.org|kaggle\.com/code/|"
    r"studiolab\.sagemaker\.aws|deepnote\.com/launch",
    re.IGNORECASE,
)
RUN_CELLS = re.compile(
    r"\brun\s+(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?cells?\b|\brun\s*all\b|"
    r"\b(?:run|execute)\s+(?:the\s+|all\s+(?:the\s+)?)?(?:notebooks?|cells?)\b",
    re.IGNORECASE,
)
NAMED_NOTEBOOK = re.compile(
    r"\b(?:run|execute|open|launch)\b[^.\n]{0,80}?([\w./\\-]+\.ipynb)\b", re.IGNORECASE
)


def notebook_usage(repo: Repo, documents: Sequence[Readme]) -> str | None:
    """Where the README says how to run its notebooks without a command, or None."""
    notebooks = [
        e.path for e in repo.files if e.path.endswith(".ipynb") and not repo.is_vendored(e.path)
    ]
    if not notebooks:
        return None
    names = {posixpath.basename(p) for p in notebooks} | set(notebooks)
    for doc in documents:
        for link in doc.links:
            if RUNNER_LINK.search(link.target):
                return f"notebook runner link at {doc.path}:{link.line}"
        for block in doc.blocks:
            named = NAMED_NOTEBOOK.search(block.text)
            if named and named.group(1).replace("\\", "/").lstrip("./") in names:
                return f"{doc.path}:{block.line} says to run {named.group(1)}"
            if named is None and RUN_CELLS.search(block.text):
                return f"{doc.path}:{block.line} says to run the notebook's cells"
    return None
