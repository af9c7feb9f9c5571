"""Tests of analysis/notebook_names: names used in a cell before any cell defines them."""

from __future__ import annotations

from portfolio_lint.analysis.pipeline import analyze_file
from tests.notebooks import notebook_json


def notebook(*sources: str) -> bytes:
    """A notebook whose code cells hold `sources`, as bytes."""
    return notebook_json(*sources).encode()


def undefined(*sources: str) -> list[tuple[str, int | None]]:
    facts = analyze_file("eda.ipynb", notebook(*sources)).notebook
    assert facts is not None
    return [(use.name, use.cell) for use in facts.undefined_names]


def test_a_name_used_before_the_cell_that_defines_it():
    assert undefined("import pandas as pd\n", "df.head()\n", "df = pd.read_csv('a.csv')\n") == [
        ("df", 2)
    ]


def test_magics_and_shell_lines_are_ipython_not_python():
    cells = (
        "%matplotlib inline\n!pip install -q xgboost\nimport numpy as np\nfiles = !ls data\n",
        "%%capture log\nprint(np.arange(3))\n",
        "%%bash\necho $HOME | undefined_in_bash\n",
        "%%time\nprint(files, log)\ndisplay(np.ones(2))\nnp.mean?\n",
    )
    assert undefined(*cells) == []
    assert undefined("import pandas as pd\n", "  pd.read_csv('a')\n  print(x)\n") == [("x", 2)]


def test_judging_stops_at_a_cell_whose_names_cannot_be_known():
    assert undefined("print(a)\n", "%run setup.ipynb\n", "print(b)\n") == [("a", 1)]
    assert undefined("exec(open('setup.py').read())\n", "print(b)\n") == []
    assert undefined("print(a)\n", "df.head(\n", "print(b)\n") == [("a", 1)]  # does not parse


def test_functions_see_later_cells_and_import_sites_carry_cells():
    cells = ("def plot():\n    return sns.histplot(df)\n", "import seaborn as sns\ndf = 1\n")
    assert undefined(*cells) == []
    facts = analyze_file("eda.ipynb", notebook(*cells)).notebook
    assert facts is not None
    [site] = facts.import_statements
    assert (site.module, site.cell) == ("seaborn", 2)
