"""CI configuration files, parsed (bounded) into the commands and actions they run."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from portfolio_lint.facts.local_commands import local_resolver
from portfolio_lint.facts.repo import Repo, repository_fact
from portfolio_lint.facts.testing_commands import is_test_command, script_commands
from portfolio_lint.untrusted.parsers import MAX_STRUCTURED_CHARS, MAX_YAML_ALIASES, BoundedLoader

CI_PATTERNS = (
    "/.github/workflows/*.yml",
    "/.github/workflows/*.yaml",
    "/.gitea/workflows/*.yml",
    "/.gitea/workflows/*.yaml",
    "/.forgejo/workflows/*.yml",
    "/.forgejo/workflows/*.yaml",
    "/.gitlab-ci.yml",
    "/.gitlab-ci.yaml",
    "/.circleci/config.yml",
    "/.circleci/config.yaml",
    "/azure-pipelines.yml",
    "/azure-pipelines.yaml",
    "/.azure-pipelines/*.yml",
    "/.travis.yml",
    "/bitbucket-pipelines.yml",
    "/.drone.yml",
    "/.buildkite/*.yml",
    "/.buildkite/*.yaml",
    "/appveyor.yml",
    "/.appveyor.yml",
    "/.woodpecker.yml",
    "/.woodpecker/*.yml",
)
JENKINSFILES = ("Jenkinsfile", "jenkinsfile", "Jenkinsfile.groovy")
# Keys whose values are shell scripts, across GitHub, GitLab, CircleCI, Azure, Travis, Drone...
COMMAND_KEYS = frozenset(
    {
        "run",
        "script",
        "scripts",
        "before_script",
        "after_script",
        "before_install",
        "install",
        "after_success",
        "command",
        "commands",
        "bash",
        "pwsh",
        "powershell",
        "inlineScript",
        "test_script",
        "build_script",
        "cmd",
    }
)
JENKINS_STEP = re.compile(
    r"""\b(?:sh|bat|powershell|pwsh)\s*\(?\s*(?:script\s*:\s*)?"""
    r"""('''|\"\"\"|'|")(.*?)\1""",
    re.DOTALL,
)


@dataclass(frozen=True)
class CiCommand:
    """One command a CI configuration runs, with where it is written."""

    words: tuple[str, ...]
    path: str
    line: int

    @property
    def text(self) -> str:
        """The command as one line."""
        return " ".join(self.words)


@dataclass(frozen=True)
class CiFile:
    """A CI configuration: its commands, the actions it uses, or why it could not be read."""

    path: str
    commands: tuple[CiCommand, ...] = ()
    actions: tuple[tuple[str, int], ...] = ()  # (`uses:` value, line)
    has_jobs: bool = True
    error: str | None = None
    error_line: int | None = None


def ci_paths(repo: Repo) -> list[str]:
    """Paths of every CI configuration file, in a stable order."""
    paths = sorted(entry.path for entry in repo.glob(*CI_PATTERNS))
    jenkins = repo.find_ci(*JENKINSFILES)
    return paths + ([jenkins.path] if jenkins is not None else [])


@repository_fact
def ci_files(repo: Repo) -> tuple[CiFile, ...]:
    """Every CI configuration, parsed; unreadable or malformed files carry an error."""
    return tuple(_parse(repo, path) for path in ci_paths(repo))


@repository_fact
def ci_test_commands(repo: Repo) -> tuple[CiCommand, ...]:
    """Commands of the repository's CI that run tests (`make test` followed into the Makefile)."""
    resolve = local_resolver(repo)
    return tuple(
        c for ci in ci_files(repo) for c in ci.commands if is_test_command(c.words, resolve)
    )


def _parse(repo: Repo, path: str) -> CiFile:
    text = repo.read_text(path)
    if text is None:
        return CiFile(path, error="binary or unreadable")
    if not path.lower().endswith((".yml", ".yaml")):
        return _parse_jenkinsfile(path, text)
    documents, error, line = compose_yaml(text)
    if error is not None:
        return CiFile(path, error=error, error_line=line)
    commands: list[CiCommand] = []
    actions: list[tuple[str, int]] = []
    for document in documents:
        _walk(document, path, commands, actions)
    return CiFile(path, tuple(commands), tuple(actions), has_jobs=_has_jobs(path, documents))


def compose_yaml(text: str) -> tuple[list[yaml.Node], str | None, int | None]:
    """YAML node trees (which keep line numbers), or why and where the text was rejected."""
    if len(text) > MAX_STRUCTURED_CHARS:
        return [], f"larger than {MAX_STRUCTURED_CHARS} characters, not parsed", None
    try:
        # Aliases are how "billion laughs" documents explode; CI files barely use them.
        tokens = yaml.scan(text, Loader=BoundedLoader)
        aliases = sum(isinstance(token, yaml.AliasToken) for token in tokens)
        if aliases > MAX_YAML_ALIASES:
            return [], f"{aliases} YAML aliases (more than {MAX_YAML_ALIASES}), not parsed", None
        # compose (not load): keeps line numbers and tolerates tags like GitLab's `!reference`.
        nodes = [n for n in yaml.compose_all(text, Loader=BoundedLoader) if n is not None]
        return nodes, None, None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "syntax error"
        return [], f"invalid YAML: {problem}", (mark.line + 1) if mark else None
    except yaml.YAMLError as error:
        return [], f"invalid YAML: {str(error).splitlines()[0]}", None
    except RecursionError:
        return [], "invalid YAML: nested too deeply", None


def _walk(
    root: yaml.Node, path: str, commands: list[CiCommand], actions: list[tuple[str, int]]
) -> None:
    seen: set[int] = set()
    stack: list[yaml.Node] = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes: visit each once
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else None
                if name in COMMAND_KEYS:
                    commands.extend(_scripts(value, path, seen))
                elif name == "uses" and isinstance(value, yaml.ScalarNode):
                    actions.append((str(value.value), value.start_mark.line + 1))
            stack.extend(value for _, value in reversed(node.value))


def _scripts(node: yaml.Node, path: str, seen: set[int]) -> Iterator[CiCommand]:
    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        seen.add(id(node))
        # a block scalar (`run: |`) starts on the line after its indicator
        first = node.start_mark.line + (1 if node.style in ("|", ">") else 0)
        for offset, words in script_commands(node.value):
            yield CiCommand(words, path, first + offset + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            if id(item) not in seen:
                yield from _scripts(item, path, seen)


def _has_jobs(path: str, documents: list[yaml.Node]) -> bool:
    """Whether a GitHub workflow declares at least one job (other formats: non-empty)."""
    mappings = [d for d in documents if isinstance(d, yaml.MappingNode) and d.value]
    if not mappings:
        return False
    if "/workflows/" not in path:
        return True
    for document in mappings:
        for key, value in document.value:
            if getattr(key, "value", None) == "jobs" and isinstance(value, yaml.MappingNode):
                return bool(value.value)
    return False


def _parse_jenkinsfile(path: str, text: str) -> CiFile:
    commands: list[CiCommand] = []
    code = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.DOTALL)
    code = re.sub(r"(?m)^\s*//.*$", "", code)
    for match in JENKINS_STEP.finditer(code):
        first = code.count("\n", 0, match.start(2))
        for offset, words in script_commands(match.group(2)):
            commands.append(CiCommand(words, path, first + offset + 1))
    return CiFile(path, tuple(commands), has_jobs=bool(re.search(r"\bstages?\b|\bnode\b", code)))
