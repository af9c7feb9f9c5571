"""Hostile rosters: tokens only go to the GitHub host; local paths stay in the roster's folder;
timeouts kill whole process groups; outputs never collide; rosters in any common encoding."""

from __future__ import annotations

import base64
import codecs
import contextlib
import datetime as dt
import ipaddress
import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from portfolio_lint.app.batch import pool
from portfolio_lint.app.batch.command import batch
from portfolio_lint.sources import clone
from portfolio_lint.sources.clone import remote_tip
from portfolio_lint.sources.targets import parse_target
from tests.app.batch.conftest import README_FULL, TEST_FILE
from tests.conftest import commit_all

TOKEN = "ghp_" + "R3x8Lk2Pq7Wm4Zt9Yb1Nc6Vd0Hf5Js2Ga8Ue"


# --- a local HTTPS server that records every request's headers -----------------------------


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 made now; returns (cert, key) PEM files."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Recorder:
    """What the server saw: (path, Authorization header or None) per request."""

    base: str = ""
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    redirect_to: str | None = None

    def authorizations(self) -> list[str]:
        return [auth for _, auth in self.requests if auth is not None]


def _handler(recorder: Recorder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            recorder.requests.append((self.path, self.headers.get("Authorization")))
            if recorder.redirect_to is not None:
                self.send_response(302)
                self.send_header("Location", recorder.redirect_to + self.path)
            else:
                self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET  # noqa: N815

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@contextlib.contextmanager
def https_server(cert: Path, key: Path) -> Iterator[Recorder]:
    """An HTTPS server on 127.0.0.1 (a free port) recording headers, answering 404."""
    recorder = Recorder()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(recorder))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    recorder.base = f"https://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield recorder
    finally:
        server.shutdown()
        server.server_close()


def trust(cert: Path) -> None:
    """Make git trust `cert` (in this process, and as a grading worker's initializer).

    The hardened environment then already carries config pairs (as hardened_git's own hardening
    may): the token's pairs must be appended, not replace them."""
    hardened = clone.git_environment

    def trusting(cwd: Path | None = None) -> dict[str, str]:
        return {
            **hardened(cwd),
            "GIT_CONFIG_COUNT": "1",
            "GIT_CONFIG_KEY_0": "http.sslCAInfo",
            "GIT_CONFIG_VALUE_0": str(cert),
        }

    clone.git_environment = trusting  # type: ignore[assignment]


@pytest.fixture
def tls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A test certificate that git trusts here and in grading workers; GITHUB_TOKEN set."""
    cert, key = make_certificate(tmp_path)
    monkeypatch.setattr(clone, "git_environment", clone.git_environment)  # undone after
    trust(cert)
    monkeypatch.setattr(pool, "INITIALIZER", (trust, (cert,)))
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    monkeypatch.delenv("GH_TOKEN", raising=False)
    return cert, key


def _sent_token(headers: list[str]) -> bool:
    basic = base64.b64encode(f"x-access-token:{TOKEN}".encode()).decode()
    return any(basic in header or TOKEN in header for header in headers)


@pytest.mark.parametrize(
    "server_url",
    [
        "https://github.com",  # the default host
        "https://127.0.0.1:1",  # same host, another port
        "http://127.0.0.1",  # no TLS: never a token
    ],
)
def test_the_token_never_reaches_another_host(
    tls: tuple[Path, Path], server_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", server_url)
    with https_server(*tls) as server:
        assert remote_tip(parse_target(f"{server.base}/student/repo.git")) is None
        assert remote_tip(parse_target(f"{server.base}/student/repo")) is None
    assert server.requests, "git reached the server"
    assert not server.authorizations()


def test_the_token_reaches_the_configured_github_host(
    tls: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Proof that the server would see the header: the same call, the server as GitHub.
    with https_server(*tls) as server:
        monkeypatch.setenv("GITHUB_SERVER_URL", server.base)
        remote_tip(parse_target(f"{server.base}/student/repo.git"))
    assert _sent_token(server.authorizations())


def test_a_redirect_from_the_github_host_never_carries_the_token(
    tls: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with https_server(*tls) as elsewhere, https_server(*tls) as github:
        monkeypatch.setenv("GITHUB_SERVER_URL", github.base)
        github.redirect_to = elsewhere.base
        remote_tip(parse_target(f"{github.base}/student/repo.git"))
    assert github.requests and _sent_token(github.authorizations())
    assert not elsewhere.authorizations()


@pytest.mark.parametrize("as_github", [False, True])
def test_a_batch_sends_the_token_to_the_github_host_only(
    tls: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, as_github: bool
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with https_server(*tls) as server:
        if as_github:  # proof that a grading worker's git would send it, and the server see it
            monkeypatch.setenv("GITHUB_SERVER_URL", server.base)
        roster = tmp_path / "roster.csv"
        roster.write_text(f"student,repo\nmallory,{server.base}/mallory/steal.git\n")
        result = CliRunner().invoke(
            batch, ["--roster", str(roster), "-o", str(tmp_path / "out"), "--timeout", "20"]
        )
    assert result.exit_code == 0, result.output
    assert server.requests
    assert _sent_token(server.authorizations()) == as_github
    assert TOKEN not in (tmp_path / "out" / "gradebook.csv").read_text()


# --- local paths a student controls ---------------------------------------------------------


def _project(folder: Path, marker: str = "") -> Path:
    """A small project folder (a README naming `marker`, one test)."""
    (folder / "tests").mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(f"# {marker or folder.name}\n\n## Install\n")
    (folder / "tests" / "test_a.py").write_text("def test_it():\n    assert True\n")
    return folder


def _run_batch(roster: Path, out: Path, *options: str) -> Any:
    return CliRunner().invoke(batch, ["--roster", str(roster), "-o", str(out), *options])


def _gradebook(out: Path) -> dict[str, dict[str, str]]:
    import csv

    with (out / "gradebook.csv").open(encoding="utf-8", newline="") as stream:
        return {row["student"]: row for row in csv.DictReader(stream)}


@pytest.fixture
def escapes(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A roster folder, a secret folder beside it, and every way a row can point at it."""
    secret = _project(tmp_path / "grader-home" / "private", "SECRET-PROJECT-NAME")
    commit_all(secret)  # a repository, so that a file:// URL to it would clone
    course = tmp_path / "course"
    _project(course / "repos" / "ada")
    (course / "repos" / "link").symlink_to(secret, target_is_directory=True)
    rows = {
        "ada": "repos/ada",  # the quiet side: inside the roster's folder
        "absolute": str(secret),
        "dotdot": "../grader-home/private",
        "symlink": "repos/link",
        "file-url": secret.as_uri(),
    }
    roster = course / "roster.csv"
    roster.write_text("student,repo\n" + "".join(f"{k},{v}\n" for k, v in rows.items()))
    return roster, rows


def test_local_paths_outside_the_roster_folder_are_error_rows(
    escapes: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    roster, rows = escapes
    out = tmp_path / "out"
    result = _run_batch(roster, out, "--timeout", "60")
    assert result.exit_code == 0, result.output
    book = _gradebook(out)
    assert book["ada"]["status"] == "ok" and book["ada"]["score"]
    for student in set(rows) - {"ada"}:
        assert book[student]["status"] == "error"
        assert "outside the roster's folder" in book[student]["error"]
    reports = "".join(p.read_text() for p in (out / "reports").iterdir())
    assert "SECRET-PROJECT-NAME" not in reports
    assert len(list((out / "reports").glob("*.md"))) == 1


def test_an_explicit_local_root_lets_the_grader_grade_outside(
    escapes: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    roster, rows = escapes
    out = tmp_path / "out"
    result = _run_batch(roster, out, "--allow-local-root", str(tmp_path / "grader-home"))
    assert result.exit_code == 0, result.output
    assert {s: r["status"] for s, r in _gradebook(out).items()} == dict.fromkeys(rows, "ok")


def test_a_shorthand_that_names_a_folder_in_the_working_directory_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `octo/capstone` is GitHub shorthand beside the roster; the grader's working directory
    # happens to hold a folder of that name, which must never be graded in its place.
    _project(tmp_path / "cwd" / "octo" / "capstone", "SECRET-PROJECT-NAME")
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://127.0.0.1:1")  # refuses at once
    roster = tmp_path / "course" / "roster.csv"
    roster.parent.mkdir()
    roster.write_text("student,repo\nmallory,octo/capstone\n")
    result = _run_batch(roster, tmp_path / "out", "--timeout", "20")
    assert result.exit_code == 0, result.output
    assert _gradebook(tmp_path / "out")["mallory"]["status"] == "error"


# --- outputs and roster encodings -----------------------------------------------------------


def test_students_with_dots_and_case_variants_get_their_own_reports(tmp_path: Path) -> None:
    names = ["ada.lovelace", "ada.byron", "Ada.Lovelace", "ada"]
    for name in names:
        _project(tmp_path / "repos" / name.lower().replace(".", "-") / name, f"report-of-{name}")
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,repo\n" + "".join(f"{n},repos/{n.lower().replace('.', '-')}/{n}\n" for n in names)
    )
    out = tmp_path / "out"
    assert _run_batch(roster, out).exit_code == 0
    reports = sorted((out / "reports").glob("*.md"))
    assert len(reports) == len(names)
    assert len({p.name.lower() for p in reports}) == len(names)  # case-insensitive file systems
    records = json.loads((out / "results.json").read_text())["results"]
    for record in records:  # each student's report is the one their record names
        assert record["key"].startswith(record["student"])
        assert (out / "reports" / f"{record['key']}.md").is_file()


ROSTER = "student,repo\nada,repos/ada\nbob,repos/bob\n"


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with a BOM
        lambda text: text.encode("utf-16-le"),  # no BOM
        lambda text: text.encode("utf-16-be"),
        # Excel's "Unicode Text": UTF-16 with BOM, tab-separated, CRLF.
        lambda text: text.replace(",", "\t").replace("\n", "\r\n").encode("utf-16"),
        lambda text: text.replace("\n", "\r").encode("utf-8"),  # bare CR (old Mac Excel)
        lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["utf8", "utf8-bom", "utf16", "utf16le", "utf16be", "excel-unicode-text", "cr", "crlf"],
)
def test_rosters_in_common_encodings_are_read(tmp_path: Path, encode: Any) -> None:
    for student in ("ada", "bob"):
        _project(tmp_path / "repos" / student)
    roster = tmp_path / "roster.csv"
    roster.write_bytes(encode(ROSTER))
    result = _run_batch(roster, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert {s: r["status"] for s, r in _gradebook(tmp_path / "out").items()} == {
        "ada": "ok",
        "bob": "ok",
    }


def test_a_huge_cell_is_read(tmp_path: Path) -> None:
    _project(tmp_path / "repos" / "ada")
    roster = tmp_path / "roster.csv"
    roster.write_text(f"student,repo,notes\nada,repos/ada,{'x' * 200_000}\n")
    result = _run_batch(roster, tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert _gradebook(tmp_path / "out")["ada"]["status"] == "ok"


@pytest.mark.parametrize(
    "content",
    [
        "student,repo\nJosé,repos/ada\n".encode("cp1252"),  # not UTF-8
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",  # not text at all
        b'student,repo\nada,"' + b"x" * (2 * 1024 * 1024) + b'"\n',  # a cell over the bound
    ],
)
def test_an_unreadable_roster_is_one_clear_line_and_exit_2(tmp_path: Path, content: bytes) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_bytes(content)
    result = _run_batch(roster, tmp_path / "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and str(roster) in errors[0]
    assert not (tmp_path / "out" / "gradebook.csv").exists()


# --- timeouts kill whole process groups -------------------------------------------------------


@contextlib.contextmanager
def silent_server() -> Iterator[tuple[str, list[socket.socket]]]:
    """A server on 127.0.0.1 that accepts connections and never answers: git blocks on it."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            with contextlib.suppress(OSError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


def processes_naming(text: str) -> list[str]:
    """Command lines of live (not zombie) processes whose command line contains `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = (entry / "stat").read_bytes().rpartition(b")")[2].split()[0]
        except (OSError, IndexError):
            continue
        if text in cmdline and state != b"Z":
            found.append(cmdline)
    return found


def _hanging_roster(tmp_path: Path, base: str, count: int) -> Path:
    _project(tmp_path / "repos" / "ada")  # the quiet side: graded as usual
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,repo\nada,repos/ada\n"
        + "".join(f"stuck{n},{base}/stuck{n}.git\n" for n in range(count))
    )
    return roster


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_blocked_git_call_is_killed_at_the_timeout_with_its_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with silent_server() as (base, accepted):
        roster = _hanging_roster(tmp_path, base, 2)
        started = time.monotonic()
        result = _run_batch(roster, tmp_path / "out", "--timeout", "2", "--jobs", jobs)
        seconds = time.monotonic() - started
        assert accepted, "git reached the silent server"
        assert processes_naming(base) == []  # no git of ours outlives the batch
    assert result.exit_code == 0, result.output
    # Two stuck repositories one after the other with one job, side by side with two.
    assert seconds < (2 * 3.5 if jobs == "1" else 3.5) + 3
    book = _gradebook(tmp_path / "out")
    assert book["ada"]["status"] == "ok"
    for student in ("stuck0", "stuck1"):
        assert book[student]["error"].startswith("GradeTimeoutError: timed out after 2s")


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_leaves_no_git_process_behind(
    tmp_path: Path, stop: signal.Signals
) -> None:
    with silent_server() as (base, _):
        roster = _hanging_roster(tmp_path, base, 3)
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
        command = [
            sys.executable,
            "-m",
            "portfolio_lint",
            "batch",
            "--roster",
            str(roster),
            "-o",
            str(tmp_path / "out"),
            "--jobs",
            "2",
            "--timeout",
            "120",
        ]
        with subprocess.Popen(
            command,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        ) as batch_run:
            deadline = time.monotonic() + 30
            while len(processes_naming(base)) < 2 and time.monotonic() < deadline:
                time.sleep(0.05)
            assert processes_naming(base), "git was running"
            batch_run.send_signal(stop)
            batch_run.wait(timeout=15)
        assert processes_naming(base) == []


# --- committer dates are the student's; push times are GitHub's ------------------------------


def test_a_backdated_commit_pushed_after_the_deadline_is_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.fake_github import FakeGitHub, FakeRepo, serve

    files = {"README.md": README_FULL.encode(), "tests/test_a.py": TEST_FILE.encode()}
    fake = FakeGitHub()
    late, honest = FakeRepo(dict(files)), FakeRepo({**files, "notes.md": b"honest\n"})
    late.pushes = [("2026-01-02T09:00:00Z", "e" * 40), ("2026-01-12T09:00:00Z", late.commit)]
    late.history = ["e" * 40, late.commit]  # committed "on the 5th", pushed on the 12th
    honest.pushes = [("2026-01-06T09:00:00Z", honest.commit)]
    fake.repos = {"mallory/late": late, "ada/honest": honest}
    with serve(fake):
        monkeypatch.setenv("GITHUB_API_URL", fake.base_url)
        monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
        roster = tmp_path / "roster.csv"
        roster.write_text("student,repo\nmallory,gh:mallory/late\nada,gh:ada/honest\n")
        result = _run_batch(roster, tmp_path / "out", "--api", "--as-of", "2026-01-10T00:00Z")
    assert result.exit_code == 0, result.output
    book = _gradebook(tmp_path / "out")
    assert (book["mallory"]["status"], book["mallory"]["pushed_after_deadline"]) == ("ok", "yes")
    assert (book["ada"]["status"], book["ada"]["pushed_after_deadline"]) == ("ok", "no")
