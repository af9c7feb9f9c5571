"""The SQLite facts cache: round trips, stat shortcut, corruption and concurrency."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portfolio_lint.analysis.cache import DB_NAME, RACY_WINDOW_NS, FactsCache, StatKey, stat_hits
from portfolio_lint.analysis.pipeline import analyze_file

NOW = 10 * RACY_WINDOW_NS
OLD = StatKey(size=10, mtime_ns=NOW - 2 * RACY_WINDOW_NS, inode=7)


def open_cache(folder: Path, salt: str = "s1") -> FactsCache:
    warnings: list[str] = []
    cache = FactsCache.open(folder, salt, warnings.append)
    assert cache is not None
    assert warnings == []
    return cache


def test_facts_round_trip_by_path_and_digest(tmp_path: Path) -> None:
    facts = analyze_file("src/a.py", b"def f():\n    return 1\n")
    cache = open_cache(tmp_path)
    assert cache.store(None, [(facts, None)]) is None
    assert cache.lookup("src/a.py", facts.digest) == facts
    assert cache.lookup("src/b.py", facts.digest) is None  # facts carry their path
    assert cache.lookup("src/a.py", "0" * 40) is None
    cache.close()


def test_a_new_salt_misses(tmp_path: Path) -> None:
    facts = analyze_file("a.py", b"x = 1\n")
    cache = open_cache(tmp_path, "v1")
    cache.store(None, [(facts, None)])
    cache.close()
    assert open_cache(tmp_path, "v2").lookup("a.py", facts.digest) is None


@pytest.mark.parametrize(
    ("key", "recorded"),
    [
        (OLD, True),
        (StatKey(size=10, mtime_ns=NOW - RACY_WINDOW_NS // 2, inode=7), False),  # racily new
    ],
)
def test_only_settled_stats_are_recorded(tmp_path: Path, key: StatKey, recorded: bool) -> None:
    facts = analyze_file("a.py", b"x = 1\n")
    cache = open_cache(tmp_path)
    cache.store("/repo", [(facts, key)], now_ns=NOW)
    known = cache.digests("/repo")
    assert (stat_hits(known, "a.py", key) == facts.digest) is recorded
    assert cache.digests("/other") == {}


@pytest.mark.parametrize(
    "changed",
    [StatKey(11, OLD.mtime_ns, 7), StatKey(10, OLD.mtime_ns + 1, 7), StatKey(10, OLD.mtime_ns, 8)],
)
def test_a_changed_stat_is_a_miss(tmp_path: Path, changed: StatKey) -> None:
    facts = analyze_file("a.py", b"x = 1\n")
    cache = open_cache(tmp_path)
    cache.store("/repo", [(facts, OLD)], now_ns=NOW)
    known = cache.digests("/repo")
    assert stat_hits(known, "a.py", OLD) == facts.digest
    assert stat_hits(known, "a.py", changed) is None
    assert stat_hits(known, "a.py", None) is None


def test_corrupt_database_is_replaced_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    cache = FactsCache.open(tmp_path, "s", warnings.append)
    assert cache is not None
    assert len(warnings) == 1
    assert "unreadable" in warnings[0]
    facts = analyze_file("a.py", b"x = 1\n")
    assert cache.store(None, [(facts, None)]) is None
    assert cache.lookup("a.py", facts.digest) == facts


def test_damaged_value_is_a_miss(tmp_path: Path) -> None:
    facts = analyze_file("a.py", b"x = 1\n")
    cache = open_cache(tmp_path)
    cache.store(None, [(facts, None)])
    cache.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE facts SET value = ?", (b"\x80garbage",))
    db.close()
    assert open_cache(tmp_path).lookup("a.py", facts.digest) is None


def test_unusable_folder_disables_the_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    warnings: list[str] = []
    assert FactsCache.open(blocker / "cache", "s", warnings.append) is None
    assert warnings and "disabled" in warnings[0]


def test_two_connections_share_the_cache(tmp_path: Path) -> None:
    first, second = open_cache(tmp_path), open_cache(tmp_path)
    one, two = analyze_file("a.py", b"a = 1\n"), analyze_file("b.py", b"b = 2\n")
    assert first.store(None, [(one, None)]) is None
    assert second.store(None, [(two, None)]) is None
    assert first.lookup("b.py", two.digest) == two
    assert second.lookup("a.py", one.digest) == one


def test_whole_repository_results_round_trip_by_kind_key_and_type(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    assert cache.store_result("history", "abc|shallow=false", {"commits": 3}) is None
    assert cache.load_result("history", "abc|shallow=false", dict) == {"commits": 3}
    assert cache.load_result("history", "abc|shallow=true", dict) is None
    assert cache.load_result("other", "abc|shallow=false", dict) is None
    assert cache.load_result("history", "abc|shallow=false", list) is None  # wrong type
    cache.close()
    assert open_cache(tmp_path, "s2").load_result("history", "abc|shallow=false", dict) is None


def test_a_damaged_result_is_a_miss(tmp_path: Path) -> None:
    cache = open_cache(tmp_path)
    cache.store_result("history", "k", [1])
    cache.close()
    with sqlite3.connect(tmp_path / DB_NAME) as db:
        db.execute("UPDATE results SET value = ?", (b"not a pickle",))
    assert open_cache(tmp_path).load_result("history", "k", list) is None


# --- issue 9 item 5: no secret in the clear, private files ---------------------------------------


@pytest.fixture
def user_config(tmp_path_factory, monkeypatch) -> Path:
    folder = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def raw_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.is_file())


def test_values_quoting_a_secret_are_sealed_and_read_back_unchanged(
    tmp_path: Path, user_config: Path, monkeypatch
) -> None:
    token = "ghp_" + "Qz8vLm3NpR7sTw2YkH5jXc4Bn6Df1Ga9Ke0W"
    facts = analyze_file("src/load.py", f'df = read_csv("/Users/ada/{token}/t.csv")\n'.encode())
    assert facts.paths, "the path scanner should quote the absolute path"
    cache = open_cache(tmp_path / "cache")
    assert cache.store(None, [(facts, None)]) is None
    assert cache.store_result("history", "k", {"subject": f"wip {token}"}) is None
    cache.close()
    assert token.encode() not in raw_bytes(tmp_path / "cache")
    cache = open_cache(tmp_path / "cache")
    assert cache.lookup("src/load.py", facts.digest) == facts
    assert cache.load_result("history", "k", dict) == {"subject": f"wip {token}"}
    cache.close()
    # Another user's key (a copied cache) cannot read it: a miss, not a crash.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "other"))
    cache = open_cache(tmp_path / "cache")
    assert cache.lookup("src/load.py", facts.digest) is None
    cache.close()


def test_values_without_secrets_are_stored_plainly(tmp_path: Path, user_config: Path) -> None:
    from portfolio_lint.analysis.cache import SEAL_MAGIC, encode

    facts = analyze_file("src/a.py", b"def f():\n    return 1\n")
    blob = encode(facts)
    assert blob is not None and not blob.startswith(SEAL_MAGIC)
    assert not (user_config / "portfolio-lint").exists()  # no key made when none is needed


def test_cache_folder_and_database_are_private(tmp_path: Path) -> None:
    import os
    import stat

    old = os.umask(0o022)
    try:
        open_cache(tmp_path / "c").close()
        folder = tmp_path / "c"
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
        folder.chmod(0o755)
        (folder / DB_NAME).chmod(0o644)
        open_cache(folder).close()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / DB_NAME).stat().st_mode) == 0o600
    finally:
        os.umask(old)
