"""Fixtures and samples shared by the tests of several ci rules."""

from __future__ import annotations

WF = ".github/workflows/ci.yml"


PYTEST_WF = """name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
      - run: pip install -r requirements.txt
      - run: |
          python -m pytest -q
"""


LINT_WF = """on: push
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install flake8 pytest
      - run: flake8 src tests
      - run: black --check .
"""


STUB_WF = """name: CI
on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: echo "Hello, world!"
      - name: Run a multi-line script
        run: |
          echo Add other actions to build,
          echo test, and deploy your project.
"""


JENKINS = """pipeline {
  agent any
  stages {
    stage('Test') { steps { sh 'pip install -r requirements.txt && pytest tests/' } }
  }
}
"""


JENKINS_STUB = """pipeline {
  agent any
  stages {
    stage('Build') { steps { echo 'Building..' } }
    // stage('Test') { steps { sh 'pytest' } }
  }
}
"""


GITLAB = """stages: [test]
.base: &base
  image: python:3.11
unit:
  <<: *base
  stage: test
  script:
    - pip install -e .
    - !reference [.setup, script]
    - poetry run pytest --cov
"""
