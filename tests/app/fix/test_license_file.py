"""LICENSE: only with --license; standard texts; holder and first commit's year."""

from __future__ import annotations

from datetime import datetime, timezone

import git
import pytest

from portfolio_lint.app.fix import license_file
from portfolio_lint.app.fix.safety import FixRefusedError
from portfolio_lint.resources import shipped_file
from tests.app.fix.conftest import only
from tests.conftest import commit_all

FILES = {"README.md": "# Demo\n", "app.py": "print(1)\n"}


def test_no_licence_unless_one_is_asked_for(fix_context):
    assert license_file.propose(fix_context(FILES)) == []


def test_mit_names_the_holder_and_the_year_of_the_first_commit(fix_context):
    context = fix_context(FILES, license="MIT", holder="Ada Student")  # committed in 2026
    (context.root / "later.py").write_text("x = 1\n")
    commit_all(context.root, "A year later", datetime(2027, 3, 1, tzinfo=timezone.utc))

    change = only(license_file.propose(context))

    assert change.text.startswith("MIT License\n\nCopyright (c) 2026 Ada Student\n")
    assert "[year]" not in change.text and "[fullname]" not in change.text


@pytest.mark.parametrize("name", ["Apache-2.0", "BSD-3-Clause"])
def test_the_other_texts_are_the_shipped_standard_ones_with_only_the_notice_filled(
    fix_context, name
):
    context = fix_context(FILES, license=name, holder="Ada Student")
    change = only(license_file.propose(context))

    standard = shipped_file(f"licenses/{name}.txt").read_text()
    year_mark, holder_mark = license_file.PLACEHOLDERS[name]
    assert year_mark in standard and holder_mark in standard
    assert change.text == standard.replace(year_mark, "2026").replace(holder_mark, "Ada Student")


def test_the_apache_text_is_apache_orgs_file_byte_for_byte():
    import hashlib

    data = shipped_file("licenses/Apache-2.0.txt").read_bytes()
    # The md5 of https://www.apache.org/licenses/LICENSE-2.0.txt
    assert hashlib.md5(data).hexdigest() == "3b83ef96387f14655fc854ddc3c6bd57"


def test_the_holder_defaults_to_git_user_name(fix_context):
    context = fix_context(FILES, license="MIT")
    with git.Repo(context.root) as repo, repo.config_writer() as config:
        config.set_value("user", "name", "Grace Hopper")

    assert "Grace Hopper" in only(license_file.propose(context)).text


def test_without_a_holder_the_licence_is_refused_with_the_way_out(fix_context):
    with pytest.raises(FixRefusedError, match="--holder"):
        license_file.propose(fix_context(FILES, license="MIT"))


def test_an_existing_licence_is_kept(fix_context):
    context = fix_context(
        {**FILES, "LICENSE.md": "All rights reserved\n"}, license="MIT", holder="A"
    )

    assert license_file.propose(context) == []
    assert "already has a licence" in context.notes[0]
