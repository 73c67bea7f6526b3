"""nicepick: a static site generator for opinionated "X vs Y" comparison sites."""

__version__ = "0.1.0"
