"""Crafted text cannot make the per-file content scans run for long (no quadratic patterns).

A bound, not a speed measurement: each input below took minutes before (40 KB of `curl ` took
10 s in the data-source scan, and the cost grew with the square of the size).
"""

from __future__ import annotations

import time

import pytest

from portfolio_lint.scanners.data_sources import scan_data

SIZE = 400_000  # ~0.1 s each when linear; hours when quadratic
CRAFTED = {
    "curl without a target": "curl ",
    "wget without a target": "wget -q ",
    "URL without an extension": "http://",
    "URL of dots": "http://a.",
    "raw GitHub without a data file": "https://raw.githubusercontent.com/x",
    "hub download never closed": "hf_hub_download(",
    "snapshot download never closed": "snapshot_download(",
    "dataset loader never closed": "datasets.MNIST(",
}


@pytest.mark.parametrize("unit", CRAFTED.values(), ids=CRAFTED.keys())
def test_data_source_scan_is_linear_on_crafted_lines(unit: str) -> None:
    text = unit * (SIZE // len(unit))
    start = time.perf_counter()
    scan_data(text)
    assert time.perf_counter() - start < 10


def test_the_bounded_scan_still_finds_what_people_write() -> None:
    text = (
        "curl -L https://example.org/files/housing.csv -o data/housing.csv\n"
        'hf_hub_download(repo_id="acme/reviews", filename="train.csv", repo_type="dataset")\n'
    )
    found = {hit.message: hit.line for hit in scan_data(text)}
    assert found["download command"] == 1
    assert found["data URL"] == 1
    assert found["Hugging Face dataset"] == 2
