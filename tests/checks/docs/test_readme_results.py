"""Tests of DOC005 readme-results: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status


@pytest.mark.parametrize(
    ("readme", "passed"),
    [
        ("The model reaches an accuracy of 0.93 on the held-out set.\n", True),
        ("We got **F1: 0.87** against a 0.71 baseline.\n", True),
        ("92% accuracy on the test set.\n", True),
        ("| Model | RMSE | MAE |\n|---|---|---|\n| XGBoost | 3.21 | 2.10 |\n", True),
        ("| Metric | Value |\n|---|---|\n| ROC-AUC | 0.91 |\n", True),
        ("Точность модели на тесте: 0.91\n", True),
        ("测试集准确率 92%\n", True),
        ("mAP@50 = 0.61 on COCO val.\n", True),
        ("| Модель | Точность | F1 |\n|---|---|---|\n| RuBERT | 0,91 | 0,90 |\n", True),
        ("Точность 0,91 на тестовой выборке.\n", True),
        ("WAPE 18.2% vs 24.9% for the seasonal naive baseline.\n", True),
        ("CIDEr 112.4 and BLEU-4 0.36 on the Karpathy test split.\n", True),
        ("RMSE: 23,400 on the hold-out year.\n", True),
        ("Test accuracy: **93.4%**\n", True),
        ("| Metric | Target |\n|---|---|\n| AUC-ROC | >= 0.85 |\n", False),
        ("Alerts: high error rate (warning: >5%).\n", False),
        ("| Metric | Formula |\n|---|---|\n| Cost score | FN * $150 + FP * $15 |\n", False),
        ("The model reaches an R² of 0.82.\n", True),
        ("MAPE 8.5% over the last quarter.\n", True),
        ("La exactitud del modelo es 85,47%.\n", True),
        ("The mean absolute error is $23,400 per house.\n", True),
        ("Mean Squared Error: 0.031\n", True),
        ("Root Mean Squared Error of 3.2 kWh on the test weeks.\n", True),
        ("| Metric | Value |\n|---|---|\n| RMSE | 23,400 |\n", True),
        ("Model\tAccuracy\tF1\nLogistic Regression\t0.85\t0.81\nXGBoost\t0.91\t0.88\n", True),
        ("## Results\n\n- Logistic Regression: 85%\n- Random Forest: 91%\n", True),
        ("## Model Performance\n\nXGBoost — 91.2%\n", True),
        ("## Results\n\n| Model | Test |\n|---|---|\n| SVM | 88.5% |\n", True),
        ("## Résultats\n\n* Forêt aléatoire : 0.87\n", True),
        ("We evaluate accuracy on 1,000 held-out images.\n", False),
        ("Target accuracy: 90% or higher.\n", False),
        ("## Goals\n\nReach an F1 score of at least 0.8 on the test set.\n", False),
        ("The app shows a confidence score (0-100%) next to each answer.\n", False),
        ('The API answers `{"prediction": 1, "probability": 0.87}`.\n', False),
        ('Response: {"churn_probability": 0.73, "score": 0.73}\n', False),
        ("## Results\n\n- Logistic Regression works best\n- TensorFlow 2.15\n", False),
        ("## Evaluation\n\n1. Run: python eval.py --split test\n", False),
        ("| Model | Accuracy |\n|---|---|\n| BERT | TBD |\n", False),
        ("Our model achieves high accuracy.\n", False),
        ('Example response:\n\n```json\n{"label": "churn", "score": 0.93}\n```\n', False),
        (
            "Requires Python 3.10 and scikit-learn 1.4.2; accuracy is reported in the notebook.\n",
            False,
        ),
        ("![accuracy](https://img.shields.io/badge/accuracy-93%25-green)\n", False),
        ("Trained for 20 epochs; the loss goes down nicely. Updated 2024-03-01.\n", False),
        ("We report top-5 accuracy and F1 score in the paper.\n", False),
        ("| Step | Command |\n|---|---|\n| 1 | train |\n", False),
    ],
)
def test_readme_results(make_repo, run_rule, readme, passed):
    result = run_rule("DOC005", make_repo({"README.md": "# Demo\n\n" + readme}))
    assert (result.status is Status.PASSED) is passed


def test_rst_results_table(make_repo, run_rule):
    table = (
        "Results\n-------\n\n============  =======  ======\nModel         PR-AUC   Recall\n"
        "============  =======  ======\nLogReg        0.71     0.62\n"
        "============  =======  ======\n"
    )
    result = run_rule("DOC005", make_repo({"README.rst": "Fraud\n=====\n\n" + table}))
    assert result.status is Status.PASSED
    assert result.summary.startswith("README.rst:7")
