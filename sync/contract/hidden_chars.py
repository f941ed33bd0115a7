"""Characters nobody sees: what the normaliser removes from text, and what validation refuses.

*Hidden* characters are the format characters (Unicode category Cf: zero-width spaces and
joiners, the byte order mark, soft hyphens...), the other default-ignorable code points
(Hangul fillers, variation selectors...) and the control characters that are not white
space. Typed or pasted into a name or an address, they make two equal-looking texts
differ (a person registered twice escapes duplicate detection) and say nothing: the
normaliser removes them.

*Bidirectional controls* (U+202A-202E, U+2066-2069, the marks U+200E, U+200F, U+061C)
reorder how a text is shown, so that what a reviewer reads is not what is stored: they
are never removed silently but refused, for the worker to retype the text.

The ranges are written out (Unicode 15.1) rather than read from :mod:`unicodedata` at
import time, which would cost a scan of every code point at each start; a test checks that
every Cf character of the running Python is covered.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Format characters (Cf) and default-ignorable code points, bidirectional controls excepted.
_HIDDEN_RANGES = (
    "\u00ad\u034f\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200d\u2060-\u2065\u206a-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
    "\ufff0-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)
# Control characters other than white space (white space becomes one space instead).
_CONTROLS = "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
_BIDI = "".join(sorted(BIDI_CONTROLS))

_HIDDEN = re.compile(f"[{_HIDDEN_RANGES}{_CONTROLS}]+")
# What a stored text may not hold: hidden characters, bidirectional controls, and white
# space other than the plain space (tabs, line breaks, ...). ``NOT_PLAIN.search(text)`` is
# None for plain text (the rules call it directly: it is their hot loop).
NOT_PLAIN = re.compile(f"[{_HIDDEN_RANGES}{_CONTROLS}{_BIDI}\t-\r\x1c-\x1f\x85\u2028\u2029]")
_SPACES = re.compile(r"\s+")
# A hidden character or any white space: text without one is already clean (most CJK text).
_HIDDEN_OR_SPACE = re.compile(f"[{_HIDDEN_RANGES}{_CONTROLS}\\s]")


def is_hidden(char: str) -> bool:
    """True for a character the normaliser removes from text."""
    return _HIDDEN.fullmatch(char) is not None


def remove_hidden(text: str) -> str:
    """``text`` without its hidden characters (bidirectional controls are kept)."""
    return _HIDDEN.sub("", text)


def visible_nfkc(text: str) -> str:
    """``text`` in NFKC without hidden characters. They go first, as removing one may bring
    a letter and a combining mark together; NFKC makes no hidden character or bidirectional
    control out of any other character (a test checks every one)."""
    return unicodedata.normalize("NFKC", _HIDDEN.sub("", text))


def is_plain(text: str) -> bool:
    """True when the text holds no hidden character, no bidirectional control and no white
    space but the plain space."""
    return NOT_PLAIN.search(text) is None


def clean_text(text: str) -> str:
    """Free text as stored: hidden characters removed, each run of white space (the
    ideographic space included) one plain space, none at either end."""
    if _HIDDEN_OR_SPACE.search(text) is None:
        return text
    if not (text.isascii() and text.isprintable()):
        text = _HIDDEN.sub("", text)
    return _SPACES.sub(" ", text).strip()
