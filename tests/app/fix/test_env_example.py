"""`.env.example`: the variables the code reads, values empty; never over an existing one."""

from __future__ import annotations

from portfolio_lint.app.fix import env_example
from tests.app.fix.conftest import only

APP = {
    "app.py": 'import os\nkey = os.environ["OPENAI_API_KEY"]\nmodel = os.getenv("MODEL")\n',
}


def test_every_variable_read_is_listed_with_an_empty_value(fix_context):
    change = only(env_example.propose(fix_context(APP)))

    assert change.creates and change.path == ".env.example"
    assignments = [line for line in change.text.splitlines() if "=" in line]
    assert assignments == ["MODEL=", "OPENAI_API_KEY="]
    assert "# read in app.py" in change.text


def test_no_file_when_the_code_reads_no_variable(fix_context):
    assert env_example.propose(fix_context({"app.py": "print('hi')\n"})) == []


def test_an_existing_example_file_is_left_alone(fix_context):
    context = fix_context({**APP, ".env.sample": "OPENAI_API_KEY=\n"})

    assert env_example.propose(context) == []


def test_a_gitignore_that_would_hide_the_example_is_pointed_out(fix_context):
    context = fix_context({**APP, ".gitignore": ".env*\n"})

    only(env_example.propose(context))

    assert "add the line `!.env.example`" in context.notes[0]
