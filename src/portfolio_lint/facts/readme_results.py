"""Find reported results in README prose and tables: a metric name next to a number."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio_lint.facts.readme import Readme, Table, TextBlock

METRIC_WORDS = (
    r"accuracy|acc|balanced accuracy|top-?[15] accuracy|f1(?:[\s-]?score)?|f-?score|f-?measure"
    r"|auc|roc(?:[\s-]?auc)?|pr[\s-]?auc|auprc|rmse|rmsle|mae|mse|mape|smape|r2|r²|r\^2"
    r"|r-squared|bleu(?:-[1-4])?|rouge(?:-[12l]|-lsum)?|meteor|chrf|cider|spice|iou|miou|dice"
    r"|precision|recall|wape|wmape|mase|crps|pinball loss"
    r"|perplexity|ppl|wer|cer|latency|throughput|loss|log[\s-]?loss|error rate|kappa|mcc"
    r"|ndcg(?:@\d+)?|mrr|hit rate|psnr|ssim|fid|exact match|specificity|sensitivity|score"
    r"|точность|полнота|ошибка|precisión|exactitud|exactitude|précision|rappel|genauigkeit"
    r"|präzision|acurácia|precisão|revocación|sensibilidad"
    # spelled out
    r"|(?:root\s+)?mean\s+(?:squared|absolute)(?:\s+percentage)?(?:\s+log(?:arithmic)?)?\s+error"
    r"|r[\s-]squared|coefficient\s+of\s+determination|area\s+under\s+(?:the\s+)?(?:roc\s+)?curve"
    r"|(?:word|character)\s+error\s+rate|mean\s+average\s+precision|intersection\s+over\s+union"
    r"|f1[\s-]?macro|macro[\s-]f1|weighted[\s-]f1|micro[\s-]f1"
)
METRIC = re.compile(
    rf"(?<![\w-])(?:{METRIC_WORDS})(?![\w-])|\bmAP(?:@[\d.:]+)?\b"
    r"|准确率|准确度|精确率|精度|召回率|误差|正确率",
    re.IGNORECASE,
)
# mAP is only a metric in that spelling; "map" is an ordinary word (MAPE is a metric).
PLAIN_MAP = re.compile(r"^map(?![a-z])", re.IGNORECASE)
NOISE = re.compile(
    r"https?://\S+|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bv?\d+\.\d+\.\d+\S*"
    r"|\b(?:python|version|v|py)\s?\d+(?:\.\d+)*|\btop-?\d+|@\s?\d+(?:[.:]\d+)*"
    r"|\b(?:k|n|epochs?|batch(?:[\s_-]size)?|seed)\s?[=:]?\s?\d+"
    # a UI range "(0-100%)", "0 to 1"; a JSON field of an example response '"score": 0.9'
    r"|\(?\b0(?:\.0)?\s?%?\s?(?:-|–|—|to)\s?(?:100|10|1\.0|1)\s?%?\)?"
    r"|[\"'][\w ]+[\"']\s*:\s*-?[\d.]+"
    r"|\b(?:sections?|sec\.|§|steps?|chapter|figure|fig\.|table|phase|stage)\s*\d+(?:\.\d+)*"
    r"|\s[*×]\s[$€£]?\d+(?:\.\d+)?",  # a factor in a formula: "(FN * $150)", not **bold**
    re.IGNORECASE,
)
# A goal or a requirement, not a result: "Target accuracy: 90% or higher".
GOAL = re.compile(
    r"\b(?:target|goal|aim(?:s|ing)?\s+(?:for|to|at)|objective|requirement|required|must"
    r"|should|at\s+least|or\s+(?:higher|better|above|more|greater)|minimum|expected\s+to"
    r"|threshold|warning|alert|critical)|[≥≤]|[<>]=?\s?\d",
    re.IGNORECASE,
)
# A decimal comma (0,91; 23,4) is a number too; 1,000 is a thousands separator, not a decimal.
# 23,400 is a thousands-grouped integer; $23,400 and €1.2 are money (an error in currency).
VALUE = re.compile(
    r"(?<![\w.,])([$€£]\s?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[$€£]\s?\d+(?:\.\d+)?[kKmM]?"
    r"|\d+(?:[.,]\d+)?\s?%|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|0,\d+"
    r"|\d+,\d{1,2}(?![\d,])|\d+)"
    r"(?!\w|[.,]\d)"
)
THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+$")
INTEGER_LEAD = re.compile(
    r"^\W{0,3}(?:(?:of|is|was|=|:|≈|~|about|around|reached|achieved|"
    r"at|under|below|only)\s*){1,2}$",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(19|20)\d\d$")
RESULTS_HEADING = re.compile(
    r"results?|performance|evaluation|metrics?|benchmarks?|scores?|findings|outcomes?"
    r"|model comparison|comparison|leaderboard|resultados?|r[ée]sultats?|ergebnisse|leistung"
    r"|desempe[ñn]o|rendimiento|результаты|метрики|оценка|结果|性能|评估|実験結果",
    re.IGNORECASE,
)
# Under a Results heading: "Logistic Regression: 85%", "XGBoost — 0.91", "- SVM - 88.5 %".
MODEL_SCORE = re.compile(
    r"^[\s*>+-]*(?:\d+[.)]\s*)?\**[A-Za-z][\w .()+/-]{1,40}?\**\s*(?::|—|–|-|=|→)\s*\**"
    r"(\d{1,3}(?:[.,]\d+)?\s?%|0?[.,]\d{2,})\**(?!\w|[.,]\d)"
)


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
    """Decimals, percentages and money are measurements; integers only right after `:`/`of`..."""
    if value[0] in "$€£" or "%" in value:
        return True
    if THOUSANDS.match(value):
        return bool(INTEGER_LEAD.match(lead))
    if "." in value or "," in value:
        return True
    return not YEAR.match(value) and bool(INTEGER_LEAD.match(lead))


def metric_with_value(text: str, window: int = 40) -> str | None:
    """The first `metric ... number` or `number metric` pair in a line of prose."""
    if GOAL.search(text):
        return None
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
    if GOAL.search(cell):
        return False
    cleaned = NOISE.sub(" ", cell)
    return any(
        _is_measure(v.group(1), ":" if THOUSANDS.match(v.group(1)) else "")
        for v in VALUE.finditer(cleaned)
    )


def table_result(table: Table) -> str | None:
    """A results table: a metric column with numbers, or a metric row with numbers."""
    metric_columns = [i for i, cell in enumerate(table.header) if _metrics(cell)]
    for row in table.rows:
        if any(i < len(row) and _numeric(row[i]) for i in metric_columns):
            return " | ".join(table.header)
        if row and _metrics(row[0]) and any(_numeric(cell) for cell in row[1:]):
            if GOAL.search(row[0]):
                continue
            return " | ".join(row)
    return None


def tab_separated_tables(block: TextBlock) -> list[Table]:
    """Tables pasted as tab-separated lines (from a spreadsheet or a notebook printout)."""
    lines = [line for line in block.text.split("\n") if "\t" in line]
    if len(lines) < 2:
        return []
    cells = [tuple(cell.strip() for cell in line.split("\t") if cell.strip()) for line in lines]
    return [Table(cells[0], tuple(cells[1:]), block.line)]


def _results_sections(readme: Readme) -> list[tuple[int, int | None]]:
    """Line ranges of the sections headed Results, Performance, Evaluation..."""
    headings = list(readme.headings)
    ranges = []
    for index, heading in enumerate(headings):
        if RESULTS_HEADING.search(heading.text):
            end = next((h.line for h in headings[index + 1 :] if h.level <= heading.level), None)
            ranges.append((heading.line, end))
    return ranges


def _in(line: int, ranges: list[tuple[int, int | None]]) -> bool:
    return any(start < line and (end is None or line < end) for start, end in ranges)


def model_score(line: str) -> str | None:
    """A model name followed by a percentage or a score, as listed under a Results heading."""
    match = None if GOAL.search(line) else MODEL_SCORE.match(line)
    return match.group(0).strip(" *-+>") if match else None


def reported_results(readme: Readme) -> list[ReportedResult]:
    """Results stated in the README's prose and tables (code blocks are examples, not results)."""
    found: list[ReportedResult] = []
    sections = _results_sections(readme)
    tables = list(readme.tables)
    for block in readme.blocks:
        if block.kind == "paragraph":
            tables.extend(tab_separated_tables(block))
    for table in tables:
        evidence = table_result(table) or (_in(table.line, sections) and _scored_table(table))
        if evidence:
            found.append(ReportedResult(table.line, evidence))
    for block in readme.blocks:
        if block.kind == "cell":
            continue
        results_section = _in(block.line, sections)
        for offset, line in enumerate(block.text.split("\n")):
            evidence = metric_with_value(line) or (model_score(line) if results_section else None)
            if evidence:
                found.append(ReportedResult(block.line + offset, evidence))
    return found


def _scored_table(table: Table) -> str | None:
    """Under a Results heading, a table whose rows carry percentages or 0.xx scores."""
    for row in table.rows:
        if any(MODEL_SCORE.match(f"score: {cell}") for cell in row[1:]):
            return " | ".join(table.header)
    return None
