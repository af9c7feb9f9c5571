"""The data-source scan: the built-in-dataset branches searched one by one find what the whole
pattern finds, and the lower-case literal tests are used only where they are exact."""

from __future__ import annotations

import random
import re

import pytest

from portfolio_lint.scanners.data_sources import (
    BUILT_IN_DATASETS,
    SOURCES,
    literal_tests_exact,
    might_name_data,
    scan_data,
)

NEEDS, WHOLE = next(
    (needs, pattern) for label, needs, pattern in SOURCES if label == "built-in dataset"
)


def whole_search(text: str) -> re.Match[str] | None:
    """What the scan found before the branches: the whole pattern, behind the same gates."""
    if not might_name_data(text) or not any(word in text.lower() for word in NEEDS):
        return None
    return WHOLE.search(text)


SAMPLES = [
    "from sklearn.datasets import load_iris\nX, y = load_iris(return_X_y=True)\n",
    "ds = torchvision.datasets.CIFAR10(root='data', train=True, download=True)\n",
    "# download = True later\nX = fetch_openml('mnist_784')\n(x, y), _ = mnist.load_data()\n",
    "df = sns.load_dataset('tips')\nds = tfds.load('mnist')\n",
    "(a, b), _ = keras.datasets.mnist.load_data()\nload_wine()\n",
    "def load_vision(name):\n    return pd.read_csv(name)\n",  # load_ without a dataset
    "X = LOAD_IRIS()\nDS = DATASETS.MNIST(ROOT, DOWNLOAD=TRUE)\n",  # no trigger in this case
    "X = LOAD_IRIS()\nds = load('x')\n",  # the pattern ignores case
    "a = tf.keras.datasets.mnist\nb = keras.datasets.imdb\n",
    "(a, b), _ = fashion_mnist.load_data()\n(c, d), _ = mnist.load_data()\n",
    "x = tv.datasets.MNIST('d', download=True)\ny = datasets.MNIST('d', download=True)\n",
    "x = 1\n" * 50 + "ds = Datasets.Imdb(download = True)\nload_digits()\n",
    "k\u212aras.datasets.imdb\nload_iris()\n",  # Kelvin sign: lowers to k
    "tfd\u017f.load('x')\nfetch_covtype()\n",  # long s: matches s, does not lower to it
    "load_\u0131ris()\nload_wine()\n",  # dotless i
    "\u0130 load_iris()\n",  # dotted capital I: lowers to two characters
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_branches_find_what_the_whole_pattern_finds(text: str) -> None:
    expected = whole_search(text)
    hits = [h for h in scan_data(text, reads=False) if h.message == "built-in dataset"]
    if expected is None:
        assert hits == []
    else:
        line = text.count("\n", 0, expected.start()) + 1
        assert [(h.line, h.evidence) for h in hits] == [(line, expected.group(0).strip()[:80])]


def test_the_whole_pattern_is_the_alternation_of_the_branches() -> None:
    assert WHOLE.pattern == "|".join(pattern for _, pattern in BUILT_IN_DATASETS)
    assert WHOLE.flags & re.IGNORECASE


@pytest.mark.parametrize(
    ("text", "exact"),
    [
        ("load_iris()", True),
        ("LOAD_IRIS() # caf\u00e9 \U0001f600", True),
        ("k\u212aras", True),
        ("tfd\u017f.load", False),
        ("load_\u0131ris", False),
        ("\u0130load_iris", False),
    ],
)
def test_literal_tests_are_exact_only_without_odd_case_folds(text: str, exact: bool) -> None:
    assert literal_tests_exact(text, text.lower()) is exact


def test_the_branches_agree_with_the_whole_pattern_on_shuffled_lines() -> None:
    lines = [line for sample in SAMPLES for line in sample.splitlines()]
    lines += ["seaborn.load_dataset('iris')", "TFDS.builder('x')", "  download=True)", "x = 1"]
    rng = random.Random(11)
    for _ in range(2000):
        text = "\n".join(rng.choices(lines, k=rng.randint(1, 6))) + "\n"
        expected = whole_search(text)
        hits = [h for h in scan_data(text, reads=False) if h.message == "built-in dataset"]
        found = [(h.line, h.evidence) for h in hits]
        if expected is None:
            assert found == [], text
        else:
            line = text.count("\n", 0, expected.start()) + 1
            assert found == [(line, expected.group(0).strip()[:80])], text
