"""The kinds of project portfolio-lint tells apart, and what a repository was judged to be."""

from __future__ import annotations

from dataclasses import dataclass

NOTEBOOK_STUDY = "notebook-study"
TRAINING_PIPELINE = "training-pipeline"
SERVING_APP = "serving-app"
LLM_APP = "llm-app"
LIBRARY = "library"
MONOREPO = "monorepo"
OTHER = "other"

# name -> how reports say it ("this is a notebook study")
KIND_TITLES: dict[str, str] = {
    NOTEBOOK_STUDY: "notebook study",
    TRAINING_PIPELINE: "training pipeline",
    SERVING_APP: "model-serving API or app",
    LLM_APP: "LLM / RAG application",
    LIBRARY: "library or package",
    MONOREPO: "monorepo of several projects",
    OTHER: "project of no recognised kind",
}
KINDS = tuple(KIND_TITLES)
# how a rule's reason names the kinds it applies to ("applies to serving apps")
KIND_PLURALS: dict[str, str] = {
    NOTEBOOK_STUDY: "notebook studies",
    TRAINING_PIPELINE: "training pipelines",
    SERVING_APP: "serving apps",
    LLM_APP: "LLM / RAG apps",
    LIBRARY: "libraries",
    MONOREPO: "monorepos",
    OTHER: "other projects",
}


def kind_title(kind: str) -> str:
    """`serving-app` -> `model-serving API or app` (unknown names as they are)."""
    return KIND_TITLES.get(kind, kind)


def with_article(text: str) -> str:
    """`a notebook study`, `an LLM / RAG application`."""
    return ("an " if text[:1].lower() in "aeiolu" and not text.startswith("us") else "a ") + text


@dataclass(frozen=True)
class ProjectKind:
    """What kind of project a repository is: one primary kind, secondary ones, and why.

    `projects` lists a monorepo's projects as (folder, kind); `overridden` says the
    repository's config set the kind (`[tool.portfolio-lint] kind = "..."`).
    """

    kind: str
    secondary: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    overridden: bool = False
    projects: tuple[tuple[str, str], ...] = ()

    @property
    def all_kinds(self) -> frozenset[str]:
        """The primary, secondary and every listed project's kind."""
        return frozenset({self.kind, *self.secondary, *(k for _, k in self.projects)})

    def applies(self, kinds: tuple[str, ...] | None) -> bool:
        """Whether a rule for `kinds` (None: every kind) fits this project."""
        return kinds is None or bool(self.all_kinds & set(kinds))

    def not_applicable_reason(self, what: str, kinds: tuple[str, ...]) -> str:
        """`serving hygiene applies to serving apps; this is a notebook study`."""
        names = [KIND_PLURALS.get(k, k) for k in kinds]
        wanted = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return f"{what} applies to {wanted}; this is {with_article(kind_title(self.kind))}"
