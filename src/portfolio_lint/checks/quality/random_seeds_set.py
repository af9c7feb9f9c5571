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
        splits and estimators.

    Bad:
        `train.py` builds `RandomForestClassifier()` after `train_test_split(X, y)` and calls
        `.fit(...)`; or a notebook trains a Keras model and never calls `tf.random.set_seed`.

    Good:
        `train_test_split(X, y, random_state=42)` and `RandomForestClassifier(random_state=42)`;
        `seed_everything(42)` before `trainer.fit(model)`.
    """
    training = _training_files(repo)
    if not training:
        raise Skip("no training code (no fit/train/backward calls)")
    judged = [(p, facts) for p, facts in training if facts.random_line or facts.local_seeds]
    unseeded = [(p, facts) for p, facts in judged if facts.random_line and not facts.seed_line]
    summary = f"{len(judged) - len(unseeded)} of {len(judged)} training files seeded"
    if not unseeded:
        return Verdict.passed(summary if judged else "training draws no unseeded randomness")
    findings = [_finding(path, facts) for path, facts in unseeded[:MAX_FINDINGS]]
    return Verdict.partial(1 - len(unseeded) / len(judged), findings, summary)


def _training_files(repo: Repo) -> list[tuple[str, SeedFacts]]:
    """Author modules and notebooks (tests and vendored code aside) that train a model."""
    found: list[tuple[str, SeedFacts]] = []
    for path, facts in sorted(repo.facts.items()):
        parsed = facts.python or facts.notebook
        seeding = parsed.seeding if parsed is not None else None
        if seeding is None or seeding.training_line is None:
            continue
        if not in_test_suite(path) and not repo.is_vendored(path):
            found.append((path, seeding))
    return found


def _finding(path: str, facts: SeedFacts) -> Finding:
    kind = "notebook" if path.lower().endswith(".ipynb") else "script"
    message = (
        f"This {kind} trains (line {facts.training_line}) with randomness from"
        f" {facts.random_what} and never sets a seed: every run gives other results"
        " (seed random/numpy/torch/tensorflow once, pass random_state= to scikit-learn)"
    )
    return Finding.at(path, message, line=facts.random_line, key=facts.random_what)
