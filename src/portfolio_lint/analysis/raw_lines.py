"""radon's raw line counts (SLOC, comment and docstring lines) for source that already parsed.

radon groups tokens into logical lines: a logical line made of one multi-line string counts its
lines as "multi", a lone comment or one-line string counts nothing, anything else counts its
non-blank lines as SLOC; every comment token counts once. `tokenize` gives that grouping but
costs three parses' worth of time per file, so `raw_counts` finds the same groups with one
regex over strings, comments, brackets and line ends. The fast path assumes what
`ast.parse` already proved: the source is valid, so strings and brackets are well formed.
Python 3.12 f-strings may nest quotes and comments, which a regex cannot follow; files that
may hold them, and files with line breaks `str.splitlines` and tokenize disagree on, take
tokenize.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
import tokenize
from collections.abc import Iterator

# str.splitlines breaks on these but tokenize does not: such files take radon's own path.
EXOTIC_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
RADON_RAW_MAX_CHARS = 200_000
NESTING_FSTRINGS = sys.version_info >= (3, 12)
FSTRING_PREFIX = re.compile(r"(?<![\w])(?:[fF][rR]?|[rR][fF])['\"]")
SKIPPED_TOKENS = frozenset(
    {tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
)
LONE_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL})
# Valid source only: a backslash escapes the next character even in raw strings. Bodies are
# unrolled loops (`[^q\\]*(?:\\.[^q\\]*)*`) so the engine never retries per character; a
# prefix (r, b, f, ...) is left in the gap before the quote and recognised there.
LEXEME = re.compile(
    r"""(?P<string>'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''
                  |\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\"
                  |'[^'\\\n]*(?:\\.[^'\\\n]*)*'
                  |"[^"\\\n]*(?:\\.[^"\\\n]*)*")
       |(?P<comment>\#[^\n]*)
       |(?P<newline>\n)
       |(?P<continuation>\\\n)
       |(?P<open>[(\[{])
       |(?P<close>[)\]}])""",
    re.VERBOSE | re.DOTALL,
)
STRING_PREFIXES = frozenset(
    "".join(case)
    for prefix in ("r", "u", "b", "f", "br", "rb", "fr", "rf")
    for case in itertools.product(*((c.lower(), c.upper()) for c in prefix))
)
EMPTY, LONE_STRING, CODE = 0, 1, 2


def raw_counts(text: str) -> tuple[int, int] | None:
    """radon.raw's (sloc, comments + multi); None when the text cannot be tokenised."""
    text = text.replace("\r\n", "\n")
    if any(separator in text for separator in EXOTIC_LINE_BREAKS):
        return _radon_raw_counts(text) if len(text) < RADON_RAW_MAX_CHARS else None
    if NESTING_FSTRINGS and FSTRING_PREFIX.search(text):
        return tokenize_counts(text)
    return _scan_counts(text)


def _scan_counts(text: str) -> tuple[int, int]:
    filled = [0, *itertools.accumulate(1 if line.strip() else 0 for line in text.split("\n"))]
    sloc = comments = multi = depth = row = 0
    kind, start, string_rows = EMPTY, 0, 0

    def open_code() -> None:
        nonlocal kind, start
        if kind == EMPTY:
            start = row
        kind = CODE

    position = 0
    for match in LEXEME.finditer(text):
        if kind != CODE and match.start() > position:
            gap = text[position:match.start()]
            if not gap.isspace() and not (
                match.lastgroup == "string" and gap.lstrip() in STRING_PREFIXES
            ):
                open_code()  # a name, number or operator between the lexemes
        position = match.end()
        group = match.lastgroup
        if group == "newline":
            if depth == 0 and kind != EMPTY:
                rows = filled[row + 1] - filled[start]
                if kind == CODE:
                    sloc += rows
                elif string_rows:
                    multi += rows
                kind = EMPTY
            row += 1
        elif group == "string":
            if kind == EMPTY:
                kind, start = LONE_STRING, row
                string_rows = match.group().count("\n")
            else:
                open_code()
                row += match.group().count("\n")
                continue
            row += string_rows
        elif group == "comment":
            comments += 1
            if kind != EMPTY:
                open_code()  # a comment after a lone string makes the line code
        elif group == "continuation":
            row += 1
        else:
            open_code()
            depth = depth + 1 if group == "open" else max(0, depth - 1)
    if kind != CODE and text[position:].strip():
        open_code()
    if kind == CODE:
        sloc += filled[row + 1] - filled[start]
    elif kind == LONE_STRING and string_rows:
        multi += filled[row + 1] - filled[start]
    return sloc, comments + multi


def tokenize_counts(text: str) -> tuple[int, int] | None:
    """The same counts from `tokenize` (the reference the fast scanner is tested against)."""
    lines = text.splitlines()
    try:
        return _count_tokens(lines, tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None


def _count_tokens(lines: list[str], tokens: Iterator[tokenize.TokenInfo]) -> tuple[int, int]:
    sloc = comments = multi = 0
    group: list[tokenize.TokenInfo] = []
    for token in tokens:
        if token.type in SKIPPED_TOKENS:
            continue
        group.append(token)
        ends_statement = token.type == tokenize.NEWLINE or (
            token.type == tokenize.NL and all(t.type in LONE_TOKENS for t in group)
        )
        if not ends_statement:
            continue
        comments += sum(1 for t in group if t.type == tokenize.COMMENT)
        first, rest = group[0], group[1:]
        rows = lines[first.start[0] - 1 : group[-1].end[0]]
        lone = all(t.type in (tokenize.NL, tokenize.NEWLINE) for t in rest)
        if lone and first.type == tokenize.STRING and first.start[0] != first.end[0]:
            multi += sum(1 for row in rows if row.strip())
        elif not (lone and first.type in (tokenize.COMMENT, tokenize.STRING)):
            sloc += sum(1 for row in rows if row.strip())
        group = []
    return sloc, comments + multi


def _radon_raw_counts(text: str) -> tuple[int, int] | None:
    from radon.raw import analyze

    try:
        raw = analyze(text)
    except Exception:  # radon's tokenizer rejects some files ast accepts
        return None
    return raw.sloc, raw.comments + raw.multi
