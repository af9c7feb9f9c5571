"""The similarity section end to end: a cohort of file:// bare repositories with copies in it."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner, Result

from portfolio_lint.app import cli
from portfolio_lint.app.batch.signature import pack
from portfolio_lint.app.batch.similarity import find_pairs
from tests.app.batch.conftest import README_FULL, RUBRIC, Cohort, build_cohort, publish
from tests.conftest import EPOCH, FileContent, commit_all

TRAIN = '''\
"""Train a churn classifier on the telecom customers table."""

import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score


def load_customers(path):
    table = pd.read_csv(path)
    table = table.dropna(subset=["tenure", "monthly_charges"])
    table["long_term"] = table["tenure"] > 24
    return table


def fit_model(table, seed=7):
    features = table[["tenure", "monthly_charges", "long_term"]]
    labels = table["churned"]
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.25, random_state=seed
    )
    model = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=seed)
    model.fit(x_train, y_train)
    score = f1_score(y_test, model.predict(x_test))
    return model, score


if __name__ == "__main__":
    customers = load_customers("data/customers.csv")
    fitted, f1 = fit_model(customers)
    print(f"F1 on the held-out quarter: {f1:.3f}")
'''

# The same program with every name the file binds renamed, comments and spacing changed.
TRAIN_RENAMED = '''\
"""My churn model."""
import pandas as pandas_lib
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import f1_score

def read_rows(csv_file):
    # read the csv and drop incomplete rows
    df = pandas_lib.read_csv(csv_file)
    df = df.dropna(subset=["tenure", "monthly_charges"])
    df["long_term"] = df["tenure"] > 24
    return df

def train(df, rs=7):
    X = df[["tenure", "monthly_charges", "long_term"]]
    y = df["churned"]
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=rs)
    clf = RandomForestClassifier(n_estimators=300, max_depth=6, random_state=rs)
    clf.fit(X_tr, y_tr)

    result = f1_score(y_te, clf.predict(X_te))
    return clf, result

if __name__ == "__main__":
    rows = read_rows("data/customers.csv")
    m, s = train(rows)
    print(f"F1 on the held-out quarter: {s:.3f}")
'''

FEATURES = '''\
"""Feature helpers."""

import numpy as np


def add_ratios(table):
    table["charge_per_month"] = table["total_charges"] / np.maximum(table["tenure"], 1)
    table["is_senior"] = table["age"] >= 65
    return table


def clip_outliers(table, column, low=0.01, high=0.99):
    bottom, top = table[column].quantile([low, high])
    table[column] = table[column].clip(bottom, top)
    return table
'''

STARTER_UTILS = '''\
"""Utilities every student receives with the assignment."""

import json
import pathlib


def read_config(path="config.json"):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def output_folder(name):
    folder = pathlib.Path("outputs") / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def save_metrics(metrics, name):
    target = output_folder(name) / "metrics.json"
    target.write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    return target
'''

STARTER_TRAIN = '''\
"""Fill in this file: load the data, train a model, report a metric."""

from utils import read_config, save_metrics


def main():
    config = read_config()
    metrics = {"accuracy": None}
    # TODO: your code here
    save_metrics(metrics, config["run_name"])


if __name__ == "__main__":
    main()
'''

STARTER = {"utils.py": STARTER_UTILS, "train.py": STARTER_TRAIN}

HOUSING = '''\
"""Predict house prices with gradient boosting."""

import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import cross_val_score


def prepare(frame):
    frame = frame[frame["price"] > 0].copy()
    frame["log_price"] = np.log1p(frame["price"])
    frame["rooms_per_household"] = frame["rooms"] / frame["households"]
    return frame


def evaluate(frame):
    columns = ["rooms_per_household", "median_income", "latitude", "longitude"]
    regressor = GradientBoostingRegressor(learning_rate=0.05, n_estimators=500)
    errors = cross_val_score(
        regressor, frame[columns], frame["log_price"], scoring="neg_root_mean_squared_error"
    )
    return -errors.mean()


if __name__ == "__main__":
    houses = prepare(pd.read_parquet("data/houses.parquet"))
    print("RMSE (log price):", round(evaluate(houses), 4))
'''

DIGITS = '''\
"""A small convolutional network for handwritten digits."""

import torch
from torch import nn
from torchvision import datasets, transforms


class DigitNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Linear(32 * 7 * 7, 10)

    def forward(self, images):
        return self.head(self.features(images).flatten(1))


def train_one_epoch(network, loader, optimiser):
    network.train()
    for images, labels in loader:
        optimiser.zero_grad()
        loss = nn.functional.cross_entropy(network(images), labels)
        loss.backward()
        optimiser.step()


if __name__ == "__main__":
    data = datasets.MNIST("data", download=False, transform=transforms.ToTensor())
    batches = torch.utils.data.DataLoader(data, batch_size=64, shuffle=True)
    net = DigitNet()
    train_one_epoch(net, batches, torch.optim.Adam(net.parameters(), lr=1e-3))
'''

README_ANA = (
    README_FULL + "\nChurn prediction for a telecom: a random forest on tenure and charges.\n"
)


def readme(text: str) -> str:
    return README_FULL + f"\n{text}\n"


Commits = list[tuple[dict[str, FileContent], int]]

STUDENTS: dict[str, Commits] = {
    # The original, in two commits.
    "ana": [
        ({"README.md": README_ANA, "src/features.py": FEATURES}, 1),
        ({"src/train.py": TRAIN}, 2),
    ],
    # Ana's files copied into a single commit of his own.
    "ben": [({"README.md": README_ANA, "src/features.py": FEATURES, "src/train.py": TRAIN}, 3)],
    # Ana's program with every variable renamed, in a file of another name.
    "cal": [
        ({"README.md": readme("Customer churn model."), "model/churn_model.py": TRAIN_RENAMED}, 3)
    ],
    # Two students who kept the starter code and wrote their own READMEs only.
    "dee": [({**STARTER, "README.md": readme("Dee's assignment: not finished yet.")}, 2)],
    "eli": [({**STARTER, "README.md": readme("Eli: work in progress, see train.py.")}, 4)],
    # Two students who did their own, different work.
    "fay": [({"README.md": readme("House prices."), "housing.py": HOUSING}, 2)],
    "gus": [({"README.md": readme("Digits with a CNN."), "digits.py": DIGITS}, 5)],
}


def batch(*args: object) -> Result:
    return CliRunner().invoke(cli.main, ["batch", *(str(a) for a in args)])


def make_cohort(root: Path) -> Cohort:
    cohort = build_cohort(root, STUDENTS)
    # Hal forks Ana's repository (her commits and one of his own) and pushes it as his.
    hal_work = root / "work" / "hal"
    git.Repo.clone_from(cohort.bare["ana"].as_uri(), hal_work).close()
    (hal_work / "NOTES.md").write_text("Notes for my own experiments.\n", encoding="utf-8")
    commit_all(hal_work, "My notes", EPOCH)
    hal_bare = root / "bare" / "hal.git"
    git.Repo.init(hal_bare, bare=True).close()
    with git.Repo(hal_work) as repo:
        repo.git.push(str(hal_bare), "HEAD:refs/heads/main")
    with git.Repo(hal_bare) as published:
        published.git.symbolic_ref("HEAD", "refs/heads/main")
    with cohort.roster.open("a", encoding="utf-8") as roster:
        roster.write(f"hal,{hal_bare.as_uri()},S1\n")
    return cohort


def starter_folder(root: Path) -> Path:
    folder = root / "starter"
    for name, text in STARTER.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run(cohort: Cohort, output: Path, *extra: object) -> dict[str, Any]:
    result = batch(
        "--roster", cohort.roster, "--rubric", cohort.rubric, "--output-dir", output, *extra
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads((output / "results.json").read_text(encoding="utf-8"))
    return data


def pairs_of(data: dict[str, Any]) -> dict[frozenset[str], dict[str, Any]]:
    return {frozenset((p["a"]["student"], p["b"]["student"])): p for p in data["similarity"]}


def test_copies_are_paired_and_starter_code_and_independent_work_are_not(
    tmp_path: Path,
) -> None:
    cohort = make_cohort(tmp_path / "cohort")
    output = tmp_path / "out"
    data = run(cohort, output, "--starter", starter_folder(tmp_path))
    pairs = pairs_of(data)
    # The one-commit copy: the same files, no shared commit.
    copy = pairs[frozenset(("ana", "ben"))]
    assert copy["shared_files"] == ["README.md", "src/features.py", "src/train.py"]
    assert copy["shared_commits"] == 0 and copy["overlap"] == 1.0
    assert "identical files" in copy["reason"]
    # Renamed variables do not hide a copy.
    renamed = pairs[frozenset(("ana", "cal"))]
    # Cal's program is all of Ana's train.py: contained, though Ana also wrote features.py.
    assert renamed["containment"] >= 0.95 and "near-copy code" in renamed["reason"]
    assert renamed["shared_files"] == []
    # The fork shares Ana's two commits.
    fork = pairs[frozenset(("ana", "hal"))]
    assert fork["shared_commits"] == 2 and "shared commits" in fork["reason"]
    # Starter code only, and independent work: not paired with anyone.
    flagged = {student for pair in pairs for student in pair}
    assert flagged.isdisjoint({"dee", "eli", "fay", "gus"}), sorted(pairs, key=sorted)
    overlaps = [p["overlap"] for p in data["similarity"]]
    assert overlaps == sorted(overlaps, reverse=True)
    # Signatures stay in the cache, out of results.json.
    assert all("signature" not in r for r in data["results"])
    stored = json.loads(next((output / "results").glob("ana-*.json")).read_text())
    assert stored["signature"]["shingles"]
    # The dashboard lists the pairs; a student's own report accuses no one.
    dashboard = (output / "index.html").read_text(encoding="utf-8")
    assert 'id="similarity"' in dashboard and "near-copy code" in dashboard
    for report in (output / "reports").glob("*"):
        text = report.read_text(encoding="utf-8")
        assert "ana.git" not in text or report.name.startswith("ana-")
        for phrase in ("near-copy", "identical files", "shared commits", "Similar submissions"):
            assert phrase not in text


def test_without_the_starter_the_starter_only_pair_is_flagged(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "cohort", {k: STUDENTS[k] for k in ("dee", "eli", "fay")})
    pairs = pairs_of(run(cohort, tmp_path / "out"))
    assert set(pairs) == {frozenset(("dee", "eli"))}
    assert pairs[frozenset(("dee", "eli"))]["shared_files"] == ["train.py", "utils.py"]


def test_no_similarity_skips_the_section_and_a_rerun_reuses_signatures(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "cohort", {k: STUDENTS[k] for k in ("ana", "ben")})
    output = tmp_path / "out"
    data = run(cohort, output, "--no-similarity")
    assert "similarity" not in data
    assert 'id="similarity"' not in (output / "index.html").read_text(encoding="utf-8")
    # Results stored without signatures are graded again when similarity is asked for...
    first = run(cohort, output)
    assert first["summary"]["graded"] == 2 and len(first["similarity"]) == 1
    # ...and reused, signatures included, after that.
    again = run(cohort, output)
    assert (again["summary"]["graded"], again["summary"]["unchanged"]) == (0, 2)
    assert again["similarity"] == first["similarity"]


def test_starter_that_cannot_be_read_is_a_usage_error(tmp_path: Path) -> None:
    cohort = build_cohort(tmp_path / "cohort", {"ana": STUDENTS["ana"]})
    missing = (tmp_path / "nowhere").as_uri()
    result = batch("--roster", cohort.roster, "--output-dir", tmp_path / "o", "--starter", missing)
    assert result.exit_code == 2 and "--starter" in result.output


def test_a_starter_repository_students_cloned_is_subtracted_commits_included(
    tmp_path: Path,
) -> None:
    root = tmp_path / "cohort"
    starter_work, starter_bare = root / "work" / "starter", root / "bare" / "starter.git"
    publish(starter_work, starter_bare, STARTER, EPOCH)
    rows = ["student,repo"]
    for student, note in (("dee", "Dee's notes on the task."), ("eli", "Eli's plan.")):
        work, bare = root / "work" / student, root / "bare" / f"{student}.git"
        git.Repo.clone_from(starter_bare.as_uri(), work).close()
        publish(work, bare, {"README.md": readme(note)}, EPOCH + timedelta(days=2))
        rows.append(f"{student},{bare.as_uri()}")
    roster = root / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    cohort = Cohort(root, roster, root / "rubric.toml")
    cohort.rubric.write_text(RUBRIC, encoding="utf-8")
    # Without the starter: the same first commit and the same two files.
    [pair] = run(cohort, tmp_path / "plain")["similarity"]
    assert pair["shared_commits"] == 1 and pair["shared_files"] == ["train.py", "utils.py"]
    # With the starter's repository: nothing left in common.
    assert run(cohort, tmp_path / "out", "--starter", starter_bare.as_uri())["similarity"] == []


def sig(
    files: dict[str, str], commits: tuple[str, ...] | list[str] = (), shingles: range = range(0)
) -> dict[str, Any]:
    return {"files": files, "commits": list(commits), "shingles": pack(list(shingles))}


def test_thresholds_of_each_measure() -> None:
    own = {f"own{i}.py": f"x{i}" for i in range(3)}
    signatures = {
        # 2 of 3 files shared (67% of the smaller): flagged; 1 of 3 would not be.
        "a": sig({"m.py": "d1", "n.py": "d2", "o.py": "a3"}),
        "b": sig({"m.py": "d1", "renamed.py": "d2", "p.py": "b3"}),
        "c": sig({"m.py": "d1", **own}),
        # Half of the shorter history shared: flagged; one commit of four: not.
        "d": sig({}, ["c1", "c2", "d3", "d4"]),
        "e": sig({}, ["c1", "c2", "e3"]),
        "f": sig({}, ["c1", "f2", "f3", "f4"]),
        # Code: 100 shingles, 70 shared (Jaccard 54%, containment 70%): not flagged...
        "g": sig({}, shingles=range(1000, 1100)),
        "h": sig({}, shingles=range(1030, 1130)),
        # ...90 of 100 contained in a larger program: flagged.
        "i": sig({}, shingles=range(2000, 2100)),
        "j": sig({}, shingles=range(2010, 2400)),
    }
    pairs = {frozenset((p["a"], p["b"])): p for p in find_pairs(signatures)}
    assert set(pairs) == {frozenset("ab"), frozenset("de"), frozenset("ij")}
    assert pairs[frozenset("ab")]["shared_files"] == ["m.py", "n.py"]
    assert pairs[frozenset("ab")]["files"] == pytest.approx(2 / 3, abs=1e-3)
    assert pairs[frozenset("de")]["commits"] == pytest.approx(2 / 3, abs=1e-3)
    assert pairs[frozenset("ij")]["containment"] == 0.9


def test_what_more_than_half_of_a_cohort_shares_is_course_material() -> None:
    template = {"template.py": "t1", "helpers.py": "t2"}
    signatures = {f"s{i}": sig({**template, f"own{i}.py": f"o{i}"}) for i in range(6)}
    assert find_pairs(signatures) == []
    # Five of ten is not more than half: those five are paired.
    signatures = {f"s{i}": sig({**template, f"own{i}.py": f"o{i}"}) for i in range(5)}
    signatures.update({f"t{i}": sig({f"own-t{i}.py": f"p{i}"}) for i in range(5)})
    assert len(find_pairs(signatures)) == 10  # C(5, 2)
