"""A cell value made safe for a spreadsheet: the one place that decides how the program
writes text into the CSV and XLSX files it makes, and how it reads its own escaping back.

Spreadsheet programs run a cell that begins with ``=``, ``+``, ``-`` or ``@`` (some also
after a tab or a carriage return) as a formula: a name or an address such as
``=HYPERLINK("http://…","点我")`` written as it stands becomes a live link, or a command, on
the computer of whoever opens the export (OWASP "CSV injection"). So:

- XLSX: every text goes in as a text cell (type ``s``, never ``f`` or ``e``), which a
  spreadsheet shows and never runs. Numbers the program made (counts, rates, codes) are
  numbers and stay numbers; only ``str`` values are touched. XML cannot hold control
  characters (other than tab and line breaks): each becomes U+FFFD, rather than the whole
  export failing on one stored text.
- CSV has no cell types: a text that begins with one of those characters is written with a
  single quote ``'`` before it, the spreadsheet programs' own "this is text" marker.

Reading back (:func:`read_text`, applied to every text cell of every CSV or XLSX file read):
a text made of one or more ``'`` followed by one of those characters loses its first ``'``.
This is sound because the writers escape exactly so that the rule inverts them:

- CSV writes ``'`` before every text matching ``'*[=+-@\\t\\r]`` (any quotes, then a formula
  character). Escaped texts then match ``'+[=+-@\\t\\r]`` and the texts left alone never do,
  so removing one quote from those that match gives back every original text, including
  one that began with a quote of its own (``'=x`` is written ``''=x`` and read as ``'=x``).
- XLSX writes ``'`` before a text matching ``'+[=+-@\\t\\r]`` only (the text cell already
  keeps the others from running, and the staff see no quote on them): the same reading rule
  inverts it too. A CSV export opened and saved again as XLSX by a spreadsheet program that
  keeps the quote therefore still imports as the original text.

A file that did not come from the program loses a leading quote only where one stands
before a formula character, which is how a spreadsheet program treats it too: there the
quote is a marker, never part of the value. Every other text is read exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# What a spreadsheet program may take for the start of a formula.
FORMULA_STARTS = "=+-@\t\r"
_NEEDS_QUOTE_CSV = re.compile(f"'*[{re.escape(FORMULA_STARTS)}]")
_QUOTED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")
# Control characters XML (so XLSX) cannot hold: openpyxl refuses the whole file for one.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"


def csv_text(value: Any) -> Any:
    """``value`` as a CSV cell: a text that a spreadsheet would run gets a ``'`` first."""
    if isinstance(value, str) and _NEEDS_QUOTE_CSV.match(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    """A row of CSV cells made safe (see :func:`csv_text`)."""
    return [csv_text(v) for v in values]


def xlsx_value(sheet: Any, value: Any) -> Any:
    """``value`` for ``sheet.append``: a text always as a text cell, anything else as it is.

    openpyxl makes a text that begins with ``=`` a formula and ``#N/A`` and the like an
    error cell; such a text goes in as a cell of ``sheet`` forced to type ``s``. A control
    character XML cannot hold becomes U+FFFD: one stored text never stops a whole export.
    """
    if not isinstance(value, str):
        return value
    if _NOT_IN_XML.search(value):
        value = _NOT_IN_XML.sub(REPLACEMENT, value)
    if _QUOTED.match(value):
        value = "'" + value
    if value[:1] in ("=", "#"):
        from openpyxl.cell.cell import ERROR_CODES, Cell

        if value.startswith("=") or value in ERROR_CODES:
            cell = Cell(sheet, row=1, column=1, value=value)  # append places it
            cell.data_type = "s"
            return cell
    return value


def xlsx_row(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row for ``sheet.append`` whose texts are all text cells (see :func:`xlsx_value`)."""
    return [xlsx_value(sheet, v) for v in values]


def read_text(value: Any) -> Any:
    """A cell read from a CSV or XLSX file, with the writers' escaping undone."""
    if isinstance(value, str) and value[:1] == "'" and _QUOTED.match(value):
        return value[1:]
    return value
