"""The desktop program's screens (PySide6): login, entry form, lists, queue, conflicts.

Screens call the store through small operations run off the GUI thread
(:mod:`desktop.ui.operations`); nothing here opens a database session or a socket itself.
"""
