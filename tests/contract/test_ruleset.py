"""RuleSet: the rules file's JSON form, rules served by the centre, and bad rules files."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from sync.contract import RuleSet, default_rules, validate
from sync.contract.regions import RegionTree
from sync.contract.resource_files import read_resource_text
from sync.contract.rule_kinds import KINDS, RuleError
from sync.contract.samples import sample_records
from tests.helpers.contract_records import TODAY, valid_record


def shipped() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(read_resource_text("rules/rules.json"))
    return data


def test_the_json_form_round_trips() -> None:
    data = shipped()
    rules = RuleSet.from_json(data)
    assert rules.to_json() == data
    assert RuleSet.from_json(json.loads(json.dumps(rules.to_json()))).to_json() == data


def test_default_rules_are_loaded_once() -> None:
    assert default_rules() is default_rules()
    assert default_rules().version == shipped()["version"]


def test_every_kind_is_used_by_the_shipped_rules() -> None:
    assert {r.kind for r in default_rules().rules} == set(KINDS)


def test_rules_from_the_centre_judge_the_same_way() -> None:
    served = RuleSet.from_json(json.loads(json.dumps(default_rules().to_json())))
    for record in [*sample_records(300, seed=5), valid_record()]:
        record["employment_form"] = None  # break one rule too
        assert validate(record, today=TODAY, rules=served) == validate(
            record, today=TODAY, rules=default_rules()
        )


def test_a_newer_version_changes_what_the_worker_reads() -> None:
    data = shipped()
    data["version"] = "2025.1"
    rule = next(r for r in data["rules"] if r["id"] == "R-EMP-FORM")
    rule["message"] = "已就业的，请选择就业形式"
    rule["severity"] = "warning"
    rules = RuleSet.from_json(data)
    record = valid_record()
    record["employment_form"] = None
    (finding,) = validate(record, today=TODAY, rules=rules)
    assert (finding.message, finding.severity) == ("已就业的，请选择就业形式", "warning")


def test_a_rule_may_carry_its_own_codes() -> None:
    data = shipped()
    rule = next(r for r in data["rules"] if r["id"] == "R-CODE-EDUCATION")
    del rule["code_list"]
    rule["codes"] = [1, 2, 3]
    record = valid_record()  # education 6
    assert [f.rule_id for f in validate(record, today=TODAY, rules=RuleSet.from_json(data))] == [
        "R-CODE-EDUCATION"
    ]


def test_another_region_list_replaces_the_shipped_one() -> None:
    tree = RegionTree.from_csv_text(
        "code,name,short_name,parent_code,level\n"
        "620000,甘肃省,甘肃,,province\n620100,兰州市,兰州,620000,prefecture\n"
        "620102,城关区,,620100,county\n"
    )
    rules = RuleSet.from_json(shipped(), regions=tree)
    record = valid_record()  # region 620102001, a township the small list lacks
    assert [f.rule_id for f in validate(record, today=TODAY, rules=rules)] == ["R-REGION"]
    record["region_code"] = "620102"
    assert validate(record, today=TODAY, rules=rules) == []


RULES = len(shipped()["rules"])


def broken(change: Any) -> dict[str, Any]:
    data = copy.deepcopy(shipped())
    change(data)
    return data


def rule(data: dict[str, Any], rule_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in data["rules"] if r["id"] == rule_id)
    return found


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("version"), "'version' is missing"),
        (lambda d: d.update(rules={}), "'rules' is not a list"),
        (lambda d: d.pop("format_messages"), "format_messages"),
        (lambda d: d["format_messages"].pop("date"), "no format message for date"),
        (lambda d: d["rules"].append("x"), f"rule number {RULES + 1}: not a JSON object"),
        (lambda d: rule(d, "R-PHONE").update(kind="telephone"), "R-PHONE: unknown kind"),
        (lambda d: rule(d, "R-PHONE").update(regex="(["), "R-PHONE: bad regex"),
        (lambda d: rule(d, "R-PHONE").pop("regex"), "R-PHONE: 'regex' is missing"),
        (lambda d: rule(d, "R-PHONE").update(severity="fatal"), "R-PHONE: severity"),
        (lambda d: rule(d, "R-PHONE").update(fields=[]), "R-PHONE: 'fields'"),
        (lambda d: rule(d, "R-PHONE").update(fields=["telephone"]), "R-PHONE: unknown fields"),
        (lambda d: rule(d, "R-PHONE").update(message=""), "R-PHONE: 'message'"),
        (lambda d: rule(d, "R-PHONE").update(id="R-NAME-FORMAT"), "R-NAME-FORMAT appears twice"),
        (lambda d: rule(d, "R-CODE-HUKOU").update(code_list="nope"), "unknown code list"),
        (lambda d: rule(d, "R-EMP-FORM").update({"if": {"equals": 1}}), "'if' names no field"),
        (lambda d: rule(d, "R-EMP-FORM").update({"if": {"field": "x"}}), "'if' needs"),
        (lambda d: rule(d, "R-TRAIN-TYPE").update(scope="people"), "unknown scope"),
        (lambda d: rule(d, "R-GRAD-YEAR-RANGE").update(max="now"), "'max' is a year"),
        (lambda d: rule(d, "R-CERT-ID").update(part="suffix"), "part is id, category or level"),
        (lambda d: rule(d, "R-EMP-DATE-AGE").update(age="16"), "'age' has the wrong type"),
        (lambda d: rule(d, "R-REQ-NAME").update(fields=["name", "id_number"]), "exactly one"),
        (lambda d: rule(d, "R-NAME-FORMAT").update(fields=["name", "surveyor"]), "exactly one"),
        (lambda d: rule(d, "R-TRAIN-COUNT").update(max=-1), "'max' is a count, 0 or more"),
        (lambda d: rule(d, "R-TRAIN-COUNT").update(max="20"), "'max' has the wrong type"),
        (lambda d: rule(d, "R-TRAIN-COUNT").pop("max"), "'max' is missing"),
    ],
)
def test_a_bad_rules_file_is_refused_naming_the_rule(change: Any, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        RuleSet.from_json(broken(change))


def test_rule_errors_are_value_errors() -> None:
    # Callers that load rules served by the centre catch ValueError and keep their own.
    assert issubclass(RuleError, ValueError)
    with pytest.raises(ValueError, match="not a JSON object"):
        RuleSet.from_json([])  # type: ignore[arg-type]
