"""Small projects of each kind, shared by the OPS rule tests."""

from __future__ import annotations

from tests.notebooks import notebook_json

TRAIN = (
    "import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\n\n\n"
    "def main() -> None:\n    rows = pd.read_csv('data/loans.csv')\n"
    "    model = LogisticRegression()\n    model.fit(rows[['income']], rows['default'])\n"
)
API = (
    "from fastapi import FastAPI\nfrom pydantic import BaseModel\n\napp = FastAPI()\n\n\n"
    "class Loan(BaseModel):\n    income: float\n\n\n@app.get('/health')\n"
    "def health() -> dict:\n    return {'status': 'ok'}\n\n\n@app.post('/predict')\n"
    "def predict(loan: Loan) -> dict:\n    return {'default': loan.income < 10}\n"
)
FLASK_API = (
    "from flask import Flask, request\n\napp = Flask(__name__)\n\n\n@app.post('/predict')\n"
    "def predict():\n    return {'default': request.json['income'] < 10}\n"
)
STUDY = notebook_json(
    "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier",
    "df = pd.read_csv('titanic.csv')\nRandomForestClassifier().fit(df[['age']], df['survived'])",
)
RAG = (
    "import os\nfrom pathlib import Path\n\nfrom openai import OpenAI\n\n"
    "client = OpenAI(api_key=os.environ['OPENAI_API_KEY'])\n"
    "PROMPT = Path('prompts/answer.txt').read_text()\n\n\n"
    "def answer(question: str, context: str) -> str:\n"
    "    reply = client.chat.completions.create(\n        model='gpt-4o-mini',\n"
    "        messages=[{'role': 'user', 'content': PROMPT.format(q=question, c=context)}],\n"
    "        max_tokens=400,\n    )\n    return reply.choices[0].message.content\n"
)
GOOD_DOCKERFILE = (
    "FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\n"
    "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
    'RUN useradd -m app\nUSER app\nCMD ["uvicorn", "api.main:app", "--host", "0.0.0.0"]\n'
)
