"""Absolute machine paths: each detector fires, each filter keeps legitimate paths quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.scanners.paths import might_contain_paths, scan_paths


def detectors(path: str, text: str, kind: str) -> list[str]:
    return [hit.detector for hit in scan_paths(path, text, kind=kind)]


@pytest.mark.parametrize(
    ("text", "detector"),
    [
        ('df = pd.read_csv("/Users/alice/data/train.csv")\n', "path-macos-home"),
        ('p = r"C:\\Users\\bob\\Desktop\\data.csv"\n', "path-windows-home"),
        ('p = "C:\\\\Users\\\\bob\\\\data.csv"\n', "path-windows-home"),
        ('p = "c:/users/bob/data.csv"\n', "path-windows-home"),
        ('p = "D:/datasets/cifar/train"\n', "path-windows-drive"),
        ('p = "E:\\\\data.csv"\n', "path-windows-drive"),
        ('drive.mount("/content/drive")\n', "path-colab"),
        ('p = "/content/sample_data/mnist.csv"\n', "path-colab"),
        ('p = "/content/train.csv"\n', "path-colab-file"),
        ('p = "/kaggle/input/titanic/train.csv"\n', "path-kaggle"),
        ('p = "/root/.kaggle/kaggle.json"\n', "path-kaggle"),
        ('p = "/home/bob/projects/x"\n', "path-linux-home"),
        ('x = f"/home/{user}/data"\n', "path-linux-home"),
        ('p = "/root/models/best.pt"\n', "path-root-home"),
        ('p = "/mnt/c/Users/bob/data"\n', "path-wsl-mount"),
        ('def f():\n    """Doc."""\n    return "/home/a/b"\n', "path-linux-home"),
        ('x = """\n/Users/ann/file.csv\n"""\n', "path-macos-home"),
        (
            '@pytest.mark.parametrize("p", ["/home/ann/x"])\ndef test_f(p):\n    pass\n',
            "path-linux-home",
        ),  # decorators lie before the def's own position
        ("fs = [f(x) for x in ['/home/ann/a']]\n", "path-linux-home"),  # inside a comprehension
        ("def f(p='/home/ann/a'):\n    return p\n", "path-linux-home"),  # default argument
        ('mlflow.set_tracking_uri("file:///Users/ann/mlruns")\n', "path-macos-home"),
        ('uri = "file:///C:/Users/bob/data/x.csv"\n', "path-windows-home"),
        ('uri = "file:/home/bob/data/x.csv"\n', "path-linux-home"),
    ],
)
def test_python_detectors_fire(text: str, detector: str) -> None:
    assert detectors("src/train.py", text, "python") == [detector]


@pytest.mark.parametrize(
    "text",
    [
        '"""Reads /Users/alice/data.csv by default."""\n',  # module docstring
        'class A:\n    """Stores to /home/bob/x."""\n',  # class docstring
        "def f():\n    '''See C:\\\\Users\\\\bob.'''\n",  # function docstring
        "# copied from /Users/alice/notebook\nx = 1\n",  # comment
        "x = 1  # /home/bob/data\n",  # trailing comment
        'u = "https://example.com/Users/alice/profile"\n',  # URL path
        'u = "https://example.com/get?file=/Users/alice/x.csv"\n',  # URL query
        'u = "s3://bucket/home/bob/data"\n',  # object store URL
        'p = "/tmp/test_output.csv"\n',  # temp folder
        'p = "/dev/null"\n',
        'p = "/opt/airflow/data/raw.csv"\n',  # container path
        'p = "/usr/share/dict/words"\n',
        'BASE = Path(__file__).resolve().parent / "data"\n',  # built from __file__
        'p = os.path.join(os.path.dirname(__file__), "home", "data")\n',
        'p = "~/data/x.csv"\n',  # home-relative, portable
        'p = "data/Users/list.csv"\n',  # relative path that contains the word
        'r = re.compile(r"\\w:\\d+")\n',  # regex, not a drive
        'print("y:\\n", y)\n',  # label and escape, not a drive
        'print("time 12:30/45")\n',
        '@app.route("/content/<int:item_id>")\n',  # web route, not Colab
        '@app.get("/content/items")\n',  # web route outside a notebook
        'p = "/home/runner/work/x"\n',  # CI runner home
        'p = "/home/jovyan/work"\n',  # Jupyter docker-stacks home
        'uri = "file:///opt/airflow/data/raw.csv"\n',  # a file URI to a container path
        'u = "https://example.com/file:/home/bob/x"\n',  # `file:` inside a web URL
    ],
)
def test_python_filters_stay_quiet(text: str) -> None:
    assert detectors("src/app.py", text, "python") == []


def test_python_hit_position_and_evidence() -> None:
    text = 'import pandas as pd\n\ndf = pd.read_csv("/Users/alice/data.csv")\n'
    [hit] = scan_paths("a.py", text, kind="python")
    assert (hit.line, hit.column) == (3, 19)
    assert hit.evidence == "/Users/alice/data.csv"
    assert hit.severity == "warning"
    assert hit.key == "macos-home:/Users/alice/data.csv"


def test_unparsable_python_falls_back_to_non_comment_lines() -> None:
    text = 'print "py2"\npath = "/home/bob/x"\n# "/home/bob/y"\n'
    assert [h.line for h in scan_paths("old.py", text, kind="python")] == [2]


def test_non_ascii_before_match_keeps_string_detection() -> None:
    text = 'tïtle = "é"; p = "/Users/ann/x"\n'
    assert detectors("a.py", text, "python") == ["path-macos-home"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("!ls /content/drive/MyDrive\n", ["path-colab"]),  # shell magic
        ("%cd /content\n", ["path-colab-any"]),
        ('os.chdir("/content")\n', ["path-colab-any"]),
        ('x = "/content/data/x"\n', ["path-colab-any"]),
        ("%%bash\nls /kaggle/input\n# /kaggle/input\n", ["path-kaggle"]),
        ('!pip install x\n"""Doc /home/a/b."""\n', []),
        ("# /content/drive\n", []),
    ],
)
def test_notebook_code(text: str, expected: list[str]) -> None:
    assert detectors("nb.ipynb", text, "notebook-code") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("saved model to /home/ann/models/m.pt\n", ["path-linux-home"]),
        ("/usr/local/lib/python3.10/dist-packages/sklearn/x.py:12: FutureWarning\n", []),
        ("/home/ann/.local/lib/python3.11/site-packages/torch/y.py:3: UserWarning\n", []),
        ("C:\\Users\\ann\\anaconda3\\lib\\site-packages\\x.py:1: Warning\n", []),
        ("Downloading to /root/.cache/huggingface/hub\n", []),
    ],
)
def test_notebook_outputs_are_info_and_skip_library_paths(text: str, expected: list[str]) -> None:
    hits = scan_paths("nb.ipynb", text, kind="notebook-output")
    assert [h.detector for h in hits] == expected
    assert all(h.severity == "info" for h in hits)


@pytest.mark.parametrize(
    ("path", "text", "kind", "expected"),
    [
        ("environment.yml", "prefix: /Users/bob/miniconda3/envs/ml\n", "config", 1),
        ("environment.yml", "# prefix: /Users/bob/miniconda3\n", "config", 0),
        ("setup.cfg", "; data = /home/bob/x\n[paths]\ndata = /home/bob/x\n", "config", 1),
        ("config.json", '{"data": "C:\\\\Users\\\\bob\\\\data"}\n', "config", 1),
        ("config.json", '{"url": "https://x.org/home/bob/"}\n', "config", 0),
        (".github/workflows/ci.yml", "run: ls /home/runner/work\n", "config", 0),
        ("docker-compose.yml", "volumes:\n  - /home/bob/data:/data\n", "config", 0),
        ("deploy/compose.prod.yaml", "volumes: [/root/x:/x]\n", "config", 0),
        (".devcontainer/devcontainer.json", '{"mounts": ["/home/vscode/x"]}', "config", 0),
        ("Dockerfile", "COPY . /root/app\n", "shell", 0),
        ("docker/api.dockerfile", "WORKDIR /home/app/src\n", "shell", 0),
        ("Containerfile", "WORKDIR /root/x\n", "shell", 0),
        ("run.sh", "python train.py --data /home/bob/data  # local\n", "shell", 1),
        ("run.sh", "# python train.py --data /home/bob/data\n", "shell", 0),
        ("run.sh", "cp out.csv /dev/null /tmp/x\n", "shell", 0),
    ],
)
def test_config_and_shell(path: str, text: str, kind: str, expected: int) -> None:
    assert len(scan_paths(path, text, kind=kind)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("import os\nx = 1\n", False), ("p = '/home/x'", True), ("r'D:\\data'", True)],
)
def test_cheap_precheck(text: str, expected: bool) -> None:
    assert might_contain_paths(text) is expected


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="kind"):
        scan_paths("a.txt", "x", kind="markdown")


def test_long_evidence_is_shortened() -> None:
    text = 'p = "/Users/ann/' + "x" * 300 + '"\n'
    [hit] = scan_paths("a.py", text, kind="python")
    assert len(hit.evidence) <= 120 and hit.evidence.endswith("...")


@pytest.mark.parametrize(
    ("path", "severity"),
    [
        ("src/load.py", "warning"),
        ("tests/test_load.py", "info"),
        ("src/load_test.py", "info"),
        ("conftest.py", "info"),
        ("contest.py", "warning"),
        # the suite's one definition (scanners.testing_paths): Django's tests.py, folders in
        # any case; pytest's test-module names are case-sensitive
        ("app/tests.py", "info"),
        ("Tests/helpers.py", "info"),
        ("Test_load.py", "warning"),
    ],
)
def test_paths_in_tests_are_info(path: str, severity: str) -> None:
    [hit] = scan_paths(path, 'P = "/Users/ann/data.csv"\n', kind="python")
    assert hit.severity == severity


def test_escape_sequence_is_not_part_of_a_posix_path() -> None:
    [hit] = scan_paths("a.py", 'print("saved /home/ann/x.csv\\n")\n', kind="python")
    assert hit.evidence == "/home/ann/x.csv"
