"""Bibliographies: libraries in, citations, cite blocks, authors and venues."""
