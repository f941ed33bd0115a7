"""The centre's review (审核) in words: why a record was returned, by whom and when.

One place for the text the 待同步 list and the entry form's banner both show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from sync.contract.fields import FIELDS_BY_NAME

if TYPE_CHECKING:
    from sync.contract.review_wire import ReviewState


def who_and_when(review: ReviewState) -> str:
    """``county1，2026-12-03 14:05`` (local time); empty when the centre sent neither."""
    parts = [review.by or ""]
    if review.at is not None:
        parts.append(review.at.astimezone().strftime("%Y-%m-%d %H:%M"))
    return "，".join(p for p in parts if p)


def field_notes(review: ReviewState) -> list[str]:
    """Each field comment as ``label：comment``, in the order of the record's fields."""
    order = list(FIELDS_BY_NAME)
    named = sorted(review.field_comments.items(), key=lambda item: order.index(item[0]))
    return [
        QCoreApplication.translate("ReviewNotes", "{0}: {1}").format(
            FIELDS_BY_NAME[name].label, text
        )
        for name, text in named
    ]


def review_note(review: ReviewState) -> str:
    """The comment, who returned it and when, then the comments on fields."""
    text = review.comment or ""
    by = who_and_when(review)
    if by:
        text = QCoreApplication.translate("ReviewNotes", "{0} ({1})").format(text, by)
    return "；".join([text, *field_notes(review)])
