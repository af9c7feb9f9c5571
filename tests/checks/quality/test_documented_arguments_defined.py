"""Tests of QUA012 documented-arguments-defined: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status

ARGPARSE_TRAIN = """\
import argparse

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--batch_size", type=int, default=32)
args = parser.parse_args()
"""


def readme(*commands: str) -> str:
    return "# Trainer\n\n## Usage\n\n```bash\n" + "\n".join(commands) + "\n```\n"


def test_fires_on_an_option_the_script_never_defines(make_repo, run_rule):
    files = {
        "README.md": readme("python train.py --epochs 5 --batch-size 64 --lr=3e-4 | tee log"),
        "train.py": ARGPARSE_TRAIN,
    }
    result = run_rule("QUA012", make_repo(files))
    assert result.status is Status.FAILED
    [finding] = result.findings
    assert (
        "`--batch-size`, `--lr`" in finding.message and "train.py never defines" in finding.message
    )
    assert finding.location.path == "README.md" and finding.location.line == 6


def test_fires_through_a_launcher(make_repo, run_rule):
    files = {
        "README.md": readme("accelerate launch --num_processes 2 train.py --epochs 3 --lora-r 8"),
        "train.py": ARGPARSE_TRAIN,
    }
    [finding] = run_rule("QUA012", make_repo(files)).findings
    assert "`--lora-r`, which train.py never defines" in finding.message


def test_fires_when_the_script_reads_no_arguments(make_repo, run_rule):
    files = {
        "README.md": readme("python3 src/train.py --epochs 10", "python src/eval.py --split test"),
        "src/train.py": "EPOCHS = 10\nprint('training for', EPOCHS)\n",
        "src/eval.py": "from cli import parse\nargs = parse()\n",
        "src/cli.py": "import argparse\ndef parse():\n    p = argparse.ArgumentParser()\n"
        "    p.add_argument('--split')\n    return p.parse_args()\n",
    }
    result = run_rule("QUA012", make_repo(files))
    assert result.status is Status.PARTIAL
    [finding] = result.findings
    assert "src/train.py reads no command-line arguments" in finding.message


def test_quiet_on_abbreviations_modules_click_and_opaque_frameworks(make_repo, run_rule):
    files = {
        "README.md": readme(
            "python train.py --epoch 3 --help",
            "python -m app.serve --port 8000",
            "python tune.py --trials 5",
            "python hydra_train.py trainer.max_epochs=5 --multirun",
            "python -m pytest --cov",
            "python other_tool.py --x 1",
        ),
        "train.py": ARGPARSE_TRAIN,
        "app/__init__.py": "",
        "app/serve.py": "import click\n@click.command()\n@click.option('--port')\ndef m(p): ...\n",
        "tune.py": "import fire\ndef tune(trials=10): ...\nfire.Fire(tune)\n",
        "hydra_train.py": "import hydra\n@hydra.main(config_path='conf')\ndef m(cfg): ...\n",
    }
    assert run_rule("QUA012", make_repo(files)).status is Status.PASSED


def test_not_applicable_without_documented_options(make_repo, run_rule):
    files = {"README.md": readme("python train.py"), "train.py": ARGPARSE_TRAIN}
    assert run_rule("QUA012", make_repo(files)).status is Status.NOT_APPLICABLE
