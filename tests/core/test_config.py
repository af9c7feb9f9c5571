"""Project configuration: files, keys, bad values named clearly, command-line merging."""

from __future__ import annotations

import pytest

from portfolio_lint.core.config import (
    Config,
    ConfigError,
    apply_cli,
    check_selectors,
    cli_overrides,
    config_from_files,
    parse_config,
)


def reader(files):
    return lambda name: files[name].encode() if name in files else None


FULL = """
select = ["DOC", "SEC001"]
ignore = ["DOC006"]
extend-select = ["ENV"]
extend-ignore = ["QUA"]
per-path-ignores = { "notebooks/**" = ["DAT001", "SEC"] }
exclude = ["vendor/", "*.min.js"]
fail-under = 70
[ignore-with-reason]
VCS007 = "history rewritten with git filter-repo"
[options.QUA001]
max-complexity = 15
"""


def test_every_key_is_read():
    config, warnings = config_from_files(reader({"portfolio-lint.toml": FULL}))
    assert warnings == []
    assert config.select == ("DOC", "SEC001") and config.ignore == ("DOC006",)
    assert config.extend_select == ("ENV",) and config.extend_ignore == ("QUA",)
    assert config.per_path_ignores == (("notebooks/**", ("DAT001", "SEC")),)
    assert config.exclude == ("vendor/", "*.min.js")
    assert config.fail_under == 70.0
    assert config.ignore_reasons == {"VCS007": "history rewritten with git filter-repo"}
    assert config.options == {"QUA001": {"max-complexity": 15}}
    assert config.source == "portfolio-lint.toml"


def test_pyproject_table_and_ignore_as_a_table_of_reasons():
    pyproject = '[project]\nname = "x"\n[tool.portfolio-lint]\nignore = { CI001 = "no CI yet" }\n'
    config, _ = config_from_files(reader({"pyproject.toml": pyproject}))
    assert config.ignore_reasons == {"CI001": "no CI yet"}
    assert config.source == "pyproject.toml [tool.portfolio-lint]"


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"pyproject.toml": '[project]\nname = "x"\n'},  # no table: defaults
        {"pyproject.toml": "tool = 3\n"},  # odd but valid TOML
    ],
)
def test_defaults_when_nothing_configures_us(files):
    config, _ = config_from_files(reader(files))
    assert config == Config()


def test_dedicated_file_wins_over_pyproject():
    files = {
        "portfolio-lint.toml": 'select = ["DOC"]\n',
        "pyproject.toml": '[tool.portfolio-lint]\nselect = ["SEC"]\n',
    }
    assert config_from_files(reader(files))[0].select == ("DOC",)


def test_malformed_pyproject_is_a_warning_but_a_malformed_dedicated_file_is_an_error():
    config, warnings = config_from_files(reader({"pyproject.toml": "[tool\n"}))
    assert config == Config() and "pyproject.toml: not valid TOML" in warnings[0]
    with pytest.raises(ConfigError, match=r"portfolio-lint\.toml: not valid TOML"):
        config_from_files(reader({"portfolio-lint.toml": "select = [\n"}))


@pytest.mark.parametrize(
    ("table", "named"),
    [
        ({"selct": ["DOC"]}, "unknown key `selct`"),
        ({"select": ["DOC001", 3]}, "`select`"),
        ({"select": [""]}, "`select`"),
        ({"fail-under": 120}, "`fail-under`"),
        ({"fail-under": "70"}, "`fail-under`"),
        ({"fail-under": True}, "`fail-under`"),
        ({"ignore": {"DOC001": ""}}, "`ignore.DOC001`"),
        ({"ignore-with-reason": ["DOC001"]}, "`ignore-with-reason`"),
        ({"per-path-ignores": ["a"]}, "`per-path-ignores`"),
        ({"per-path-ignores": {"*.py": 3}}, "`per-path-ignores.*.py`"),
        ({"options": {"QUA001": 3}}, "`options`"),
    ],
)
def test_bad_config_names_the_key(table, named):
    with pytest.raises(ConfigError) as error:
        parse_config(table, "portfolio-lint.toml")
    assert named in str(error.value) and "portfolio-lint.toml" in str(error.value)


def test_command_line_select_replaces_and_the_rest_extends():
    config = Config(select=("DOC",), ignore=("DOC006",), fail_under=50.0)
    overrides = cli_overrides(["sec,env", " QUA "], ["doc001"], ["CI"], ["VCS"], None)
    merged = apply_cli(config, overrides)
    assert merged.select == ("SEC", "ENV", "QUA")
    assert merged.ignore == ("DOC006", "DOC001")
    assert merged.extend_select == ("CI",) and merged.extend_ignore == ("VCS",)
    assert merged.fail_under == 50.0
    assert apply_cli(config, cli_overrides([], [], [], [], 80.0)).select == ("DOC",)
    assert apply_cli(config, cli_overrides([], [], [], [], 80.0)).fail_under == 80.0


def test_unknown_selectors_are_named():
    codes = ["DOC001", "SEC001"]
    config = Config(per_path_ignores=(("*.ipynb", ("DOC001", "SCE")),))
    with pytest.raises(ConfigError, match=r"`per-path-ignores.\*.ipynb` names 'SCE'"):
        check_selectors(config.selectors(), codes, "portfolio-lint.toml")
    with pytest.raises(ConfigError, match="`--ignore` names 'DOC01'"):
        overrides = cli_overrides([], ["DOC01"], [], [], None)
        check_selectors(overrides.selectors(), codes, "command line")
    with pytest.raises(ConfigError, match="`options` names 'DOC'"):
        check_selectors(Config(options={"DOC": {}}).selectors(), codes, "x", exact=["options"])
    check_selectors(Config(select=("ALL",), ignore=("DOC",)).selectors(), codes, "x")
