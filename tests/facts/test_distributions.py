"""Tests of the import-name to distribution mapping read from pigar's index."""

from __future__ import annotations

import pytest

from portfolio_lint.facts.distributions import is_generic, likely, normalize, providers


@pytest.mark.parametrize(
    ("module", "dotted", "expected"),
    [
        ("sklearn", "sklearn.metrics", "scikit-learn"),
        ("cv2", "cv2", "opencv-python"),
        ("PIL", "PIL.Image", "pillow"),
        ("yaml", "yaml", "PyYAML"),
        ("dotenv", "dotenv.load_dotenv", "python-dotenv"),
        ("docx", "docx", "python-docx"),
        ("google", "google.cloud.storage", "google-cloud-storage"),
    ],
)
def test_the_likely_distribution_of_common_import_names(module, dotted, expected):
    found = providers([module])[module]
    assert normalize(likely(module, [dotted], found)[0]) == normalize(expected)


def test_unknown_modules_have_no_provider():
    assert providers(["surely_no_distribution_ships_this_module_xyz"]) == {
        "surely_no_distribution_ships_this_module_xyz": ()
    }


def test_generic_names_are_not_taken_for_packages():
    found = providers(["utils", "google", "pandas"])
    assert is_generic("utils", ["utils"], found["utils"])
    assert is_generic("google", ["google"], found["google"])
    assert not is_generic("google", ["google.cloud.storage"], found["google"])
    assert not is_generic("pandas", ["pandas"], found["pandas"])


def test_modules_the_index_leaves_out_are_credited_to_their_distribution():
    found = providers(["mpl_toolkits"])["mpl_toolkits"]
    assert likely("mpl_toolkits", ["mpl_toolkits.mplot3d"], found) == ["matplotlib"]


def test_any_number_of_distinct_import_names_is_looked_up() -> None:
    # A repository may import far more distinct names than SQLite binds in one statement.
    made_up = [f"no_such_module_{n}" for n in range(300_000)]
    found = providers([*made_up, "numpy"])
    assert len(found) == 300_001
    assert found["no_such_module_7"] == ()
    assert any(normalize(p.name) == "numpy" for p in found["numpy"])


def test_module_providers_are_kept_in_the_analysis_cache(tmp_path, monkeypatch):
    from portfolio_lint.facts import distributions
    from portfolio_lint.facts.repo import Repo, RunOptions
    from portfolio_lint.sources.local import LocalSource

    root = tmp_path / "repo"
    root.mkdir()
    (root / "train.py").write_text("import numpy\nimport sklearn\n")
    scans = []
    connect = distributions._connect
    monkeypatch.setattr(distributions, "_connect", lambda: scans.append(1) or connect())
    wanted = frozenset({"numpy", "sklearn", "surely_no_distribution_ships_this_module_xyz"})

    def lookup(use_cache: bool) -> dict:
        distributions._query.cache_clear()  # a new process: nothing known in memory
        options = RunOptions(use_cache=use_cache, cache_dir=tmp_path / "cache")
        return dict(
            distributions.module_providers(Repo(LocalSource(root), options=options), wanted)
        )

    first = lookup(True)
    assert lookup(True) == first == dict(providers(wanted))
    assert len(scans) == 2  # the first lookup and `providers` above; the second run read the cache
    assert lookup(False) == first and len(scans) == 3  # --no-cache: pigar's index again
