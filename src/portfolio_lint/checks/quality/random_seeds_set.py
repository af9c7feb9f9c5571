"""Rule QUA013 (random-seeds-set): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.file_facts import SeedFacts
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import in_test_suite

MAX_FINDINGS = 10


@check("random-seeds-set", code="QUA013", weight=2, severity=Severity.WARNING)
def random_seeds_set(repo: Repo) -> Verdict:
    """Training code that draws random numbers sets a seed.

    Why it matters:
        A model trained from unseeded random weights, splits or forests gives a different
        result on every run: the README's numbers cannot be reproduced, and comparisons
        between two runs measure the dice as much as the change.

    How to fix:
        Seed every source of randomness once, near the top of the training script or the
        notebook's first cell (`random.seed`, `np.random.seed`, `torch.manual_seed`,
        `tf.random.set_seed`, `seed_everything`), and pass `random_state=` to scikit-learn
        splits and estimators and to `df.sample(frac=...)`, a seeded `generator=` to
        PyTorch's `random_split`, a seed to `np.random.default_rng`.

    Bad:
        `train.py` builds `RandomForestClassifier()` after `train_test_split(X, y)` and calls
        `.fit(...)`; or a notebook trains a Keras model and never calls `tf.random.set_seed`.

    Good:
        `train_test_split(X, y, random_state=42)` and `RandomForestClassifier(random_state=42)`;
        `seed_everything(42)` before `trainer.fit(model)`.
    """
    files = _author_files(repo)
    training = [(path, facts) for path, facts in files if facts.training_line is not None]
    if not training:
        raise Skip("no training code (no fit/train calls, no optimizer steps)")
    seeded = {_project(path) for path, facts in files if facts.seed_line and path.endswith(".py")}
    judged = [(p, facts) for p, facts in training if facts.random_line or facts.local_seeds]
    unseeded = [
        (path, facts)
        for path, facts in judged
        if facts.random_line and not facts.seed_line and not _seeded_elsewhere(path, seeded)
    ]
    summary = f"{len(judged) - len(unseeded)} of {len(judged)} training files seeded"
    if not unseeded:
        return Verdict.passed(summary if judged else "training draws no unseeded randomness")
    findings = [_finding(path, facts) for path, facts in unseeded[:MAX_FINDINGS]]
    return Verdict.partial(1 - len(unseeded) / len(judged), findings, summary)


def _author_files(repo: Repo) -> list[tuple[str, SeedFacts]]:
    """Author modules and notebooks (tests and vendored code aside) that train, draw or seed."""
    found: list[tuple[str, SeedFacts]] = []
    for path, facts in sorted(repo.facts.items()):
        parsed = facts.python or facts.notebook
        seeding = parsed.seeding if parsed is not None else None
        if seeding is not None and not in_test_suite(path) and not repo.is_vendored(path):
            found.append((path, seeding))
    return found


def _project(path: str) -> str:
    """The top-level folder a module belongs to ('' for the root's modules)."""
    return path.split("/", 1)[0] if "/" in path else ""


def _seeded_elsewhere(path: str, seeded: set[str]) -> bool:
    """A module of the same top-level folder, or of the root, seeds before training starts
    (`train.py` calls `set_seed` and then the engine in `src/engine.py`); a notebook runs on
    its own and must seed itself."""
    return path.endswith(".py") and bool(seeded & {"", _project(path)})


def _finding(path: str, facts: SeedFacts) -> Finding:
    kind = "notebook" if path.lower().endswith(".ipynb") else "script"
    message = (
        f"This {kind} trains (line {facts.training_line}) with randomness from"
        f" {facts.random_what} and never sets a seed: every run gives other results"
        " (seed random/numpy/torch/tensorflow once, pass random_state= to scikit-learn)"
    )
    return Finding.at(path, message, line=facts.random_line, key=facts.random_what)
