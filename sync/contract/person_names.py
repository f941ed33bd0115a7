"""Persons' names: their one stored form, and what a name may be made of.

A name is written as on the identity card: Chinese characters (any CJK extension, and 〇),
or letters of another script for a minority name (Tibetan and Mongolian included, with
their combining marks), parts of a name joined by the middle dot ``·``; a space only
between two words of a script other than Chinese (``Mary Smith``). Nothing else: no
digit, no symbol (``=HYPERLINK(...)`` is no name), no invisible character.

The stored form (:func:`clean_name`) is NFKC (full-width letters, compatibility
ideographs), without hidden characters (:mod:`sync.contract.hidden_chars`), with the dot's
look-alikes (``•``, ``・``, ``‧``...) folded to one ``·`` and no space next to a Chinese
character or a dot. Bidirectional controls are kept, for :func:`is_person_name` to refuse.
Duplicate detection compares names in this form.
"""

from __future__ import annotations

import re
import unicodedata

from sync.contract.hidden_chars import visible_nfkc

MIDDLE_DOT = "·"
_DOT_LIKE = "\u0387\u16eb\u2022\u2027\u2219\u22c5\u2e31\u30fb\ua78f\uff65"
_DOTS = str.maketrans(dict.fromkeys(_DOT_LIKE, MIDDLE_DOT))
# Tibetan syllables are separated by the tsheg (U+0F0B), a punctuation mark within a name.
_TSHEG = "\u0f0b"
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_SPACES = re.compile(r"\s+")
_SPACE_BY_HAN_OR_DOT = re.compile(f" (?=[{_HAN}{MIDDLE_DOT}])|(?<=[{_HAN}{MIDDLE_DOT}]) ")
_DOT_RUNS = re.compile(f"{MIDDLE_DOT}{{2,}}")
# Most names: Chinese characters of the basic blocks, perhaps joined by the middle dot.
_PLAIN_HAN_NAME = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+(?:·[\u3400-\u4dbf\u4e00-\u9fff]+)*")


def clean_name(text: str) -> str:
    """The stored form of a name as typed ("" when nothing is left)."""
    if _PLAIN_HAN_NAME.fullmatch(text):
        return text  # most names: NFKC keeps these characters, and there is no space
    if not (text.isascii() and text.isprintable()):
        text = visible_nfkc(text).translate(_DOTS)
    text = _SPACES.sub(" ", text).strip()
    if " " in text:
        text = _SPACE_BY_HAN_OR_DOT.sub("", text)
    if MIDDLE_DOT in text:
        text = _DOT_RUNS.sub(MIDDLE_DOT, text)
    return text


def _is_han(char: str) -> bool:
    return char == "\u3007" or unicodedata.name(char, "").startswith("CJK ")


def is_person_name(text: str) -> bool:
    """True when ``text`` is a name in its stored form, made of what names are made of."""
    if _PLAIN_HAN_NAME.fullmatch(text):
        return True
    if not text or not unicodedata.is_normalized("NFKC", text) or clean_name(text) != text:
        return False
    before = ""  # what came before: "han", "letter", "dot" or "space"
    for char in text:
        if char == MIDDLE_DOT:
            if before not in ("han", "letter"):
                return False
            before = "dot"
        elif char == " ":
            if before != "letter":
                return False
            before = "space"
        elif char == _TSHEG:
            if before != "letter":
                return False
        else:
            category = unicodedata.category(char)
            if category[0] == "M":  # a combining mark belongs to the letter before it
                if before not in ("han", "letter"):
                    return False
            elif category[0] == "L" or char == "\u3007":
                kind = "han" if _is_han(char) else "letter"
                if before == "space" and kind != "letter":
                    return False
                before = kind
            else:
                return False
    return before in ("han", "letter")
