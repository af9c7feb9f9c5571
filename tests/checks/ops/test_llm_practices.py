"""Tests of OPS007 llm-practices: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import RAG, TRAIN

GOLDEN = '{"question": "How many leave days?", "answer": "25"}\n'


def test_evaluated_templated_keyed_and_capped_passes(make_repo, run_rule):
    files = {
        "rag/answer.py": RAG,
        "prompts/answer.txt": "Answer from the context only.\n{c}\n{q}\n",
        "eval/golden.jsonl": GOLDEN,
    }
    result = run_rule("OPS007", make_repo(files))
    assert result.status is Status.PASSED
    assert "token guard: token limit (rag/answer.py:14)" in result.summary


def test_a_bare_llm_script_fails_on_all_four(make_repo, run_rule):
    script = (
        "from openai import OpenAI\n\nclient = OpenAI(api_key='placeholder')\n"
        "reply = client.chat.completions.create(model='gpt-4o-mini', messages=["
        "{'role': 'user', 'content': f'Summarise {text}'}])\n"
    )
    result = run_rule("OPS007", make_repo({"chat.py": script}))
    assert result.status is Status.FAILED
    assert [f.message.split(";")[0] for f in result.findings] == [
        "No evaluation set or evaluation tests",
        "Prompts are string literals in the code",
        "API keys are not read from the environment",
        "No cost or token-limit guard on the model calls",
    ]


def test_tests_importing_the_rag_code_count_as_evaluation(make_repo, run_rule):
    test = (
        "from rag.answer import answer\n\n\n"
        "def test_leave():\n    assert '25' in answer('x', 'y')\n"
    )
    files = {"rag/answer.py": RAG, "tests/test_answer.py": test}
    result = run_rule("OPS007", make_repo(files))
    assert "evaluation: tests over the LLM code (tests/test_answer.py:1)" in result.summary


def test_a_training_pipeline_is_not_judged_on_llm_practices(make_repo, run_rule):
    assert run_rule("OPS007", make_repo({"train.py": TRAIN})).status is Status.NOT_APPLICABLE


def test_a_local_model_needs_no_key_and_a_limit_in_a_config_module_counts(make_repo, run_rule):
    chat = (
        "import ollama\n\nfrom settings import OPTIONS\n\n"
        "ollama.chat(model='llama3', options=OPTIONS)\n"
    )
    settings = "OPTIONS = {'num_predict': 256, 'temperature': 0}\n"
    result = run_rule("OPS007", make_repo({"chat.py": chat, "settings.py": settings}))
    assert "keys: a local model: no API key (chat.py:1)" in result.summary
    assert "token guard: token limit (settings.py:1)" in result.summary
