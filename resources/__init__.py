"""Data files shipped with the program, loaded with importlib.resources."""
