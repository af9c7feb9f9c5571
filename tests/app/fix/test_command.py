"""The `fix` command's options are the README's "Fixing" section's."""

from __future__ import annotations

from pathlib import Path

from portfolio_lint.app.fix.command import fix

README = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")


def test_the_readme_documents_every_fix_option():
    section = README.split("## Fixing")[1].split("\n## ")[0]
    for parameter in fix.params:
        for name in parameter.opts:
            if name.startswith("--") and name != "--help":
                assert f"`{name}" in section, name
