"""Python sources for comparing our analysers with radon and tokenize: edge cases and stdlib."""

from __future__ import annotations

import ast
import sys
import sysconfig
import warnings
from pathlib import Path

EDGE_SOURCES = {
    "empty": "",
    "plain": "x = 1\ny = 2\n",
    "comments": "# header\nx = 1  # trailing\n\n# alone\n",
    "docstrings": (
        '"""Module.\n\nMore text.\n"""\n\n\ndef f():\n    """One line."""\n    return 1\n'
    ),
    "prefixed docstrings": 'r"""Raw\n\\d+\n"""\nb"bytes"\nRb\'\'\'x\n\'\'\'\nu"u"\n',
    "multiline call": "result = call(\n    1,\n\n    # inside\n    2,\n)\n",
    "continuation": "total = 1 + \\\n    2\nif total: print(total)\n",
    "string statement": 'x = 1\n"""not a docstring\nbut a string\n"""\n',
    "string then comment": '"""doc\nmore"""  # note\n\'one\'  # c\n',
    "concatenated strings": '("a"\n "b")\n"c" "d"\n"e" \\\n"f"\n',
    "quotes inside strings": (
        "s = '#not a comment'\nt = \"it's\"\nu = '''a ' '' \\''' '''\n"
        'v = """He said "hi\\""""\nw = "\\\\"  # real comment\n'
    ),
    "keyword before string": 'if"x" in "xy":\n    pass\nassert"a"\n',
    "fstrings": 'name = 1\nf\'{name!r}\'\nf"""\n{name}\n"""\nx = rf\'{name}\\d\'\n',
    "crlf": "def f():\r\n    # note\r\n    return 1\r\n",
    "no final newline": "a = 1\n# end",
    "lone string at end": 'a = 1\n"""tail\nstring"""',
    "semicolons": "a = 1; b = 2\nclass C: pass\n",
    "blank lines with spaces": "a = 1\n   \n\t\nb = [\n  \n]\n",
    "long statement": "DATA = [\n" + "    1,  # item\n" * 50 + "]\n",
    "control flow": (
        "import os, json.decoder\nfrom a.b import c\nfrom . import d\n\n"
        "def f(a, b=1 if x else 2):\n"
        "    if a and b or not a:\n        pass\n"
        "    elif a:\n        return [i for i in a if i if b]\n"
        "    for i in a:\n        continue\n    else:\n        pass\n"
        "    while a:\n        break\n"
        "    try:\n        pass\n    except ValueError:\n        pass\n    except Exception:\n"
        "        pass\n    else:\n        pass\n    finally:\n        pass\n"
        "    assert a and b, 'message'\n    x = lambda y: y if y else -y\n"
        "    a += b * 2 - -a\n    return a < b <= 3 is not None\n"
    ),
    "match": (
        "def g(v):\n    match v:\n        case 1 | 2:\n            return 1\n"
        "        case [x, *rest] if x:\n            return x\n        case {'k': y}:\n"
        "            return y\n        case _:\n            return 0\n"
        "def h(v):\n    match v:\n        case other:\n            return other\n"
    ),
    "classes": (
        "@decorator(1 if a else 2)\nclass A(Base, metaclass=M + N):\n    '''Doc.'''\n"
        "    x = 1 if y else 2\n    def m(self):\n        if self:\n            return 1\n"
        "    def n(self):\n        return [a for a in b if a]\n"
        "    class Inner:\n        def deep(self):\n            if 1: pass\n"
        "    if flag:\n        def conditional(self):\n            pass\n"
        "class Empty:\n    pass\n"
        "class OneMethod:\n    def only(self):\n        return 1 and 2\n"
    ),
    "nested functions": (
        "def outer(a):\n    '''Doc.'''\n    def inner(b):\n        if b:\n            return 1\n"
        "        return 2\n    class Local:\n        def m(self):\n            if 1: pass\n"
        "    return inner(a) + a\n"
        "async def fetch(s):\n    async for x in s:\n        if x:\n            yield x\n"
        "    async with s as t:\n        pass\n    def last():\n        return 1\n"
    ),
    "operators and operands": (
        "a = b + c - d * e / f // g % h ** i @ j << k >> l | m ^ n & o\n"
        "p = not q\nr = -s\nt = ~u\nv = w.attr + w.attr + 1 + 1.0 + True\nx += y.z\n"
        "ok = 1 < 2 == 3 != 4 > 5 >= 6 in z not in z is None\n"
    ),
}
if sys.version_info >= (3, 11):
    EDGE_SOURCES["except star"] = (
        "def f():\n    try:\n        pass\n    except* ValueError:\n        pass\n"
        "    except* TypeError:\n        pass\n    else:\n        pass\n"
    )


def stdlib_sample(count: int) -> list[tuple[str, str]]:
    """`count` standard-library modules spread over the whole library (name, source)."""
    root = Path(sysconfig.get_paths()["stdlib"])
    files = sorted(path for path in root.rglob("*.py") if "site-packages" not in path.parts)
    step = max(1, len(files) // count)
    sample: list[tuple[str, str]] = []
    for path in files[::step]:
        try:
            text = path.read_text(encoding="utf-8")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                ast.parse(text)
        except (OSError, UnicodeDecodeError, SyntaxError, ValueError, RecursionError):
            continue
        sample.append((str(path.relative_to(root)), text))
    return sample[:count]
