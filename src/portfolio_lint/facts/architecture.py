"""What shows a project's architecture in a document: a diagram, or a section on how data flows.

A heading is not the evidence: "## Workflow" over `git clone` and `pip install`, or one sentence
under "## Architecture", says nothing about how the parts fit together. What counts is a diagram
(a mermaid/PlantUML/Graphviz/D2 block, a diagram image or file) or a section under an
architecture heading whose body shows the flow: arrows, an ordered list of three or more
stages, or several named parts with verbs of flow (reads, sends, calls, stores, serves...).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol, TypeVar

from portfolio_lint.facts.linked_docs import local_target
from portfolio_lint.facts.readme import CodeBlock, Heading, Link, Readme, Table, TextBlock
from portfolio_lint.facts.repo import Repo

ARCHITECTURE_WORDS = (
    r"architecture|design|pipeline|how it works|how does it work|system overview|workflow"
    r"|data flow|dataflow|components|diagram|arquitectura|arquitetura|architektur|funcionamiento"
    r"|fonctionnement|архитектура|как это работает|пайплайн|架构|设计|流程|工作原理|アーキテクチャ"
)
ARCHITECTURE_HEADING = re.compile(rf"(?<!\w)(?:{ARCHITECTURE_WORDS})(?!\w)", re.IGNORECASE)

DIAGRAM_BLOCKS = frozenset({"mermaid", "plantuml", "puml", "dot", "graphviz", "d2"})
DIAGRAM_SUFFIXES = (".drawio", ".excalidraw", ".puml", ".plantuml", ".mmd", ".d2", ".dot", ".gv")
# Words of an image's file name or alt text, split on separators: "research" is not "arch".
DIAGRAM_NAME = re.compile(
    r"(?<![a-z0-9])(?:architecture|arch|diagram|pipeline|flow|flowchart|dataflow|workflow"
    r"|data[-_ ]flow|system[-_ ]design|c4|uml)(?![a-z0-9])",
    re.IGNORECASE,
)
BADGE = re.compile(r"badge|shields\.io|badgen\.net|/actions/workflows/", re.IGNORECASE)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
PAGE_NAME = re.compile(
    r"^(?:architecture|arch|design|system[-_ ]design|pipeline|data[-_ ]?flow|how[-_ ]it[-_ ]works)"
    r"\.(?:md|markdown|rst|txt)$",
    re.IGNORECASE,
)
PAGE_SUFFIXES = (".md", ".markdown", ".rst", ".txt")
MAX_PAGES = 10
MAX_PAGE_BYTES = 2_000_000  # docs pages read in all
MAX_SECTIONS = 40  # architecture sections judged per document (a crafted README has thousands)

# Code blocks drawn as text diagrams; a Python block's `->` is a return annotation.
TEXT_BLOCKS = frozenset(
    {"", "text", "txt", "plain", "plaintext", "ascii", "none", "md", "markdown"}
)
ARROW = re.compile(r"-+>|→|⟶|=>|➜|➔|➡|⇒|►|▶|▼|↓|⬇|⟹")
ORDERED_ITEM = re.compile(r"^ {0,3}(\d{1,2})[.)]\s+(\S.*)$")
# A numbered step that sets the project up rather than naming a stage of it.
SETUP_STEP = re.compile(
    r"^\W*(?:clone|install|run|open|navigate|go to|cd|create|activate|set ?up|download|launch"
    r"|start|execute|type|copy|fork|enter|visit|pip|git|python3?|conda|docker|streamlit|uvicorn"
    r"|npm|make|source|export)\b",
    re.IGNORECASE,
)
FLOW_VERB = re.compile(
    r"\b(?:reads?|reading|sends?|sent|calls?|stores?|stored|feeds?|fed|loads?|loaded|serves?"
    r"|served|trains? on|trained on|writes?|written|returns?|passe[sd]|forwards?|quer(?:y|ies)"
    r"|retriev\w*|embeds?|embedded|fetch\w*|push\w*|publish\w*|consumes?|exposes?|receives?"
    r"|saves?|saved|ingest\w*|uploads?|uploaded|pulls?|routes?|sent to|streams?"
    r"|envia|recebe|carrega|armazena|chama|retorna|consulta|envía|almacena|llama|devuelve|carga"
    r"|envoie|charge|stocke|appelle|renvoie|sendet|lädt|speichert|ruft|liefert)\b",
    re.IGNORECASE,
)
FILE_NAME = re.compile(
    r"\b[\w./-]+\.(?:py|ipynb|js|ts|yaml|yml|json|csv|pkl|joblib|onnx|pt|pth|h5|sql|db|parquet)\b"
)
CAMEL_OR_CAPS = re.compile(r"\b(?:[A-Z]{2,}[a-z]*|[A-Z][a-z]+[A-Z]\w*)\b")
COMPONENT_NOUN = re.compile(
    r"\b(?:model|database|db|api|frontend|backend|server|service|store|queue|retriever|client"
    r"|ui|dashboard|trainer|worker|bucket|registry|endpoint|vector ?store|index|cache|llm"
    r"|scheduler|container|app)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


@dataclass(frozen=True)
class Evidence:
    """What shows the architecture, and where."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass(frozen=True)
class Section:
    """A heading and the lines of its body (up to the next heading of its level or above)."""

    heading: Heading
    end: int | None


@dataclass(frozen=True)
class _Text:
    """A document's raw lines, the lines inside its code blocks, and its parts sorted by line
    (a section's parts are found by bisection), computed once per document."""

    lines: list[str]
    code: frozenset[int]
    blocks: tuple[list[int], list[TextBlock]] = ([], [])
    code_blocks: tuple[list[int], list[CodeBlock]] = ([], [])
    links: tuple[list[int], list[Link]] = ([], [])
    tables: tuple[list[int], list[Table]] = ([], [])


class _Lined(Protocol):
    @property
    def line(self) -> int: ...


L = TypeVar("L", bound=_Lined)


def _by_line(items: Iterable[L]) -> tuple[list[int], list[L]]:
    ordered = sorted(items, key=lambda item: item.line)
    return [item.line for item in ordered], ordered


def _within(index: tuple[list[int], list[L]], section: Section) -> list[L]:
    """The items whose line is in the section's body."""
    lines, items = index
    start = bisect_right(lines, section.heading.line)
    end = len(lines) if section.end is None else bisect_left(lines, section.end)
    return items[start:end]


def sections(readme: Readme, headings: Sequence[Heading]) -> list[Section]:
    """The sections of `headings` (a subset of the README's headings)."""
    every = list(readme.headings)
    position = {id(h): index for index, h in enumerate(every)}
    found = []
    for heading in headings:
        start = position.get(id(heading), len(every)) + 1
        end = next((h.line for h in every[start:] if h.level <= heading.level), None)
        found.append(Section(heading, end))
    return found


def architecture_evidence(
    repo: Repo, readme: Readme, headings: Sequence[Heading]
) -> Evidence | None:
    """A diagram in `readme`, or one of its architecture sections (among `headings`) that shows
    the flow; None when neither is there."""
    diagram = _diagram(repo, readme)
    if diagram is not None:
        return diagram
    chosen = [h for h in headings if ARCHITECTURE_HEADING.search(h.text)][:MAX_SECTIONS]
    text = _text(readme) if chosen else _Text([], frozenset())
    for section in sections(readme, chosen):
        what = _flow(repo, readme, section, text)
        if what is not None:
            title = section.heading.text
            return Evidence(readme.path, section.heading.line, f"section '{title}': {what}")
    return None


def page_evidence(repo: Repo) -> Evidence | None:
    """A diagram file in docs/, or an architecture page that shows the flow: ARCHITECTURE.md or
    design.md at the root, or a docs/ page named for the architecture, design or pipeline."""
    pages: list[str] = []
    for entry in repo.files:
        path = entry.path
        if repo.is_vendored(path):
            continue
        in_docs = path.lower().startswith("docs/")
        if in_docs and path.lower().endswith(DIAGRAM_SUFFIXES):
            return Evidence(path, 1, "diagram file")
        name = PurePosixPath(path).name
        if PAGE_NAME.match(name) and (in_docs or "/" not in path):
            pages.insert(0, path)
        elif in_docs and name.lower().endswith(PAGE_SUFFIXES) and _page_named(name):
            pages.append(path)
    budget = MAX_PAGE_BYTES
    for path in pages[:MAX_PAGES]:
        budget -= repo.by_path[path].size
        if budget < 0:
            break
        page = repo.markdown(path)
        if page is None:
            continue
        found = architecture_evidence(repo, page, page.headings)
        if found is not None:
            return found
        whole = Section(Heading(0, PurePosixPath(path).name, 0), None)
        what = _flow(repo, page, whole, _text(page))
        if what is not None:
            return Evidence(path, 1, f"architecture page: {what}")
    return None


def _page_named(name: str) -> bool:
    stem = PurePosixPath(name).stem
    return bool(DIAGRAM_NAME.search(stem) or re.search(r"(?<![a-z])design", stem, re.I))


def _diagram(repo: Repo, readme: Readme) -> Evidence | None:
    for block in readme.code_blocks:
        words = block.info.split()
        if words and words[0].lower() in DIAGRAM_BLOCKS:
            return Evidence(readme.path, block.line, f"{words[0]} diagram")
    for link in readme.links:
        target = link.target.split("?")[0].split("#")[0]
        named = DIAGRAM_NAME.search(PurePosixPath(target).name) or DIAGRAM_NAME.search(link.text)
        if BADGE.search(link.target) or not _reachable(repo, readme, link.target):
            continue
        if link.is_image and named:
            return Evidence(readme.path, link.line, f"diagram image {link.target}")
        if target.lower().endswith(DIAGRAM_SUFFIXES):
            return Evidence(readme.path, link.line, f"diagram file {link.target}")
    return None


def _reachable(repo: Repo, readme: Readme, target: str) -> bool:
    """A URL, or a file of the repository."""
    path = local_target(readme, target)
    if path is None:
        return bool(re.match(r"https?://", target.strip(), re.IGNORECASE))
    return repo.exists(path)


def _flow(repo: Repo, readme: Readme, section: Section, text: _Text) -> str | None:
    """What in the section's body shows how data or requests flow, or None."""
    image = next(
        (
            link
            for link in _within(text.links, section)
            if link.is_image
            and not BADGE.search(link.target)
            and link.target.split("?")[0].lower().endswith(IMAGE_SUFFIXES)
            and _reachable(repo, readme, link.target)
        ),
        None,
    )
    if image is not None:
        return f"diagram image {image.target} at line {image.line}"
    arrows = _arrows(section, text)
    if arrows is not None:
        return arrows
    stages = _stages(readme, section, text)
    if stages is not None:
        return stages
    return _flow_sentences(section, text)


def _arrows(section: Section, text: _Text) -> str | None:
    count, first = 0, None
    texts = [(b.line, b.text) for b in _within(text.blocks, section)]
    texts += [
        (b.line, b.content)
        for b in _within(text.code_blocks, section)
        if not b.inline and (b.info.split()[:1] or [""])[0].lower() in TEXT_BLOCKS
    ]
    for line, body in sorted(texts):
        found = len(ARROW.findall(body))
        if found and first is None:
            first = line
        count += found
    if count >= 2 and first is not None:
        return f"{count} arrows from line {first}"
    return None


def _text(readme: Readme) -> _Text:
    code: set[int] = set()
    for block in readme.code_blocks:
        if not block.inline:
            extra = 2 if block.fenced else 0
            code.update(range(block.line, block.line + block.content.count("\n") + extra))
    return _Text(
        readme.text.splitlines(),
        frozenset(code),
        _by_line(readme.blocks),
        _by_line(readme.code_blocks),
        _by_line(readme.links),
        _by_line(readme.tables),
    )


def _stages(readme: Readme, section: Section, text: _Text) -> str | None:
    """Three or more numbered stages (list items or rows of a numbered table), not setup steps."""
    items: list[tuple[int, str]] = []
    last = len(text.lines) + 1
    end = last if section.end is None else min(section.end, last)
    for number in range(section.heading.line + 1, end):
        if number not in text.code:
            match = ORDERED_ITEM.match(text.lines[number - 1])
            if match:
                items.append((number, match.group(2)))
    for table in _within(text.tables, section):
        items.extend(
            (table.line, " ".join(row[1:]))
            for row in table.rows
            if row and row[0].strip(" *`.").isdigit()
        )
    stages = [(line, item) for line, item in items if not _setup(item)]
    if len(stages) >= 3:
        return f"{len(stages)} numbered stages from line {stages[0][0]}"
    return None


def _setup(item: str) -> bool:
    plain = item.strip().strip("*_`").strip()
    return bool(SETUP_STEP.match(plain)) or item.lstrip().startswith("`")


def _flow_sentences(section: Section, text: _Text) -> str | None:
    """Two or more sentences with a verb of flow, naming two or more parts between them."""
    blocks = [b for b in _within(text.blocks, section) if b.kind != "heading"]
    sentences = [(b.line, s) for b in blocks for s in SENTENCE_END.split(b.text) if s.strip()]
    flowing = [(line, s) for line, s in sentences if FLOW_VERB.search(s)]
    if len(flowing) < 2:
        return None
    parts = set(_components(" ".join(s for _, s in flowing)))
    parts |= {b.content.lower() for b in _within(text.code_blocks, section) if b.inline}
    if len(parts) < 2:
        return None
    return f"{len(flowing)} sentences on how parts exchange data, from line {flowing[0][0]}"


def _components(text: str) -> Iterator[str]:
    for pattern in (FILE_NAME, CAMEL_OR_CAPS, COMPONENT_NOUN):
        for match in pattern.finditer(text):
            yield match.group(0).lower()
