"""Secret scanner: detectors from rules/secrets.toml, a keyword pre-filter, then filters."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from portfolio_lint.core.file_facts import Hit
from portfolio_lint.scanners import secret_filters as filters
from portfolio_lint.scanners.redact import redact, secret_key
from portfolio_lint.untrusted import toml as tomllib

__all__ = ["Detector", "load_detectors", "redact", "redact_text", "scan_secrets", "secret_spans"]

KINDS = ("token", "url", "generic")
SEVERITY = {"token": "error", "url": "error", "generic": "warning"}
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# Matches examined per detector and file: real files have a handful, hostile ones millions.
MAX_MATCHES = 5000
KEYWORD_PREFILTER_CHARS = 64 * 1024
# Longest reach of a match from its keyword: tokens start at it, generic values end within 300.
WINDOW = 512
PEM_HEADER = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----")
# An AWS secret's partner: `aws_access_key_id = ...` within this many characters of it.
PAIR_REACH = 2048
AWS_KEY_ID_ASSIGNMENT = re.compile(
    r"(?i:access[_\-]?key[_\-]?id|accesskeyid)[\"'\]]{0,2}(?:[ \t]*(?::=|=>|[:=])[ \t]*|[ \t]+)"
    r"[\"']?(?P<id>[A-Za-z0-9_\-]{3,128})"
)
AWS_KEY_ID_SHAPE = re.compile(r"(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}$")
PROVIDER_NAMES = {
    "co": "Cohere",
    "ai21": "AI21",
    "assemblyai": "AssemblyAI",
    "elevenlabs": "ElevenLabs",
    "together": "Together AI",
    "voyage": "Voyage AI",
    "fireworks": "Fireworks AI",
}
# Credentials any URL can carry, whichever service it names: `scheme://user:password@host`,
# a token as the user (`https://TOKEN@github.com`) and secret query parameters.
URL_USERINFO = re.compile(
    r"(?<=://)(?P<user>[^/\s:@'\"<>`]{1,256})(?::(?P<secret>[^/\s@'\"<>`]{1,256}))?@"
)
QUERY_SECRET = re.compile(
    r"[?&;](?i:access[_\-]?token|refresh[_\-]?token|id[_\-]?token|token|api[_\-]?key|apikey|key|"
    r"secret|client[_\-]?secret|password|passwd|pwd|sig|signature|x-amz-signature|auth)"
    r"=(?P<secret>[^&\s#'\"<>`]{4,512})"
)
# The head of a value a message cut short (`git clone https://u:ghp_abc...`): no detector
# matches a partial token, yet its head is part of the secret.
TRUNCATED = re.compile(
    r"(?:(?<=://)[^/\s:@'\"`]{0,64}:|(?<![A-Za-z0-9_\-+/]))(?P<secret>[A-Za-z0-9_\-+/]{6,512})"
    r"(?=\.\.\.|…(?!\())"
)
# `KEY=value` anywhere in a quoted text (`it runs \`export DB_PASSWORD=...\``): the file
# detectors want an assignment at a line start or a quoted value, a message quotes mid-line.
ASSIGNMENT = re.compile(
    r"(?=[pstacPSTAC])(?i:(?:password|passwd|passphrase|pwd|secret|token|credentials?)"
    r"(?:[_\-]?key)?|api[_\-]?key|access[_\-]?key|auth[_\-]?key|private[_\-]?key)"
    r"[\"'\]]{0,2}[ \t]*(?::=|=>|[:=])[ \t]*[\"']?(?P<secret>[^\s\"'`,;&)(]{6,256})"
)
REDACTED_MARK = "…("
AWS_UNPAIRED_NAME = "Possible secret key of an S3-compatible service (its key id is not AWS's)"


@dataclass(frozen=True)
class Detector:
    """One secret shape: keywords gate the regex; group `secret` is the value."""

    id: str
    name: str
    kind: str
    keywords: tuple[str, ...]
    pattern: re.Pattern[str]
    min_entropy: float = 2.5
    scope: str = "any"
    span: int = 0
    validator: str = ""


def detectors_file() -> Path:
    """The shipped rules/secrets.toml (wheel or source checkout)."""
    from portfolio_lint.resources import shipped_file

    return shipped_file("secrets.toml")


@lru_cache(maxsize=1)
def _all_keywords() -> tuple[str, ...]:
    return tuple(sorted({k for detector in load_detectors() for k in detector.keywords}))


@lru_cache(maxsize=1)
def _any_keyword() -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, _all_keywords())))


def _common_prefix(words: list[str]) -> str:
    shortest = min(words, key=len)
    size = next((i for i, c in enumerate(shortest) if any(w[i] != c for w in words)), len(shortest))
    return shortest[:size]


def _present_keywords(lowered: str) -> set[str]:
    """Keywords that occur in `lowered`.

    One `in` per keyword is fastest on source files; on a big data file (a CSV of numbers)
    one regex pass that finds no keyword at all is an order of magnitude cheaper. A regex
    scan that finds nothing proves no keyword occurs; when it finds one, `in` decides which.
    """
    if len(lowered) > KEYWORD_PREFILTER_CHARS and _any_keyword().search(lowered) is None:
        return set()
    present: set[str] = set()
    # Keywords sharing a prefix (`xoxa-` ... `xoxe-`) are looked for in one regex pass.
    for group, pattern in _keyword_groups():
        found = set(pattern.findall(lowered))
        if found:
            present.update(k for k in group if any(k in text for text in found))
    for keyword, within in _keyword_order():
        # A keyword holding a shorter one (`aws_secret` holds `secret`) cannot occur without it.
        if (within is None or within in present) and keyword in lowered:
            present.add(keyword)
    return present


@lru_cache(maxsize=1)
def _keyword_groups() -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """Keywords that share their first two characters, with one regex that finds any of them."""
    by_start: dict[str, list[str]] = {}
    for keyword in _all_keywords():
        by_start.setdefault(keyword[:2], []).append(keyword)
    groups = []
    for members in by_start.values():
        if len(members) < 2 or min(map(len, members)) < 3:
            continue
        common = _common_prefix(members)
        rests = sorted((k[len(common) :] for k in members), key=len, reverse=True)
        pattern = re.compile(re.escape(common) + "(?:" + "|".join(map(re.escape, rests)) + ")")
        groups.append((tuple(sorted(members)), pattern))
    return tuple(groups)


@lru_cache(maxsize=1)
def _keyword_order() -> tuple[tuple[str, str | None], ...]:
    """Keywords, shortest first, each with a shorter keyword it contains (if any)."""
    grouped = {k for group, _ in _keyword_groups() for k in group}
    keywords = sorted(set(_all_keywords()) - grouped, key=lambda k: (len(k), k))
    return tuple(
        (k, next((shorter for shorter in keywords if len(shorter) < len(k) and shorter in k), None))
        for k in keywords
    )


@lru_cache(maxsize=8)
def load_detectors(path: Path | None = None) -> tuple[Detector, ...]:
    """Detectors defined in `path` (default: the shipped secrets.toml), compiled once."""
    data = tomllib.loads((path or detectors_file()).read_text(encoding="utf-8"))
    detectors = []
    for entry in data.get("detector", []):
        kind = entry.get("kind", "token")
        if kind not in KINDS:
            raise ValueError(f"detector {entry.get('id')}: unknown kind {kind!r}")
        detectors.append(
            Detector(
                id=entry["id"],
                name=entry["name"],
                kind=kind,
                keywords=tuple(k.lower() for k in entry["keywords"]),
                pattern=re.compile(entry["regex"]),
                min_entropy=float(entry.get("min_entropy", 2.5)),
                scope=entry.get("scope", "any"),
                span=int(entry.get("span", 0)),
                validator=entry.get("validator", ""),
            )
        )
    return tuple(detectors)


def scan_secrets(path: str, text: str) -> list[Hit]:
    """Secrets in `text` (the content of `path`), redacted, one hit per value and line."""
    scan = _scan(path, text)
    return scan.hits() if scan else []


def secret_spans(text: str, path: str = "") -> list[tuple[int, int]]:
    """Offsets of every secret value the detectors report in `text` (any severity)."""
    scan = _scan(path, text)
    return sorted(scan.spans) if scan else []


def redact_text(text: str) -> str:
    """`text` with every secret in it redacted: what the secret detectors report (any
    severity) and credentials in URLs. Idempotent: redacted values are left as they are."""
    if not text or _redaction_gate().search(text.lower()) is None:
        return text
    spans = secret_spans(text)
    if "://" in text or "=" in text:
        spans.extend(_url_credential_spans(text))
    if "..." in text or "…" in text:
        spans.extend(_truncated_spans(text))
    spans.extend(_prefixed_spans(text))
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in _merged(spans):
        value = text[start:end]
        parts += [text[last:start], value if REDACTED_MARK in value else redact(value)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


@lru_cache(maxsize=1)
def _redaction_gate() -> re.Pattern[str]:
    """Matches (lower-cased) text that any part of `redact_text` could change: one C-level
    search lets the many short texts of a report through without a full scan."""
    needles = {*_all_keywords(), "://", "=", "...", "…"}
    return re.compile("|".join(map(re.escape, sorted(needles, key=len, reverse=True))))


def _url_credential_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in URL_USERINFO.finditer(text):
        password, user = match.group("secret"), match.group("user")
        if password and not filters.is_template(password) and not filters.is_placeholder(password):
            spans.append(match.span("secret"))
        elif not password and len(user) >= 16 and filters.looks_random(user, 3.0):
            spans.append(match.span("user"))
    for match in ASSIGNMENT.finditer(text):
        value = match.group("secret")
        if _plausible_value(value):
            spans.append(match.span("secret"))
    for match in QUERY_SECRET.finditer(text):
        value = match.group("secret")
        if not filters.is_template(value) and not filters.is_placeholder(value):
            spans.append(match.span("secret"))
    return spans


def _plausible_value(value: str) -> bool:
    """A value worth hiding: mixed characters, not a template, placeholder, name or path."""
    if filters.is_template(value) or filters.is_placeholder(value, strict=True):
        return False
    if filters.is_env_lookup(value) or filters.is_identifier_or_path(value, camel_case=False):
        return False
    return filters.char_classes(value) >= 2


def _truncated_spans(text: str) -> list[tuple[int, int]]:
    """Heads of secrets cut short by `...`: after `scheme://user:`, with a token prefix, or
    random-looking."""
    spans = []
    for match in TRUNCATED.finditer(text):
        value = match.group("secret")
        after_userinfo = match.start() != match.start("secret")
        if (
            after_userinfo
            or value.lower().startswith(_token_prefixes())
            or (len(value) >= 12 and filters.looks_random(value, 3.0))
        ):
            spans.append(match.span("secret"))
    return spans


def _prefixed_spans(text: str) -> list[tuple[int, int]]:
    """Runs that start with a vendor token prefix but are cut short (`ghp_` + 30 characters
    where a message quotes the first 40 characters of a line): too short for the detector."""
    if not _token_prefixes_in(text.lower()):
        return []
    spans = []
    for match in _prefixed_run().finditer(text):
        tail = match.group("tail")
        mixed = sum(
            (
                any(c.islower() for c in tail),
                any(c.isupper() for c in tail),
                any(c.isdigit() for c in tail),
            )
        )
        if mixed >= 2:
            spans.append(match.span())
    return spans


def _token_prefixes_in(lowered: str) -> bool:
    return any(prefix in lowered for prefix in _token_prefixes())


@lru_cache(maxsize=1)
def _prefixed_run() -> re.Pattern[str]:
    prefixes = "|".join(map(re.escape, sorted(_token_prefixes(), key=len, reverse=True)))
    # `_` or `-` may stand before the prefix: a token inside a file name (`run_ghp_….py`) is
    # still a token when a report quotes the name.
    return re.compile(rf"(?<![A-Za-z0-9])(?i:{prefixes})(?P<tail>[A-Za-z0-9_\-]{{8,512}})")


@lru_cache(maxsize=1)
def _token_prefixes() -> tuple[str, ...]:
    """Keywords of the known-shape detectors that start their tokens (`ghp_`, `sk-proj-`)."""
    return tuple(
        k
        for d in load_detectors()
        if d.kind == "token"
        for k in d.keywords
        if k[-1] in "_-" and len(k) >= 3
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _scan(path: str, text: str) -> _FileScan | None:
    lowered = text.lower()
    if len(lowered) != len(text):  # e.g. "İ" lowers to two code points; offsets must align
        lowered = text.translate(ASCII_LOWER)
    present = _present_keywords(lowered)
    if not present:
        return None
    windows: dict[tuple[tuple[str, ...], int], list[tuple[int, int]]] = {}
    around: dict[str, list[tuple[int, int]]] = {}
    scan: _FileScan | None = None
    for detector in load_detectors():
        if present.isdisjoint(detector.keywords):
            continue
        keywords = tuple(k for k in detector.keywords if k in present)
        scan = scan or _FileScan(path, text)
        if detector.kind == "generic" and not scan.generic_allowed(detector):
            continue
        # Regexes run only around keywords: most of a file is never matched at all.
        budget = MAX_MATCHES
        reach = (keywords, detector.span)
        if reach not in windows:
            windows[reach] = keyword_windows(lowered, keywords, detector.span, around)
        for start, end in windows[reach]:
            for match in detector.pattern.finditer(text, start, end):
                scan.consider(detector, match)
                budget -= 1
                if budget == 0:  # a hostile file; what was found so far is reported
                    break
            if budget == 0:
                break
    return scan


def _line_end(lowered: str, offset: int) -> int:
    """The end of the line at `offset`, or `offset + WINDOW` on a very long line."""
    end = lowered.find("\n", offset, offset + WINDOW)
    return min(len(lowered), offset + WINDOW) if end < 0 else end


def keyword_windows(
    lowered: str,
    keywords: tuple[str, ...],
    span: int = 0,
    known: dict[str, list[tuple[int, int]]] | None = None,
) -> list[tuple[int, int]]:
    """Merged (start, end) offsets of the lines around each keyword, at most WINDOW chars each
    side (long lines are base64 blobs and minified code), plus `span` chars for multi-line shapes.
    `known` keeps each keyword's spans for the next detector that shares the keyword.
    """
    spans: list[tuple[int, int]] = []
    size = len(lowered)
    for keyword in keywords:
        around = known.get(keyword) if known is not None else None
        if around is None:
            around = _around(lowered, keyword)
            if known is not None:
                known[keyword] = around
        spans.extend((start, min(size, end + span)) for start, end in around)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        # Near windows are joined: one longer regex run costs less than many short ones.
        if merged and start <= merged[-1][1] + WINDOW:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _around(lowered: str, keyword: str) -> list[tuple[int, int]]:
    spans = []
    found = lowered.find(keyword)
    while found >= 0:
        start = lowered.rfind("\n", max(0, found - WINDOW), found) + 1 or max(0, found - WINDOW)
        # Reach one window further, to a line end: keywords close by share one regex run.
        end = _line_end(lowered, _line_end(lowered, found) + WINDOW)
        spans.append((start, end))
        found = lowered.find(keyword, end)
    return spans


class _FileScan:
    """State of one scan: line offsets (computed on first match) and the hits so far."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.example = filters.is_example_file(path)
        self.lock = filters.is_lock_file(path)
        self.code = filters.is_code_file(path)
        self.compose = filters.is_compose_file(path)
        self._cursor = (0, 1, 0)  # offset, line and line start of the last position computed
        self._found: dict[tuple[int, str], Hit] = {}
        self.spans: set[tuple[int, int]] = set()

    def generic_allowed(self, detector: Detector) -> bool:
        if self.example or self.lock:
            return False
        return detector.scope != "config" or not self.code

    def consider(self, detector: Detector, match: re.Match[str]) -> None:
        value = match.group("secret")
        start = match.start("secret")
        # The line around the value, bounded: a minified or base64 line can be megabytes long.
        low = max(0, start - WINDOW)
        line_start = self.text.rfind("\n", low, start) + 1 or low
        line_end = self.text.find("\n", start, start + WINDOW)
        line = self.text[line_start : line_end if line_end >= 0 else start + WINDOW]
        severity = self._judge(detector, match, value, line)
        if severity is None:
            return
        self.spans.add(match.span("secret"))
        number, column = self._position(start)
        if (number, value) in self._found and severity != "error":
            return
        message = detector.name
        if detector.validator == "aws-pair" and severity != "error":
            message = AWS_UNPAIRED_NAME
        elif "provider" in detector.pattern.groupindex:
            provider = match.group("provider").lower()
            message = f"{PROVIDER_NAMES.get(provider, provider.capitalize())} API key"
        self._found[(number, value)] = Hit(
            detector=detector.id,
            line=number,
            column=column,
            evidence=self._evidence(detector, match, value),
            severity=severity,
            message=message,
            key=secret_key(value),
        )

    def _judge(self, detector: Detector, match: re.Match[str], value: str, line: str) -> str | None:
        """The hit's severity, or None when a filter explains the value away."""
        if filters.is_template(value):
            return None
        if detector.kind == "token":
            return self._judge_token(detector, match, value)
        if detector.kind == "url":
            return self._judge_url(match, value)
        return self._judge_generic(detector, match, value, line)

    def _judge_token(self, detector: Detector, match: re.Match[str], value: str) -> str | None:
        if filters.shannon_entropy(value) < detector.min_entropy:
            return None
        if detector.validator == "jwt-service-role":
            return SEVERITY["token"] if filters.is_privileged_jwt(value) else None
        # Key bodies are base64 of structured data: runs like `AAAAA` are normal there.
        if detector.validator != "key-body" and filters.is_placeholder(value):
            return None
        if detector.validator == "aws-pair":
            return self._judge_aws_pair(match)
        return SEVERITY["token"]

    def _judge_aws_pair(self, match: re.Match[str]) -> str:
        """An AWS secret is an error only when its access key id (if any is near) is AWS's."""
        near = self.text[max(0, match.start() - PAIR_REACH) : match.end() + PAIR_REACH]
        ids = [m.group("id") for m in AWS_KEY_ID_ASSIGNMENT.finditer(near)]
        if ids and not any(AWS_KEY_ID_SHAPE.match(i) for i in ids):
            return SEVERITY["generic"]  # MinIO, LocalStack, R2...: an S3-compatible login
        return SEVERITY["token"]

    def _judge_url(self, match: re.Match[str], value: str) -> str | None:
        if filters.is_placeholder(value):
            return None
        if filters.is_placeholder(value, strict=True) and not filters.looks_random(value, 3.0):
            return None
        if value.startswith(("$", "%", "{")):
            return None
        if filters.is_dev_default(value, match.group("user"), match.group("host")):
            return "info"
        return "info" if self.example else SEVERITY["url"]

    def _judge_generic(
        self, detector: Detector, match: re.Match[str], value: str, line: str
    ) -> str | None:
        gap = match.group("gap")
        key = self._key_before(match.start("gap"))
        if filters.is_env_lookup(gap) or filters.is_identifier_or_path(
            value, camel_case=detector.validator != "argument"
        ):
            return None
        if filters.is_placeholder(value, strict=True) or filters.is_lorem(value, line):
            return None
        if filters.in_hash_context(value, line[: max(0, line.find(value))]):
            return None
        if filters.is_unkeyed_uuid(value, key):
            return None
        if not filters.looks_random(value, detector.min_entropy):
            return None
        if self.compose and filters.is_dev_default(value):
            return "info"
        return SEVERITY["generic"]

    def _key_before(self, end: int) -> str:
        """The identifier (the assignment's key) that ends at offset `end`."""
        start = end
        while start > 0 and (self.text[start - 1].isalnum() or self.text[start - 1] in "_.-"):
            start -= 1
        return self.text[start:end]

    def _evidence(self, detector: Detector, match: re.Match[str], value: str) -> str:
        if detector.validator == "key-body":
            header = PEM_HEADER.search(match.group(0))
            return f"{header.group(0) if header else 'PRIVATE KEY'} {redact(value, keep=0)}"
        if detector.kind == "url":
            return f"{match.group('scheme')}://{match.group('user')}:{redact(value)}@…"
        return redact(value)

    def _position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`, counting on from the previous position."""
        last, line, line_start = self._cursor if offset >= self._cursor[0] else (0, 1, 0)
        newlines = self.text.count("\n", last, offset)
        if newlines:
            line += newlines
            line_start = self.text.rfind("\n", last, offset) + 1
        self._cursor = (offset, line, line_start)
        return line, offset - line_start + 1

    def hits(self) -> list[Hit]:
        return sorted(self._found.values(), key=lambda h: (h.line, h.column, h.detector))
