"""Distributions that a common distribution installs with it: `numpy` comes with `pandas`.

Neither pigar's index (facts/distributions.py) nor any maintained static source carries
distributions' requirements without installing them or asking PyPI, so this is a small table
written from the packages' own metadata (their `Requires-Dist`, required extras left out) for
the pairs ML portfolios hit most. It is only used to word a finding (the import works, by
luck of the resolver) and weigh it half: a missing entry makes a finding stricter, never wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

_NUMERIC = ("numpy", "scipy")
REQUIRES: dict[str, tuple[str, ...]] = {
    "pandas": ("numpy", "python-dateutil", "pytz", "tzdata"),
    "scikit-learn": (*_NUMERIC, "joblib", "threadpoolctl"),
    "scipy": ("numpy",),
    "statsmodels": (*_NUMERIC, "pandas", "patsy", "packaging"),
    "seaborn": ("numpy", "pandas", "matplotlib"),
    "matplotlib": ("numpy", "pillow", "pyparsing", "python-dateutil", "packaging", "kiwisolver"),
    "xgboost": _NUMERIC,
    "lightgbm": _NUMERIC,
    "catboost": (*_NUMERIC, "pandas", "matplotlib", "plotly", "graphviz", "six"),
    "imbalanced-learn": (*_NUMERIC, "scikit-learn", "joblib", "threadpoolctl"),
    "shap": (*_NUMERIC, "scikit-learn", "pandas", "tqdm", "numba", "cloudpickle", "packaging"),
    "torchvision": ("torch", "numpy", "pillow"),
    "torchaudio": ("torch",),
    "transformers": (
        "numpy", "huggingface-hub", "tokenizers", "safetensors", "tqdm", "requests", "pyyaml",
        "regex", "packaging", "filelock",
    ),
    "sentence-transformers": (
        "transformers", "torch", "scikit-learn", "scipy", "huggingface-hub", "tqdm", "pillow",
    ),
    "datasets": ("numpy", "pandas", "pyarrow", "requests", "tqdm", "huggingface-hub", "pyyaml"),
    "tensorflow": ("numpy", "keras", "h5py", "protobuf", "packaging", "requests"),
    "keras": ("numpy", "h5py", "packaging", "rich"),
    "opencv-python": ("numpy",),
    "nltk": ("click", "joblib", "regex", "tqdm"),
    "streamlit": (
        "numpy", "pandas", "pillow", "requests", "protobuf", "altair", "pyarrow", "click",
        "tornado", "packaging",
    ),
    "gradio": (
        "numpy", "pandas", "pillow", "fastapi", "pydantic", "httpx", "huggingface-hub",
        "jinja2", "pyyaml", "uvicorn",
    ),
    "fastapi": ("pydantic", "starlette", "typing-extensions"),
    "flask": ("werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "blinker"),
    "requests": ("urllib3", "idna", "certifi", "charset-normalizer"),
    "openai": ("httpx", "pydantic", "tqdm", "anyio", "distro", "typing-extensions"),
    "langchain": ("langchain-core", "pydantic", "pyyaml", "requests", "sqlalchemy"),
    "langchain-core": ("pydantic", "pyyaml", "tenacity", "packaging", "jsonpatch"),
    "mlflow": ("numpy", "pandas", "scipy", "scikit-learn", "flask", "sqlalchemy", "pyyaml"),
}  # fmt: skip


def installed_with(distribution: str, declared: Iterable[str]) -> str | None:
    """A declared distribution that installs `distribution`, one that requires it directly
    first, else through another; None when none does. Names are normalised (PEP 503)."""
    roots = sorted(declared)
    direct = next((root for root in roots if distribution in REQUIRES.get(root, ())), None)
    if direct is not None:
        return direct
    for root in roots:
        seen, stack = {root}, [root]
        while stack:
            for required in REQUIRES.get(stack.pop(), ()):
                if required == distribution:
                    return root
                if required not in seen:
                    seen.add(required)
                    stack.append(required)
    return None
