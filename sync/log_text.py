"""Values from outside (a device id, a username, an address) made safe to put in a log line.

A value a client sent may hold a newline, a carriage return, terminal escapes or
bidirectional controls; logged as sent, it could write a line of its own that looks like the
program's. :func:`loggable` escapes every control, format and separator character (and the
backslash, so that an escape cannot be faked) the way ``repr`` does, and bounds the length.
Every log call that includes a client-supplied value passes it through here.
"""

from __future__ import annotations

import unicodedata

# Longer values are cut: a log line is for reading, not for storing a body.
MAX_LOGGED = 200
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escaped(char: str) -> str:
    if char in _SHORT:
        return _SHORT[char]
    # C*: control, format (zero-width, bidi), surrogate, private use, unassigned;
    # Zl and Zp: the line and paragraph separators.
    if unicodedata.category(char)[0] != "C" and unicodedata.category(char) not in ("Zl", "Zp"):
        return char
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def loggable(value: object) -> str:
    """``value`` as text that stays on one line and shows every character it holds."""
    text = str(value)
    shown = "".join(_escaped(char) for char in text[:MAX_LOGGED])
    if len(text) > MAX_LOGGED:
        shown += f"…({len(text)} characters)"
    return shown
