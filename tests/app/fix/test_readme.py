"""README sections from facts: Installation, Usage, Configuration; to-dos never invent results."""

from __future__ import annotations

from portfolio_lint.app.fix import readme
from portfolio_lint.app.fix.entry_points import run_commands
from tests.app.fix.conftest import only

SCRIPT = "import pandas as pd\n\ndf = pd.read_csv('data/x.csv')\nprint(df.describe())\n"


def test_a_title_only_readme_gets_every_section_with_to_dos_for_the_authors_words(fix_context):
    context = fix_context(
        {"README.md": "# House prices\n", "train.py": SCRIPT, "requirements.txt": "pandas==2.2.0\n"}
    )

    change = only(readme.propose(context))

    assert change.after.startswith("# House prices\n\n## About\n")
    assert "pip install -r requirements.txt" in change.text
    assert "```bash\npython train.py\n```" in change.text
    assert "## Results\n\n> **TODO (author):**" in change.text
    assert not any(ch.isdigit() for ch in change.text.split("## Results")[1])  # no invented number


def test_sections_already_written_are_not_added_again(fix_context):
    text = (
        "# Churn\n\nPredicts churn for a telecom.\n\n## Setup\n\n```bash\npip install -r"
        " requirements.txt\n```\n\n## Usage\n\n```bash\npython train.py\n```\n\n"
        "## Results\n\nF1 0.8\n"
    )
    context = fix_context({"README.md": text, "train.py": SCRIPT, "requirements.txt": "pandas\n"})

    assert readme.propose(context) == []


def test_configuration_lists_the_variables_the_code_reads(fix_context):
    app = 'import os\nimport streamlit as st\nkey = os.environ["OPENAI_API_KEY"]\n'
    text = (
        "# Chat\n\nAnswers questions.\n\n## Install\n\npip install -r requirements.txt\n\n"
        "## Results\n\nnone yet\n"
    )
    context = fix_context({"README.md": text, "app.py": app, "requirements.txt": "streamlit\n"})

    change = only(readme.propose(context))

    assert "## Configuration" in change.text and "`OPENAI_API_KEY`" in change.text
    assert "streamlit run app.py" in change.text


def test_no_readme_makes_a_new_one_titled_after_the_folder(fix_context):
    context = fix_context({"train.py": SCRIPT})

    change = only(readme.propose(context))

    assert change.creates and change.path == "README.md"
    assert change.text.startswith(f"# {context.root.name}\n\n")
    assert "## Installation\n\n> **TODO (author):**" in change.text  # no dependency file


def test_entry_points_cover_apps_packages_scripts_and_console_scripts(make_repo):
    repo = make_repo(
        {
            "api/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
            "src/churn/__main__.py": "print('run')\n",
            "cli.py": "def main():\n    pass\n\nif __name__ == '__main__':\n    main()\n",
            "helpers.py": "def clean(x):\n    return x\n",  # a module, not a script
            "pyproject.toml": (
                '[project]\nname = "churn"\n[project.scripts]\nchurn = "churn:main"\n'
            ),
        },
        history=False,
    )

    commands = [command for command, _ in run_commands(repo)]

    assert "uvicorn api.main:app --reload" in commands
    assert "python -m churn" in commands
    assert "python cli.py" in commands
    assert "churn --help" in commands
    assert not any("helpers" in c for c in commands)


def test_streamlit_pages_and_components_are_not_apps_and_a_dashed_folder_gets_app_dir(make_repo):
    page = "import streamlit as st\nst.title('x')\n"
    repo = make_repo(
        {
            "app/main.py": "import streamlit as st\nfrom app.components import header\n",
            "app/components/header.py": page,
            "app/pages/history.py": page,
            "ml-service/app.py": "from fastapi import FastAPI\napp = FastAPI()\n",
        },
        history=False,
    )

    commands = [command for command, _ in run_commands(repo)]

    assert commands == [
        "streamlit run app/main.py",
        "uvicorn --app-dir ml-service app:app --reload",
    ]


def test_results_stated_without_a_results_heading_get_no_to_do(fix_context):
    text = "# Churn\n\nPredicts churn.\n\n## Model\n\nThe random forest reaches an F1 of 0.84.\n"
    context = fix_context({"README.md": text})

    assert all("## Results" not in c.text for c in readme.propose(context))
