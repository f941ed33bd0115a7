"""The desktop program: local encrypted store and the Qt user interface."""
