"""radon's raw line counts (SLOC, comment and docstring lines, LLOC) for source that parsed.

radon groups tokens into logical lines: a logical line made of one multi-line string counts its
lines as "multi", a lone comment or one-line string counts nothing, anything else counts its
non-blank lines as SLOC; every comment token counts once. Its logical lines of code (LLOC,
which the maintainability index uses) count each `;`-separated part of a logical line that holds
a token: 1, or 2 when it holds a `:` token that is not its last (`if x: return`, but also a
dict, slice, lambda or annotation); before a `;`, radon's test looks one token earlier, so
a part ending in `: token` counts 1 there. `tokenize` gives that grouping but costs three
parses' worth of time per file, so `raw_counts` finds the same groups with one regex over
strings, comments, brackets, colons, semicolons and line ends. The fast path assumes what
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
from typing import NamedTuple

# str.splitlines breaks on these but tokenize does not: such files take radon's own path.
EXOTIC_LINE_BREAKS = ("\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")
RADON_RAW_MAX_CHARS = 200_000
NESTING_FSTRINGS = sys.version_info >= (3, 12)
FSTRING_PREFIX = re.compile(r"(?<![\w])(?:[fF][rR]?|[rR][fF])['\"]")
SKIPPED_TOKENS = frozenset(
    {tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING, tokenize.ENDMARKER}
)
LONE_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL})
LINE_TOKENS = frozenset({tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE})
# Valid source only: a backslash escapes the next character even in raw strings. Bodies are
# unrolled loops (`[^q\\]*(?:\\.[^q\\]*)*`) so the engine never retries per character; a
# prefix (r, b, f, ...) is left in the gap before the quote and recognised there. Brackets,
# `:` (or the walrus `:=`, a token like any other) and `;` share one group: each alternative
# costs time at every character of the file.
LEXEME = re.compile(
    r"""(?P<string>'''[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*'''
                  |\"\"\"[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*\"\"\"
                  |'[^'\\\n]*(?:\\.[^'\\\n]*)*'
                  |"[^"\\\n]*(?:\\.[^"\\\n]*)*")
       |(?P<comment>\#[^\n]*)
       |(?P<newline>\n)
       |(?P<continuation>\\\n)
       |(?P<punct>[()\[\]{};]|:=?)""",
    re.VERBOSE | re.DOTALL,
)
# The other tokens (numbers, operators, names) in the gaps, in tokenize's order of preference.
GAP_TOKEN = re.compile(f"{tokenize.Number}|{tokenize.Special}|{tokenize.Name}")
# A string prefix at the end of a gap; `\w+$` would retry every suffix of a long name.
TRAILING_PREFIX = re.compile(r"(?<!\w)\w{1,2}$")
STRING_PREFIXES = frozenset(
    "".join(case)
    for prefix in ("r", "u", "b", "f", "br", "rb", "fr", "rf")
    for case in itertools.product(*((c.lower(), c.upper()) for c in prefix))
)
EMPTY, LONE_STRING, CODE = 0, 1, 2
NO_COLON = -1
MANY = 2  # tokens after a colon are told apart only up to "two or more"


class RawCounts(NamedTuple):
    """radon.raw's sloc, comments + multi (the index's comment lines) and lloc."""

    sloc: int
    comment_lines: int
    lloc: int


def raw_counts(text: str) -> RawCounts | None:
    """radon.raw's counts of `text`; None when the text cannot be tokenised."""
    text = text.replace("\r\n", "\n")
    if any(separator in text for separator in EXOTIC_LINE_BREAKS):
        return _radon_raw_counts(text) if len(text) < RADON_RAW_MAX_CHARS else None
    if NESTING_FSTRINGS and FSTRING_PREFIX.search(text):
        return tokenize_counts(text)
    return _scan_counts(text)


def part_lloc(has_tokens: int, after_colon: int, before_semicolon: bool) -> int:
    """radon's logical lines in one `;`-separated part of a logical line.

    `after_colon` counts the tokens after the part's last colon (NO_COLON: it has none).
    radon asks whether that colon is the last token, but before a `;` it looks one token
    too early (its test assumes the ENDMARKER that only ends the whole line).
    """
    if not has_tokens:
        return 0
    if after_colon == NO_COLON:
        return 1
    return 1 if after_colon == int(before_semicolon) else 2


def gap_tokens(gap: str, before_string: bool) -> int:
    """How many tokens (0, 1 or MANY) the code between two lexemes holds."""
    if (
        before_string
        and (prefix := TRAILING_PREFIX.search(gap))
        and (prefix.group() in STRING_PREFIXES)
    ):
        gap = gap[: prefix.start()]  # the prefix belongs to the string's token
    count = 0
    for _ in GAP_TOKEN.finditer(gap):
        count += 1
        if count == MANY:
            break
    return count


def _scan_counts(text: str) -> RawCounts:
    filled = [0, *itertools.accumulate(1 if line.strip() else 0 for line in text.split("\n"))]
    sloc = comments = multi = depth = row = lloc = 0
    kind, start, string_rows = EMPTY, 0, 0
    # The current `;`-separated part of the logical line: any token yet, tokens after a colon.
    has_tokens, after = 0, NO_COLON
    no_colon, many, code = NO_COLON, MANY, CODE  # locals: this loop runs per lexeme

    def open_code() -> None:
        nonlocal kind, start
        if kind == EMPTY:
            start = row
        kind = CODE

    position = 0
    for match in LEXEME.finditer(text):
        group = match.lastgroup
        if (kind != code or not has_tokens or no_colon < after < many) and (
            match.start() > position
        ):
            gap = text[position : match.start()]
            if not gap.isspace():
                if kind != code and not (group == "string" and gap.lstrip() in STRING_PREFIXES):
                    open_code()  # a name, number or operator between the lexemes
                if after == no_colon:
                    has_tokens = 1  # a bare string prefix, too, but its string follows
                else:
                    found = gap_tokens(gap, group == "string")
                    has_tokens = has_tokens or found
                    after = min(many, after + found)
        position = match.end()
        if group == "newline":
            if depth == 0:
                if has_tokens:  # part_lloc(has_tokens, after, False), inlined
                    lloc += 1 if after <= 0 else 2
                    has_tokens, after = 0, no_colon
                if kind != EMPTY:
                    rows = filled[row + 1] - filled[start]
                    if kind == code:
                        sloc += rows
                    elif string_rows:
                        multi += rows
                    kind = EMPTY
            row += 1
        elif group == "punct":
            open_code()
            symbol = match.group()
            if symbol == ":":
                has_tokens, after = 1, 0
            elif symbol == ";":
                lloc += part_lloc(has_tokens, after, before_semicolon=True)
                has_tokens, after = 0, no_colon
            else:
                has_tokens = 1
                if no_colon < after < many:
                    after += 1
                if symbol in "([{":
                    depth += 1
                elif symbol in ")]}":
                    depth = max(0, depth - 1)
        elif group == "string":
            has_tokens = 1
            if no_colon < after < many:
                after += 1
            if kind == EMPTY:
                kind, start = LONE_STRING, row
                string_rows = match.group().count("\n")
                row += string_rows
            else:
                open_code()
                row += match.group().count("\n")
        elif group == "comment":
            comments += 1
            if kind != EMPTY:
                open_code()  # a comment after a lone string makes the line code
        else:  # a continuation
            row += 1
    rest = text[position:]
    if rest.strip():
        if kind != code:
            open_code()
        has_tokens = 1
        if after != no_colon:
            after = min(many, after + gap_tokens(rest, before_string=False))
    lloc += part_lloc(has_tokens, after, before_semicolon=False)
    if kind == code:
        sloc += filled[row + 1] - filled[start]
    elif kind == LONE_STRING and string_rows:
        multi += filled[row + 1] - filled[start]
    return RawCounts(sloc, comments + multi, lloc)


def tokenize_counts(text: str) -> RawCounts | None:
    """The same counts from `tokenize` (the reference the fast scanner is tested against)."""
    lines = text.splitlines()
    try:
        return _count_tokens(lines, tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None


def _count_tokens(lines: list[str], tokens: Iterator[tokenize.TokenInfo]) -> RawCounts:
    sloc = comments = multi = lloc = 0
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
        lloc += _statement_lloc(group)
        first, rest = group[0], group[1:]
        rows = lines[first.start[0] - 1 : group[-1].end[0]]
        lone = all(t.type in (tokenize.NL, tokenize.NEWLINE) for t in rest)
        if lone and first.type == tokenize.STRING and first.start[0] != first.end[0]:
            multi += sum(1 for row in rows if row.strip())
        elif not (lone and first.type in (tokenize.COMMENT, tokenize.STRING)):
            sloc += sum(1 for row in rows if row.strip())
        group = []
    return RawCounts(sloc, comments + multi, lloc)


def _statement_lloc(group: list[tokenize.TokenInfo]) -> int:
    """radon's logical lines in the tokens of one logical line."""
    parts: list[list[tokenize.TokenInfo]] = [[]]
    for token in group:
        if token.type == tokenize.OP and token.string == ";":
            parts.append([])
        elif token.type not in LINE_TOKENS:
            parts[-1].append(token)
    total = 0
    for index, part in enumerate(parts):
        colons = [i for i, t in enumerate(part) if t.type == tokenize.OP and t.string == ":"]
        after = len(part) - 1 - colons[-1] if colons else NO_COLON
        total += part_lloc(len(part), after, before_semicolon=index < len(parts) - 1)
    return total


def _radon_raw_counts(text: str) -> RawCounts | None:
    from radon.raw import analyze

    try:
        raw = analyze(text)
    except Exception:  # radon's tokenizer rejects some files ast accepts
        return None
    return RawCounts(raw.sloc, raw.comments + raw.multi, raw.lloc)
