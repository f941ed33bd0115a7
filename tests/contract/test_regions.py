"""The region tree: the shipped list's counts, lookups, containment, bad lists."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest

from sync.contract.regions import REGIONS_RESOURCE, RegionTree, default_tree
from sync.contract.resource_files import read_resource_text


def test_the_shipped_file_holds_the_province_its_prefectures_counties_and_townships() -> None:
    rows = list(csv.DictReader(io.StringIO(read_resource_text(REGIONS_RESOURCE))))
    counts = Counter(row["level"] for row in rows)
    assert counts == {"province": 1, "prefecture": 14, "county": 88, "township": 1403}
    tree = default_tree()
    assert len(tree) == len(rows)
    assert Counter(r.level for r in tree.all()) == counts


def test_lookups_by_code() -> None:
    tree = default_tree()
    lanzhou = tree.get("620100")
    assert lanzhou is not None
    assert (lanzhou.name, lanzhou.short_name, lanzhou.level) == ("兰州市", "兰州", "prefecture")
    assert tree.get("629999") is None
    # A county without a short name in the list is reported under its full name.
    new_area = tree.get("620171")
    assert new_area is not None
    assert (new_area.name, new_area.short_name, new_area.parent_code) == (
        "兰州新区",
        "兰州新区",
        "620100",
    )


def test_children_ancestors_and_descendants() -> None:
    tree = default_tree()
    assert len(tree.children("620000")) == 14
    assert [r.code for r in tree.children("620200")] == ["620201"]
    assert [r.code for r in tree.children("620201")][:2] == ["620201001", "620201002"]
    assert [r.code for r in tree.ancestors("620201001")] == ["620201", "620200", "620000"]
    assert tree.ancestors("620000") == []
    assert tree.ancestors("nowhere") == []
    below = tree.descendants("620000")
    assert len(below) == len(tree) - 1
    seen: set[str] = {"620000"}
    for region in below:  # parents come before their children
        assert region.parent_code in seen
        seen.add(region.code)
    assert all(r.level == "township" for r in tree.descendants("620171"))


def test_contains() -> None:
    tree = default_tree()
    assert tree.contains("620000", "620171101")
    assert tree.contains("620100", "620171101")  # 兰州新区 lies in 兰州
    assert tree.contains("620171", "620171101")
    assert tree.contains("620171101", "620171101")
    assert not tree.contains("620200", "620171101")
    assert not tree.contains("620171101", "620171")
    assert not tree.contains("620000", "999999")
    assert not tree.contains("999999", "999999")
    townships = [r for r in tree.all() if r.level == "township"]
    assert all(tree.contains("620000", r.code) for r in townships)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("code,name\n620000,甘肃省\n", "missing columns"),
        ("code,name,short_name,parent_code,level\n620000,甘肃省,,,state\n", "row 1: level"),
        ("code,name,short_name,parent_code,level\n62000,甘肃省,,,province\n", "row 1: code"),
        ("code,name,short_name,parent_code,level\n620000,,,,province\n", "row 1: name"),
        (
            "code,name,short_name,parent_code,level\n620000,甘肃省,,,province\n"
            "620100,兰州市,,629900,prefecture\n",
            "parent 629900 is unknown",
        ),
        (
            "code,name,short_name,parent_code,level\n620000,甘肃省,,,province\n"
            "620000,甘肃省,,,province\n",
            "appears twice",
        ),
    ],
)
def test_a_bad_list_names_the_row(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        RegionTree.from_csv_text(text)


def test_from_rows_round_trips_to_rows() -> None:
    tree = default_tree()
    again = RegionTree.from_rows(tree.to_rows())
    assert again.all() == tree.all()
