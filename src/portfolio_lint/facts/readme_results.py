"""Find reported results in README prose and tables: a metric name next to a number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio_lint.facts.readme import Readme, Table

METRIC_WORDS = (
    r"accuracy|acc|balanced accuracy|top-?[15] accuracy|f1(?:[\s-]?score)?|f-?score|f-?measure"
    r"|auc|roc(?:[\s-]?auc)?|pr[\s-]?auc|auprc|rmse|rmsle|mae|mse|mape|smape|r2|r²|r\^2"
    r"|r-squared|bleu(?:-[1-4])?|rouge(?:-[12l]|-lsum)?|meteor|chrf|cider|spice|iou|miou|dice"
    r"|precision|recall|wape|wmape|mase|crps|pinball loss"
    r"|perplexity|ppl|wer|cer|latency|throughput|loss|log[\s-]?loss|error rate|kappa|mcc"
    r"|ndcg(?:@\d+)?|mrr|hit rate|psnr|ssim|fid|exact match|specificity|sensitivity|score"
    r"|точность|полнота|ошибка|precisión|exactitud|exactitude|précision|rappel|genauigkeit"
    r"|präzision|acurácia|precisão|revocación|sensibilidad"
)
METRIC = re.compile(
    rf"(?<![\w-])(?:{METRIC_WORDS})(?![\w-])|\bmAP(?:@[\d.:]+)?\b"
    r"|准确率|准确度|精确率|精度|召回率|误差|正确率",
    re.IGNORECASE,
)
# mAP is only a metric in that spelling; "map" is an ordinary word.
PLAIN_MAP = re.compile(r"^map", re.IGNORECASE)
NOISE = re.compile(
    r"https?://\S+|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bv?\d+\.\d+\.\d+\S*"
    r"|\b(?:python|version|v|py)\s?\d+(?:\.\d+)*|\btop-?\d+|@\s?\d+(?:[.:]\d+)*"
    r"|\b(?:k|n|epochs?|batch(?:[\s_-]size)?|seed)\s?[=:]?\s?\d+",
    re.IGNORECASE,
)
# A decimal comma (0,91; 23,4) is a number too; 1,000 is a thousands separator, not a decimal.
VALUE = re.compile(
    r"(?<![\w.,])(\d+(?:[.,]\d+)?\s?%|\d*\.\d+|0,\d+|\d+,\d{1,2}(?![\d,])|\d+)"
    r"(?![\w.]|[.,]\d)"
)
INTEGER_LEAD = re.compile(
    r"^\W{0,3}(?:(?:of|is|was|=|:|≈|~|about|around|reached|achieved|"
    r"at|under|below|only)\s*){1,2}$",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class ReportedResult:
    """A metric and a number reported together, with the line it sits on."""

    line: int
    evidence: str


def _metrics(text: str) -> list[re.Match[str]]:
    return [
        m
        for m in METRIC.finditer(text)
        if not (PLAIN_MAP.match(m.group(0)) and not m.group(0).startswith("mAP"))
    ]


def _is_measure(value: str, lead: str) -> bool:
    """Decimals and percentages are measurements; bare integers only right after `:`/`of`..."""
    if "%" in value or "." in value or "," in value:
        return True
    return not YEAR.match(value) and bool(INTEGER_LEAD.match(lead))


def metric_with_value(text: str, window: int = 40) -> str | None:
    """The first `metric ... number` or `number metric` pair in a line of prose."""
    cleaned = NOISE.sub(lambda m: " " * len(m.group(0)), text)
    for metric in _metrics(cleaned):
        after = cleaned[metric.end() : metric.end() + window].split("\n", 1)[0]
        for value in VALUE.finditer(after):
            if _is_measure(value.group(1), after[: value.start()]):
                return text[metric.start() : metric.end() + value.end()].strip()
        before = cleaned[max(0, metric.start() - 15) : metric.start()]
        value_before = list(VALUE.finditer(before))
        if value_before and ("%" in value_before[-1].group(1) or "." in value_before[-1].group(1)):
            return f"{value_before[-1].group(1)} {metric.group(0)}"
    return None


def _numeric(cell: str) -> bool:
    cleaned = NOISE.sub(" ", cell)
    return any(_is_measure(v.group(1), "") for v in VALUE.finditer(cleaned))


def table_result(table: Table) -> str | None:
    """A results table: a metric column with numbers, or a metric row with numbers."""
    metric_columns = [i for i, cell in enumerate(table.header) if _metrics(cell)]
    for row in table.rows:
        if any(i < len(row) and _numeric(row[i]) for i in metric_columns):
            return " | ".join(table.header)
        if row and _metrics(row[0]) and any(_numeric(cell) for cell in row[1:]):
            return " | ".join(row)
    return None


def reported_results(readme: Readme) -> list[ReportedResult]:
    """Results stated in the README's prose and tables (code blocks are examples, not results)."""
    found: list[ReportedResult] = []
    for table in readme.tables:
        evidence = table_result(table)
        if evidence:
            found.append(ReportedResult(table.line, evidence))
    for block in readme.blocks:
        if block.kind == "cell":
            continue
        for offset, line in enumerate(block.text.split("\n")):
            evidence = metric_with_value(line)
            if evidence:
                found.append(ReportedResult(block.line + offset, evidence))
    return found
