"""The one place the program's version lives."""

__version__ = "0.1.0"
