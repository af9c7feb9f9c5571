"""Find the README sentence that states the task: what is predicted, generated or answered.

A word count is not the test: "Predicts which telecom customers will cancel next month from
their billing history" states a task in 14 words, while 30 words of tech-stack list do not. An
untouched framework template (Create React App, Vite, cookiecutter) states nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portfolio_lint.facts.readme import CJK, Readme, TextBlock, count_words

TASK = re.compile(
    r"\b(?:predict|forecast|classif|categori[sz]|detect|recogni[sz]|generat|recommend|answer"
    r"|question|summari[sz]|translat|segment|estimat|identif|diagnos|flag|retriev|infer"
    r"|extract|transcrib|cluster|analy[sz]|explor|insight|anomal|fraud|filter|assess|screen"
    r"|caption|chat|convers|assistant|search|personali[sz]|optimi[sz]|simulat|triage|moderat"
    r"|prioriti[sz])\w*|\bscoring\b"
    r"|\b(?:lets?|allows?|enables?|helps?)\s+(?:\w+\s+){0,2}(?:users?|you|people|teams?|analysts?"
    r"|doctors?|clinicians?|customers?|students?|businesses|companies|managers?|buyers?)\b"
    # Spanish, Portuguese, French, German, Italian, Indonesian, Vietnamese
    r"|\b(?:predic|predec|prediz|prever|prevê|previs|pronostic|clasific|classific|détect|detecta|gener|recomend|recommand"
    r"|empfehl|respond|répond|pergunt|pregunt|estim|analis|analiz|vorhersag|prognos|klassifiz"
    r"|erkenn|beantwort|schätz|prédi|prévoi|memprediksi|prediksi|klasifikasi|mendeteksi|deteksi"
    r"|rekomendasi|menjawab)\w*"
    r"|dự đoán|phân loại|nhận diện|phát hiện|trả lời|hỏi đáp|tư vấn"
    r"|предсказ|прогноз|классифи|распозна|генерир|рекоменд|отвеча|определя|оцени|выявля|анализ"
    r"|预测|分类|识别|检测|生成|推荐|回答|问答|分析|予測|分類|検出|생성|예측|분류",
    re.IGNORECASE,
)
# Tool names: a sentence made mostly of them is a tech-stack list, not a problem statement.
TECH_NAMES = (
    "python pandas numpy scikit-learn sklearn scipy tensorflow keras pytorch torch streamlit"
    " gradio fastapi flask django docker kubernetes k8s mlflow dvc airflow prefect langchain"
    " llamaindex openai groq gemini gpt gpt-4 gpt-4o llama llama3 mistral claude react vite"
    " node nodejs typescript javascript html css tailwind matplotlib seaborn plotly xgboost"
    " lightgbm catboost jupyter notebook notebooks aws gcp azure postgres postgresql mongodb"
    " redis faiss chromadb chroma pinecone qdrant huggingface hugging face transformers sql"
    " sqlite git github actions ci cd ci/cd uvicorn pydantic nginx render heroku vercel"
    " optuna shap lime evidently grafana prometheus spark pyspark opencv cv2 pillow nltk"
    " spacy bert roberta tf-idf tfidf sentence-transformers ollama pdf pypdf api rest"
)
TECH = frozenset(TECH_NAMES.split())
STACK_OPENER = re.compile(
    r"^\W*(?:tech(?:nology)?\s+stack|technologies|tools|stack|libraries|built\s+(?:with|using)"
    r"|made\s+with|powered\s+by|dependencies|requirements)\b",
    re.IGNORECASE,
)
# Sections where a task-like sentence is an instruction or a credit, not the problem.
SKIPPED_SECTION = re.compile(
    r"^[^\w]*(?:\d+[.)]?\s*)?(?:how\s+to\s+)?(?:install|setup|set up|getting started|usage"
    r"|how to run|running|quick ?start|deploy|docker"
    r"|licen[cs]e|contribut|acknowledg|credit|reference|citation|cite|contact|author|support"
    r"|tech(?:nology)? stack|technologies|tools|requirements|dependencies|structure|tree"
    r"|endpoint|api reference|troubleshoot|faq|changelog|roadmap|todo|future)",
    re.IGNORECASE,
)
TEMPLATE_MARKERS = (
    ("Create React App", re.compile(r"bootstrapped with \[?Create React App", re.I)),
    ("create-next-app", re.compile(r"bootstrapped with \[?`?create-next-app", re.I)),
    ("React + Vite", re.compile(r"minimal setup to get React working in Vite", re.I)),
    (
        "Vue + Vite",
        re.compile(r"This template should help get you started developing with Vue", re.I),
    ),
    (
        "cookiecutter",
        re.compile(
            r"cookiecutter data science project template|^A short description of the project\.?$",
            re.I | re.M,
        ),
    ),
)
SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s+|\n(?=\s*(?:[-*+>|]|\d+[.)]))")
TREE = re.compile(r"[├└│]|<-")
MIN_WORDS = 6
MIN_CJK_CHARS = 8
MAX_TECH_SHARE = 0.35


@dataclass(frozen=True)
class Statement:
    """The sentence that states the task, and where it sits."""

    line: int
    text: str


def template_name(readme: Readme) -> str | None:
    """The framework whose untouched template README this is, or None."""
    return next((name for name, marker in TEMPLATE_MARKERS if marker.search(readme.text)), None)


def problem_statement(readme: Readme) -> Statement | None:
    """The first sentence outside instruction sections that says what the project does.

    In a framework template only what the author wrote above the template's text counts.
    """
    template_line = _template_line(readme)
    for block in _candidate_blocks(readme):
        if template_line is not None and block.line >= template_line:
            break
        for sentence in SENTENCE_END.split(block.text):
            if states_task(sentence):
                return Statement(block.line, " ".join(sentence.split())[:160])
    return None


def _template_line(readme: Readme) -> int | None:
    starts = [
        readme.text.count("\n", 0, match.start()) + 1
        for _, marker in TEMPLATE_MARKERS
        if (match := marker.search(readme.text))
    ]
    return min(starts, default=None)


def states_task(sentence: str) -> bool:
    """A sentence long enough to say something, naming a task, and not a list of tools."""
    sentence = sentence.strip()
    if TREE.search(sentence) or STACK_OPENER.match(sentence) or not TASK.search(sentence):
        return False
    if CJK.search(sentence):
        return len(CJK.findall(sentence)) >= MIN_CJK_CHARS
    words = re.findall(r"[\w+#./-]+", sentence.lower())
    if len(words) < MIN_WORDS:
        return False
    tech = sum(word.strip("./") in TECH for word in words)
    return tech / len(words) < MAX_TECH_SHARE and sentence.count(",") < len(words) / 3


def _candidate_blocks(readme: Readme) -> list[TextBlock]:
    headings = list(readme.headings)
    skipped: list[tuple[int, int | None]] = []
    for index, heading in enumerate(headings):
        if heading.level > 1 and SKIPPED_SECTION.search(heading.text):
            end = next((h.line for h in headings[index + 1 :] if h.level <= heading.level), None)
            skipped.append((heading.line, end))
    return [
        block
        for block in readme.blocks
        if block.kind in ("paragraph", "html")
        and count_words(block.text) > 0
        and not any(
            start < block.line and (end is None or block.line < end) for start, end in skipped
        )
    ]
