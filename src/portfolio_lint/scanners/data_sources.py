"""Find where code reads data, and where it says the data comes from (issue 11, item 5).

A read is a call that loads a dataset from a file or folder (`pd.read_csv`, `Image.open`,
`ImageFolder`); a source is evidence of where the data is obtained: a dataset URL, a Kaggle or
Hugging Face dataset id, a download command, a built-in dataset loader (`load_iris`,
`datasets.MNIST(download=True)`, `fetch_openml`). Patterns only: the text is never executed.
"""

from __future__ import annotations

import re

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

READS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        (
            "pandas/polars read",
            r"\b(?:pd|pandas|pl|polars|dd|cudf)\.(?:read_(?:csv|parquet|excel|json|feather|table"
            r"|pickle|hdf|orc|sas|spss|stata|fwf|xml)|scan_(?:csv|parquet))\s*\("
            # not a file the user uploads or an in-memory buffer (a Streamlit or API upload)
            r"(?!\s*(?:io\.|StringIO|BytesIO|\w*upload|request|file\b|f\b|buffer|content|contents"
            r"|file_obj|stream|st\.|[a-z_]+\.file\b))",
        ),
        ("numpy load", r"\bnp\.(?:load|loadtxt|genfromtxt|fromfile)\s*\("),
        ("image read", r"\b(?:Image\.open|cv2\.imread|imageio\.v?\d?\.?imread|io\.imread)\s*\("),
        (
            "image folder",
            r"\b(?:ImageFolder|DatasetFolder|image_dataset_from_directory|flow_from_directory"
            r"|flow_from_dataframe|text_dataset_from_directory)\s*\(",
        ),
        ("spark read", r"\bspark\.read\b"),
        ("csv module", r"\bcsv\.(?:reader|DictReader)\s*\("),
        ("data file open", rf"\bopen\s*\(\s*[rfb]?[\"'][^\"'\n]*\.(?:{_READ_EXT})[\"']"),
    )
)

SOURCES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern, re.IGNORECASE))
    for label, pattern in (
        (
            "Kaggle download",
            r"\bkaggle\s+(?:datasets|competitions|kernels)\s+download\b"
            r"|\bkaggle\.api\b|\bapi\.(?:dataset|competition)_download_(?:files|file)\b"
            r"|\bkagglehub\.(?:dataset|competition)_download\b|\bopendatasets\b|\bod\.download\(",
        ),
        (
            "Kaggle dataset page",
            r"kaggle\.com/(?:datasets|competitions|c)/[\w.-]+",
        ),
        (
            "Hugging Face dataset",
            rf"\bload_dataset\s*\(\s*[\"'](?!(?:{_LOCAL_LOADERS})[\"'])[\w.-]+(?:/[\w.-]+)?[\"']"
            r"|huggingface\.co/datasets/[\w.-]+|\bhf_hub_download\s*\([^)]*repo_type\s*=\s*[\"']dataset"
            r"|\bsnapshot_download\s*\([^)]*repo_type\s*=\s*[\"']dataset",
        ),
        (
            "built-in dataset",
            r"\b(?:datasets|torchvision\.datasets|tv\.datasets)\.[A-Z][\w]*\s*\([^)]*download\s*=\s*True"
            r"|\bdownload\s*=\s*True"
            r"|\bfetch_(?:openml|california_housing|20newsgroups\w*|covtype|kddcup99|lfw_\w+"
            r"|olivetti_faces|rcv1|species_distributions)\s*\("
            r"|\bload_(?:iris|digits|wine|breast_cancer|diabetes|boston|linnerud)\s*\("
            r"|\b(?:keras\.datasets|tf\.keras\.datasets)\.\w+"
            r"|\b(?:mnist|cifar10|cifar100|fashion_mnist|imdb|reuters|boston_housing)\.load_data\s*\("
            r"|\btfds\.(?:load|builder)\s*\(|\b(?:sns|seaborn)\.load_dataset\s*\(",
        ),
        ("market data API", r"\b(?:yf|yfinance)\.(?:download|Ticker)\s*\("),
        (
            "download command",
            # wget/curl of a data file, a dataset host, or into a data folder (not a health check)
            rf"(?:^|[\s;&|!%])(?:wget|curl)\s[^\n]*(?:https?://[^\s\"']+\.(?:{_DATA_EXT})\b"
            r"|drive\.google|kaggle|huggingface\.co/datasets|zenodo|figshare|archive\.ics"
            r"|\s(?:-o|-O|-P|--output|--output-document|--directory-prefix)[\s=]\S*data)"
            r"|\bgdown\s+(?:--id\s|-O\s|https?://|[\w-]{20,})|\bgdown\.download\s*\("
            r"|\burlretrieve\s*\(|\burlopen\s*\(\s*[\"']https?://(?!localhost|127\.|0\.0)"
            r"|\bdvc\s+(?:pull|get|import(?:-url)?)\b",
        ),
        ("data URL", rf"https?://[^\s\"'<>)\]]+\.(?:{_DATA_EXT})(?:\?[^\s\"'<>)\]]*)?(?![\w/])"),
        (
            "dataset host",
            r"https?://(?:www\.)?(?:archive\.ics\.uci\.edu|data\.gov|[\w.]*zenodo\.org/record"
            r"|figshare\.com|data\.world|[\w.-]*openml\.org/d|catalog\.data\.gov"
            r"|physionet\.org|paperswithcode\.com/dataset|registry\.opendata\.aws"
            r"|storage\.googleapis\.com|[\w.-]+\.s3[\w.-]*\.amazonaws\.com|s3://"
            r"|raw\.githubusercontent\.com/[^\s]+\.(?:csv|tsv|parquet|zip))",
        ),
    )
)


def might_name_data(text: str) -> bool:
    """Cheap test: can `text` hold a read or a source at all?"""
    return any(trigger in text for trigger in TRIGGERS)


def scan_data(text: str, *, reads: bool = True) -> list[Hit]:
    """Reads (when `reads`) and sources in `text`, one hit per kind, at its first line."""
    if not might_name_data(text):
        return []
    hits: list[Hit] = []
    groups = ((READ_DETECTOR, READS if reads else ()), (SOURCE_DETECTOR, SOURCES))
    for detector, patterns in groups:
        for label, pattern in patterns:
            match = pattern.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                evidence = match.group(0).strip()[:80]
                hits.append(Hit(detector, line, 0, evidence, severity="info", message=label))
    return hits


def data_sources(text: str) -> list[Hit]:
    """Only the sources in `text` (a README or other document)."""
    return [hit for hit in scan_data(text, reads=False) if hit.detector == SOURCE_DETECTOR]
