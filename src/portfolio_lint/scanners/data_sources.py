"""Find where code reads data, and where it says the data comes from (issue 11, item 5).

A read is a call that loads a dataset from a file or folder (`pd.read_csv`, `Image.open`,
`ImageFolder`); a source is evidence of where the data is obtained: a dataset URL, a Kaggle or
Hugging Face dataset id, a download command, a built-in dataset loader (`load_iris`,
`datasets.MNIST(download=True)`, `fetch_openml`). Patterns only: the text is never executed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from portfolio_lint.core.file_facts import Hit

READ_DETECTOR = "data-read"
SOURCE_DETECTOR = "data-source"

# Every pattern needs one of these substrings: most files are rejected by `in` tests.
TRIGGERS = (
    "read_",
    "load",
    "open(",
    "imread",
    "Folder",
    "from_directory",
    "fetch_",
    "kaggle",
    "huggingface",
    "http",
    "wget",
    "curl",
    "gdown",
    "download",
    "yf.",
    "yfinance",
    "spark.read",
    "urlretrieve",
    "urlopen",
    "dvc",
    "s3://",
    "tfds.",
)

_DATA_EXT = r"csv|tsv|parquet|feather|xlsx?|jsonl|zip|gz|tgz|tar|bz2|7z|h5|npz|arff|data"
_READ_EXT = r"csv|tsv|parquet|xlsx?|jsonl|arff|data"
_LOCAL_LOADERS = r"csv|json|parquet|text|imagefolder|audiofolder|arrow|pandas|webdataset"

# The branches of the "built-in dataset" pattern, each with literals (lower case) one of which
# starts every match of it: on most files none occurs, and a branch is searched from the first.
_DATA_MODULES = (
    "mnist",
    "cifar10",
    "cifar100",
    "fashion_mnist",
    "imdb",
    "reuters",
    "boston_housing",
)
BUILT_IN_DATASETS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("datasets.", "torchvision.datasets.", "tv.datasets."),
        r"\b(?:datasets|torchvision\.datasets|tv\.datasets)\.[A-Z][\w]*\s*\([^)]{0,400}?download\s*=\s*True",
    ),
    (("download",), r"\bdownload\s*=\s*True"),
    (
        ("fetch_",),
        r"\bfetch_(?:openml|california_housing|20newsgroups\w*|covtype|kddcup99|lfw_\w+"
        r"|olivetti_faces|rcv1|species_distributions)\s*\(",
    ),
    (("load_",), r"\bload_(?:iris|digits|wine|breast_cancer|diabetes|boston|linnerud)\s*\("),
    (
        ("keras.datasets.", "tf.keras.datasets."),
        r"\b(?:keras\.datasets|tf\.keras\.datasets)\.\w+",
    ),
    (
        tuple(f"{name}.load_data" for name in _DATA_MODULES),
        r"\b(?:mnist|cifar10|cifar100|fashion_mnist|imdb|reuters|boston_housing)\.load_data\s*\(",
    ),
    (("tfds.",), r"\btfds\.(?:load|builder)\s*\("),
    (("sns.load_dataset", "seaborn.load_dataset"), r"\b(?:sns|seaborn)\.load_dataset\s*\("),
)

# (label, literals the pattern cannot match without, pattern); a source's literals are in lower
# case (its pattern ignores case).
READS: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (label, needs, re.compile(pattern))
    for label, needs, pattern in (
        (
            "pandas/polars read",
            ("read_", "scan_"),
            r"\b(?:pd|pandas|pl|polars|dd|cudf)\.(?:read_(?:csv|parquet|excel|json|feather|table"
            r"|pickle|hdf|orc|sas|spss|stata|fwf|xml)|scan_(?:csv|parquet))\s*\("
            # not a file the user uploads or an in-memory buffer (a Streamlit or API upload)
            r"(?!\s*(?:io\.|StringIO|BytesIO|\w*upload|request|file\b|f\b|buffer|content|contents"
            r"|file_obj|stream|st\.|[a-z_]+\.file\b))",
        ),
        (
            "numpy load",
            ("np.load", "np.genfromtxt", "np.fromfile"),
            r"\bnp\.(?:load|loadtxt|genfromtxt|fromfile)\s*\(",
        ),
        (
            "image read",
            ("Image.open", "imread"),
            r"\b(?:Image\.open|cv2\.imread|imageio\.v?\d?\.?imread|io\.imread)\s*\(",
        ),
        (
            "image folder",
            ("Folder", "from_directory", "from_dataframe"),
            r"\b(?:ImageFolder|DatasetFolder|image_dataset_from_directory|flow_from_directory"
            r"|flow_from_dataframe|text_dataset_from_directory)\s*\(",
        ),
        ("spark read", ("spark.read",), r"\bspark\.read\b"),
        ("csv module", ("csv.",), r"\bcsv\.(?:reader|DictReader)\s*\("),
        ("data file open", ("open",), rf"\bopen\s*\(\s*[rfb]?[\"'][^\"'\n]*\.(?:{_READ_EXT})[\"']"),
    )
)

SOURCES: tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (label, needs, re.compile(pattern, re.IGNORECASE))
    for label, needs, pattern in (
        (
            "Kaggle download",
            ("kaggle", "opendatasets", "od.download", "_download_file"),
            r"\bkaggle\s+(?:datasets|competitions|kernels)\s+download\b"
            r"|\bkaggle\.api\b|\bapi\.(?:dataset|competition)_download_(?:files|file)\b"
            r"|\bkagglehub\.(?:dataset|competition)_download\b|\bopendatasets\b|\bod\.download\(",
        ),
        (
            "Kaggle dataset page",
            ("kaggle.com/",),
            r"kaggle\.com/(?:datasets|competitions|c)/[\w.-]+",
        ),
        (
            "Hugging Face dataset",
            ("load_dataset", "huggingface.co/datasets", "hf_hub_download", "snapshot_download"),
            rf"\bload_dataset\s*\(\s*[\"'](?!(?:{_LOCAL_LOADERS})[\"'])[\w.-]+(?:/[\w.-]+)?[\"']"
            r"|huggingface\.co/datasets/[\w.-]+"
            r"|\bhf_hub_download\s*\([^)]{0,400}?repo_type\s*=\s*[\"']dataset"
            r"|\bsnapshot_download\s*\([^)]{0,400}?repo_type\s*=\s*[\"']dataset",
        ),
        (
            "built-in dataset",
            ("download", "fetch_", "load_", "keras", "tfds."),
            "|".join(pattern for _, pattern in BUILT_IN_DATASETS),
        ),
        ("market data API", ("yf.", "yfinance."), r"\b(?:yf|yfinance)\.(?:download|Ticker)\s*\("),
        (
            "dataset host",
            ("http",),
            r"https?://(?:www\.)?(?:archive\.ics\.uci\.edu|data\.gov|[\w.]*zenodo\.org/record"
            r"|figshare\.com|data\.world|[\w.-]*openml\.org/d|catalog\.data\.gov"
            r"|physionet\.org|paperswithcode\.com/dataset|registry\.opendata\.aws"
            r"|storage\.googleapis\.com|[\w.-]+\.s3[\w.-]*\.amazonaws\.com|s3://"
            r"|raw\.githubusercontent\.com/[^\s]{1,300}?\.(?:csv|tsv|parquet|zip))",
        ),
    )
)


# "download command" and "data URL" are found without a regex that rescans the rest of a line
# from every `curl` or `http` it meets (quadratic: 40 KB of `curl curl ...` took 10 s).
DOWNLOAD_START = re.compile(r"(?:^|[\s;&|!%])(?:wget|curl)\s", re.IGNORECASE)
DOWNLOAD_TARGET = re.compile(
    r"drive\.google|kaggle|huggingface\.co/datasets|zenodo|figshare|archive\.ics"
    r"|\s(?:-o|-O|-P|--output|--output-document|--directory-prefix)[\s=]\S*data",
    re.IGNORECASE,
)
OTHER_DOWNLOADS = re.compile(
    r"\bgdown\s+(?:--id\s|-O\s|https?://|[\w-]{20,})|\bgdown\.download\s*\("
    r"|\burlretrieve\s*\(|\burlopen\s*\(\s*[\"']https?://(?!localhost|127\.|0\.0)"
    r"|\bdvc\s+(?:pull|get|import(?:-url)?)\b",
    re.IGNORECASE,
)
URL_TOKEN = re.compile(r"https?://[^\s\"'<>)\]]+", re.IGNORECASE)
DATA_FILE_END = re.compile(rf"\.(?:{_DATA_EXT})(?=$|[^\w/])", re.IGNORECASE)
# A URL token wider than this is not a link a person wrote; its data-file test is skipped.
MAX_URL_CHARS = 2048

Found = tuple[int, str]  # where a finding starts in the text, and its evidence
# Characters re.IGNORECASE matches to an ASCII letter that do not lower to it (İ and ı: i,
# ſ: s); the Kelvin sign lowers to k.
ODD_FOLDS = ("\u0130", "\u0131", "\u017f")


def _data_url_in(token: str) -> int | None:
    """End of the data-file URL that `token` (one URL) is, or None: `.csv` (a query may follow)
    not followed by a word character or a slash."""
    if len(token) > MAX_URL_CHARS:
        return None
    ends = [match.end() for match in DATA_FILE_END.finditer(token)]
    if not ends:
        return None
    return len(token) if token[ends[-1] : ends[-1] + 1] == "?" else ends[-1]


def _find_data_url(text: str) -> Found | None:
    for token in URL_TOKEN.finditer(text):
        end = _data_url_in(token.group(0))
        if end is not None:
            return token.start(), token.group(0)[:end]
    return None


def _find_download(text: str) -> Found | None:
    """wget/curl of a data file, a dataset host, or into a data folder; gdown, urlretrieve,
    dvc pull: the first in the text. Each line is read once, from its first wget or curl."""
    found: Found | None = None
    position = 0
    while (start := DOWNLOAD_START.search(text, position)) is not None:
        line_end = text.find("\n", start.end())
        line_end = len(text) if line_end < 0 else line_end
        rest = text[start.end() : line_end]
        ends = [m.end() for m in DOWNLOAD_TARGET.finditer(rest)]
        ends += [t.start() + e for t in URL_TOKEN.finditer(rest) if (e := _data_url_in(t.group(0)))]
        if ends:
            found = start.start(), text[start.start() : start.end() + max(ends)]
            break
        position = line_end
    other = OTHER_DOWNLOADS.search(text)
    if other is not None and (found is None or other.start() < found[0]):
        return other.start(), other.group(0)
    return found


def might_name_data(text: str) -> bool:
    """Cheap test: can `text` hold a read or a source at all?"""
    return any(trigger in text for trigger in TRIGGERS)


def scan_data(text: str, *, reads: bool = True) -> list[Hit]:
    """Reads (when `reads`) and sources in `text`, one hit per kind, at its first line."""
    if not might_name_data(text):
        return []
    lowered = text.lower()
    exact = lowered if literal_tests_exact(text, lowered) else None
    hits: list[Hit] = []
    groups = (
        (READ_DETECTOR, READ_FINDERS if reads else (), text),
        (SOURCE_DETECTOR, SOURCE_FINDERS, lowered),
    )
    for detector, finders, haystack in groups:
        for label, needs, find in finders:
            # A finder runs only where one of its own literals occurs (a regex pass costs
            # ~0.2 ms on a module; 15 of them were the largest cost of the per-file pass).
            if not any(word in haystack for word in needs):
                continue
            found = find(text, exact)
            if found is not None:
                start, evidence = found
                line = text.count("\n", 0, start) + 1
                hits.append(
                    Hit(detector, line, 0, evidence.strip()[:80], severity="info", message=label)
                )
    return hits


def literal_tests_exact(text: str, lowered: str) -> bool:
    """Whether "an ignore-case pattern meets lower-case ASCII literal L at i" is exactly
    `lowered[i:].startswith(L)`: no character changed length when lowered, and none of the
    three that re.IGNORECASE matches to an ASCII letter without lowering to it occurs."""
    return len(lowered) == len(text) and not any(odd in text for odd in ODD_FOLDS)


def _search(pattern: re.Pattern[str], text: str, lowered: str | None) -> Found | None:
    match = pattern.search(text)
    return None if match is None else (match.start(), match.group(0))


def _search_branches(
    pattern: re.Pattern[str],
    branches: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...],
    text: str,
    lowered: str | None,
) -> Found | None:
    """`pattern.search(text)` for a pattern that is the alternation of `branches`: the
    leftmost match, the earliest branch at that position. Each branch is tried only where its
    literals occur (`lowered`), from the first of them (they start every match of it);
    without `lowered` the whole pattern runs."""
    if lowered is None:
        return _search(pattern, text, None)
    best: re.Match[str] | None = None
    for needs, branch in branches:
        starts = [at for word in needs if (at := lowered.find(word)) >= 0]
        if not starts:
            continue
        match = branch.search(text, min(starts))
        if match is not None and (best is None or match.start() < best.start()):
            best = match
    return None if best is None else (best.start(), best.group(0))


# (label, literals, finder), in the order hits are listed. A finder takes the text and, where
# `literal_tests_exact`, its lower-case copy (else None).
Finder = tuple[str, tuple[str, ...], Callable[[str, "str | None"], "Found | None"]]
READ_FINDERS: tuple[Finder, ...] = tuple(
    (label, needs, partial(_search, pattern)) for label, needs, pattern in READS
)
_BRANCHES = tuple(
    (needs, re.compile(pattern, re.IGNORECASE)) for needs, pattern in BUILT_IN_DATASETS
)


def _source_finder(
    label: str, pattern: re.Pattern[str]
) -> Callable[[str, str | None], Found | None]:
    if label == "built-in dataset":
        return partial(_search_branches, pattern, _BRANCHES)
    return partial(_search, pattern)


def _text_only(find: Callable[[str], Found | None]) -> Callable[[str, str | None], Found | None]:
    return lambda text, _lowered: find(text)


# The two procedural sources take their place before the dataset hosts.
_HOSTS = next(i for i, (label, _, _) in enumerate(SOURCES) if label == "dataset host")
SOURCE_FINDERS: tuple[Finder, ...] = (
    *((label, needs, _source_finder(label, pattern)) for label, needs, pattern in SOURCES[:_HOSTS]),
    (
        "download command",
        ("wget", "curl", "gdown", "urlretrieve", "urlopen", "dvc"),
        _text_only(_find_download),
    ),
    ("data URL", ("http",), _text_only(_find_data_url)),
    *((label, needs, _source_finder(label, pattern)) for label, needs, pattern in SOURCES[_HOSTS:]),
)


def data_sources(text: str) -> list[Hit]:
    """Only the sources in `text` (a README or other document)."""
    return [hit for hit in scan_data(text, reads=False) if hit.detector == SOURCE_DETECTOR]
