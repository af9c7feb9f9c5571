"""DOC rules: the README says what the project is, how to install and run it, what it achieved."""

from __future__ import annotations

import re
from collections.abc import Sequence

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Verdict
from portfolio_lint.facts.command_kinds import INSTALL_COMMANDS, RUN_COMMANDS, is_install, is_usage
from portfolio_lint.facts.dependencies import dependency_files, entry_points
from portfolio_lint.facts.linked_docs import linked_documents, local_target, readme_commands
from portfolio_lint.facts.readme import Heading, Readme, count_words
from portfolio_lint.facts.readme_results import reported_results
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.secret_usage import secret_signals

PROBLEM_HEADINGS = (
    r"overview|problem|motivation|about|introduction|intro|objectives?|goals?|purpose|background"
    r"|description|summary|context|abstract|what is|why|business case|use case"
    r"|descripci[oó]n|resumen|introducci[oó]n|problema|motivaci[oó]n|objetivos?|acerca de|sobre"
    r"|contexto|pr[ée]sentation|aper[çc]u|probl[èe]me|probl[ée]matique|objectifs?|[àa] propos"
    r"|contexte|[üu]berblick|[üu]bersicht|problemstellung|ziele?|einleitung|einf[üu]hrung"
    r"|beschreibung|hintergrund|vis[ãa]o geral|motiva[çc][ãa]o|introdu[çc][ãa]o|descri[çc][ãa]o"
    r"|обзор|описание|проблема|постановка задачи|задача|мотивация|цель|цели|о проекте|введение"
)
# CJK words sit inside longer runs of letters ("项目简介"), so they are matched without boundaries.
PROBLEM_HEADING_CJK = re.compile(r"概述|简介|介绍|背景|问题|动机|目标|关于|概要|はじめに|개요|소개")
ARCHITECTURE_WORDS = (
    r"architecture|design|pipeline|how it works|how does it work|system overview|workflow"
    r"|data flow|dataflow|components|diagram|arquitectura|arquitetura|architektur|funcionamiento"
    r"|fonctionnement|архитектура|как это работает|пайплайн|架构|设计|流程|工作原理|アーキテクチャ"
)
ARCHITECTURE = re.compile(rf"(?<!\w)(?:{ARCHITECTURE_WORDS})(?!\w)", re.IGNORECASE)
DIAGRAM_FILE = re.compile(
    r"(architecture|diagram|pipeline|design|flow|workflow|system|arch)"
    r"[^/]*$|\.(drawio|excalidraw|puml|mmd)$",
    re.IGNORECASE,
)
DIAGRAM_BLOCKS = frozenset({"mermaid", "plantuml", "puml", "dot", "graphviz", "d2"})
SECRETS_EXPLAINED = re.compile(
    r"\.env\b|environment variables?|env vars?|api[\s_-]?keys?|secrets?\b|\bexport [A-Z_]+="
    r"|\bset [A-Z_]+=|dotenv|variables? de entorno|variables? d'environnement"
    r"|umgebungsvariable|vari[áa]veis de ambiente|переменн\w+ окружения|环境变量|密钥|環境変数",
    re.IGNORECASE,
)


def _sections(readme: Readme) -> list[Heading]:
    """Section headings: every heading but a level-1 title that opens the README."""
    titles = list(readme.headings)
    opens = (
        titles
        and titles[0].level == 1
        and titles[0].line <= min((b.line for b in readme.blocks), default=1)
    )
    return titles[1:] if opens else titles


def _readme(repo: Repo) -> Readme:
    readme = repo.readme
    if readme is None:
        raise Skip("no README (reported by readme-present)")
    return readme


@check("readme-present")
def readme_present(repo: Repo, *, min_words: int = 20) -> Verdict:
    """README present and more than a title."""
    readme = repo.readme
    if readme is None:
        return Verdict.failed(Finding("No README at the repository root (README.md, .rst or .txt)"))
    if not readme.text.strip():
        return Verdict.failed(Finding.at(readme.path, f"{readme.path} is empty", line=1))
    words = readme.word_count
    if all(block.kind == "heading" for block in readme.blocks if block.text.strip()):
        message = f"{readme.path} has only a title; say what the project does and how to run it"
        return Verdict.failed(Finding.at(readme.path, message, line=1))
    if words < min_words:
        message = f"{readme.path} has {words} words of prose (at least {min_words} expected)"
        return Verdict.failed(Finding.at(readme.path, message, line=1))
    return Verdict.passed(f"{readme.path}: {words} words")


@check("readme-install-steps")
def readme_install_steps(
    repo: Repo, *, commands: Sequence[str] = INSTALL_COMMANDS, follow_links: bool = True
) -> Verdict:
    """README shows the commands that install the project."""
    readme = _readme(repo)
    found = [c for c in readme_commands(repo, readme, follow_links) if is_install(c, commands)]
    if found:
        first = found[0]
        return Verdict.passed(f"install command at {first.path}:{first.line}: {first.text}")
    hint = (
        " (prose like 'install the requirements' is not a command)"
        if re.search(r"\binstall", readme.prose, re.IGNORECASE)
        else ""
    )
    message = f"No install command (pip, conda, poetry, uv, docker, make) in a code block{hint}"
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-usage")
def readme_usage(
    repo: Repo, *, commands: Sequence[str] = RUN_COMMANDS, follow_links: bool = True
) -> Verdict:
    """README shows the command that runs, trains, evaluates or serves the project."""
    readme = _readme(repo)
    scripts = entry_points(f for f in dependency_files(repo) if f.scripts)
    found = [
        c for c in readme_commands(repo, readme, follow_links) if is_usage(c, commands, scripts)
    ]
    if found:
        return Verdict.passed(f"run command at {found[0].path}:{found[0].line}: {found[0].text}")
    message = (
        "No command that runs the project (e.g. `python train.py`, `streamlit run app.py`,"
        " `uvicorn app:app`, `docker run`) in a code block"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-problem-statement")
def readme_problem_statement(
    repo: Repo,
    *,
    min_words: int = 20,
    min_section_words: int = 5,
    headings: str = PROBLEM_HEADINGS,
) -> Verdict:
    """README explains the problem: an intro paragraph or an overview/problem section."""
    readme = _readme(repo)
    titles = list(readme.headings)
    sections = _sections(readme)
    first_section = sections[0].line if sections else None
    intro = [
        b
        for b in readme.blocks
        if b.kind in ("paragraph", "html") and (first_section is None or b.line < first_section)
    ]
    intro_words = sum(count_words(b.text) for b in intro)
    if intro_words >= min_words:
        return Verdict.passed(f"introduction of {intro_words} words")
    pattern = re.compile(rf"(?<!\w)(?:{headings})(?!\w)", re.IGNORECASE)
    for index, heading in enumerate(titles):
        if not (pattern.search(heading.text) or PROBLEM_HEADING_CJK.search(heading.text)):
            continue
        end = next((h.line for h in titles[index + 1 :] if h.level <= heading.level), None)
        words = sum(
            count_words(b.text)
            for b in readme.blocks
            if b.kind != "heading" and b.line > heading.line and (end is None or b.line < end)
        )
        if words >= min_section_words:
            return Verdict.passed(f"section '{heading.text}' ({words} words)")
    message = (
        f"No problem statement: open with a paragraph of at least {min_words} words or an"
        " Overview/Problem/Motivation section"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-results")
def readme_results(repo: Repo, *, follow_links: bool = True) -> Verdict:
    """README reports quantitative results: metric names with numbers, or a results table."""
    readme = _readme(repo)
    documents = linked_documents(repo, readme) if follow_links else [readme]
    for document in documents:
        found = reported_results(document)
        if found:
            return Verdict.passed(f"{document.path}:{found[0].line}: {found[0].evidence}")
    message = (
        "No quantitative result (a metric with a number, e.g. 'F1 0.87', '92% accuracy',"
        " or a results table) outside code blocks"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-architecture")
def readme_architecture(repo: Repo) -> Verdict:
    """README (or docs/) describes the architecture: a section, a diagram or a mermaid block."""
    readme = _readme(repo)
    # "# Churn prediction pipeline" names the project; it is not an architecture section.
    heading = next((h for h in _sections(readme) if ARCHITECTURE.search(h.text)), None)
    if heading is not None:
        return Verdict.passed(f"section '{heading.text}' at line {heading.line}")
    block = next(
        (
            b
            for b in readme.code_blocks
            if b.info.split()[:1] and b.info.split()[0].lower() in DIAGRAM_BLOCKS
        ),
        None,
    )
    if block is not None:
        return Verdict.passed(f"{block.info} diagram at line {block.line}")
    image = next(
        (
            link
            for link in readme.links
            if link.is_image
            and (DIAGRAM_FILE.search(link.target.split("?")[0]) or ARCHITECTURE.search(link.text))
        ),
        None,
    )
    if image is not None:
        return Verdict.passed(f"diagram image {image.target} at line {image.line}")
    page = next(
        (
            e.path
            for e in repo.files
            if not repo.is_vendored(e.path)
            and (
                e.path.lower().endswith(("architecture.md", "design.md", "architecture.rst"))
                or (e.path.lower().startswith("docs/") and DIAGRAM_FILE.search(e.path))
            )
        ),
        None,
    )
    if page is not None:
        return Verdict.passed(f"architecture page {page}")
    message = "No architecture section, diagram, mermaid block or docs/ architecture page"
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-secrets-handling")
def readme_secrets_handling(repo: Repo) -> Verdict:
    """README explains how to provide the API keys and secrets the code needs."""
    readme = _readme(repo)
    reasons, names = secret_signals(repo)
    if not reasons:
        raise Skip("the code reads no API keys or secrets")
    explained = SECRETS_EXPLAINED.search(readme.text)
    named = next((name for name in sorted(names) if name in readme.text), None)
    if named or explained:
        return Verdict.passed(f"README mentions {named or (explained and explained.group(0))}")
    variables = f" ({', '.join(sorted(names)[:3])})" if names else ""
    message = (
        f"The project needs secrets ({'; '.join(reasons[:2])}) but the README does not"
        f" say how to set them{variables}: document the environment variables or .env"
    )
    return Verdict.failed(Finding.at(readme.path, message, line=1))


@check("readme-broken-links")
def readme_broken_links(repo: Repo) -> Verdict:
    """README's relative links and images point to files that exist."""
    readme = _readme(repo)
    checked = 0
    findings: list[Finding] = []
    for link in readme.links:
        target = local_target(readme, link.target)
        if target is None or target == "":
            continue
        checked += 1
        if repo.exists(target) or repo.exists_dir(target):
            continue
        kind = "image" if link.is_image else "link"
        message = f"Broken {kind}: {link.target} ({target} does not exist)"
        findings.append(Finding.at(readme.path, message, line=link.line, key=link.target))
    if not checked:
        raise Skip("no relative links in the README")
    return Verdict.partial(
        1 - len(findings) / checked,
        findings,
        f"{checked - len(findings)}/{checked} relative links resolve",
    )
