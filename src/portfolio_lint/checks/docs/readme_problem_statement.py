"""Rule DOC004 (readme-problem-statement): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.docs._shared import require_readme, section_headings
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.readme import count_words
from portfolio_lint.facts.repo import Repo

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


@check("readme-problem-statement", code="DOC004", weight=2, severity=Severity.WARNING)
def readme_problem_statement(
    repo: Repo,
    *,
    min_words: int = 20,
    min_section_words: int = 5,
    headings: str = PROBLEM_HEADINGS,
) -> Verdict:
    """README explains the problem: an intro paragraph or an overview/problem section.

    Why it matters:
        Hiring managers look for the problem first: what is predicted or generated, for whom, and
        why it matters.

    How to fix:
        Open the README with a short paragraph (or an Overview/Problem section) describing the
        problem and the data.

    Bad:
        `# Churn` followed straight away by `## Installation`.

    Good:
        A first paragraph: "Predicts which telecom customers will cancel next month, from
        twelve months of billing and support data."
    """
    readme = require_readme(repo)
    titles = list(readme.headings)
    sections = section_headings(readme)
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
