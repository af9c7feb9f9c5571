"""Rule DAT004 (data-obtainable): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.data_sources import data_provenance
from portfolio_lint.facts.repo import Repo


@check("data-obtainable", code="DAT004", weight=2, severity=Severity.WARNING)
def data_obtainable(repo: Repo, *, named_only_score: float = 0.5) -> Verdict:
    """The README or a script says where the data comes from.

    Why it matters:
        A reader who cannot get the data cannot run anything: code that reads `data/train.csv`
        with no word on where that file comes from is a dead end.

    How to fix:
        Say where the data comes from: a dataset URL, a Kaggle or Hugging Face dataset id, a
        download script or Makefile target, a DVC remote, a built-in dataset loader; or commit a
        small sample on purpose. A Dataset section that names the data without saying where
        to get it earns `named_only_score`.

    Bad:
        `pd.read_csv("data/train.csv")` with `data/` ignored and no word on the data anywhere.

    Good:
        README: "Download the data with `kaggle competitions download -c titanic` into data/."
    """
    provenance = data_provenance(repo)
    if provenance.sources:
        source = provenance.sources[0]
        where = f"{source.path}:{source.line}" if source.line else source.path
        return Verdict.passed(f"{source.kind} ({where}): {source.text}")
    if not provenance.uses:
        raise Skip("the project reads no data and has no data folder")
    use = provenance.uses[0]
    message = (
        f"Uses data ({use.kind}: {use.text}) but neither the README nor a script says where it"
        " comes from (a dataset URL, Kaggle/Hugging Face id, download script or DVC remote)"
    )
    finding = Finding.at(use.path, message, line=use.line, cell=use.cell)
    named = provenance.named
    if named is not None:
        summary = f"{named.path}:{named.line} names the data ({named.text}) but not where to get it"
        return Verdict.partial(named_only_score, [finding], summary)
    return Verdict.failed(finding)
