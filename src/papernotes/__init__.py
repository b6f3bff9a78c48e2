"""papernotes: a static site generator for folders of research paper notes."""

__version__ = "0.1.0"
