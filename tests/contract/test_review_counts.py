"""The review figures' JSON form reads back as the figures it was written from, and a
malformed one is refused by name (what a laptop reads from the centre's report)."""

from __future__ import annotations

import pytest

from sync.contract.review_rates import ReviewCounts


def test_the_json_form_reads_back_as_the_same_figures() -> None:
    counts = ReviewCounts(records=9, reviewed=4, ever_reviewed=6, returned=3)
    assert counts.as_json() == {
        "review_rate": {"numerator": 4, "denominator": 9, "rate": 44.44},
        "return_rate": {"numerator": 3, "denominator": 6, "rate": 50.0},
    }
    assert ReviewCounts.from_json(counts.as_json()) == counts
    assert ReviewCounts.from_json(ReviewCounts().as_json()) == ReviewCounts()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (None, "reviews: expected {review_rate, return_rate}"),
        ({"review_rate": {"numerator": 1, "denominator": 2}}, "reviews: expected"),
        (
            {
                "review_rate": {"numerator": 1, "denominator": "2"},
                "return_rate": {"numerator": 0, "denominator": 0},
            },
            "reviews: numerators and denominators are counts",
        ),
        (
            {
                "review_rate": {"numerator": -1, "denominator": 2},
                "return_rate": {"numerator": 0, "denominator": True},
            },
            "reviews: numerators and denominators are counts",
        ),
    ],
)
def test_a_malformed_json_form_is_refused_by_name(data: object, reason: str) -> None:
    with pytest.raises(ValueError, match="^" + reason.replace("{", r"\{").replace("}", r"\}")):
        ReviewCounts.from_json(data)
