"""Fixtures and samples shared by the tests of several docs rules."""

from __future__ import annotations

INTRO = (
    "This project predicts customer churn for a telecom operator from twelve months of"
    " billing and support data, so that the retention team can call at-risk customers.\n"
)


LONG = "# Churn\n\n" + INTRO
