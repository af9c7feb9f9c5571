"""Dependency parsing: pins, ranges, URLs, includes, malformed and hostile files."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.dependencies import (
    parse_environment,
    parse_pyproject,
    parse_requirements,
    parse_setup_py,
    pip_dependency,
)
from portfolio_lint.untrusted.parsers import load_yaml


@pytest.mark.parametrize(
    ("line", "pinned"),
    [
        ("pandas==2.2.2", True),
        ("pandas===2.2.2", True),
        ("pandas~=2.2", False),
        ("pandas>=2", False),
        ("pandas==2.*", False),
        ("pandas", False),
        ("req[socks]==2.31.0; python_version > '3.8'", True),
        ("pkg @ git+https://github.com/a/b.git@0123456789abcdef", True),
        ("pkg @ git+https://github.com/a/b.git", False),
    ],
)
def test_pip_dependency_pins(line, pinned):
    dependency = pip_dependency(line, 1)
    assert dependency is not None and dependency.pinned is pinned


@pytest.mark.parametrize("line", ["-e .", ".", "./libs/x", "--index-url https://x", "python>=3.9"])
def test_lines_that_are_not_dependencies(line):
    assert pip_dependency(line, 1) is None


def test_requirements_includes_and_comments():
    parsed = parse_requirements("r.txt", "# c\n-r base.txt\n-c constraints.txt\nnumpy==1 # x\n")
    assert parsed.includes == ("base.txt", "constraints.txt")
    assert [(d.name, d.line) for d in parsed.dependencies] == [("numpy", 4)]


def test_tool_only_pyproject_declares_nothing():
    parsed = parse_pyproject("pyproject.toml", "[tool.black]\nline-length = 100\n")
    assert not parsed.declares and parsed.error is None


def test_setup_py_is_read_not_executed():
    text = "import os\nos.system('rm -rf /')\n"
    text += "setup(install_requires=['a==1'], python_requires='>=3.9',"
    text += " entry_points={'console_scripts': ['tool = pkg:main']})\n"
    parsed = parse_setup_py("setup.py", text)
    assert parsed.python == ">=3.9" and parsed.scripts == ("tool",)
    assert parsed.dependencies[0].pinned


def test_yaml_alias_bomb_is_rejected():
    bomb = "a: &a [x, x]\n" + "".join(f"b{i}: &b{i} [*a, *a, *a]\n" for i in range(10))
    data, error = load_yaml(bomb)
    assert data is None and "aliases" in (error or "")


@pytest.mark.parametrize("text", ["dependencies: [\n", "- just\n- a list\n", "x" * 600_000])
def test_bad_environment_files_become_errors(text):
    assert parse_environment("environment.yml", text).error


def test_optional_names_are_collected_apart_from_the_main_list() -> None:
    from portfolio_lint.facts.dependencies import parse_pipfile, parse_pyproject, parse_setup_py

    pyproject = parse_pyproject(
        "pyproject.toml",
        "[project]\nname='a'\ndependencies=['numpy']\n"
        "[project.optional-dependencies]\nui=['streamlit>=1']\n"
        "[dependency-groups]\ndev=['pytest']\n"
        "[tool.poetry.group.docs.dependencies]\nmkdocs='*'\n",
    )
    assert [d.name for d in pyproject.dependencies] == ["numpy"]
    assert set(pyproject.optional) == {"streamlit", "pytest", "mkdocs"}
    pipfile = parse_pipfile("Pipfile", "[packages]\nrequests='*'\n[dev-packages]\nblack='*'\n")
    assert pipfile.optional == ("black",)
    setup = parse_setup_py("setup.py", "setup(extras_require={'test': ['pytest']})\n")
    assert setup.optional == ("pytest",)
