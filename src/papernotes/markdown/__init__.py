"""markdown-it-py set up for Obsidian-flavoured notes, plus walkers that read structure from tokens."""

from papernotes.markdown.parser import make_parser

__all__ = ["make_parser"]
