"""Does the project use data, and does it say where the data comes from? (DAT004)"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from portfolio_lint.core.repo_paths import path_name
from portfolio_lint.facts.data_files import committed_data
from portfolio_lint.facts.large_files import large_file_storage
from portfolio_lint.facts.readme import Readme
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.scanners.data_sources import READ_DETECTOR, SOURCE_DETECTOR, data_sources
from portfolio_lint.scanners.testing_paths import in_test_suite

DOCUMENT_SUFFIXES = (".md", ".markdown", ".rst")
MAX_DOCUMENTS = 40
DOCUMENT_BYTES = 200_000

DOWNLOAD_SCRIPT = re.compile(
    r"^download[\w-]*\.(?:py|sh|ipynb|r)$"
    r"|(?:^|[_-])(?:download|fetch|get|pull|scrape|collect)[_-]?(?:the[_-])?(?:raw[_-])?"
    r"(?:data|dataset|datasets|corpus|images)(?:[_-][\w-]*)?\.(?:py|sh|ipynb|r)$",
    re.IGNORECASE,
)
MAKE_DATA_TARGET = re.compile(
    r"^(?:data|dataset|datasets|download|get[-_]data|download[-_]data|fetch[-_]data"
    r"|pull[-_]data|download[-_]dataset)\s*:(?!=)",
    re.IGNORECASE | re.MULTILINE,
)
PROSE_SOURCE = re.compile(
    r"\b(?:download|obtain|get|fetch|grab)\s+(?:the\s+)?(?:\w+\s+)?(?:data|dataset|corpus)\b"
    r"|\b(?:data|dataset|corpus)(?:\s+\w+)?\s+(?:is|was|are|were|can\s+be)\s+"
    r"(?:available|taken|obtained|sourced|downloaded|collected|provided|published|from)\b"
    r"|\b(?:data|dataset)\s+(?:source|comes\s+from|provided\s+by)\b"
    r"|\bsource\s+(?:of\s+(?:the\s+)?)?(?:data|dataset)\b",
    re.IGNORECASE,
)
DATA_HEADING = re.compile(
    r"^[^\w]*(?:\d+[.)]?\s*)?(?:about\s+)?(?:the\s+)?(?:data|datasets?|data\s*sources?"
    r"|data\s*set|datos|conjunto de datos|donn[ée]es|daten(?:satz)?|dados|данные|数据集?)"
    r"(?:\s+used)?[^\w]*$",
    re.IGNORECASE,
)
NAMED_DATASET = re.compile(r"\b(?:uses?|using|based on|trained on)\b[^.\n]{0,60}\bdataset\b", re.I)
DATA_LINK_TEXT = re.compile(r"\b(?:data|dataset|datasets|corpus|kaggle)\b", re.IGNORECASE)
DATA_LINK_TARGET = re.compile(r"kaggle\.com|dataset|/data/|data\.gov|drive\.google", re.IGNORECASE)


@dataclass(frozen=True)
class DataEvidence:
    """One piece of evidence: what it is, where it sits, what it says."""

    kind: str
    path: str
    line: int | None
    text: str
    cell: int | None = None


@dataclass(frozen=True)
class DataProvenance:
    """Where the project uses data, and where it says the data comes from."""

    uses: tuple[DataEvidence, ...]
    sources: tuple[DataEvidence, ...]
    named: DataEvidence | None = None  # the README names the data but not where to get it


@repository_fact
def data_provenance(repo: Repo) -> DataProvenance:
    """The project's data uses and data sources, from code, scripts, DVC and documents."""
    uses: list[DataEvidence] = []
    sources: list[DataEvidence] = []
    for facts in sorted(repo.facts.values(), key=lambda f: f.path):
        if in_test_suite(facts.path):
            continue
        for hit in facts.data:
            found = DataEvidence(hit.message, facts.path, hit.line, hit.evidence, hit.cell)
            if hit.detector == READ_DETECTOR:
                uses.append(found)
            elif hit.detector == SOURCE_DETECTOR:
                sources.append(found)
    uses.extend(_committed(repo))
    sources.extend(_file_sources(repo))
    sources.extend(_document_sources(repo))
    committed = committed_data(repo)
    if committed.small_on_purpose:
        first = committed.files[0].path
        sources.append(DataEvidence("small data committed on purpose", first, None, first))
    return DataProvenance(tuple(uses), tuple(sources), _named_dataset(repo))


def _named_dataset(repo: Repo) -> DataEvidence | None:
    """A Data/Dataset section or a 'uses the X dataset' sentence in the README, with no link."""
    readme = repo.readme
    if readme is None:
        return None
    for heading in readme.headings:
        if DATA_HEADING.match(heading.text):
            return DataEvidence("Dataset section", readme.path, heading.line, heading.text)
    for block in readme.blocks:
        match = NAMED_DATASET.search(block.text)
        if block.kind == "paragraph" and match:
            return DataEvidence("dataset named", readme.path, block.line, match.group(0))
    return None


def _committed(repo: Repo) -> list[DataEvidence]:
    # A data folder holding only a .gitkeep is where the user's own files go (a RAG app's
    # uploads): not a use on its own; code that reads from it is.
    files = [e for e in committed_data(repo).files if not in_test_suite(e.path)]
    return [DataEvidence("committed data", e.path, None, e.path) for e in files[:1]]


def _file_sources(repo: Repo) -> list[DataEvidence]:
    found: list[DataEvidence] = []
    storage = large_file_storage(repo)
    if storage.dvc_outs:
        found.append(DataEvidence("DVC-tracked data", storage.dvc_outs[0], None, "DVC output"))
    if repo.exists(".dvc/config") and "remote" in (repo.read_text(".dvc/config") or ""):
        found.append(DataEvidence("DVC remote", ".dvc/config", None, "DVC remote"))
    for entry in repo.files:
        name = path_name(entry.path)
        if repo.is_vendored(entry.path):
            continue
        if DOWNLOAD_SCRIPT.search(name):
            found.append(DataEvidence("download script", entry.path, None, name))
        elif name.lower() in ("makefile", "gnumakefile", "justfile"):
            match = MAKE_DATA_TARGET.search(repo.read_text(entry.path) or "")
            if match:
                text = repo.read_text(entry.path) or ""
                line = text.count("\n", 0, match.start()) + 1
                found.append(DataEvidence("Makefile data target", entry.path, line, match.group(0)))
    return found


def _document_sources(repo: Repo) -> list[DataEvidence]:
    documents = [
        e.path
        for e in repo.files
        if e.path.lower().endswith(DOCUMENT_SUFFIXES)
        and not repo.is_vendored(e.path)
        and (
            "/" not in e.path
            or PurePosixPath(e.path).name.lower().startswith("readme")
            or "data" in e.path.lower()
            or e.path.lower().startswith("docs/")
        )
    ]
    found: list[DataEvidence] = []
    for path in sorted(documents, key=lambda p: (p.count("/"), p))[:MAX_DOCUMENTS]:
        document = repo.markdown(path)
        if document is not None:
            found.extend(document_sources(document))
    return found


def document_sources(document: Readme) -> list[DataEvidence]:
    """Sources a README or other document names: dataset ids and URLs, prose, data links."""
    found = [
        DataEvidence(hit.message, document.path, hit.line, hit.evidence)
        for hit in data_sources(document.text)
    ]
    for link in document.links:
        web = link.target.startswith(("http://", "https://")) and not link.is_image
        if web and (DATA_LINK_TEXT.search(link.text) or DATA_LINK_TARGET.search(link.target)):
            found.append(DataEvidence("dataset link", document.path, link.line, link.target))
            break
    for block in document.blocks:
        match = PROSE_SOURCE.search(block.text)
        if match:
            found.append(
                DataEvidence("data source in prose", document.path, block.line, match.group(0))
            )
            break
    return found
