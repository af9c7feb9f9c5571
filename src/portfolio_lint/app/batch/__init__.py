"""Batch grading: many student repositories, graded in isolation, cached and resumable."""
