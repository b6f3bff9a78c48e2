"""Comparison tables: papers as rows and their attributes as columns (topic pages, ```papers
blocks), and the side-by-side comparison page with the data it reads."""

from __future__ import annotations

COMPARE_SRC = "compare.md"
"""The comparison page's source path (generated, like the Papers page)."""
DATA_SRC = "compare/papers.json"
"""The published papers' attributes, read by the comparison page in the browser."""
